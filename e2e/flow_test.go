package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/server/store"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// TestEndToEnd is the whole round trip on each server store: a carer's
// household syncs to the LA, LA staff act on it, and the carer sees what
// they did. PostgreSQL runs when HEARTH_TEST_POSTGRES is set (and must,
// with HEARTH_REQUIRE_POSTGRES=1).
func TestEndToEnd(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(b.Name, func(t *testing.T) { endToEnd(t, b.Open(t)) })
	}
}

func endToEnd(t *testing.T, st store.Store) {
	ctx := context.Background()
	l := startLA(t, st)
	a, child := household(t)
	today := a.Today()

	need := app.Need{ChildID: child.ID, Category: app.NeedRespite, Description: "A weekend of respite before half term", Urgency: app.UrgencySoon}
	must(t, a.SaveNeed(&need))
	tr := app.Training{Title: "Safer caring", Provider: "Borough training team", Date: today.AddDate(0, 0, -14), Hours: 3, Format: app.FormatCourse, Standards: []int{2, 6}}
	must(t, a.SaveTraining(&tr, nil))
	recs := []app.Recording{
		{ChildID: child.ID, Day: today.AddDate(0, 0, -1), Text: "Scored in the match after school", Tags: []app.Tag{app.TagAchievement}},
		{ChildID: child.ID, Day: today, Text: "Went missing for two hours, police called", Tags: []app.Tag{app.TagIncident}, Significant: true},
	}
	must(t, a.SaveRecordings(recs))
	ms := app.Milestone{ChildID: child.ID, Mission: app.MissionRelationships, Title: "Joined the football club", Status: app.MilestoneAchieved}
	must(t, a.SaveMilestone(&ms, nil))

	_, client, scope := enrol(t, l, "foster")
	res, err := a.Sync(ctx, client, nil)
	if err != nil {
		t.Fatalf("first sync: %v", err)
	}
	if res.Sent != 6 || res.Rejected != 0 {
		t.Fatalf("first sync sent %d and had %d rejected; want 6 and 0 (child, need, training, 2 recordings, milestone)", res.Sent, res.Rejected)
	}
	server := l.records(scope)
	for key, want := range map[string][2]string{
		"child/" + child.ID:       {"name", "Sam Child"},
		"need/" + need.ID:         {"description", need.Description},
		"training/" + tr.ID:       {"standards", "2,6"},
		"recording/" + recs[0].ID: {"text", recs[0].Text},
		"recording/" + recs[1].ID: {"significant", "true"},
		"milestone/" + ms.ID:      {"title", ms.Title},
	} {
		if got := server[key].Fields[want[0]]; got != want[1] {
			t.Errorf("server's %s field %s = %q, want %q", key, want[0], got, want[1])
		}
	}
	if len(server) != 6 {
		t.Errorf("the server holds %d records for the household, want 6", len(server))
	}

	// Staff act on the need and sign off standard 2, through the API.
	setAt := time.Now().UTC().Truncate(time.Second)
	signOffID := uuid.NewString()
	acks := l.staffPush(
		api.Operation{IdempotencyKey: uuid.NewString(), Kind: api.KindNeed, ID: need.ID, Op: api.OpUpsert, Scope: scope, At: setAt,
			Fields: map[string]string{"status": "in_progress", "response": "Respite carer booked for the 14th"}},
		api.Operation{IdempotencyKey: uuid.NewString(), Kind: api.KindSignOff, ID: signOffID, Op: api.OpUpsert, Scope: scope, At: setAt,
			Fields: map[string]string{"standard": "2", "signed_on": api.Date(today)}},
	)
	for i, ack := range acks {
		if ack.Status != api.AckApplied {
			t.Fatalf("staff operation %d: %s %s", i+1, ack.Status, ack.Reason)
		}
	}

	res, err = a.Sync(ctx, client, nil)
	if err != nil {
		t.Fatalf("second sync: %v", err)
	}
	if res.Received < 2 || res.Skipped != 0 {
		t.Fatalf("second sync received %d and skipped %d; want at least the need and the sign-off, none skipped", res.Received, res.Skipped)
	}
	got, err := a.Need(need.ID)
	must(t, err)
	if got.Status != app.NeedInProgress || got.Response != "Respite carer booked for the 14th" || got.Description != need.Description {
		t.Errorf("need after the pull: status %q, response %q, description %q", got.Status, got.Response, got.Description)
	}
	if at, err := a.SetByLA(api.KindNeed, need.ID); err != nil || !at.Equal(setAt) {
		t.Errorf("SetByLA(need) = %v, %v; want %v", at, err, setAt)
	}
	tsd, err := a.TSD()
	must(t, err)
	if len(tsd.Standards) != 7 || !tsd.Standards[1].SignedOn.Equal(today) || tsd.Standards[0].SignedOff() || tsd.SignedOff != 1 {
		t.Errorf("TSD after the pull: %d standards, standard 2 signed on %v, %d signed off; want 7, %v, 1",
			len(tsd.Standards), tsd.Standards[1].SignedOn, tsd.SignedOff, today)
	}
	if n, err := a.PendingChanges(); err != nil || n != 0 {
		t.Errorf("outbox holds %d changes (%v) after both syncs; want 0", n, err)
	}
	if last, err := a.LastSynced(); err != nil || last.IsZero() {
		t.Errorf("LastSynced = %v, %v; want the time of the sync", last, err)
	}
}
