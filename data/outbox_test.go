package data

import (
	"bytes"
	"os"
	"testing"
)

func outbox(t *testing.T, s *Store) []OutboxEntry {
	t.Helper()
	got, err := s.Outbox(1000)
	must(t, err)
	return got
}

func TestEverySaveAndDeleteQueuesOneEntryPerRecord(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Amy")
	n := Need{ChildID: c.ID, Category: NeedRespite, Description: "Respite", Urgency: UrgencySoon, Status: NeedRaised}
	must(t, s.SaveNeed(&n))
	tr := Training{Title: "First aid", Hours: 2, Format: FormatCourse, Standards: []int{3}}
	must(t, s.SaveTraining(&tr))
	m := Milestone{ChildID: c.ID, Mission: MissionHealth, Title: "Dentist", Status: MilestonePlanned}
	must(t, s.SaveMilestone(&m))
	r := Recording{ChildID: c.ID, Day: day(2025, 3, 1), Text: "A good day"}
	must(t, s.SaveRecording(&r))
	g := Goal{Mission: MissionHome, Title: "A flat", Steps: []Step{{Text: "Register"}, {Text: "Save"}}}
	must(t, s.SaveGoal(&g))
	// Saving again coalesces into the waiting entries.
	n.Description = "Respite in the holidays"
	must(t, s.SaveNeed(&n))
	must(t, s.SaveGoal(&g))

	got := outbox(t, s)
	want := []RecordRef{{SyncChild, c.ID}, {SyncNeed, n.ID}, {SyncTraining, tr.ID}, {SyncMilestone, m.ID},
		{SyncRecording, r.ID}, {SyncGoal, g.ID}, {SyncGoalStep, g.Steps[0].ID}, {SyncGoalStep, g.Steps[1].ID}}
	if len(got) != len(want) {
		t.Fatalf("outbox has %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i, e := range got {
		if (RecordRef{e.Kind, e.RecordID}) != want[i] || e.Op != OpUpsert || e.Sent || e.OnServer {
			t.Errorf("entry %d is %+v, want an unsent upsert of %v", i, e, want[i])
		}
	}

	// Deleting the child turns its entry into a delete, keeping its place
	// and key, and queues deletes of the child's milestone and recording;
	// the need is the household's and stays.
	must(t, s.DeleteChild(c.ID))
	after := outbox(t, s)
	if len(after) != len(want) {
		t.Fatalf("outbox has %d entries after the delete, want %d", len(after), len(want))
	}
	ops := map[string]string{}
	for i, e := range after {
		ops[e.RecordID] = e.Op
		if e.Key != got[i].Key {
			t.Errorf("entry for %s changed key from %s to %s", e.RecordID, got[i].Key, e.Key)
		}
	}
	if ops[c.ID] != OpDelete || ops[m.ID] != OpDelete || ops[r.ID] != OpDelete || ops[n.ID] != OpUpsert {
		t.Errorf("ops after deleting the child: %v", ops)
	}
}

func TestFailedSaveQueuesNothing(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Amy")
	before := outbox(t, s)
	err := s.SaveBatch(func(b *Batch) error {
		if err := b.SaveRecording(&Recording{ChildID: c.ID, Day: day(2025, 3, 1), Text: "Saved first"}); err != nil {
			return err
		}
		return b.SaveRecording(&Recording{ChildID: "no-such-child", Day: day(2025, 3, 2), Text: "Refused"})
	})
	if err == nil {
		t.Fatal("a recording for a missing child was saved")
	}
	if after := outbox(t, s); len(after) != len(before) {
		t.Errorf("a failed save left %d outbox entries, had %d", len(after), len(before))
	}
	// A settings change or a reminder is not a record that syncs.
	must(t, s.SetSetting("theme", "dark"))
	must(t, s.SaveReminderEvent(&ReminderEvent{ChildID: c.ID, Kind: "pep", Due: day(2025, 4, 1), Done: day(2025, 4, 1)}))
	if after := outbox(t, s); len(after) != len(before) {
		t.Errorf("non-syncing writes queued %d entries", len(after)-len(before))
	}
}

func TestSentEntriesAreNotCoalescedAndAcksRemoveThem(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Amy")
	first := outbox(t, s)[0]
	must(t, s.MarkSent([]string{first.Key}))
	c.School = "Hill Primary"
	must(t, s.SaveChild(&c))
	got := outbox(t, s)
	if len(got) != 2 || got[0].Key != first.Key || !got[0].Sent || got[1].Sent || got[1].RecordID != c.ID {
		t.Fatalf("after an edit of a sent record: %+v", got)
	}

	must(t, s.NoteSending([]RecordRef{{SyncChild, c.ID}}))
	n, err := s.Acknowledge([]Ack{{Key: first.Key, Op: OpUpsert}, {Key: "unknown-key", Op: OpUpsert}})
	must(t, err)
	if n != 1 {
		t.Errorf("acknowledged %d entries, want 1 (the unknown key is ignored)", n)
	}
	got = outbox(t, s)
	if len(got) != 1 || got[0].Key == first.Key || !got[0].OnServer {
		t.Fatalf("after the ack: %+v", got)
	}

	n, err = s.Acknowledge([]Ack{{Key: got[0].Key, Op: OpUpsert, Rejected: true, Reason: "Unknown school for Amy"}})
	must(t, err)
	if n != 1 || len(outbox(t, s)) != 0 {
		t.Fatalf("a rejected entry stayed in the outbox")
	}
	rej, err := s.Rejections()
	must(t, err)
	if len(rej) != 1 || rej[0].Reason != "Unknown school for Amy" || rej[0].RecordID != c.ID {
		t.Fatalf("rejections: %+v", rej)
	}
}

func TestRejectionReasonIsSealedOnDisk(t *testing.T) {
	s, _, path := newStore(t)
	addChild(t, s, "Amy")
	e := outbox(t, s)[0]
	_, err := s.Acknowledge([]Ack{{Key: e.Key, Op: OpUpsert, Rejected: true, Reason: "Amy Secretsurname is not known"}})
	must(t, err)
	must(t, s.Close())
	raw, err := os.ReadFile(path)
	must(t, err)
	if bytes.Contains(raw, []byte("Secretsurname")) {
		t.Error("the rejection reason is readable in the database file")
	}
}

func TestSignificantRecordingsComeFirst(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Amy")
	plain := Recording{ChildID: c.ID, Day: day(2025, 3, 1), Text: "Ordinary"}
	must(t, s.SaveRecording(&plain))
	urgent := Recording{ChildID: c.ID, Day: day(2025, 3, 2), Text: "Police call-out", Significant: true}
	must(t, s.SaveRecording(&urgent))
	got := outbox(t, s)
	if got[0].RecordID != urgent.ID || !got[0].Significant || got[1].RecordID != c.ID || got[2].RecordID != plain.ID {
		t.Errorf("outbox order: %+v", got)
	}
}
