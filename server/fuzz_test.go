package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/store"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// FuzzPush sends arbitrary bodies to the push handlers of a real server on
// a real store, as an enrolled carer and as staff: every answer must be
// 2xx or 4xx with a reason, never a 5xx or a panic. It runs on SQLite,
// and on PostgreSQL too when a cluster is configured (see storetest),
// since PostgreSQL refuses text SQLite stores (a NUL, an over-long key).
func FuzzPush(f *testing.F) {
	good, _ := json.Marshal(api.PushRequest{Operations: []api.Operation{
		{IdempotencyKey: "k", Kind: api.KindNeed, ID: "n1", Op: api.OpUpsert, Fields: map[string]string{"description": "x"}, At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
	}})
	f.Add(good, false)
	f.Add([]byte(`{"operations":[{"idempotency_key":"k","kind":"need","id":"n1","op":"upsert","fields":{"status":"met"},"at":"2026-01-01T00:00:00Z","scope":"h"}]}`), true)
	f.Add([]byte(`{"operations":[{"idempotency_key":"d","kind":"rules","id":"reminder-rules","op":"delete","at":"0001-01-01T00:00:01Z"}]}`), false)
	f.Add([]byte("\x1f\x8b\x08"), false)
	f.Add([]byte(`{"operations":[{}]}`), true)
	f.Add([]byte(`{"operations":[{"idempotency_key":"k\u0000","kind":"need","id":"n\u0000","op":"upsert","fields":{"x\u0000":"y"},"at":"2026-01-01T00:00:00Z"}]}`), false)
	f.Add([]byte(`{"operations":[{"idempotency_key":"k","kind":"need","id":"n1","op":"upsert","fields":{"status":"met"},"at":"2026-01-01T00:00:00Z","scope":"h\u0000"}]}`), true)
	f.Add([]byte(`{"operations":[{"idempotency_key":"`+strings.Repeat("k7Qz", 1000)+`","kind":"need","id":"n1","op":"delete","at":"2026-01-01T00:00:00Z"}]}`), false)
	stores := []store.Store{storetest.SQLite(f)}
	if os.Getenv("HEARTH_TEST_POSTGRES") != "" || os.Getenv("HEARTH_REQUIRE_POSTGRES") == "1" {
		stores = append(stores, storetest.Postgres(f))
	}
	var handlers []http.Handler
	for _, st := range stores {
		s := newTestServer(f, Config{Store: st})
		s.enrol("carer", api.ScopeHousehold, "")
		handlers = append(handlers, New(Config{Store: st, Authenticator: headerAuth{}, Logger: discard(), RatePerSecond: 1e9, Burst: 1e9}))
	}
	f.Fuzz(func(t *testing.T, body []byte, staff bool) {
		for _, h := range handlers {
			fuzzPushOnce(t, h, body, staff)
		}
	})
}

// fuzzPushOnce sends one body to both push endpoints of h, as a carer or
// as staff, and fails on an answer a client could not act on.
func fuzzPushOnce(t *testing.T, h http.Handler, body []byte, staff bool) {
	t.Helper()
	for _, path := range []string{"/v1/push", "/v1/staff/push"} {
		req := httptest.NewRequest("POST", path, bytes.NewReader(body))
		req.Header.Set("X-Test-Subject", "carer")
		if staff {
			req.Header.Set("X-Test-Subject", "worker")
			req.Header.Set("X-Test-Staff", "1")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s answered %d to %q: %s", path, rec.Code, body, rec.Body.Bytes())
		}
		if rec.Code >= 400 {
			var e api.Error
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Reason == "" {
				t.Fatalf("%s: %d without a reason: %q", path, rec.Code, rec.Body.Bytes())
			}
		} else if rec.Code != http.StatusOK {
			t.Fatalf("%s: unexpected status %d", path, rec.Code)
		}
	}
}
