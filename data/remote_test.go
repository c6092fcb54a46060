package data

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// needChange is a pulled need; apply copies description as the user's
// field and status/response as the LA's, as app's mapping does.
func needChange(id string, carerAt, laAt time.Time, description, status, response string) RemoteChange {
	return RemoteChange{Kind: SyncNeed, ID: id, CarerAt: carerAt, LAAt: laAt,
		Apply: func(rec any, user, la bool) error {
			n := rec.(*Need)
			if user {
				n.Description, n.Category, n.Urgency = description, NeedRespite, UrgencySoon
			}
			if la {
				n.Status, n.Response, n.StatusSetAt = NeedStatus(status), response, laAt
			}
			return nil
		}}
}

func TestApplyChangesByFieldOwnership(t *testing.T) {
	s := unlocked(t)
	n := Need{Category: NeedRespite, Description: "Mine", Urgency: UrgencySoon, Status: NeedRaised}
	must(t, s.SaveNeed(&n))
	later := n.Updated.Add(time.Hour)
	laAt := n.Updated.Add(2 * time.Hour)

	// A local edit is waiting to be sent: the other device's text is not
	// applied, the LA's status is.
	res, err := s.ApplyChanges([]RemoteChange{needChange(n.ID, later, laAt, "Theirs", "acknowledged", "Noted")}, 7)
	must(t, err)
	if res.Applied != 1 || res.Skipped != 0 {
		t.Fatalf("result %+v", res)
	}
	got, err := s.Need(n.ID)
	must(t, err)
	if got.Description != "Mine" || got.Status != NeedAcknowledged || got.Response != "Noted" || !got.StatusSetAt.Equal(laAt) {
		t.Errorf("with a pending edit: %+v", got)
	}
	if cur, _ := s.SyncCursor(); cur != 7 {
		t.Errorf("cursor %d, want 7", cur)
	}
	if at, _ := s.LAChangedAt(SyncNeed, n.ID); !at.Equal(laAt) {
		t.Errorf("LA change time %v, want %v", at, laAt)
	}
	entries := outbox(t, s)
	if len(entries) != 1 {
		t.Fatalf("applying changes queued entries: %+v", entries)
	}

	// Once nothing is pending, a later edit from another device applies.
	_, err = s.Acknowledge([]Ack{{Key: entries[0].Key, Op: OpUpsert}})
	must(t, err)
	_, err = s.ApplyChanges([]RemoteChange{needChange(n.ID, later, laAt, "Theirs", "in_progress", "")}, 8)
	must(t, err)
	got, _ = s.Need(n.ID)
	if got.Description != "Theirs" || got.Status != NeedInProgress || !got.Updated.Equal(later) {
		t.Errorf("without a pending edit: %+v", got)
	}
	// An older one does not.
	_, err = s.ApplyChanges([]RemoteChange{needChange(n.ID, later.Add(-time.Minute), laAt, "Stale", "in_progress", "")}, 9)
	must(t, err)
	if got, _ := s.Need(n.ID); got.Description != "Theirs" {
		t.Errorf("an older remote edit overwrote a newer one: %q", got.Description)
	}

	// A record new to this device is stored under its own id, and found by
	// search.
	_, err = s.ApplyChanges([]RemoteChange{needChange("need-from-elsewhere", later, time.Time{}, "Respite from the other laptop", "raised", "")}, 10)
	must(t, err)
	if got, err := s.Need("need-from-elsewhere"); err != nil || got.Description != "Respite from the other laptop" {
		t.Errorf("new record: %+v, %v", got, err)
	}
	if len(outbox(t, s)) != 0 {
		t.Error("storing pulled records queued them to be sent back")
	}
}

func TestApplyChangesTombstonesAndBadChanges(t *testing.T) {
	s := unlocked(t)
	_, err := s.ApplyChanges([]RemoteChange{needChange("n1", day(2025, 3, 1), time.Time{}, "Pulled", "raised", "")}, 1)
	must(t, err)
	bad := RemoteChange{Kind: SyncNeed, ID: "n2", Apply: func(rec any, user, la bool) error {
		rec.(*Need).Category = "no-such-category" // refused by the table's CHECK
		rec.(*Need).Urgency, rec.(*Need).Status = UrgencySoon, NeedRaised
		return nil
	}}
	res, err := s.ApplyChanges([]RemoteChange{bad, {Kind: SyncNeed, ID: "n1", Deleted: true}}, 2)
	must(t, err)
	if res.Applied != 1 || res.Skipped != 1 {
		t.Errorf("result %+v, want the bad change skipped and the tombstone applied", res)
	}
	if _, err := s.Need("n1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("tombstoned need still readable: %v", err)
	}
	assertTombstone(t, s, "needs", "n1", "description")
	if _, err := s.Need("n2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("refused change was stored: %v", err)
	}
	if cur, _ := s.SyncCursor(); cur != 2 {
		t.Errorf("cursor %d after a page with a bad change, want 2", cur)
	}
}

func TestPurgeEndedPlacementsOnlyWhenTheLAEndedThem(t *testing.T) {
	s := unlocked(t)
	ended := addChild(t, s, "Ended")
	typed := addChild(t, s, "Typed")
	typed.PlacementEnd = day(2025, 1, 1)
	must(t, s.SaveChild(&typed)) // the carer's own end date, not the LA's
	r := Recording{ChildID: ended.ID, Day: day(2025, 1, 1), Text: "Note"}
	must(t, s.SaveRecording(&r))
	n := Need{ChildID: ended.ID, Category: NeedOther, Description: "Stays", Urgency: UrgencySoon, Status: NeedRaised}
	must(t, s.SaveNeed(&n))
	endPlacementByLA(t, s, ended.ID, day(2025, 2, 1))
	if end, _ := s.PlacementEndedByLA(ended.ID); !end.Equal(day(2025, 2, 1)) {
		t.Errorf("placement end by LA %v", end)
	}
	ids, err := s.PurgeEndedPlacements(day(2025, 1, 31))
	must(t, err)
	if len(ids) != 0 {
		t.Fatalf("purged %v before the cutoff", ids)
	}
	ids, err = s.PurgeEndedPlacements(day(2025, 2, 1))
	must(t, err)
	if len(ids) != 1 || ids[0] != ended.ID {
		t.Fatalf("purged %v, want only the child the LA ended", ids)
	}
	assertTombstone(t, s, "children", ended.ID, "name", "date_of_birth")
	assertTombstone(t, s, "recordings", r.ID, "text")
	if _, err := s.Need(n.ID); err != nil {
		t.Errorf("the household's need went with the child: %v", err)
	}
	for _, e := range outbox(t, s) {
		if e.RecordID == ended.ID || e.RecordID == r.ID {
			t.Errorf("purge left or queued %s %s for the LA", e.Op, e.Kind)
		}
	}
}

// A bad change in the middle of a page rolls back the page's first,
// all-or-nothing attempt, and the page is applied again change by change:
// the changes either side of it are stored and indexed once each, the bad
// one not at all.
func TestApplyChangesBadChangeMidPage(t *testing.T) {
	s := unlocked(t)
	bad := RemoteChange{Kind: SyncNeed, ID: "mid", Apply: func(rec any, user, la bool) error {
		n := rec.(*Need)
		n.Category, n.Urgency, n.Status = "no-such-category", UrgencySoon, NeedRaised // refused by the table's CHECK
		n.Description = "wheelchair ramp"
		return nil
	}}
	page := []RemoteChange{
		needChange("before", day(2025, 3, 1), time.Time{}, "respite weekend", "raised", ""),
		bad,
		needChange("after", day(2025, 3, 2), time.Time{}, "respite evening", "raised", ""),
	}
	res, err := s.ApplyChanges(page, 3)
	must(t, err)
	if res.Applied != 2 || res.Skipped != 1 {
		t.Errorf("result %+v, want 2 applied and the bad change skipped", res)
	}
	for _, id := range []string{"before", "after"} {
		if _, err := s.Need(id); err != nil {
			t.Errorf("need %s around the bad change: %v", id, err)
		}
	}
	if _, err := s.Need("mid"); !errors.Is(err, ErrNotFound) {
		t.Errorf("refused change was stored: %v", err)
	}
	hits, err := s.Search("respite", 10)
	must(t, err)
	if len(hits) != 2 {
		t.Errorf("search found %d needs, want the 2 applied ones once each: %+v", len(hits), hits)
	}
	if hits, _ := s.Search("wheelchair", 10); len(hits) != 0 {
		t.Errorf("the refused change reached the search index: %+v", hits)
	}
	var rows int
	must(t, s.r.QueryRow("SELECT count(*) FROM needs").Scan(&rows))
	if rows != 2 {
		t.Errorf("%d rows in needs, want 2", rows)
	}
	if cur, _ := s.SyncCursor(); cur != 3 {
		t.Errorf("cursor %d, want 3", cur)
	}
}

// A child removed after their placement ended must leave no ciphertext of
// their records behind, in the database or in the write-ahead log, as
// erasing a child does.
func TestPurgeEndedPlacementsLeavesNoCiphertextInTheLog(t *testing.T) {
	s, _, path := newStore(t)
	ended := addChild(t, s, "Ended")
	r := Recording{ChildID: ended.ID, Day: day(2025, 1, 1), Text: "A day out at the beach"}
	must(t, s.SaveRecording(&r))
	secrets := map[string][]byte{
		"child name":     rawBlob(t, s, "children", "name", ended.ID),
		"recording text": rawBlob(t, s, "recordings", "text", r.ID),
	}
	endPlacementByLA(t, s, ended.ID, day(2025, 2, 1))
	ids, err := s.PurgeEndedPlacements(day(2025, 2, 8))
	must(t, err)
	if len(ids) != 1 {
		t.Fatalf("purged %v", ids)
	}
	disk := fileBytes(t, path)
	for what, b := range secrets {
		if bytes.Contains(disk, b) {
			t.Errorf("the %s is still on disk after the placement ended", what)
		}
	}
}

// endPlacementByLA applies the LA's change that ends the child's placement
// on end, as a pulled page would.
func endPlacementByLA(t *testing.T, s *Store, childID string, end time.Time) {
	t.Helper()
	_, err := s.ApplyChanges([]RemoteChange{{Kind: SyncChild, ID: childID, LAAt: end,
		Apply: func(rec any, user, la bool) error {
			if la {
				rec.(*Child).PlacementEnd = end
			}
			return nil
		}}}, 1)
	must(t, err)
}
