package authority

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestMarshalTokenRoundTrip(t *testing.T) {
	exp := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	in := &oauth2.Token{AccessToken: "at", RefreshToken: "rt", TokenType: "Bearer", Expiry: exp}
	b, err := MarshalToken(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := UnmarshalToken(b)
	if err != nil {
		t.Fatal(err)
	}
	if out.AccessToken != "at" || out.RefreshToken != "rt" || out.TokenType != "Bearer" || !out.Expiry.Equal(exp) {
		t.Fatalf("round trip gave %+v", out)
	}
}

// An Entra-sized JWT and refresh token together exceed what Windows'
// credential manager holds; the refresh token is what must survive.
func TestMarshalTokenFitsTheKeychainByDroppingTheAccessToken(t *testing.T) {
	in := &oauth2.Token{AccessToken: strings.Repeat("a", 2000), RefreshToken: strings.Repeat("r", 1500), Expiry: time.Now().Add(time.Hour)}
	b, err := MarshalToken(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > MaxStoredToken {
		t.Fatalf("%d bytes, more than %d", len(b), MaxStoredToken)
	}
	out, err := UnmarshalToken(b)
	if err != nil {
		t.Fatal(err)
	}
	if out.RefreshToken != in.RefreshToken || out.AccessToken != "" || out.Valid() {
		t.Fatal("want the refresh token kept and an access token to refresh")
	}
	if _, err := MarshalToken(&oauth2.Token{RefreshToken: strings.Repeat("r", 3000)}); err == nil {
		t.Fatal("accepted a refresh token the keychain cannot hold")
	}
	if _, err := MarshalToken(&oauth2.Token{AccessToken: strings.Repeat("a", 3000)}); err == nil {
		t.Fatal("accepted an oversized access token with no refresh token")
	}
}

func TestUnmarshalTokenRefusesWhatItDidNotWrite(t *testing.T) {
	for _, in := range []string{``, `{}`, `{"v":2,"refresh_token":"r"}`, `{"v":1}`, `not json`} {
		if _, err := UnmarshalToken([]byte(in)); err == nil {
			t.Errorf("accepted %q", in)
		}
	}
	if _, err := MarshalToken(nil); err == nil {
		t.Error("marshalled a nil token")
	}
}
