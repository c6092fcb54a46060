package authority

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/server/devidp"
)

func TestDeviceGrantAtTheDevelopmentProvider(t *testing.T) {
	idp := startIDP(t, devidp.Config{DevicePollInterval: time.Second})
	p := discoverIDP(t, idp, nil)
	if !p.CanUseDevice() {
		t.Fatal("discovery found no device authorization endpoint")
	}
	d, err := p.StartDevice(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if d.UserCode == "" || !strings.HasPrefix(d.VerificationURI, idp.Issuer()) || d.Interval != time.Second ||
		!strings.Contains(d.VerificationURIComplete, d.UserCode) || !d.Expires.After(time.Now()) {
		t.Fatalf("device code %+v", d)
	}
	approved := make(chan error, 1)
	go func() {
		acct, _ := devidp.DemoAccount(devidp.KinshipCarer)
		approved <- devidp.ApproveDevice(t.Context(), nil, d.VerificationURI, d.UserCode, acct.Username, acct.Password)
	}()
	tok, err := p.WaitDevice(t.Context(), d)
	if err != nil {
		t.Fatal(err)
	}
	if err := <-approved; err != nil {
		t.Fatal(err)
	}
	acct, _ := devidp.DemoAccount(devidp.KinshipCarer)
	if sub := verifiedSubject(t, idp, tok); sub != acct.Subject {
		t.Fatalf("subject %q, want the kinship carer's %q", sub, acct.Subject)
	}
}

// fakeDeviceProvider is a minimal provider on loopback whose token
// endpoint answers the device grant's polls from a script, recording when
// each poll came.
type fakeDeviceProvider struct {
	srv     *httptest.Server
	mu      sync.Mutex
	answers []string // error codes; "" means issue the token, "drop" hangs up
	polls   []time.Time
	issued  time.Time
}

func newFakeDeviceProvider(t *testing.T, answers ...string) *fakeDeviceProvider {
	f := &fakeDeviceProvider{answers: answers}
	mux := http.NewServeMux()
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	issuer := f.srv.URL
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{
			"issuer": issuer, "authorization_endpoint": issuer + "/authorize", "token_endpoint": issuer + "/token",
			"device_authorization_endpoint": issuer + "/device", "jwks_uri": issuer + "/keys",
		})
	})
	mux.HandleFunc("/device", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.issued = time.Now()
		f.mu.Unlock()
		writeJSON(w, 200, map[string]any{
			"device_code": "dev-123", "user_code": "ABCD-EFGH", "verification_uri": issuer + "/device/verify",
			"verification_uri_complete": issuer + "/device/verify?user_code=ABCD-EFGH", "expires_in": 600, "interval": 1,
		})
	})
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("device_code") != "dev-123" || r.FormValue("client_id") != "hearth-app" ||
			r.FormValue("grant_type") != "urn:ietf:params:oauth:grant-type:device_code" {
			writeJSON(w, 400, map[string]string{"error": "invalid_request"})
			return
		}
		f.mu.Lock()
		f.polls = append(f.polls, time.Now())
		answer := "authorization_pending"
		if len(f.answers) > 0 {
			answer, f.answers = f.answers[0], f.answers[1:]
		}
		f.mu.Unlock()
		if answer == "drop" { // the wifi drops mid-poll
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		if answer != "" {
			writeJSON(w, 400, map[string]string{"error": answer})
			return
		}
		writeJSON(w, 200, map[string]any{"access_token": "at-1", "token_type": "Bearer", "refresh_token": "rt-1", "expires_in": 300})
	})
	return f
}

func (f *fakeDeviceProvider) provider(t *testing.T) *Provider {
	t.Helper()
	p, err := Discover(t.Context(), Settings{Issuer: f.srv.URL, ClientID: "hearth-app", APIURL: f.srv.URL, Scopes: []string{"openid"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// RFC 8628 section 3.5: after slow_down the interval grows by 5 seconds
// for this and every later poll. The gaps are lower bounds the client
// must keep, so checking them cannot flake on a slow machine.
func TestDeviceGrantSlowsDownWhenAsked(t *testing.T) {
	if testing.Short() {
		t.Skip("waits about seven seconds of real polling interval")
	}
	f := newFakeDeviceProvider(t, "slow_down", "")
	p := f.provider(t)
	d, err := p.StartDevice(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	tok, err := p.WaitDevice(t.Context(), d)
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken != "at-1" || tok.RefreshToken != "rt-1" {
		t.Fatalf("token %+v", tok)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.polls) != 2 {
		t.Fatalf("%d polls, want 2", len(f.polls))
	}
	if gap := f.polls[0].Sub(f.issued); gap < time.Second {
		t.Errorf("first poll after %v, before the 1s interval", gap)
	}
	if gap := f.polls[1].Sub(f.polls[0]); gap < 6*time.Second {
		t.Errorf("poll after slow_down came after %v, want at least 1s + 5s", gap)
	}
}

func TestDeviceGrantReportsDeclinedAndExpiredCodes(t *testing.T) {
	for answer, want := range map[string]error{"access_denied": ErrSignInDenied, "expired_token": ErrDeviceCodeExpired} {
		t.Run(answer, func(t *testing.T) {
			t.Parallel()
			f := newFakeDeviceProvider(t, "authorization_pending", answer)
			p := f.provider(t)
			d, err := p.StartDevice(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.WaitDevice(t.Context(), d); !errors.Is(err, want) {
				t.Fatalf("want %v, got %v", want, err)
			}
			if IsRetryable(err) {
				t.Fatal("a declined or expired code is not worth retrying")
			}
		})
	}
}

func TestDeviceGrantResumesWithTheSameCodeAfterANetworkFailure(t *testing.T) {
	f := newFakeDeviceProvider(t, "drop", "")
	p := f.provider(t)
	d, err := p.StartDevice(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.WaitDevice(t.Context(), d); err == nil || !IsRetryable(err) {
		t.Fatalf("want a retryable network error, got %v", err)
	}
	tok, err := p.WaitDevice(t.Context(), d)
	if err != nil || tok.AccessToken != "at-1" {
		t.Fatalf("resuming: %v, %v", tok, err)
	}
}
