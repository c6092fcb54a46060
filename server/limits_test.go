package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/store/storetest"
)

func rawRequest(t *testing.T, s *testServer, method, path, subject string, body []byte, header map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, s.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if subject != "" {
		req.Header.Set("X-Test-Subject", subject)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// A Transport that leaves Accept-Encoding alone, so the test sees
	// what the server sent.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func reason(t *testing.T, resp *http.Response) string {
	t.Helper()
	var e api.Error
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || e.Reason == "" {
		t.Fatalf("%d answer is not an Error with a reason: %v", resp.StatusCode, err)
	}
	return e.Reason
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Requests over the limit answer 413, whether sent plain or as a small
// gzip body that expands past it.
func TestOversizedBody(t *testing.T) {
	s := newTestServer(t, Config{})
	s.enrol("carer", api.ScopeHousehold, "")
	huge := bytes.Repeat([]byte(" "), api.MaxBodyBytes+1)
	if resp := rawRequest(t, s, "POST", "/v1/push", "carer", huge, nil); resp.StatusCode != 413 {
		t.Errorf("plain oversized body: %d, want 413", resp.StatusCode)
	}
	bomb := gzipped(t, huge)
	if len(bomb) > api.MaxBodyBytes/100 {
		t.Fatalf("the gzip bomb is %d bytes, not small", len(bomb))
	}
	resp := rawRequest(t, s, "POST", "/v1/push", "carer", bomb, map[string]string{"Content-Encoding": "gzip"})
	if resp.StatusCode != 413 {
		t.Errorf("gzip body expanding past the limit: %d, want 413", resp.StatusCode)
	}
	if r := reason(t, resp); !strings.Contains(r, "larger than") {
		t.Errorf("413 reason = %q", r)
	}
}

// Bad input is answered 4xx with a reason, never a panic or 5xx.
func TestMalformedRequests(t *testing.T) {
	s := newTestServer(t, Config{})
	s.enrol("carer", api.ScopeHousehold, "")
	for name, body := range map[string]string{
		"empty":         ``,
		"not JSON":      `{"operations":[`,
		"wrong type":    `{"operations":"all"}`,
		"unknown field": `{"operations":[],"extra":true}`,
		"trailing":      `{"operations":[]} {}`,
		"no operations": `{"operations":[]}`,
		"bad time":      `{"operations":[{"idempotency_key":"k","kind":"goal","id":"g","op":"upsert","fields":{"title":"x"},"at":"yesterday"}]}`,
		"null":          `null`,
	} {
		resp := rawRequest(t, s, "POST", "/v1/push", "carer", []byte(body), nil)
		if resp.StatusCode != 400 {
			t.Errorf("%s: %d, want 400", name, resp.StatusCode)
		}
		reason(t, resp)
	}
	if resp := rawRequest(t, s, "POST", "/v1/push", "carer", []byte("not gzip"), map[string]string{"Content-Encoding": "gzip"}); resp.StatusCode != 400 {
		t.Errorf("corrupt gzip: %d, want 400", resp.StatusCode)
	}
	if resp := rawRequest(t, s, "POST", "/v1/push", "carer", []byte("{}"), map[string]string{"Content-Encoding": "br"}); resp.StatusCode != 415 {
		t.Errorf("unknown encoding: %d, want 415", resp.StatusCode)
	}
	if resp := rawRequest(t, s, "GET", "/v1/nowhere", "carer", nil, nil); resp.StatusCode != 404 {
		t.Errorf("unknown path: %d, want 404", resp.StatusCode)
	}
}

// Gzip works both ways: a gzipped push is applied and a large answer comes
// back gzipped to a client that accepts it.
func TestGzipBothWays(t *testing.T) {
	s := newTestServer(t, Config{})
	s.enrol("carer", api.ScopeHousehold, "")
	var ops []api.Operation
	for i := range 50 {
		ops = append(ops, upsert(strings.Repeat("k", i+1), api.KindRecording, strings.Repeat("r", i+1), map[string]string{"text": "A quiet day at home."}))
	}
	body, _ := json.Marshal(api.PushRequest{Operations: ops})
	resp := rawRequest(t, s, "POST", "/v1/push", "carer", gzipped(t, body), map[string]string{"Content-Encoding": "gzip", "Accept-Encoding": "gzip"})
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("gzipped push: %d, encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := api.Decode[api.PushResponse](bytes.NewReader(plain))
	if err != nil || len(pr.Results) != 50 || pr.Results[49].Status != api.AckApplied {
		t.Fatalf("decoded gzipped answer: %v, %d results", err, len(pr.Results))
	}
	if got := s.pull("carer", 0, 1000); len(got) != 50 {
		t.Errorf("%d records after a gzipped push, want 50", len(got))
	}
	if resp := rawRequest(t, s, "GET", "/v1/changes", "carer", nil, map[string]string{"Accept-Encoding": "gzip;q=0"}); resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip sent to a client that refused it")
	}
}

// Past its burst a subject gets 429 with Retry-After, while another
// subject is unaffected; a request without valid credentials gets 401 and
// is audited.
func TestRateLimitAndAuthentication(t *testing.T) {
	clock := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	s := newTestServer(t, Config{RatePerSecond: 1, Burst: 3, Now: now})
	for range 3 {
		if resp := rawRequest(t, s, "GET", "/v1/me", "busy", nil, nil); resp.StatusCode != 200 {
			t.Fatalf("within the burst: %d", resp.StatusCode)
		}
	}
	resp := rawRequest(t, s, "GET", "/v1/me", "busy", nil, nil)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("past the burst: %d, Retry-After %q; want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if r := reason(t, resp); !strings.Contains(r, "too many") {
		t.Errorf("429 reason = %q", r)
	}
	if resp := rawRequest(t, s, "GET", "/v1/me", "calm", nil, nil); resp.StatusCode != 200 {
		t.Errorf("another subject: %d, want 200", resp.StatusCode)
	}
	mu.Lock()
	clock = clock.Add(2 * time.Second)
	mu.Unlock()
	if resp := rawRequest(t, s, "GET", "/v1/me", "busy", nil, nil); resp.StatusCode != 200 {
		t.Errorf("after the bucket refilled: %d, want 200", resp.StatusCode)
	}
	resp = rawRequest(t, s, "GET", "/v1/changes", "", nil, nil)
	if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("no credentials: %d, want 401 with WWW-Authenticate", resp.StatusCode)
	}
	if r := s.refusals(""); len(r) != 1 || r[0].Action != "GET /v1/changes" || !strings.Contains(r[0].Reason, "no test subject") {
		t.Errorf("refusals without a subject = %+v, want the 401", r)
	}
}

// The OpenAPI document is served without sign-in.
func TestServesOpenAPI(t *testing.T) {
	s := newTestServer(t, Config{})
	resp := rawRequest(t, s, "GET", "/v1/openapi.yaml", "", nil, nil)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !bytes.Equal(body, api.OpenAPI) {
		t.Errorf("GET /v1/openapi.yaml: %d, %d bytes", resp.StatusCode, len(body))
	}
}

type keysDown struct{}

func (keysDown) Authenticate(*http.Request) (auth.Principal, error) {
	return auth.Principal{}, &auth.Error{Reason: auth.KeysUnavailable, Detail: "issuer unreachable"}
}

// When the issuer's keys cannot be fetched the caller is not to blame:
// 503, and nothing is written to the audit log as their refusal.
func TestKeysUnavailableIs503(t *testing.T) {
	st := storetest.SQLite(t)
	srv := httptest.NewServer(New(Config{Store: st, Authenticator: keysDown{}, Logger: discard()}))
	t.Cleanup(srv.Close)
	resp, err := http.Get(srv.URL + "/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Errorf("keys unavailable: %d, want 503", resp.StatusCode)
	}
	if log, err := st.AuditLog(t.Context(), 10); err != nil || len(log) != 0 {
		t.Errorf("audit log = %+v %v, want empty", log, err)
	}
}
