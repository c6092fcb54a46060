package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
)

// The same push delivered twice, and a push resent because its
// acknowledgement was lost, store each record once and answer the same.
func TestDuplicateDeliveryStoresOnce(t *testing.T) {
	s := newTestServer(t, Config{})
	s.enrol("carer", api.ScopeHousehold, "")
	a := upsert("key-a", api.KindTraining, "t1", map[string]string{"title": "First aid"})
	b := upsert("key-b", api.KindTraining, "t2", map[string]string{"title": "Trauma"})
	first := s.push("carer", a)
	if again := s.push("carer", a); again[0] != first[0] {
		t.Errorf("same push twice: acks %+v then %+v", first[0], again[0])
	}
	// The client never saw the first ack and resends a with the next one.
	resent := s.push("carer", a, b)
	if resent[0] != first[0] || resent[1].Status != api.AckApplied || resent[1].Revision <= first[0].Revision {
		t.Errorf("resent batch acks %+v, want a's stored ack then b applied", resent)
	}
	changes := s.pull("carer", 0, 100)
	ids := map[string]int{}
	for _, c := range changes {
		ids[c.ID]++
	}
	if len(changes) != 2 || ids["t1"] != 1 || ids["t2"] != 1 {
		t.Errorf("pull after duplicates = %+v, want t1 and t2 once each", changes)
	}
}

// A carer cannot read or write another household, through any door, and
// each refusal is audited.
func TestCrossScopeRefusedAndAudited(t *testing.T) {
	s := newTestServer(t, Config{})
	h1 := s.enrol("carer1", api.ScopeHousehold, "")
	s.enrol("carer2", api.ScopeHousehold, "")
	s.push("carer1", upsert("k", api.KindNeed, "n1", map[string]string{"description": "respite"}))

	if status, _ := s.call("GET", "/v1/staff/scopes/"+h1+"/needs", "carer2", nil, nil); status != 403 {
		t.Errorf("carer2 reading carer1's needs: %d, want 403", status)
	}
	staffOp := upsert("x", api.KindNeed, "n1", map[string]string{"status": "met"})
	staffOp.Scope = h1
	if status, _ := s.call("POST", "/v1/staff/push", "carer2", api.PushRequest{Operations: []api.Operation{staffOp}}, nil); status != 403 {
		t.Errorf("carer2 using the staff push: %d, want 403", status)
	}
	named := upsert("y", api.KindNeed, "n1", map[string]string{"description": "overwritten"})
	named.Scope = h1
	if ack := s.push("carer2", named)[0]; ack.Status != api.AckRejected || !strings.Contains(ack.Reason, "scope") {
		t.Errorf("carer2 naming carer1's scope: %+v, want rejected", ack)
	}
	for _, c := range s.pull("carer2", 0, 100) {
		t.Errorf("carer2 sees %s %s from scope %s", c.Kind, c.ID, c.Scope)
	}
	if got := s.pull("carer1", 0, 100); len(got) != 1 || got[0].Fields["description"] != "respite" {
		t.Errorf("carer1's need after carer2's attempts = %+v", got)
	}
	refused := s.refusals("carer2")
	if len(refused) != 3 {
		t.Fatalf("audit holds %d refusals for carer2, want 3: %+v", len(refused), refused)
	}
	for _, a := range refused {
		if a.Reason == "" || a.At.IsZero() || strings.Contains(a.Action+a.Reason, "overwritten") || strings.Contains(a.Action+a.Reason, "met") {
			t.Errorf("audit entry %+v lacks a reason or time, or holds a field value", a)
		}
	}
}

// A carer's write to an LA-owned field is rejected and audited, and the
// rest of the batch still applies; staff cannot write carer fields.
func TestOwnershipEnforcedBothWays(t *testing.T) {
	s := newTestServer(t, Config{})
	h1 := s.enrol("carer", api.ScopeHousehold, "")
	acks := s.push("carer",
		upsert("bad", api.KindNeed, "n1", map[string]string{"description": "x", "status": "met"}),
		upsert("good", api.KindNeed, "n2", map[string]string{"description": "y"}))
	if acks[0].Status != api.AckRejected || !strings.Contains(acks[0].Reason, `"status"`) || acks[1].Status != api.AckApplied {
		t.Errorf("acks = %+v, want the LA field refused and the other applied", acks)
	}
	if r := s.refusals("carer"); len(r) != 1 || !strings.Contains(r[0].Reason, "local authority") {
		t.Errorf("carer's refusals = %+v, want the LA-owned field", r)
	}
	op := upsert("staff-1", api.KindNeed, "n2", map[string]string{"description": "rewritten"})
	op.Scope = h1
	var resp api.PushResponse
	s.must("POST", "/v1/staff/push", "staff:worker", api.PushRequest{Operations: []api.Operation{op}}, &resp)
	if resp.Results[0].Status != api.AckRejected {
		t.Errorf("staff writing a carer field: %+v, want rejected", resp.Results[0])
	}
	if r := s.refusals("worker"); len(r) != 1 {
		t.Errorf("staff refusals = %+v, want one", r)
	}
	if got := s.pull("carer", 0, 100); len(got) != 1 || got[0].Fields["description"] != "y" {
		t.Errorf("records = %+v, want only n2 with the carer's text", got)
	}
}

// Staff set a need's status and response; the carer's next pull shows them
// with the LA's change time, and the open-needs list drops the need.
func TestStaffNeedStatusReachesCarer(t *testing.T) {
	laTime := time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)
	// The server's clock is after both writes: it takes a stamp from the
	// future as "now".
	s := newTestServer(t, Config{Now: func() time.Time { return laTime.Add(time.Hour) }})
	h1 := s.enrol("carer", api.ScopeHousehold, "")
	first := s.push("carer", upsert("k1", api.KindNeed, "n1", map[string]string{"description": "respite", "urgency": "soon"}))[0]
	s.push("carer", upsert("k2", api.KindNeed, "n2", map[string]string{"description": "bed"}))

	var open api.ChangesPage
	s.must("GET", "/v1/staff/scopes/"+h1+"/needs?open=true", "staff:worker", nil, &open)
	if len(open.Changes) != 2 {
		t.Fatalf("open needs = %+v, want 2", open.Changes)
	}
	op := api.Operation{IdempotencyKey: "la-1", Kind: api.KindNeed, ID: "n1", Op: api.OpUpsert, Scope: h1, At: laTime,
		Fields: map[string]string{"status": "met", "response": "Two weekends booked"}}
	var resp api.PushResponse
	s.must("POST", "/v1/staff/push", "staff:worker", api.PushRequest{Operations: []api.Operation{op}}, &resp)
	if resp.Results[0].Status != api.AckApplied {
		t.Fatalf("staff push ack = %+v", resp.Results[0])
	}
	changes := s.pull("carer", first.Revision, 100)
	var n1 *api.Change
	for i := range changes {
		if changes[i].ID == "n1" {
			n1 = &changes[i]
		}
	}
	if n1 == nil || n1.Fields["status"] != "met" || n1.Fields["response"] != "Two weekends booked" || n1.Fields["description"] != "respite" {
		t.Fatalf("carer's pull = %+v, want n1 met with the response and the carer's text", changes)
	}
	if !n1.LAAt.Equal(laTime) || !n1.CarerAt.Equal(at0) {
		t.Errorf("n1 LAAt %v CarerAt %v, want %v and %v", n1.LAAt, n1.CarerAt, laTime, at0)
	}
	s.must("GET", "/v1/staff/scopes/"+h1+"/needs?open=true", "staff:worker", nil, &open)
	if len(open.Changes) != 1 || open.Changes[0].ID != "n2" {
		t.Errorf("open needs after n1 was met = %+v, want only n2", open.Changes)
	}
	log, err := s.store.AuditLog(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var staffActions int
	for _, a := range log {
		if a.Subject == "worker" && a.Outcome == "done" {
			staffActions++
			if strings.Contains(a.Action, "Two weekends") || strings.Contains(a.Action, "met") {
				t.Errorf("audit entry holds a field value: %+v", a)
			}
		}
	}
	// One code issued, two needs lists, one push.
	if staffActions != 4 {
		t.Errorf("%d staff actions audited, want 4", staffActions)
	}
}

// A delete reaches the household's other devices as a tombstone.
func TestTombstonesTravel(t *testing.T) {
	s := newTestServer(t, Config{})
	h1 := s.enrol("phone", api.ScopeHousehold, "")
	s.enrol("laptop", api.ScopeHousehold, h1)
	put := s.push("phone", upsert("p", api.KindMilestone, "m1", map[string]string{"title": "Joined the football club"}))[0]
	del := api.Operation{IdempotencyKey: "d", Kind: api.KindMilestone, ID: "m1", Op: api.OpDelete, At: at0.Add(time.Minute)}
	s.push("phone", del)
	got := s.pull("laptop", put.Revision, 10)
	if len(got) != 1 || !got[0].Deleted || got[0].Fields != nil || got[0].ID != "m1" {
		t.Errorf("laptop's pull = %+v, want m1 as a tombstone without fields", got)
	}
}

// Pages respect limit, follow on from Next, and hold every change once.
func TestPaging(t *testing.T) {
	s := newTestServer(t, Config{})
	s.enrol("carer", api.ScopeHousehold, "")
	var ops []api.Operation
	for i := range 25 {
		ops = append(ops, upsert(fmt.Sprint("k", i), api.KindRecording, fmt.Sprint("r", i), map[string]string{"text": "x"}))
	}
	s.push("carer", ops...)
	got := s.pull("carer", 0, 7)
	if len(got) != 25 {
		t.Fatalf("paged pull returned %d changes, want 25", len(got))
	}
	for i, c := range got {
		if c.ID != fmt.Sprint("r", i) {
			t.Errorf("change %d is %s, want r%d (oldest first)", i, c.ID, i)
		}
	}
	if status, _ := s.call("GET", "/v1/changes?limit=0", "carer", nil, nil); status != 400 {
		t.Errorf("limit=0: %d, want 400", status)
	}
	if status, _ := s.call("GET", "/v1/changes?since=-1", "carer", nil, nil); status != 400 {
		t.Errorf("since=-1: %d, want 400", status)
	}
}

// The LA's rules reach every scope; a care leaver can only send their own
// kinds of record.
func TestRulesAndLeavers(t *testing.T) {
	s := newTestServer(t, Config{})
	s.enrol("carer", api.ScopeHousehold, "")
	s.enrol("leaver", api.ScopeLeaver, "")
	var me api.Me
	s.must("GET", "/v1/me", "leaver", nil, &me)
	if me.Role != api.RoleLeaver || me.ScopeKind != api.ScopeLeaver {
		t.Errorf("leaver's me = %+v", me)
	}
	s.must("GET", "/v1/me", "carer", nil, &me)
	if me.Role != api.RoleCarer {
		t.Errorf("carer's me = %+v", me)
	}
	acks := s.push("leaver",
		upsert("r", api.KindRecording, "r1", map[string]string{"text": "x"}),
		upsert("g", api.KindGoal, "g1", map[string]string{"title": "Driving test"}))
	if acks[0].Status != api.AckRejected || acks[1].Status != api.AckApplied {
		t.Errorf("leaver's acks = %+v, want the recording rejected and the goal applied", acks)
	}
	if status, _ := s.call("PUT", "/v1/staff/rules", "staff:worker", api.RulesDocument{Document: "not json"}, nil); status != 400 {
		t.Errorf("rules that are not JSON: %d, want 400", status)
	}
	if status, _ := s.call("PUT", "/v1/staff/rules", "carer", api.RulesDocument{Document: "{}"}, nil); status != 403 {
		t.Errorf("a carer publishing rules: %d, want 403", status)
	}
	s.must("PUT", "/v1/staff/rules", "staff:worker", api.RulesDocument{Document: `{"lac_review_days":20}`}, nil)
	for _, who := range []string{"carer", "leaver"} {
		got := s.pull(who, 0, 100)
		last := got[len(got)-1]
		if last.Kind != api.KindRules || last.ID != api.RulesID || last.Fields["document"] != `{"lac_review_days":20}` {
			t.Errorf("%s's pull = %+v, want the rules last", who, got)
		}
	}
}

// Enrolment codes are single use; an unenrolled caller may not sync; staff
// caseloads limit what staff see.
func TestEnrolmentAndCaseload(t *testing.T) {
	s := newTestServer(t, Config{Caseloads: map[string][]string{"limited": {"h-mine"}}})
	var code api.EnrolmentCode
	s.must("POST", "/v1/staff/enrolments", "staff:worker", api.EnrolmentCodeRequest{ScopeKind: api.ScopeHousehold}, &code)
	if len(code.Code) != 14 || code.Scope == "" || !code.Expires.After(time.Now()) {
		t.Errorf("code = %+v", code)
	}
	if status, _ := s.call("POST", "/v1/push", "stranger", api.PushRequest{Operations: []api.Operation{upsert("k", api.KindGoal, "g", map[string]string{"title": "x"})}}, nil); status != 403 {
		t.Errorf("unenrolled push: %d, want 403", status)
	}
	if status, _ := s.call("GET", "/v1/changes", "stranger", nil, nil); status != 403 {
		t.Errorf("unenrolled pull: %d, want 403", status)
	}
	s.must("POST", "/v1/enrol", "first", api.EnrolRequest{Code: code.Code}, nil)
	if status, _ := s.call("POST", "/v1/enrol", "second", api.EnrolRequest{Code: code.Code}, nil); status != 403 {
		t.Errorf("second use of a code: %d, want 403", status)
	}
	if r := s.refusals("second"); len(r) != 1 {
		t.Errorf("refusals for the second use = %+v", r)
	}
	s.must("POST", "/v1/staff/enrolments", "staff:limited", api.EnrolmentCodeRequest{ScopeKind: api.ScopeHousehold, Scope: "h-mine"}, nil)
	if status, _ := s.call("GET", "/v1/staff/scopes/"+code.Scope+"/needs", "staff:limited", nil, nil); status != 403 {
		t.Errorf("staff outside their caseload: %d, want 403", status)
	}
	s.push("first", upsert("k", api.KindNeed, "n", map[string]string{"description": "x"}))
	var page api.ChangesPage
	s.must("GET", "/v1/changes", "staff:limited", nil, &page)
	if len(page.Changes) != 0 {
		t.Errorf("limited staff see %+v outside their caseload", page.Changes)
	}
	s.must("GET", "/v1/changes", "staff:worker", nil, &page)
	if len(page.Changes) != 1 {
		t.Errorf("staff with every scope see %d changes, want 1", len(page.Changes))
	}
}
