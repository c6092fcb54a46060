package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// BenchmarkSync measures server throughput in sync requests per second
// over loopback HTTP: each iteration is one push of 100 operations and one
// pull of what changed, by several carers at once, each in their own
// household. It runs on SQLite and, with HEARTH_TEST_POSTGRES set, on
// PostgreSQL.
//
//	go test -tags "$SQLITE_TAGS" -run '^$' -bench BenchmarkSync ./server/
func BenchmarkSync(b *testing.B) {
	for _, backend := range storetest.Backends {
		b.Run(backend.Name, func(b *testing.B) {
			s := newTestServer(b, Config{Store: backend.Open(b)})
			const carers = 8
			for i := range carers {
				s.enrol(fmt.Sprint("carer-", i), api.ScopeHousehold, "")
			}
			var next, seq atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				subject := fmt.Sprint("carer-", next.Add(1)%carers)
				var since int64
				client := &http.Client{}
				for pb.Next() {
					ops := make([]api.Operation, 100)
					for i := range ops {
						n := seq.Add(1)
						ops[i] = upsert(fmt.Sprint("k", n), api.KindRecording, fmt.Sprint("r", n), map[string]string{
							"day": "2026-11-25", "text": "Went to the park after school and had tea with grandma.", "tags": "family,health",
						})
					}
					body, _ := json.Marshal(api.PushRequest{Operations: ops})
					var resp api.PushResponse
					benchDo(b, client, s.url+"/v1/push", subject, body, &resp)
					var page api.ChangesPage
					benchDo(b, client, fmt.Sprintf("%s/v1/changes?since=%d", s.url, since), subject, nil, &page)
					if len(page.Changes) < 100 {
						b.Errorf("pull after a push of 100 returned %d changes", len(page.Changes))
						return
					}
					since = page.Next
				}
			})
			b.ReportMetric(float64(2*b.N)/b.Elapsed().Seconds(), "requests/s")
			b.ReportMetric(float64(100*b.N)/b.Elapsed().Seconds(), "ops/s")
		})
	}
}

func benchDo(b *testing.B, client *http.Client, url, subject string, body []byte, out any) {
	method := "GET"
	if body != nil {
		method = "POST"
	}
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("X-Test-Subject", subject)
	resp, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("%s %s: %d", method, url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		b.Fatal(err)
	}
}
