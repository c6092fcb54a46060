package devidp

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
)

// The app finds everything through discovery (no provider is hard-coded),
// so discovery must advertise what the app relies on, and Endpoint must
// agree with it.
func TestDiscoveryAdvertisesWhatTheAppNeeds(t *testing.T) {
	p := start(t, Config{})
	resp, err := http.Get(p.Issuer() + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var d struct {
		Issuer     string   `json:"issuer"`
		Auth       string   `json:"authorization_endpoint"`
		Token      string   `json:"token_endpoint"`
		Device     string   `json:"device_authorization_endpoint"`
		JWKS       string   `json:"jwks_uri"`
		Grants     []string `json:"grant_types_supported"`
		PKCE       []string `json:"code_challenge_methods_supported"`
		AuthMethod []string `json:"token_endpoint_auth_methods_supported"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
		t.Fatalf("discovery document: %v", err)
	}
	e := p.Endpoint()
	if d.Issuer != p.Issuer() || d.Auth != e.AuthURL || d.Token != e.TokenURL || d.Device != e.DeviceAuthURL || d.JWKS == "" {
		t.Errorf("discovery %+v disagrees with Endpoint %+v / issuer %s", d, e, p.Issuer())
	}
	for _, g := range []string{"authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"} {
		if !slices.Contains(d.Grants, g) {
			t.Errorf("grant %q not advertised: %v", g, d.Grants)
		}
	}
	if !slices.Contains(d.PKCE, "S256") {
		t.Errorf("S256 not advertised: %v", d.PKCE)
	}
	if !slices.Contains(d.AuthMethod, "none") {
		t.Errorf("public clients (auth method none) not advertised: %v", d.AuthMethod)
	}
}
