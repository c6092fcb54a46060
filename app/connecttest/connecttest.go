// Package connecttest runs a real local authority on loopback for the
// tests of app and screens: the development OpenID provider
// (server/devidp) and the reference LA server (package server) on an
// SQLite store, whose verifier checks the provider's tokens. Nothing in it
// is a stand-in: sign-in, enrolment and sync go over HTTP as in use.
package connecttest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server"
	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/devidp"
	"github.com/hearth-app/hearth/server/store"
)

// LA is a running provider and server.
type LA struct {
	t      testing.TB
	IdP    *devidp.Provider
	APIURL string
	Store  store.Store
}

// Start runs both on loopback until the test ends. The provider polls
// the device grant every second, its shortest interval.
func Start(t testing.TB, cfg devidp.Config) *LA {
	t.Helper()
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if cfg.DevicePollInterval == 0 {
		cfg.DevicePollInterval = time.Second
	}
	cfg.Logger = quiet
	idp, err := devidp.Start(ctx, cfg)
	if err != nil {
		t.Fatalf("start the development provider: %v", err)
	}
	t.Cleanup(func() { _ = idp.Close() })
	v, err := auth.NewVerifier(ctx, auth.Config{Issuer: idp.Issuer(), Audience: idp.APIAudience(),
		StaffClaim: devidp.StaffClaim, StaffValue: devidp.StaffValue})
	if err != nil {
		t.Fatalf("token verifier: %v", err)
	}
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "la.db"))
	if err != nil {
		t.Fatalf("open the server's store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	srv := httptest.NewServer(server.New(server.Config{Store: st, Authenticator: v, Logger: quiet, RatePerSecond: 1e6, Burst: 1e6}))
	t.Cleanup(srv.Close)
	return &LA{t: t, IdP: idp, APIURL: srv.URL, Store: st}
}

// Settings is the connection file the LA would publish.
func (la *LA) Settings() []byte {
	b, err := json.Marshal(map[string]any{
		"name": "Test Borough Council", "issuer": la.IdP.Issuer(), "client_id": la.IdP.AppClientID(),
		"api_url": la.APIURL, "scopes": devidp.SignInScopes,
	})
	if err != nil {
		la.t.Fatal(err)
	}
	return b
}

// Login plays the person in the browser for a browser sign-in: it is the
// open function handed to SignInBrowser, signing in as username.
func (la *LA) Login(ctx context.Context, username string) func(string) error {
	return func(authURL string) error {
		back, err := devidp.BrowserLogin(ctx, nil, authURL, username, username+"-demo")
		if err != nil {
			return err
		}
		// The browser follows the redirect to Hearth's loopback listener.
		resp, err := http.Get(back.String())
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("the loopback redirect answered %s", resp.Status)
		}
		return nil
	}
}

// Approve approves a device sign-in as username, as the person would on
// their phone.
func (la *LA) Approve(ctx context.Context, verificationURI, userCode, username string) error {
	return devidp.ApproveDevice(ctx, nil, verificationURI, userCode, username, username+"-demo")
}

// staff calls the server as the demo LA worker.
func (la *LA) staff(method, path string, body, out any) {
	la.t.Helper()
	tok, err := la.IdP.SignIn(context.Background(), nil, la.IdP.AppClientID(), devidp.LAWorker, devidp.LAWorker+"-demo")
	if err != nil {
		la.t.Fatalf("sign in as the LA worker: %v", err)
	}
	b, err := json.Marshal(body)
	if err != nil {
		la.t.Fatal(err)
	}
	req, err := http.NewRequest(method, la.APIURL+path, bytes.NewReader(b))
	if err != nil {
		la.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		la.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		la.t.Fatalf("%s %s as staff: %s %s", method, path, resp.Status, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		la.t.Fatalf("%s %s: decode %q: %v", method, path, raw, err)
	}
}

// IssueCode has the LA worker issue an enrolment code for a new scope of
// the kind given; it returns the code and the scope.
func (la *LA) IssueCode(kind api.ScopeKind) (code, scope string) {
	la.t.Helper()
	var c api.EnrolmentCode
	la.staff("POST", "/v1/staff/enrolments", api.EnrolmentCodeRequest{ScopeKind: kind}, &c)
	return c.Code, c.Scope
}

// SetNeed has the LA worker set a need's status and response.
func (la *LA) SetNeed(scope, needID, status, response string, at time.Time) {
	la.t.Helper()
	la.staffSet(scope, api.KindNeed, needID, map[string]string{"status": status, "response": response}, at)
}

// EndPlacement has the LA worker end a child's placement on the date end.
func (la *LA) EndPlacement(scope, childID string, end, at time.Time) {
	la.t.Helper()
	la.staffSet(scope, api.KindChild, childID, map[string]string{"placement_end": end.Format(time.DateOnly)}, at)
}

// staffSet pushes LA-owned fields of one record as the LA worker.
func (la *LA) staffSet(scope string, kind api.Kind, id string, fields map[string]string, at time.Time) {
	la.t.Helper()
	op := api.Operation{IdempotencyKey: fmt.Sprintf("staff-%s-%s-%d", kind, id, at.UnixNano()), Kind: kind, ID: id, Op: api.OpUpsert,
		Scope: scope, At: at, Fields: fields}
	var resp api.PushResponse
	la.staff("POST", "/v1/staff/push", api.PushRequest{Operations: []api.Operation{op}}, &resp)
	if len(resp.Results) != 1 || resp.Results[0].Status != api.AckApplied {
		la.t.Fatalf("staff push of %s %s: %+v", kind, id, resp.Results)
	}
}
