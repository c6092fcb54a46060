package server

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/api"
)

// A household with many long recordings still pulls: every page fits in
// the body size the client accepts, and nothing is left out.
func TestPagesStayUnderTheBodyLimit(t *testing.T) {
	s := newTestServer(t, Config{})
	s.enrol("carer", api.ScopeHousehold, "")
	long := strings.Repeat("a long day, written up in full. ", api.MaxFieldLen/40)
	const n = 200 // 200 × ~52 KB is more than api.MaxBodyBytes
	for b := 0; b < n; b += 50 {
		var ops []api.Operation
		for i := b; i < b+50; i++ {
			ops = append(ops, upsert(fmt.Sprintf("k%d", i), api.KindRecording, fmt.Sprintf("r%d", i), map[string]string{"text": long}))
		}
		s.push("carer", ops...)
	}
	seen, pages, since := map[string]bool{}, 0, int64(0)
	for {
		var page api.ChangesPage
		s.must("GET", fmt.Sprintf("/v1/changes?since=%d&limit=%d", since, api.MaxPage), "carer", nil, &page)
		body, err := json.Marshal(page)
		if err != nil {
			t.Fatal(err)
		}
		if len(body) > api.MaxBodyBytes {
			t.Fatalf("page %d is %d bytes, over the %d the client accepts", pages, len(body), api.MaxBodyBytes)
		}
		for _, c := range page.Changes {
			seen[c.ID] = true
		}
		pages++
		if !page.More {
			break
		}
		since = page.Next
	}
	if len(seen) != n || pages < 2 {
		t.Fatalf("pulled %d of %d recordings in %d pages", len(seen), n, pages)
	}
}
