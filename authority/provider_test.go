package authority

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// discoveryServer serves a discovery document built by doc from the
// server's own address.
func discoveryServer(t *testing.T, doc func(self string) map[string]any) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/openid-configuration" {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, 200, doc(srv.URL))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDiscoverChecksTheDocument(t *testing.T) {
	cases := []struct {
		name, want string
		doc        func(self string) map[string]any
	}{
		{"another issuer", "issuer", func(self string) map[string]any {
			return map[string]any{"issuer": "https://evil.example", "authorization_endpoint": self + "/a", "token_endpoint": self + "/t", "jwks_uri": self + "/k"}
		}},
		{"no token endpoint", "token_endpoint", func(self string) map[string]any {
			return map[string]any{"issuer": self, "authorization_endpoint": self + "/a", "jwks_uri": self + "/k"}
		}},
		{"plain http token endpoint elsewhere", "token_endpoint", func(self string) map[string]any {
			return map[string]any{"issuer": self, "authorization_endpoint": self + "/a", "token_endpoint": "http://login.example.gov.uk/t", "jwks_uri": self + "/k"}
		}},
		{"plain http device endpoint elsewhere", "device_authorization_endpoint", func(self string) map[string]any {
			return map[string]any{"issuer": self, "authorization_endpoint": self + "/a", "token_endpoint": self + "/t",
				"device_authorization_endpoint": "http://login.example.gov.uk/d", "jwks_uri": self + "/k"}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := discoveryServer(t, c.doc)
			_, err := Discover(t.Context(), Settings{Issuer: srv.URL, ClientID: "c", APIURL: srv.URL, Scopes: []string{"openid"}}, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want an error naming %s, got %v", c.want, err)
			}
		})
	}
}

func TestDiscoverFindsTheEndpoints(t *testing.T) {
	srv := discoveryServer(t, func(self string) map[string]any {
		return map[string]any{"issuer": self, "authorization_endpoint": self + "/a", "token_endpoint": self + "/t?p=b2c_1",
			"device_authorization_endpoint": self + "/d", "revocation_endpoint": self + "/r", "jwks_uri": self + "/k"}
	})
	p, err := Discover(t.Context(), Settings{Issuer: srv.URL, ClientID: "c", APIURL: srv.URL, Scopes: []string{"openid"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.endpoint.AuthURL != srv.URL+"/a" || p.endpoint.TokenURL != srv.URL+"/t?p=b2c_1" || p.endpoint.DeviceAuthURL != srv.URL+"/d" ||
		p.revocation != srv.URL+"/r" || !p.CanUseDevice() || p.Settings().ClientID != "c" {
		t.Fatalf("endpoints %+v, revocation %q", p.endpoint, p.revocation)
	}
}

func TestDiscoverRefusesBadSettings(t *testing.T) {
	if _, err := Discover(t.Context(), Settings{Issuer: "http://login.example.gov.uk", ClientID: "c", APIURL: "https://a.example", Scopes: []string{"openid"}}, nil); err == nil {
		t.Fatal("discovered over plain http off this computer")
	}
}
