package server

import (
	"net/http"
	"testing"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// PostgreSQL text cannot hold a NUL character, which JSON can carry as
// \u0000. A NUL in a key, a record id, a scope or a field name is the
// sender's mistake: it is refused with a reason (the operation alone, in
// a push), on both databases, never a 500 that a client would retry
// for ever.
func TestNULRefusedNot500(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			s := newTestServer(t, Config{Store: b.Open(t)})
			scope := s.enrol("carer", api.ScopeHousehold, "")
			var resp api.PushResponse
			status, reason := s.call("POST", "/v1/push", "carer", api.PushRequest{Operations: []api.Operation{
				upsert("k\x00", api.KindNeed, "n1", map[string]string{"description": "x"}),
				upsert("k2", api.KindNeed, "n\x002", map[string]string{"description": "x"}),
				upsert("k3", api.KindNeed, "n3", map[string]string{"descr\x00iption": "x"}),
				upsert("k4", api.KindNeed, "n4", map[string]string{"description": "a\x00b"}),
			}}, &resp)
			if status != http.StatusOK || len(resp.Results) != 4 {
				t.Fatalf("carer push with NULs: %d %q %+v", status, reason, resp.Results)
			}
			for i, ack := range resp.Results[:3] {
				if ack.Status != api.AckRejected || ack.Reason == "" {
					t.Errorf("operation %d: %+v, want rejected with a reason", i+1, ack)
				}
			}
			if ack := resp.Results[3]; ack.Status != api.AckApplied {
				t.Errorf("a NUL inside a field's value is only text: %+v", ack)
			}
			staffOp := upsert("s1", api.KindNeed, "n4", map[string]string{"status": "met"})
			staffOp.Scope = scope + "\x00"
			status, reason = s.call("POST", "/v1/staff/push", "staff:worker", api.PushRequest{Operations: []api.Operation{staffOp}}, &resp)
			if status != http.StatusOK || resp.Results[0].Status != api.AckRejected {
				t.Errorf("staff push naming a scope with a NUL: %d %q %+v", status, reason, resp.Results)
			}
			if status, reason := s.call("GET", "/v1/staff/scopes/"+scope+"%00/needs", "staff:worker", nil, nil); status != http.StatusBadRequest && status != http.StatusNotFound {
				t.Errorf("needs of a scope with a NUL: %d %q, want 400 or 404", status, reason)
			}
			if status, reason := s.call("POST", "/v1/staff/enrolments", "staff:worker", api.EnrolmentCodeRequest{ScopeKind: api.ScopeHousehold, Scope: "h\x00"}, nil); status != http.StatusBadRequest {
				t.Errorf("a code for a scope with a NUL: %d %q, want 400", status, reason)
			}
			if status, reason := s.call("GET", "/v1/me%00", "", nil, nil); status >= 500 {
				t.Errorf("an unauthenticated path with a NUL: %d %q", status, reason)
			}
		})
	}
}
