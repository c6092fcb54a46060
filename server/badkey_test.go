package server

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// An operation with an unusable idempotency key (empty, or longer than
// the protocol allows) is rejected with its reason like any other bad
// operation, on both databases, and the valid operations sent with it
// are still applied: one bad entry never fails the whole push.
func TestBadIdempotencyKeyRejectedAlone(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			s := newTestServer(t, Config{Store: b.Open(t)})
			s.enrol("carer", api.ScopeHousehold, "")
			// Random, so PostgreSQL cannot compress it under its index
			// entry limit.
			raw := make([]byte, 4000)
			_, _ = rand.Read(raw)
			long := hex.EncodeToString(raw)
			var resp api.PushResponse
			status, reason := s.call("POST", "/v1/push", "carer", api.PushRequest{Operations: []api.Operation{
				upsert(long, api.KindNeed, "n1", map[string]string{"description": "x"}),
				upsert("", api.KindNeed, "n2", map[string]string{"description": "y"}),
				upsert("good", api.KindNeed, "n3", map[string]string{"description": "z"}),
			}}, &resp)
			if status != http.StatusOK || len(resp.Results) != 3 {
				t.Fatalf("push with bad keys: %d %q %+v", status, reason, resp.Results)
			}
			for i, ack := range resp.Results[:2] {
				if ack.Status != api.AckRejected || !strings.Contains(ack.Reason, "idempotency_key") {
					t.Errorf("operation %d with a bad key: %+v, want rejected for its key", i+1, ack)
				}
			}
			if ack := resp.Results[2]; ack.Status != api.AckApplied || ack.IdempotencyKey != "good" {
				t.Errorf("the valid operation beside them: %+v, want applied", ack)
			}
			got := s.pull("carer", 0, 100)
			if len(got) != 1 || got[0].ID != "n3" {
				t.Errorf("the store holds %+v, want only n3", got)
			}
			if n := len(s.refusals("carer")); n != 2 {
				t.Errorf("%d refusals audited, want 2", n)
			}
		})
	}
}
