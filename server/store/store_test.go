package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/store"
	"github.com/hearth-app/hearth/server/store/storetest"
)

var t0 = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

// TestStore runs the one suite against both implementations.
func TestStore(t *testing.T) {
	suite := map[string]func(*testing.T, store.Store){
		"Enrolment":        testEnrolment,
		"PushOnce":         testPushOnce,
		"LaterWriteWins":   testLaterWriteWins,
		"Ownership":        testOwnership,
		"Tombstones":       testTombstones,
		"ScopesAndPaging":  testScopesAndPaging,
		"ConcurrentPushes": testConcurrentPushes,
		"OneBatch":         testOneBatch,
	}
	for _, b := range storetest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			for name, test := range suite {
				t.Run(name, func(t *testing.T) { test(t, b.Open(t)) })
			}
		})
	}
}

func enrol(t *testing.T, st store.Store, subject, scope string, kind api.ScopeKind) {
	t.Helper()
	ctx := context.Background()
	hash := "hash-" + subject + "-" + scope
	if err := st.IssueCode(ctx, hash, scope, kind, t0.Add(time.Hour), store.Audit{At: t0, Subject: "staff", Action: "enrolment code", Scope: scope, Outcome: store.OutcomeDone}); err != nil {
		t.Fatalf("IssueCode: %v", err)
	}
	if _, _, err := st.Redeem(ctx, hash, subject, t0); err != nil {
		t.Fatalf("Redeem: %v", err)
	}
}

func upsert(key string, kind api.Kind, id string, at time.Time, fields map[string]string) api.Operation {
	return api.Operation{IdempotencyKey: key, Kind: kind, ID: id, Op: api.OpUpsert, Fields: fields, At: at}
}

func push(t *testing.T, st store.Store, subject string, items ...store.Item) []api.Ack {
	t.Helper()
	acks, err := st.Push(context.Background(), subject, items, false, t0)
	if err != nil {
		t.Fatalf("Push: %v", err)
	}
	if len(acks) != len(items) {
		t.Fatalf("Push returned %d acks for %d items", len(acks), len(items))
	}
	return acks
}

func all(t *testing.T, st store.Store, f store.Filter) []api.Change {
	t.Helper()
	var out []api.Change
	for {
		page, more, err := st.Changes(context.Background(), f)
		if err != nil {
			t.Fatalf("Changes: %v", err)
		}
		out = append(out, page...)
		if !more {
			return out
		}
		f.Since = page[len(page)-1].Revision
	}
}

func testEnrolment(t *testing.T, st store.Store) {
	ctx := context.Background()
	audit := store.Audit{At: t0, Subject: "staff", Action: "enrolment code", Scope: "h1", Outcome: store.OutcomeDone}
	if err := st.IssueCode(ctx, "h-code", "h1", api.ScopeHousehold, t0.Add(time.Hour), audit); err != nil {
		t.Fatalf("IssueCode: %v", err)
	}
	if err := st.IssueCode(ctx, "other", "h1", api.ScopeLeaver, t0.Add(time.Hour), audit); !errors.Is(err, store.ErrScopeKind) {
		t.Errorf("a leaver code for a household scope: got %v, want ErrScopeKind", err)
	}
	if _, _, ok, _ := st.Enrolment(ctx, "carer"); ok {
		t.Fatal("carer is enrolled before redeeming a code")
	}
	if _, _, err := st.Redeem(ctx, "h-code", "carer", t0.Add(2*time.Hour)); !errors.Is(err, store.ErrCodeInvalid) {
		t.Errorf("expired code: got %v, want ErrCodeInvalid", err)
	}
	scope, kind, err := st.Redeem(ctx, "h-code", "carer", t0)
	if err != nil || scope != "h1" || kind != api.ScopeHousehold {
		t.Fatalf("Redeem = %q %q %v, want h1 household", scope, kind, err)
	}
	if _, _, err := st.Redeem(ctx, "h-code", "someone-else", t0); !errors.Is(err, store.ErrCodeInvalid) {
		t.Errorf("second use of a code: got %v, want ErrCodeInvalid", err)
	}
	// The same subject sending the same code again (its answer was lost)
	// is told the same scope, not refused.
	if again, _, err := st.Redeem(ctx, "h-code", "carer", t0.Add(time.Minute)); err != nil || again != "h1" {
		t.Errorf("repeat by the code's own user = %q, %v; want h1", again, err)
	}
	if _, _, err := st.Redeem(ctx, "unknown", "carer", t0); !errors.Is(err, store.ErrCodeInvalid) {
		t.Errorf("unknown code: got %v, want ErrCodeInvalid", err)
	}
	scope, kind, ok, err := st.Enrolment(ctx, "carer")
	if err != nil || !ok || scope != "h1" || kind != api.ScopeHousehold {
		t.Errorf("Enrolment = %q %q %v %v, want h1 household", scope, kind, ok, err)
	}
	if k, err := st.ScopeKind(ctx, "h1"); err != nil || k != api.ScopeHousehold {
		t.Errorf("ScopeKind(h1) = %q %v", k, err)
	}
	if _, err := st.ScopeKind(ctx, "nope"); !errors.Is(err, store.ErrNoScope) {
		t.Errorf("ScopeKind(nope): got %v, want ErrNoScope", err)
	}
	log, err := st.AuditLog(ctx, 10)
	if err != nil || len(log) != 1 || log[0].Action != "enrolment code" || log[0].Scope != "h1" {
		t.Errorf("audit log = %+v %v, want the one code issued", log, err)
	}
}

func testPushOnce(t *testing.T, st store.Store) {
	enrol(t, st, "carer", "h1", api.ScopeHousehold)
	item := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("k1", api.KindNeed, "n1", t0, map[string]string{"description": "respite"})}
	first := push(t, st, "carer", item)[0]
	if first.Status != api.AckApplied || first.Revision == 0 {
		t.Fatalf("first push ack = %+v, want applied with a revision", first)
	}
	// The same operation again (its acknowledgement was lost): the stored
	// ack comes back and nothing is applied a second time, even though
	// this copy carries different text.
	again := item
	again.Op.Fields = map[string]string{"description": "changed in transit"}
	if got := push(t, st, "carer", again)[0]; got != first {
		t.Errorf("repeated push ack = %+v, want the stored %+v", got, first)
	}
	changes := all(t, st, store.Filter{Scopes: []string{"h1"}})
	if len(changes) != 1 || changes[0].Fields["description"] != "respite" || changes[0].Revision != first.Revision {
		t.Errorf("changes after a duplicate push = %+v, want one record with the first text", changes)
	}
	// Another subject's key space is separate.
	enrol(t, st, "carer2", "h1", api.ScopeHousehold)
	item.Op.Fields = map[string]string{"urgency": "urgent"}
	item.Op.At = t0.Add(time.Minute)
	if got := push(t, st, "carer2", item)[0]; got.Revision == first.Revision || got.Status != api.AckApplied {
		t.Errorf("same key from another subject = %+v, want a new revision", got)
	}
}

func testLaterWriteWins(t *testing.T, st store.Store) {
	newer := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("a", api.KindNeed, "n1", t0.Add(time.Hour), map[string]string{"description": "newer"})}
	older := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("b", api.KindNeed, "n1", t0, map[string]string{"description": "older", "urgency": "soon"})}
	la := store.Item{Scope: "h1", Owner: api.OwnerLA, Op: upsert("c", api.KindNeed, "n1", t0.Add(-time.Hour), map[string]string{"status": "acknowledged"})}
	acks := push(t, st, "carer", newer, older)
	if acks[1].Status != api.AckApplied || acks[1].Revision != acks[0].Revision {
		t.Errorf("older write ack = %+v, want applied without a new revision (%d)", acks[1], acks[0].Revision)
	}
	// The LA's side has its own clock: an LA write older than the carer's
	// still lands, because it does not compete with carer fields.
	if got := push(t, st, "staff", la)[0]; got.Status != api.AckApplied || got.Revision <= acks[0].Revision {
		t.Errorf("LA write ack = %+v, want applied at a new revision", got)
	}
	c := all(t, st, store.Filter{})
	if len(c) != 1 {
		t.Fatalf("changes = %+v, want one record", c)
	}
	want := map[string]string{"description": "newer", "status": "acknowledged"}
	if fmt.Sprint(c[0].Fields) != fmt.Sprint(want) {
		t.Errorf("fields = %v, want %v", c[0].Fields, want)
	}
	if !c[0].CarerAt.Equal(t0.Add(time.Hour)) || !c[0].LAAt.Equal(t0.Add(-time.Hour)) {
		t.Errorf("CarerAt %v LAAt %v, want each side's own last write", c[0].CarerAt, c[0].LAAt)
	}
}

func testOwnership(t *testing.T, st store.Store) {
	ctx := context.Background()
	// The LA cannot create a carer's kind of record, only set fields on one.
	missing := store.Item{Scope: "h1", Owner: api.OwnerLA, Op: upsert("s1", api.KindNeed, "ghost", t0, map[string]string{"status": "met"})}
	signoff := store.Item{Scope: "h1", Owner: api.OwnerLA, Op: upsert("s2", api.KindSignOff, "std-3", t0, map[string]string{"standard": "3", "signed_on": "2026-11-20"})}
	refused := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("u1", api.KindNeed, "n1", t0, map[string]string{"status": "met"}), Reject: "field \"status\" of kind \"need\" is owned by the local authority"}
	acks, err := st.Push(ctx, "staff", []store.Item{missing, signoff}, true, t0)
	if err != nil {
		t.Fatal(err)
	}
	if acks[0].Status != api.AckRejected || acks[0].Reason == "" || acks[1].Status != api.AckApplied {
		t.Errorf("staff acks = %+v, want the missing need rejected and the sign-off applied", acks)
	}
	if got := push(t, st, "carer", refused)[0]; got.Status != api.AckRejected || got.Reason != refused.Reject {
		t.Errorf("refused item ack = %+v", got)
	}
	// Replaying the refused item is not audited twice.
	push(t, st, "carer", refused)
	log, err := st.AuditLog(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 {
		t.Fatalf("audit log has %d entries, want 3 (two staff actions, one refusal): %+v", len(log), log)
	}
	if log[0].Subject != "carer" || log[0].Outcome != store.OutcomeRefused || log[0].Reason != refused.Reject {
		t.Errorf("newest audit entry = %+v, want the carer's refusal", log[0])
	}
	for _, a := range log {
		if a.Action == "" || a.At.IsZero() {
			t.Errorf("audit entry without action or time: %+v", a)
		}
		for _, value := range []string{"met", "2026-11-20"} {
			if a.Action == value || a.Reason == value {
				t.Errorf("audit entry holds a field value: %+v", a)
			}
		}
	}
	c := all(t, st, store.Filter{})
	if len(c) != 1 || c[0].Kind != api.KindSignOff || c[0].Fields["standard"] != "3" {
		t.Errorf("changes = %+v, want only the sign-off", c)
	}
}

func testTombstones(t *testing.T, st store.Store) {
	put := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("p", api.KindTraining, "t1", t0, map[string]string{"title": "First aid"})}
	la := store.Item{Scope: "h1", Owner: api.OwnerLA, Op: upsert("l", api.KindSignOff, "s1", t0, map[string]string{"standard": "1"})}
	del := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: api.Operation{IdempotencyKey: "d", Kind: api.KindTraining, ID: "t1", Op: api.OpDelete, At: t0.Add(time.Minute)}}
	push(t, st, "carer", put, la)
	delAck := push(t, st, "carer", del)[0]
	c := all(t, st, store.Filter{Scopes: []string{"h1"}})
	if len(c) != 2 || c[1].ID != "t1" || !c[1].Deleted || c[1].Fields != nil || c[1].Revision != delAck.Revision {
		t.Fatalf("changes = %+v, want the sign-off then the training as a tombstone with no fields", c)
	}
	// An LA write to a deleted record is refused; a later carer upsert
	// brings it back with only what it carries.
	laLate := store.Item{Scope: "h1", Owner: api.OwnerLA, Op: upsert("l2", api.KindNeed, "t1", t0.Add(2*time.Minute), map[string]string{"status": "met"})}
	laLate.Op.Kind = api.KindTraining
	if got := push(t, st, "staff", laLate)[0]; got.Status != api.AckRejected {
		t.Errorf("LA write to a tombstone = %+v, want rejected", got)
	}
	back := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("b", api.KindTraining, "t1", t0.Add(3*time.Minute), map[string]string{"hours": "2"})}
	push(t, st, "carer", back)
	c = all(t, st, store.Filter{Scopes: []string{"h1"}, Since: delAck.Revision})
	if len(c) != 1 || c[0].Deleted || fmt.Sprint(c[0].Fields) != "map[hours:2]" {
		t.Errorf("after re-adding: %+v, want a live record with only hours", c)
	}
}

func testScopesAndPaging(t *testing.T, st store.Store) {
	for i := range 7 {
		push(t, st, "a", store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert(fmt.Sprint("a", i), api.KindMilestone, fmt.Sprint("m", i), t0, map[string]string{"title": "x"})})
		push(t, st, "b", store.Item{Scope: "h2", Owner: api.OwnerUser, Op: upsert(fmt.Sprint("b", i), api.KindMilestone, fmt.Sprint("m", i), t0, map[string]string{"title": "y"})})
	}
	push(t, st, "staff", store.Item{Scope: "", Owner: api.OwnerLA, Op: upsert("r", api.KindRules, api.RulesID, t0, map[string]string{"document": "{}"})})
	page, more, err := st.Changes(context.Background(), store.Filter{Scopes: []string{"h1"}, Limit: 3})
	if err != nil || len(page) != 3 || !more {
		t.Fatalf("first page = %d changes, more %v, err %v; want 3 and more", len(page), more, err)
	}
	c := all(t, st, store.Filter{Scopes: []string{"h1"}, Limit: 3})
	if len(c) != 8 {
		t.Fatalf("h1 sees %d changes, want its 7 and the rules", len(c))
	}
	for i, ch := range c {
		if ch.Scope != "h1" && ch.Kind != api.KindRules {
			t.Errorf("h1 sees a change from scope %q", ch.Scope)
		}
		if i > 0 && ch.Revision <= c[i-1].Revision {
			t.Errorf("changes not oldest first: %d after %d", ch.Revision, c[i-1].Revision)
		}
	}
	if last := c[len(c)-1]; last.Kind != api.KindRules || last.Fields["document"] != "{}" {
		t.Errorf("last change = %+v, want the rules", last)
	}
	if n := len(all(t, st, store.Filter{})); n != 15 {
		t.Errorf("an unrestricted pull sees %d changes, want 15", n)
	}
	if n := len(all(t, st, store.Filter{Scopes: []string{}})); n != 1 {
		t.Errorf("an empty caseload sees %d changes, want only the rules", n)
	}
	if c := all(t, st, store.Filter{Scopes: []string{"h2"}, Kind: api.KindMilestone}); len(c) != 7 {
		t.Errorf("h2 milestones = %d, want 7 without the rules", len(c))
	}
}

func testConcurrentPushes(t *testing.T, st store.Store) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			for i := range 5 {
				it := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert(fmt.Sprint(w, "-", i), api.KindRecording, fmt.Sprint(w, "-", i), t0, map[string]string{"text": "x"})}
				// Every worker also resends one shared key, which must
				// be applied once in all.
				shared := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("shared", api.KindRecording, "shared", t0, map[string]string{"text": "y"})}
				if _, err := st.Push(context.Background(), "carer", []store.Item{it, shared}, false, t0); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	c := all(t, st, store.Filter{})
	if len(c) != 41 {
		t.Fatalf("%d records after concurrent pushes, want 41", len(c))
	}
	seen := map[int64]bool{}
	for _, ch := range c {
		if seen[ch.Revision] {
			t.Errorf("revision %d handed out twice", ch.Revision)
		}
		seen[ch.Revision] = true
	}
}

// One batch that changes a record twice and repeats a key stores the
// record once, at the later revision, and answers the repeat with the
// first ack.
func testOneBatch(t *testing.T, st store.Store) {
	a := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("k1", api.KindTraining, "t1", t0, map[string]string{"title": "First aid"})}
	b := store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("k2", api.KindTraining, "t1", t0.Add(time.Second), map[string]string{"hours": "3"})}
	other := store.Item{Scope: "h2", Owner: api.OwnerUser, Op: upsert("k3", api.KindTraining, "t1", t0, map[string]string{"title": "Other household"})}
	acks := push(t, st, "carer", a, b, a, other)
	if acks[0].Status != api.AckApplied || acks[1].Revision != acks[0].Revision+1 || acks[2] != acks[0] || acks[3].Revision != acks[1].Revision+1 {
		t.Fatalf("acks = %+v", acks)
	}
	c := all(t, st, store.Filter{})
	if len(c) != 2 || c[0].Scope != "h1" || c[0].Revision != acks[1].Revision || fmt.Sprint(c[0].Fields) != "map[hours:3 title:First aid]" || c[1].Fields["title"] != "Other household" {
		t.Errorf("changes = %+v, want h1's t1 once with both fields, then h2's t1", c)
	}
	// The next batch continues from the batch's last revision.
	if got := push(t, st, "carer", store.Item{Scope: "h1", Owner: api.OwnerUser, Op: upsert("k4", api.KindGoal, "g", t0, map[string]string{"title": "x"})})[0]; got.Revision != acks[3].Revision+1 {
		t.Errorf("next revision %d, want %d", got.Revision, acks[3].Revision+1)
	}
}
