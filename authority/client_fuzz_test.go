package authority

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/hearth-app/hearth/api"
	"golang.org/x/oauth2"
)

// FuzzReadAnswer feeds arbitrary answers (any status, gzipped or not) to
// the decoding every call goes through. It must never panic; an error
// status must always come back as a *StatusError; and a 2xx body either
// decodes or is ErrBadResponse, so the engine can always decide whether
// to retry.
func FuzzReadAnswer(f *testing.F) {
	f.Add(200, false, []byte(`{"changes":[{"revision":1,"scope":"h","kind":"need","id":"x","deleted":true}],"next":1,"more":false}`))
	f.Add(200, true, []byte(`{"results":[{"idempotency_key":"k","status":"applied","revision":3}]}`))
	f.Add(200, false, []byte(`{"subject":"s","role":"carer"}`))
	f.Add(403, false, []byte(`{"reason":"not yours"}`))
	f.Add(503, true, []byte(`{"reason":"later"}`))
	f.Add(200, true, []byte{0x1f, 0x8b, 0x08})
	f.Add(200, false, []byte(`{"changes":null,"next":-1}garbage`))
	c := &Client{ts: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"})}
	tok := &oauth2.Token{AccessToken: "t"}
	f.Fuzz(func(t *testing.T, status int, zipped bool, body []byte) {
		if status < 100 || status > 599 {
			return
		}
		answer := func() *http.Response {
			h := http.Header{}
			b := body
			if zipped {
				var buf bytes.Buffer
				zw := gzip.NewWriter(&buf)
				_, _ = zw.Write(body)
				_ = zw.Close()
				b = buf.Bytes()
				h.Set("Content-Encoding", "gzip")
			}
			return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(b))}
		}
		check := func(err error) {
			if err == nil {
				return
			}
			if status < 200 || status > 299 {
				if _, ok := errors.AsType[*StatusError](err); !ok {
					t.Fatalf("status %d gave %v, not a *StatusError", status, err)
				}
				return
			}
			if !errors.Is(err, ErrBadResponse) || !IsRetryable(err) {
				t.Fatalf("a bad 2xx body gave %v, not a retryable ErrBadResponse", err)
			}
		}
		_, err := readAnswer[api.ChangesPage](c, "GET /v1/changes", answer(), tok)
		check(err)
		_, err = readAnswer[api.PushResponse](c, "POST /v1/push", answer(), tok)
		check(err)
		_, err = readAnswer[api.Me](c, "GET /v1/me", answer(), tok)
		check(err)
	})
}
