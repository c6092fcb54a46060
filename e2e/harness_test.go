package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/app/apptest"
	"github.com/hearth-app/hearth/authority"
	"github.com/hearth-app/hearth/server"
	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/devidp"
	"github.com/hearth-app/hearth/server/store"
)

// quiet discards the logs of the provider and the server, which would
// otherwise bury a failure's own output.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// la is a running local authority: the development OpenID provider and
// the reference server on loopback, the server checking the provider's
// tokens with the real verifier. skew moves the verifier's clock, so a
// test can make a token expire without waiting for it.
type la struct {
	t     testing.TB
	idp   *devidp.Provider
	store store.Store
	url   string
	skew  atomic.Int64 // nanoseconds added to the verifier's clock

	staffMu  sync.Mutex
	staffTok *oauth2.Token
}

// startLA starts a provider and a server on st until the test ends.
func startLA(t testing.TB, st store.Store) *la {
	t.Helper()
	ctx := context.Background()
	idp, err := devidp.Start(ctx, devidp.Config{Logger: quiet})
	if err != nil {
		t.Fatalf("start the development provider: %v", err)
	}
	t.Cleanup(func() { _ = idp.Close() })
	l := &la{t: t, idp: idp, store: st}
	v, err := auth.NewVerifier(ctx, auth.Config{
		Issuer: idp.Issuer(), Audience: idp.APIAudience(),
		StaffClaim: devidp.StaffClaim, StaffValue: devidp.StaffValue,
		Now: func() time.Time { return time.Now().Add(time.Duration(l.skew.Load())) },
	})
	if err != nil {
		t.Fatalf("token verifier: %v", err)
	}
	// The rate limit is lifted: these tests are one trusted client
	// making hundreds of calls, which is not what the limit is about.
	srv := httptest.NewServer(server.New(server.Config{Store: st, Authenticator: v, Logger: quiet, RatePerSecond: 1e6, Burst: 1e6}))
	t.Cleanup(srv.Close)
	l.url = srv.URL
	return l
}

// settings is the connection file the LA publishes, pointing the app at
// apiURL (the server, or a proxy in front of it).
func (l *la) settings(apiURL string) authority.Settings {
	return authority.Settings{Name: "Test Borough Council", Issuer: l.idp.Issuer(), ClientID: l.idp.AppClientID(),
		APIURL: apiURL, Scopes: devidp.SignInScopes}
}

// token signs username in to clientID through the provider's login page.
func (l *la) token(username, clientID string) *oauth2.Token {
	l.t.Helper()
	tok, err := l.idp.SignIn(context.Background(), nil, clientID, username, username+"-demo")
	if err != nil {
		l.t.Fatalf("sign in as %s for %s: %v", username, clientID, err)
	}
	return tok
}

// staffToken is the LA worker's access token, signed in once per LA.
func (l *la) staffToken() string {
	l.staffMu.Lock()
	defer l.staffMu.Unlock()
	if l.staffTok == nil {
		l.staffTok = l.token(devidp.LAWorker, l.idp.AppClientID())
	}
	return l.staffTok.AccessToken
}

// call makes one plain JSON request with bearer token tok and decodes a
// 2xx answer into out (when not nil). It returns the status and, for
// anything else, the reason the server gave.
func (l *la) call(tok, method, path string, body, out any) (int, string) {
	l.t.Helper()
	var rd io.Reader = http.NoBody
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			l.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, l.url+path, rd)
	if err != nil {
		l.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		l.t.Fatalf("%s %s: read the answer: %v", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		var e api.Error
		_ = json.Unmarshal(raw, &e)
		return resp.StatusCode, e.Reason
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			l.t.Fatalf("%s %s: decode %q: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode, ""
}

// staff makes a call as the LA worker that must succeed.
func (l *la) staff(method, path string, body, out any) {
	l.t.Helper()
	if status, reason := l.call(l.staffToken(), method, path, body, out); status/100 != 2 {
		l.t.Fatalf("%s %s as staff: %d %s", method, path, status, reason)
	}
}

// issueCode has the LA worker issue an enrolment code for a new
// household, through the API; it returns the code and the scope.
func (l *la) issueCode() (code, scope string) {
	l.t.Helper()
	var c api.EnrolmentCode
	l.staff("POST", "/v1/staff/enrolments", api.EnrolmentCodeRequest{ScopeKind: api.ScopeHousehold}, &c)
	if c.Code == "" || c.Scope == "" {
		l.t.Fatalf("the enrolment code answer is incomplete: %+v", c)
	}
	return c.Code, c.Scope
}

// staffPush sends LA-owned field writes through /v1/staff/push and
// returns their acknowledgements.
func (l *la) staffPush(ops ...api.Operation) []api.Ack {
	l.t.Helper()
	var resp api.PushResponse
	l.staff("POST", "/v1/staff/push", api.PushRequest{Operations: ops}, &resp)
	if len(resp.Results) != len(ops) {
		l.t.Fatalf("staff push of %d operations got %d acknowledgements", len(ops), len(resp.Results))
	}
	return resp.Results
}

// records reads every record of scope from the server's store, by
// kind/id, checking that no record appears twice.
func (l *la) records(scope string) map[string]api.Change {
	l.t.Helper()
	out := map[string]api.Change{}
	f := store.Filter{Scopes: []string{scope}, Limit: api.MaxPage}
	for {
		page, more, err := l.store.Changes(context.Background(), f)
		if err != nil {
			l.t.Fatalf("read scope %s from the server's store: %v", scope, err)
		}
		for _, c := range page {
			if c.Scope != scope {
				continue // the LA's rules record travels to every scope
			}
			key := string(c.Kind) + "/" + c.ID
			if _, dup := out[key]; dup {
				l.t.Fatalf("the server holds record %s twice", key)
			}
			out[key] = c
		}
		if !more {
			return out
		}
		f.Since = page[len(page)-1].Revision
	}
}

// audit returns the server's audit log, oldest first.
func (l *la) audit() []store.Audit {
	l.t.Helper()
	log, err := l.store.AuditLog(context.Background(), 10000)
	if err != nil {
		l.t.Fatalf("read the audit log: %v", err)
	}
	for i, j := 0, len(log)-1; i < j; i, j = i+1, j-1 {
		log[i], log[j] = log[j], log[i]
	}
	return log
}

// signIn signs username in with authority's PKCE flow against the LA's
// provider, the browser played by devidp.BrowserLogin, which then follows
// the loopback redirect so authority's listener receives the code. It
// returns the session.
func signIn(t testing.TB, l *la, username string) *authority.Session {
	t.Helper()
	ctx := context.Background()
	p, err := authority.Discover(ctx, l.settings(l.url), nil)
	if err != nil {
		t.Fatalf("discover the provider: %v", err)
	}
	open := func(authURL string) error {
		back, err := devidp.BrowserLogin(ctx, nil, authURL, username, username+"-demo")
		if err != nil {
			return err
		}
		resp, err := http.Get(back.String())
		if err != nil {
			return fmt.Errorf("follow the loopback redirect: %w", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("the loopback redirect answered %s", resp.Status)
		}
		return nil
	}
	tok, err := p.SignIn(ctx, open)
	if err != nil {
		t.Fatalf("sign in as %s: %v", username, err)
	}
	sess, err := authority.NewSession(p, &authority.MemoryTokens{}, tok)
	if err != nil {
		t.Fatalf("start the session: %v", err)
	}
	return sess
}

// client is an API client for apiURL on sess; timeout 0 is the default.
func client(t testing.TB, apiURL string, sess *authority.Session, timeout time.Duration) *authority.Client {
	t.Helper()
	c, err := authority.NewClient(apiURL, sess, authority.ClientOptions{Timeout: timeout})
	if err != nil {
		t.Fatalf("API client for %s: %v", apiURL, err)
	}
	return c
}

// enrol signs username in and enrols them with a new code for a new
// household, returning their session, a client straight to the server
// and the household's scope.
func enrol(t testing.TB, l *la, username string) (*authority.Session, *authority.Client, string) {
	t.Helper()
	sess := signIn(t, l, username)
	c := client(t, l.url, sess, 0)
	code, scope := l.issueCode()
	me, err := c.Enrol(context.Background(), code)
	if err != nil {
		t.Fatalf("enrol %s: %v", username, err)
	}
	if me.Scope != scope || me.Role != api.RoleCarer {
		t.Fatalf("enrolled as %+v, want carer of %s", me, scope)
	}
	return sess, c, scope
}

// cheapKDF keeps Argon2id fast under the race detector; these stores are
// unlocked from the test keychain, never by passphrase.
var cheapKDF = app.KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}

// household opens a new foster household's store in a temp dir with one
// child placed, ready to record.
func household(t testing.TB) (*app.App, app.Child) {
	t.Helper()
	a, err := app.Open(app.Options{Dir: t.TempDir(), Keychain: apptest.NewKeychain(true), KDF: &cheapKDF})
	if err != nil {
		t.Fatalf("open the app store: %v", err)
	}
	t.Cleanup(func() { _ = a.Close() })
	today := a.Today()
	must(t, a.CompleteSetup(app.Setup{Language: "en", Kind: app.KindFoster, CarerNames: []string{"Jo Carer"}, ApprovalDate: today.AddDate(0, -6, 0)}))
	c := app.Child{Name: "Sam Child", DateOfBirth: today.AddDate(-9, 0, 0), Arrangement: app.ArrangementFoster, PlacementStart: today.AddDate(0, -3, 0)}
	must(t, a.SaveChild(&c))
	return a, c
}

// noWait is a sync policy that retries at once instead of backing off,
// so fault tests never sleep.
var noWait = app.SyncPolicy{
	MaxRetries: 20,
	Sleep:      func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	Jitter:     func(time.Duration) time.Duration { return 0 },
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// decodeAnswer decodes a server answer body, gzipped or not.
func decodeAnswer[T any](h http.Header, body []byte) (T, error) {
	var rd io.Reader = bytes.NewReader(body)
	if h.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(rd)
		if err != nil {
			var zero T
			return zero, err
		}
		rd = zr
	}
	return api.Decode[T](rd)
}
