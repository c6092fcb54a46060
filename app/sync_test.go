package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/authority"
)

func TestSyncPushesRecordsAndAppliesLAFields(t *testing.T) {
	a, child := readyApp(t)
	la := newTestLA(t)
	need := Need{Category: NeedRespite, Description: "A weekend of respite", Urgency: UrgencySoon}
	noErr(t, a.SaveNeed(&need))
	tr := Training{Title: "Safer caring", Provider: "LA", Date: date(2026, 10, 1), Hours: 3, Format: FormatCourse, Standards: []int{6, 3}}
	noErr(t, a.SaveTraining(&tr, nil))

	var calls [][2]int
	res, err := a.SyncWith(context.Background(), la.client(), func(done, total int) { calls = append(calls, [2]int{done, total}) }, SyncPolicy{})
	noErr(t, err)
	if res.Sent != 3 || res.Rejected != 0 {
		t.Fatalf("sent %d, rejected %d; want 3 and 0", res.Sent, res.Rejected)
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Errorf("progress ended at %v, want done == total", last)
	}
	if n, _ := a.PendingChanges(); n != 0 {
		t.Errorf("%d changes still pending after the LA acknowledged them all", n)
	}
	got, _ := la.stored(api.KindNeed, need.ID)
	if got.Fields["description"] != "A weekend of respite" || got.Fields["category"] != "respite" || got.Fields["status"] != "" {
		t.Errorf("LA holds need fields %v", got.Fields)
	}
	if got, _ := la.stored(api.KindTraining, tr.ID); got.Fields["standards"] != "3,6" || got.Fields["hours"] != "3" {
		t.Errorf("LA holds training fields %v", got.Fields)
	}
	if got, _ := la.stored(api.KindChild, child.ID); got.Fields["name"] != "Test Child" || got.Fields["date_of_birth"] != "2018-06-01" {
		t.Errorf("LA holds child fields %v", got.Fields)
	}

	setAt := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	la.setLA(api.KindNeed, need.ID, setAt, map[string]string{"status": "acknowledged", "response": "We will call on Monday"})
	la.setLA(api.KindChild, child.ID, setAt, map[string]string{"la_reference": "LA-1234"})
	la.setLA(api.KindSignOff, "signoff-2", setAt, map[string]string{"standard": "2", "signed_on": "2026-11-20"})
	rules, err := os.ReadFile(filepath.Join("rules", "england.json"))
	noErr(t, err)
	laRules := strings.Replace(string(rules), `"name": "`, `"name": "Our LA: `, 1)
	la.setLA(api.KindRules, api.RulesID, setAt, map[string]string{"document": laRules})

	res = syncOK(t, a, la, SyncPolicy{})
	if res.Received == 0 || res.Skipped != 0 {
		t.Fatalf("received %d, skipped %d", res.Received, res.Skipped)
	}
	n, err := a.Need(need.ID)
	noErr(t, err)
	if n.Status != NeedAcknowledged || n.Response != "We will call on Monday" || !n.StatusSetAt.Equal(setAt) {
		t.Errorf("need after pull: status %q, response %q, set at %v", n.Status, n.Response, n.StatusSetAt)
	}
	if at, _ := a.SetByLA(api.KindNeed, need.ID); !at.Equal(setAt) {
		t.Errorf("SetByLA = %v, want %v", at, setAt)
	}
	c, err := a.Child(child.ID)
	noErr(t, err)
	if c.LAReference != "LA-1234" || c.Name != "Test Child" {
		t.Errorf("child after pull: reference %q, name %q", c.LAReference, c.Name)
	}
	signOffs, err := a.store.SignOffs()
	noErr(t, err)
	if len(signOffs) != 1 || signOffs[0].Standard != 2 || !signOffs[0].SignedOn.Equal(date(2026, 11, 20)) {
		t.Errorf("sign-offs after pull: %+v", signOffs)
	}
	r, err := a.Rules()
	noErr(t, err)
	if !strings.HasPrefix(r.Name, "Our LA: ") {
		t.Errorf("active rules are %q, want the LA's", r.Name)
	}
	if n, _ := a.PendingChanges(); n != 0 {
		t.Errorf("applying the LA's changes queued %d changes to send back", n)
	}
	if last, _ := a.LastSynced(); !last.Equal(fixedNow) {
		t.Errorf("last synced %v, want %v", last, fixedNow)
	}

	// The carer edits the need; the LA's status and response stay.
	n.Description = "A weekend of respite in December"
	n.Status = NeedRaised
	noErr(t, a.SaveNeed(&n))
	syncOK(t, a, la, SyncPolicy{})
	if got, _ := la.stored(api.KindNeed, need.ID); got.Fields["description"] != "A weekend of respite in December" || got.Fields["status"] != "acknowledged" {
		t.Errorf("LA holds need fields %v after the carer's edit", got.Fields)
	}
}

func TestSyncRefusesBadRulesAndKeepsTheOldOnes(t *testing.T) {
	a, _ := readyApp(t)
	la := newTestLA(t)
	la.setLA(api.KindRules, api.RulesID, fixedNow, map[string]string{"document": `{"name": "broken"}`})
	res := syncOK(t, a, la, SyncPolicy{})
	if res.Skipped != 1 {
		t.Errorf("skipped %d changes, want the bad rules file skipped", res.Skipped)
	}
	r, err := a.Rules()
	noErr(t, err)
	if r.Country != CountryEngland || strings.Contains(r.Name, "broken") {
		t.Errorf("active rules %q after a bad file", r.Name)
	}
}

func TestSyncSendsSignificantRecordingsFirst(t *testing.T) {
	a, child := readyApp(t)
	la := newTestLA(t)
	for i := range 3 {
		noErr(t, a.SaveRecording(&Recording{ChildID: child.ID, Day: date(2026, 11, 20+i), Text: "An ordinary day"}))
	}
	urgent := Recording{ChildID: child.ID, Day: date(2026, 11, 24), Text: "Missing from home overnight", Significant: true}
	noErr(t, a.SaveRecording(&urgent))
	syncOK(t, a, la, SyncPolicy{BatchSize: 2})
	if la.pushes != 3 {
		t.Errorf("%d pushes for 5 changes in batches of 2, want 3", la.pushes)
	}
	if first := la.received[0]; first.ID != urgent.ID || first.Fields["significant"] != "true" {
		t.Errorf("first operation sent was %s %s, want the significant recording", first.Kind, first.ID)
	}
	if second := la.received[1]; second.ID != child.ID {
		t.Errorf("second operation sent was %s %s, want the child (oldest change)", second.Kind, second.ID)
	}
}

// A crash (or a lost answer) after the LA applied a batch: the next sync
// sends those changes again under the same keys, the LA applies them once,
// and what was acknowledged before is not sent again.
func TestSyncResumesWithoutResendingAcknowledged(t *testing.T) {
	a, child := readyApp(t)
	la := newTestLA(t)
	syncOK(t, a, la, SyncPolicy{})
	if ops := la.opsFor(child.ID); len(ops) != 1 {
		t.Fatalf("child sent %d times, want once", len(ops))
	}

	m := Milestone{ChildID: child.ID, Mission: MissionHealth, Title: "Registered with a dentist", Status: MilestonePlanned}
	noErr(t, a.SaveMilestone(&m, nil))
	la.loseAcks = 1
	_, err := a.SyncWith(context.Background(), la.client(), nil, SyncPolicy{Retryable: func(error) bool { return false }})
	if err == nil {
		t.Fatal("sync with a lost acknowledgement reported success")
	}
	if n, _ := a.PendingChanges(); n != 1 {
		t.Fatalf("%d changes pending after the lost acknowledgement, want 1", n)
	}
	// A further edit after the lost batch travels under a key of its own.
	m.Title = "Registered with a dentist near school"
	noErr(t, a.SaveMilestone(&m, nil))

	syncOK(t, a, la, SyncPolicy{})
	ops := la.opsFor(m.ID)
	if len(ops) != 3 || ops[0].IdempotencyKey != ops[1].IdempotencyKey || ops[2].IdempotencyKey == ops[0].IdempotencyKey {
		t.Fatalf("milestone operations: %+v; want the lost one twice under one key, then the edit under another", ops)
	}
	if got, _ := la.stored(api.KindMilestone, m.ID); got.Fields["title"] != "Registered with a dentist near school" {
		t.Errorf("LA holds title %q", got.Fields["title"])
	}
	if ops := la.opsFor(child.ID); len(ops) != 1 {
		t.Errorf("acknowledged child sent %d times, want once", len(ops))
	}
	if n, _ := a.PendingChanges(); n != 0 {
		t.Errorf("%d changes pending after resuming", n)
	}
}

func TestSyncRetriesWithBackoffThenStops(t *testing.T) {
	a, _ := readyApp(t)
	la := newTestLA(t)
	la.fail = []int{503, 500}
	var q quickPolicy
	p := q.policy()
	p.BaseDelay, p.MaxDelay = time.Second, 90*time.Second
	syncOK(t, a, la, p)
	want := []time.Duration{time.Second, 2 * time.Second}
	if len(q.delays) != 2 || q.delays[0] != want[0] || q.delays[1] != want[1] {
		t.Errorf("backoff ceilings %v, want %v", q.delays, want)
	}

	noErr(t, a.SaveNeed(&Need{Category: NeedOther, Description: "More help", Urgency: UrgencyRoutine}))
	la.fail = []int{500, 500, 500, 500, 500}
	q.delays = nil
	p.MaxRetries = 3
	_, err := a.SyncWith(context.Background(), la.client(), nil, p)
	if err == nil || len(q.delays) != 3 {
		t.Fatalf("after %d retries got %v; want an error after exactly 3", len(q.delays), err)
	}
	if n, _ := a.PendingChanges(); n != 1 {
		t.Errorf("%d pending after giving up, want the change kept", n)
	}
}

func TestSyncStopsAndKeepsOutboxWhenSignInEnds(t *testing.T) {
	a, _ := readyApp(t)
	la := newTestLA(t)
	la.signedOut = true
	var q quickPolicy
	_, err := a.SyncWith(context.Background(), la.client(), nil, q.policy())
	if !errors.Is(err, authority.ErrSignInAgain) {
		t.Fatalf("got %v, want ErrSignInAgain", err)
	}
	if len(q.delays) != 0 || la.changesHit != 0 {
		t.Errorf("retried %d times and pulled %d times after the sign-in ended", len(q.delays), la.changesHit)
	}
	if n, _ := a.PendingChanges(); n != 1 {
		t.Errorf("%d pending, want the child's change kept", n)
	}
}

func TestSyncKeepsRejectionsVisibleAndDoesNotRetryThem(t *testing.T) {
	a, child := readyApp(t)
	la := newTestLA(t)
	la.reject[child.ID] = "This child is not placed with your household"
	res := syncOK(t, a, la, SyncPolicy{})
	if res.Rejected != 1 {
		t.Fatalf("rejected %d, want 1", res.Rejected)
	}
	rej, err := a.Rejections()
	noErr(t, err)
	if len(rej) != 1 || rej[0].RecordID != child.ID || rej[0].Reason != "This child is not placed with your household" {
		t.Fatalf("rejections %+v", rej)
	}
	syncOK(t, a, la, SyncPolicy{})
	if ops := la.opsFor(child.ID); len(ops) != 1 {
		t.Errorf("rejected change sent %d times, want once", len(ops))
	}
	noErr(t, a.DismissRejection(rej[0].Key))
	if rej, _ := a.Rejections(); len(rej) != 0 {
		t.Errorf("rejection still listed after dismissing: %+v", rej)
	}
}

// Two devices of one household: an edit made on one reaches the other,
// unless the other has its own edit of that record waiting to be sent.
func TestSyncSecondDeviceAndTombstones(t *testing.T) {
	la := newTestLA(t)
	a, child := readyApp(t)
	b, _ := readyApp(t)
	rec := Recording{ChildID: child.ID, Day: date(2026, 11, 23), Text: "Swimming lesson"}
	noErr(t, a.SaveRecording(&rec))
	syncOK(t, a, la, SyncPolicy{})
	syncOK(t, b, la, SyncPolicy{})
	got, err := b.Recording(rec.ID)
	noErr(t, err)
	if got.Text != "Swimming lesson" || got.ChildID != child.ID {
		t.Fatalf("second device has %+v", got)
	}
	if n, _ := b.PendingChanges(); n != 0 {
		t.Errorf("storing the first device's records queued %d changes on the second", n)
	}

	noErr(t, a.DeleteRecording(rec.ID))
	syncOK(t, a, la, SyncPolicy{})
	syncOK(t, b, la, SyncPolicy{})
	if _, err := b.Recording(rec.ID); err == nil {
		t.Error("the recording deleted on one device is still on the other")
	}
	if n, _ := b.CountRecordings(child.ID); n != 0 {
		t.Errorf("second device counts %d recordings", n)
	}
}

func TestPlacementEndMakesRecordsReadOnlyThenRemovesThem(t *testing.T) {
	var mu sync.Mutex
	now := fixedNow
	dir, kc := t.TempDir(), newMemKeychain()
	a := clockedApp(t, dir, kc, &now, &mu)
	noErr(t, a.CompleteSetup(Setup{Language: "en", Kind: KindFoster, CarerNames: []string{"Ann Test"}, ApprovalDate: date(2026, 3, 1)}))
	child := Child{Name: "Leaving Child", DateOfBirth: date(2016, 1, 1), Arrangement: ArrangementFoster, PlacementStart: date(2025, 1, 1)}
	noErr(t, a.SaveChild(&child))
	other := Child{Name: "Staying Child", DateOfBirth: date(2017, 1, 1), Arrangement: ArrangementFoster, PlacementStart: date(2025, 1, 1)}
	noErr(t, a.SaveChild(&other))
	rec := Recording{ChildID: child.ID, Day: date(2026, 11, 20), Text: "Packed for the move"}
	noErr(t, a.SaveRecording(&rec))
	need := Need{ChildID: child.ID, Category: NeedEducation, Description: "School transport", Urgency: UrgencySoon}
	noErr(t, a.SaveNeed(&need))
	tr := Training{Title: "Attachment", Date: date(2026, 6, 1), Hours: 2, Format: FormatELearning}
	noErr(t, a.SaveTraining(&tr, nil))

	la := newTestLA(t)
	syncOK(t, a, la, SyncPolicy{})
	la.setLA(api.KindChild, child.ID, fixedNow, map[string]string{"placement_end": "2026-11-24"})
	syncOK(t, a, la, SyncPolicy{})

	err := a.SaveRecording(&Recording{ChildID: child.ID, Day: date(2026, 11, 25), Text: "One more note"})
	wantUserError(t, err, "error.placement_ended")
	wantUserError(t, a.SaveMilestone(&Milestone{ChildID: child.ID, Mission: MissionHome, Title: "Moved", Status: MilestonePlanned}, nil), "error.placement_ended")
	wantUserError(t, a.DeleteRecording(rec.ID), "error.placement_ended")
	c, err := a.Child(child.ID)
	noErr(t, err)
	wantUserError(t, a.SaveChild(&c), "error.placement_ended")
	noErr(t, a.SaveRecording(&Recording{ChildID: other.ID, Day: date(2026, 11, 25), Text: "Other child is fine"}))
	if got, _ := a.Recording(rec.ID); got.Text != "Packed for the move" {
		t.Errorf("read-only recording reads %q", got.Text)
	}

	// Day 6 after the end: still there. Day 7: removed when the store opens.
	mu.Lock()
	now = fixedNow.AddDate(0, 0, 5)
	mu.Unlock()
	syncOK(t, a, la, SyncPolicy{})
	if _, err := a.Child(child.ID); err != nil {
		t.Fatalf("child removed before 7 days: %v", err)
	}
	sentBefore := len(la.received)
	noErr(t, a.Close())
	mu.Lock()
	now = fixedNow.AddDate(0, 0, 6)
	mu.Unlock()
	a = clockedApp(t, dir, kc, &now, &mu)
	if _, err := a.Child(child.ID); err == nil {
		t.Fatal("child still on the device 7 days after the placement ended")
	}
	if _, err := a.Recording(rec.ID); err == nil {
		t.Error("child's recording still on the device")
	}
	if _, err := a.Child(other.ID); err != nil {
		t.Errorf("the other child went too: %v", err)
	}
	if _, err := a.Need(need.ID); err != nil {
		t.Errorf("the household's need went with the child: %v", err)
	}
	if ts, _ := a.Trainings(); len(ts) != 1 {
		t.Errorf("%d training records left, want the carer's 1", len(ts))
	}
	syncOK(t, a, la, SyncPolicy{})
	for _, op := range la.received[sentBefore:] {
		if op.ID == child.ID || op.ID == rec.ID {
			t.Errorf("removing the ended placement sent %s %s to the LA", op.Op, op.Kind)
		}
	}
}

func TestLeaverSyncSendsOnlyWhatIsShared(t *testing.T) {
	a := leaverApp(t)
	la := newTestLA(t)
	la.role = api.RoleLeaver
	g := Goal{Mission: MissionHome, Title: "Find a flat", Why: "So I can have my sister to stay", Areas: []Area{AreaAccommodation},
		Steps: []Step{{Text: "Register with the council"}, {Text: "Save a deposit"}}}
	noErr(t, a.SaveGoal(&g))
	m := Milestone{Mission: MissionWork, Title: "First part-time job", Status: MilestoneAchieved, Notes: "Nervous but fine"}
	noErr(t, a.SaveSelfMilestone(&m, nil))
	syncOK(t, a, la, SyncPolicy{})
	if len(la.received) != 0 {
		t.Fatalf("nothing is shared, yet %d operations left the device: %+v", len(la.received), la.received)
	}

	noErr(t, a.SetGoalShared(g.ID, true))
	noErr(t, a.SetMilestoneShared(m.ID, true))
	syncOK(t, a, la, SyncPolicy{})
	goal, ok := la.stored(api.KindGoal, g.ID)
	if !ok || goal.Fields["title"] != "Find a flat" || len(goal.Fields) != 3 {
		t.Errorf("LA holds goal fields %v, want mission, title and target date only", goal.Fields)
	}
	for _, op := range la.received {
		for _, v := range op.Fields {
			if strings.Contains(v, "sister") || strings.Contains(v, "Nervous") || strings.Contains(v, "accommodation") {
				t.Errorf("%s %s carried private text %q", op.Kind, op.ID, v)
			}
		}
	}
	g, _ = a.Goal(g.ID)
	step, ok := la.stored(api.KindGoalStep, g.Steps[1].ID)
	if !ok || step.Fields["text"] != "Save a deposit" || step.Fields["position"] != "1" || step.Fields["goal_id"] != g.ID {
		t.Errorf("LA holds step %v", step.Fields)
	}
	if ms, _ := la.stored(api.KindMilestone, m.ID); ms.Fields["title"] != "First part-time job" {
		t.Errorf("LA holds milestone %v", ms.Fields)
	}

	noErr(t, a.SetGoalShared(g.ID, false))
	syncOK(t, a, la, SyncPolicy{})
	for _, id := range []string{g.ID, g.Steps[0].ID, g.Steps[1].ID} {
		ops := la.opsFor(id)
		if len(ops) == 0 || ops[len(ops)-1].Op != api.OpDelete {
			t.Errorf("unsharing did not withdraw %s: %+v", id, ops)
		}
	}
	if got, _ := a.Goal(g.ID); got.Why != "So I can have my sister to stay" || got.Shared {
		t.Errorf("goal on the device after unsharing: %+v", got)
	}
	if n, _ := a.PendingChanges(); n != 0 {
		t.Errorf("%d pending after unsharing", n)
	}
}

func TestSyncIsSafeFromGoroutines(t *testing.T) {
	a, child := readyApp(t)
	la := newTestLA(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := range 4 {
		wg.Go(func() {
			if err := a.SaveRecording(&Recording{ChildID: child.ID, Day: date(2026, 11, 1+i), Text: "Note"}); err != nil {
				errs <- err
			}
			_, err := a.Sync(context.Background(), la.client(), nil)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		noErr(t, err)
	}
	if n, _ := a.PendingChanges(); n != 0 {
		t.Errorf("%d pending after concurrent syncs", n)
	}
	for _, r := range la.received {
		if ops := la.opsFor(r.ID); len(ops) != 1 {
			t.Errorf("%s %s sent %d times", r.Kind, r.ID, len(ops))
		}
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestDraftNeedWaitsUntilRaisedAndRetryAfterIsHonoured(t *testing.T) {
	a, _ := readyApp(t)
	la := newTestLA(t)
	draft := Need{Category: NeedHousing, Description: "Bigger bedroom", Urgency: UrgencyRoutine, Status: NeedDraft}
	noErr(t, a.SaveNeed(&draft))
	syncOK(t, a, la, SyncPolicy{})
	if ops := la.opsFor(draft.ID); len(ops) != 0 {
		t.Fatalf("a draft need reached the LA: %+v", ops)
	}
	if n, _ := a.PendingChanges(); n != 0 {
		t.Errorf("%d pending; a draft waits in the store, not the outbox", n)
	}
	draft.Status = NeedRaised
	noErr(t, a.SaveNeed(&draft))
	la.fail = []int{429}
	var q quickPolicy
	p := q.policy()
	p.Jitter = func(time.Duration) time.Duration { return 0 }
	syncOK(t, a, la, p)
	if ops := la.opsFor(draft.ID); len(ops) != 1 || ops[0].Fields["description"] != "Bigger bedroom" {
		t.Errorf("raised need sent as %+v", ops)
	}
	if len(q.delays) != 1 || q.delays[0] != 7*time.Second {
		t.Errorf("waited %v, want the server's Retry-After of 7s", q.delays)
	}
}

// A pull cut off after its first page resumes from that page's cursor:
// nothing is fetched twice and nothing is skipped.
func TestPullResumesFromTheLastStoredPage(t *testing.T) {
	la := newTestLA(t)
	a, child := readyApp(t)
	for i := range 4 {
		noErr(t, a.SaveRecording(&Recording{ChildID: child.ID, Day: date(2026, 11, 1+i), Text: "Note"}))
	}
	syncOK(t, a, la, SyncPolicy{})
	b, _ := readyApp(t)
	la.mu.Lock()
	la.changesHit, la.failPullAt, la.sinces = 0, 2, nil
	la.mu.Unlock()
	_, err := b.SyncWith(context.Background(), la.client(), nil, SyncPolicy{PageSize: 2, Retryable: func(error) bool { return false }})
	if err == nil {
		t.Fatal("a pull cut off half-way reported success")
	}
	stored, err := b.store.SyncCursor()
	noErr(t, err)
	if stored == 0 {
		t.Fatal("the first page's cursor was not stored")
	}
	got := len(la.sinces)
	syncOK(t, b, la, SyncPolicy{PageSize: 2})
	if resumed := la.sinces[got]; resumed != stored {
		t.Errorf("resumed pull asked for changes since %d, want the stored cursor %d (all: %v)", resumed, stored, la.sinces)
	}
	if n, _ := b.CountRecordings(child.ID); n != 4 {
		t.Errorf("second device has %d of the 4 recordings", n)
	}
}

// A batch is capped by its size on the wire as well as by its count: long
// recordings that together exceed the LA's body limit must still go, in
// several pushes, rather than be refused as one request at every sync,
// which would block the queue (and every pull after it) for good.
func TestSyncSplitsABatchTooLargeForOneRequest(t *testing.T) {
	a, child := readyApp(t)
	la := newTestLA(t)
	long := strings.Repeat("A long account of the day, written in full. ", (api.MaxFieldLen-1024)/45)
	n := api.MaxBodyBytes/len(long) + 20
	for i := range n {
		noErr(t, a.SaveRecording(&Recording{ChildID: child.ID, Day: date(2020, 1, 1).AddDate(0, 0, i), Text: long}))
	}
	// Small pages, so the records the test LA sends back fit its answers.
	res := syncOK(t, a, la, SyncPolicy{MaxRetries: 1, PageSize: 50})
	if res.Sent != n+1 || res.Rejected != 0 {
		t.Fatalf("sent %d, rejected %d; want %d and 0", res.Sent, res.Rejected, n+1)
	}
	if la.pushes < 2 {
		t.Errorf("%d pushes for %d bytes of text; want it split", la.pushes, n*len(long))
	}
	if left, _ := a.PendingChanges(); left != 0 {
		t.Errorf("%d changes still waiting", left)
	}
}

func TestBySizeKeepsOrderAndSendsAnOversizedOperationAlone(t *testing.T) {
	op := func(id string, size int) api.Operation {
		return api.Operation{IdempotencyKey: id, Fields: map[string]string{"text": strings.Repeat("x", size)}}
	}
	ops := []api.Operation{op("a", 100), op("b", 100), op("c", 5000), op("d", 10), op("e", 10)}
	budget := opSize(ops[0]) + opSize(ops[1])
	var got [][]string
	for _, run := range bySize(ops, budget) {
		var ids []string
		for _, o := range run {
			ids = append(ids, o.IdempotencyKey)
		}
		got = append(got, ids)
	}
	want := [][]string{{"a", "b"}, {"c"}, {"d", "e"}}
	if len(got) != len(want) {
		t.Fatalf("runs %v, want %v", got, want)
	}
	for i := range want {
		if strings.Join(got[i], ",") != strings.Join(want[i], ",") {
			t.Fatalf("runs %v, want %v", got, want)
		}
	}
}
