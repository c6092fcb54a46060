package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/store"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// headerAuth trusts the X-Test-Subject header (and X-Test-Staff: 1). It
// stands in for the JWT verifier so these tests exercise authorisation;
// tokens are tested with the real verifier and the dev IdP elsewhere.
type headerAuth struct{}

func (headerAuth) Authenticate(r *http.Request) (auth.Principal, error) {
	sub := r.Header.Get("X-Test-Subject")
	if sub == "" {
		return auth.Principal{}, errors.New("no test subject")
	}
	return auth.Principal{Subject: sub, Staff: r.Header.Get("X-Test-Staff") == "1"}, nil
}

type testServer struct {
	t     testing.TB
	url   string
	store store.Store
}

// newTestServer serves New over real loopback HTTP on an empty SQLite
// store; cfg's Store, Authenticator and Logger are filled in.
func newTestServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	if cfg.Store == nil {
		cfg.Store = storetest.SQLite(t)
	}
	cfg.Authenticator = headerAuth{}
	cfg.Logger = discard()
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond, cfg.Burst = 1e6, 1e6
	}
	srv := httptest.NewServer(New(cfg))
	t.Cleanup(srv.Close)
	return &testServer{t: t, url: srv.URL, store: cfg.Store}
}

// call sends body (JSON-encoded unless it is []byte) as subject ("" for
// none; "staff:x" for a staff subject x), decodes a 2xx answer into out
// and returns the status and, for an error, its reason.
func (s *testServer) call(method, path, subject string, body, out any) (int, string) {
	s.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			s.t.Fatalf("encode request: %v", err)
		}
	}
	req, err := http.NewRequestWithContext(context.Background(), method, s.url+path, bytes.NewReader(raw))
	if err != nil {
		s.t.Fatal(err)
	}
	if staff, ok := strings.CutPrefix(subject, "staff:"); ok {
		req.Header.Set("X-Test-Subject", staff)
		req.Header.Set("X-Test-Staff", "1")
	} else if subject != "" {
		req.Header.Set("X-Test-Subject", subject)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("%s %s: read answer: %v", method, path, err)
	}
	if resp.StatusCode >= 300 {
		var e api.Error
		if err := json.Unmarshal(data, &e); err != nil || e.Reason == "" {
			s.t.Fatalf("%s %s: %d answer is not an Error with a reason: %q", method, path, resp.StatusCode, data)
		}
		return resp.StatusCode, e.Reason
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			s.t.Fatalf("%s %s: decode answer: %v", method, path, err)
		}
	}
	return resp.StatusCode, ""
}

// must is call that fails the test unless the answer is 2xx.
func (s *testServer) must(method, path, subject string, body, out any) {
	s.t.Helper()
	if status, reason := s.call(method, path, subject, body, out); status >= 300 {
		s.t.Fatalf("%s %s as %q: %d %s", method, path, subject, status, reason)
	}
}

// enrol issues a code as staff and redeems it as subject; it returns the
// scope.
func (s *testServer) enrol(subject string, kind api.ScopeKind, scope string) string {
	s.t.Helper()
	var code api.EnrolmentCode
	s.must("POST", "/v1/staff/enrolments", "staff:worker", api.EnrolmentCodeRequest{ScopeKind: kind, Scope: scope}, &code)
	var me api.Me
	s.must("POST", "/v1/enrol", subject, api.EnrolRequest{Code: strings.ToLower(code.Code)}, &me)
	if me.Scope != code.Scope || me.Subject != subject {
		s.t.Fatalf("enrolled as %+v, want scope %s", me, code.Scope)
	}
	return code.Scope
}

func (s *testServer) push(subject string, ops ...api.Operation) []api.Ack {
	s.t.Helper()
	var resp api.PushResponse
	s.must("POST", "/v1/push", subject, api.PushRequest{Operations: ops}, &resp)
	if len(resp.Results) != len(ops) {
		s.t.Fatalf("push of %d operations got %d acks", len(ops), len(resp.Results))
	}
	return resp.Results
}

// pull reads every change after since, page by page of limit.
func (s *testServer) pull(subject string, since int64, limit int) []api.Change {
	s.t.Helper()
	var all []api.Change
	for {
		var page api.ChangesPage
		s.must("GET", fmt.Sprintf("/v1/changes?since=%d&limit=%d", since, limit), subject, nil, &page)
		if len(page.Changes) > limit {
			s.t.Fatalf("a page of limit %d has %d changes", limit, len(page.Changes))
		}
		all = append(all, page.Changes...)
		if !page.More {
			return all
		}
		since = page.Next
	}
}

// refusals returns the audit log's refusals for subject.
func (s *testServer) refusals(subject string) []store.Audit {
	s.t.Helper()
	log, err := s.store.AuditLog(context.Background(), 1000)
	if err != nil {
		s.t.Fatal(err)
	}
	var out []store.Audit
	for _, a := range log {
		if a.Subject == subject && a.Outcome == store.OutcomeRefused {
			out = append(out, a)
		}
	}
	return out
}

var at0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func upsert(key string, kind api.Kind, id string, fields map[string]string) api.Operation {
	return api.Operation{IdempotencyKey: key, Kind: kind, ID: id, Op: api.OpUpsert, Fields: fields, At: at0}
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
