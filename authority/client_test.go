package authority

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"golang.org/x/oauth2"
)

// testAPI is a loopback API server whose handler each test sets.
func testAPI(t *testing.T, h http.HandlerFunc) (*Client, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("Authorization") != "Bearer at-static" {
			http.Error(w, "no token", http.StatusBadRequest)
			return
		}
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(srv.URL+"/", oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "at-static"}), ClientOptions{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c, &hits
}

func gunzipJSON[T any](t *testing.T, r *http.Request) T {
	t.Helper()
	var v T
	if r.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("request Content-Encoding %q, want gzip", r.Header.Get("Content-Encoding"))
		return v
	}
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		t.Errorf("request body is not gzip: %v", err)
		return v
	}
	v, err = api.Decode[T](zr)
	if err != nil {
		t.Errorf("request body: %v", err)
	}
	return v
}

func writeGzipJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_ = json.NewEncoder(zw).Encode(v)
	_ = zw.Close()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Encoding", "gzip")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func TestPushSendsAndReceivesGzip(t *testing.T) {
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	req := api.PushRequest{Operations: []api.Operation{
		{IdempotencyKey: "k1", Kind: api.KindNeed, ID: "n1", Op: api.OpUpsert, Fields: map[string]string{"description": strings.Repeat("respite please ", 200)}, At: at},
		{IdempotencyKey: "k2", Kind: api.KindNeed, ID: "n2", Op: api.OpDelete, At: at},
	}}
	var got api.PushRequest
	c, _ := testAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/push" || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("%s %s Accept-Encoding %q", r.Method, r.URL.Path, r.Header.Get("Accept-Encoding"))
		}
		got = gunzipJSON[api.PushRequest](t, r)
		writeGzipJSON(w, 200, api.PushResponse{Results: []api.Ack{
			{IdempotencyKey: "k1", Status: api.AckApplied, Revision: 7},
			{IdempotencyKey: "k2", Status: api.AckRejected, Reason: "no such need"},
		}})
	})
	resp, err := c.Push(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Operations) != 2 || got.Operations[0].Fields["description"] != req.Operations[0].Fields["description"] || !got.Operations[1].At.Equal(at) {
		t.Fatalf("server received %+v", got)
	}
	if resp.Results[0].Revision != 7 || resp.Results[1].Reason != "no such need" {
		t.Fatalf("client decoded %+v", resp)
	}
	w := c.Wire()
	if w.Requests != 1 || w.Sent <= 0 || w.Received <= 0 || w.Sent > 2000 {
		// 3 KB of repeated text gzips to well under 2000 bytes with headers.
		t.Fatalf("wire stats %+v", w)
	}
}

func TestChangesMeAndEnrolAcceptPlainAnswersToo(t *testing.T) {
	c, _ := testAPI(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/changes":
			if r.URL.Query().Get("since") != "41" || r.URL.Query().Get("limit") != "2" {
				t.Errorf("query %q", r.URL.RawQuery)
			}
			writeJSON(w, 200, api.ChangesPage{Changes: []api.Change{{Revision: 42, Scope: "h1", Kind: api.KindNeed, ID: "n1", Deleted: true}}, Next: 42, More: true})
		case "/v1/me":
			writeJSON(w, 200, api.Me{Subject: "sub-1", Role: api.RoleCarer})
		case "/v1/enrol":
			if e := gunzipJSON[api.EnrolRequest](t, r); e.Code != "ABC-123" {
				t.Errorf("enrol code %q", e.Code)
			}
			writeJSON(w, 200, api.Me{Subject: "sub-1", Role: api.RoleCarer, Scope: "h1", ScopeKind: api.ScopeHousehold})
		default:
			http.NotFound(w, r)
		}
	})
	page, err := c.Changes(t.Context(), 41, 2)
	if err != nil || len(page.Changes) != 1 || !page.Changes[0].Deleted || page.Next != 42 || !page.More {
		t.Fatalf("changes %+v, %v", page, err)
	}
	me, err := c.Me(t.Context())
	if err != nil || me.Subject != "sub-1" || me.Scope != "" {
		t.Fatalf("me %+v, %v", me, err)
	}
	me, err = c.Enrol(t.Context(), "  ABC-123\n")
	if err != nil || me.Scope != "h1" || me.ScopeKind != api.ScopeHousehold {
		t.Fatalf("enrol %+v, %v", me, err)
	}
}

func TestErrorsCarryTheServersReasonAndSayWhetherToRetry(t *testing.T) {
	cases := []struct {
		name      string
		status    int
		body      string
		gzip      bool
		retryable bool
		reason    string
		after     time.Duration
	}{
		{"refused", 403, `{"reason":"this record belongs to another household"}`, false, false, "this record belongs to another household", 0},
		{"refused, gzipped", 409, `{"reason":"enrolment code already used"}`, true, false, "enrolment code already used", 0},
		{"server down", 503, `{"reason":"database is restarting"}`, false, true, "database is restarting", 0},
		{"rate limited", 429, `{"reason":"too many requests"}`, false, true, "too many requests", 7 * time.Second},
		{"proxy error page", 502, `<html>Bad gateway</html>`, false, true, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, hits := testAPI(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.after > 0 {
					w.Header().Set("Retry-After", "7")
				}
				if tc.gzip {
					var v map[string]string
					_ = json.Unmarshal([]byte(tc.body), &v)
					writeGzipJSON(w, tc.status, v)
					return
				}
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			})
			_, err := c.Me(t.Context())
			se, ok := errors.AsType[*StatusError](err)
			if !ok || se.Status != tc.status || se.Reason != tc.reason || se.RetryAfter != tc.after {
				t.Fatalf("got %#v (%v)", se, err)
			}
			if IsRetryable(err) != tc.retryable {
				t.Fatalf("IsRetryable = %v", !tc.retryable)
			}
			if hits.Load() != 1 {
				t.Fatalf("the client made %d requests; it must not retry by itself", hits.Load())
			}
		})
	}
}

func TestBrokenAnswersAreRetryableErrorsNotPanics(t *testing.T) {
	full, _ := json.Marshal(api.ChangesPage{Changes: []api.Change{{Revision: 1, Scope: "h", Kind: api.KindNeed, ID: "x"}}, Next: 1})
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	_, _ = zw.Write(full)
	_ = zw.Close()
	cases := map[string]http.HandlerFunc{
		"cut short": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write(full[:len(full)/2]) // the server then drops the connection
		},
		"gzip cut short": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(zipped.Bytes()[:zipped.Len()/2])
		},
		"claims gzip, is not": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(full)
		},
		"garbage": func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("\x00\xffnot json")) },
		"empty":   func(w http.ResponseWriter, r *http.Request) {},
		"unknown field": func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{"changes":[],"next":1,"more":false,"extra":1}`))
		},
		"cursor goes back": func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{"changes":[{"revision":9,"scope":"h","kind":"need","id":"x"}],"next":3,"more":false}`))
		},
		"brotli": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "br")
			_, _ = w.Write(full)
		},
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			c, _ := testAPI(t, h)
			page, err := c.Changes(t.Context(), 0, 10)
			if err == nil {
				t.Fatalf("accepted a broken answer: %+v", page)
			}
			if !IsRetryable(err) {
				t.Fatalf("not retryable: %v", err)
			}
		})
	}
}

func TestPushRefusesAcknowledgementsThatDoNotMatch(t *testing.T) {
	op := api.Operation{IdempotencyKey: "k1", Kind: api.KindNeed, ID: "n1", Op: api.OpDelete, At: time.Now()}
	for name, results := range map[string][]api.Ack{
		"too few":   {},
		"wrong key": {{IdempotencyKey: "k9", Status: api.AckApplied}},
		"no status": {{IdempotencyKey: "k1"}},
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := testAPI(t, func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, 200, api.PushResponse{Results: results})
			})
			if _, err := c.Push(t.Context(), api.PushRequest{Operations: []api.Operation{op}}); !errors.Is(err, ErrBadResponse) {
				t.Fatalf("want ErrBadResponse, got %v", err)
			}
		})
	}
}

func TestCallsTimeOutAndStopWhenCancelled(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	var c *Client
	c, _ = testAPI(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	c.timeout = 100 * time.Millisecond
	_, err := c.Me(t.Context())
	if !errors.Is(err, context.DeadlineExceeded) || !IsRetryable(err) {
		t.Fatalf("want a retryable timeout, got %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := c.Me(ctx); !errors.Is(err, context.Canceled) || IsRetryable(err) {
		t.Fatalf("want a cancelled call that is not retried, got %v", err)
	}
}

func TestClientRefusesBadArguments(t *testing.T) {
	if _, err := NewClient("http://hearth.example.gov.uk", oauth2.StaticTokenSource(&oauth2.Token{}), ClientOptions{}); err == nil {
		t.Fatal("accepted a plain-http API address off this computer")
	}
	c, hits := testAPI(t, func(w http.ResponseWriter, r *http.Request) {})
	for name, err := range map[string]error{
		"empty push": func() error { _, err := c.Push(t.Context(), api.PushRequest{}); return err }(),
		"huge push": func() error {
			_, err := c.Push(t.Context(), api.PushRequest{Operations: make([]api.Operation, api.MaxBatch+1)})
			return err
		}(),
		"limit 0":       func() error { _, err := c.Changes(t.Context(), 0, 0); return err }(),
		"limit too big": func() error { _, err := c.Changes(t.Context(), 0, api.MaxPage+1); return err }(),
		"negative":      func() error { _, err := c.Changes(t.Context(), -1, 10); return err }(),
		"empty code":    func() error { _, err := c.Enrol(t.Context(), "  "); return err }(),
	} {
		if err == nil || IsRetryable(err) {
			t.Errorf("%s: want a permanent error, got %v", name, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatal("a refused argument still reached the server")
	}
}
