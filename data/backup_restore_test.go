package data

import (
	"testing"
	"time"
)

// fillStore saves one record of every type, with the attachments and
// child rows they own.
func fillStore(t testing.TB, s *Store) {
	t.Helper()
	h := Household{Kind: KindFoster, ApprovalDate: day(2024, 5, 1), Carers: []Carer{{Name: "Ann Carer"}, {Name: "Bob Carer"}}}
	must(t, s.SaveHousehold(&h))
	c := Child{Name: "Jay Example", PreferredName: "Jay", DateOfBirth: day(2014, 2, 3), Arrangement: ArrangementFoster,
		PlacementStart: day(2024, 9, 1), School: "Hill School", GP: "Dr Green", LAReference: "LA-1", LongTerm: true}
	must(t, s.SaveChild(&c))
	photo := Attachment{Name: "team photo.jpg", MIME: "image/jpeg", Content: []byte("jpeg bytes")}
	must(t, s.SaveAttachment(&photo))
	must(t, s.SaveMilestone(&Milestone{ChildID: c.ID, Mission: MissionRelationships, Title: "Joined the football club",
		Status: MilestoneAchieved, AchievedDate: day(2025, 1, 4), Notes: "Scored twice", PhotoID: photo.ID}))
	must(t, s.SaveRecording(&Recording{ChildID: c.ID, Day: day(2025, 2, 1), Text: "Calm day at the seaside",
		Tags: []Tag{TagFamilyTime, TagAchievement}, Significant: true}))
	must(t, s.SaveNeed(&Need{ChildID: c.ID, Category: NeedRespite, Description: "A weekend of respite", Urgency: UrgencySoon, Status: NeedRaised}))
	cert := Attachment{Name: "cert.pdf", MIME: "application/pdf", Content: []byte("%PDF")}
	must(t, s.SaveAttachment(&cert))
	must(t, s.SaveTraining(&Training{Title: "Safer caring", Provider: "County", Date: day(2025, 1, 10), Hours: 3.5,
		Format: FormatCourse, Standards: []int{3, 6}, Evidence: "Wrote a plan", CertificateID: cert.ID}))
	must(t, s.SaveSignOff(SignOff{Standard: 2, SignedOn: day(2025, 3, 3)}))
	must(t, s.SaveGoal(&Goal{Mission: MissionHome, Title: "Find a flat", Why: "Independence", Areas: []Area{AreaAccommodation, AreaMoney},
		Steps: []Step{{Text: "Register with the council"}, {Text: "Save a deposit", Done: true}}}))
	must(t, s.SaveReminderEvent(&ReminderEvent{ChildID: c.ID, Kind: "lac_review", Due: day(2025, 4, 1), Done: day(2025, 3, 30)}))
	must(t, s.SetSetting("school_terms", "2025-09-03/2025-12-19"))
	must(t, s.SetSetting("theme", "dark"))
}

func snapshotOf(t testing.TB, s *Store) *Snapshot {
	t.Helper()
	snap, err := s.Snapshot("school_terms")
	must(t, err)
	snap.Made = time.Time{}
	return snap
}

// A snapshot restored into an empty store (another machine, another data
// key) reads back identical, and is searchable there.
func TestRestoreIntoEmptyStore(t *testing.T) {
	src, dst := unlocked(t), unlocked(t)
	fillStore(t, src)
	snap := snapshotOf(t, src)

	plan, err := dst.PlanRestore(snap)
	must(t, err)
	same(t, plan.Counts[TypeAttachments], RestoreCount{Add: 2})
	same(t, plan.Counts[TypeHousehold], RestoreCount{Add: 1})
	if len(plan.Newer) != 0 {
		t.Fatalf("nothing on the new store is newer, got %+v", plan.Newer)
	}
	same(t, plan.Counts[TypeSettings], RestoreCount{Add: 1})
	must(t, dst.Restore(snap, nil))
	same(t, snapshotOf(t, dst), snap)
	same(t, len(snap.Settings), 1)
	if theme, _ := dst.Setting("theme"); theme != "" {
		t.Errorf("a setting that was not asked for was carried over: theme %q", theme)
	}

	hits, err := dst.Search("seaside", 5)
	must(t, err)
	if len(hits) != 1 || hits[0].Kind != HitRecording {
		t.Fatalf("restored recording not searchable: %+v", hits)
	}
	// Restoring again finds every record already there.
	plan, err = dst.PlanRestore(snap)
	must(t, err)
	for typ, c := range plan.Counts {
		if c.Add+c.Replace+c.DeviceNewer != 0 {
			t.Errorf("%s: second restore would change %+v", typ, c)
		}
	}
}

// A record changed on the device after the backup is only replaced when
// the user says so; a record changed only in the backup is replaced.
func TestRestoreNeverSilentlyOverwritesNewer(t *testing.T) {
	s := unlocked(t)
	fillStore(t, s)
	snap := snapshotOf(t, s)

	kids, err := s.Children()
	must(t, err)
	jay := kids[0]
	jay.School = "Valley School"
	must(t, s.SaveChild(&jay))
	needs, err := s.Needs()
	must(t, err)
	must(t, s.DeleteNeed(needs[0].ID))
	// The backup's copy of the goal is newer than the device's.
	goals, err := s.Goals()
	must(t, err)
	snap.Goals[0].Title = "Find a flat near work"
	snap.Goals[0].Updated = goals[0].Updated.Add(time.Hour)

	plan, err := s.PlanRestore(snap)
	must(t, err)
	same(t, plan.Counts[TypeChildren], RestoreCount{DeviceNewer: 1})
	same(t, plan.Counts[TypeNeeds], RestoreCount{DeviceNewer: 1})
	same(t, plan.Counts[TypeGoals], RestoreCount{Replace: 1})
	same(t, plan.Counts[TypeRecordings], RestoreCount{Same: 1})
	if len(plan.Newer) != 2 || plan.Newer[0].Label != "Jay Example" || plan.Newer[0].Type != TypeChildren {
		t.Fatalf("newer records: %+v", plan.Newer)
	}

	must(t, s.Restore(snap, nil))
	got, err := s.Child(jay.ID)
	must(t, err)
	same(t, got.School, "Valley School")
	if n, _ := s.Needs(); len(n) != 0 {
		t.Fatal("keep newer brought back a need deleted after the backup")
	}
	g, err := s.Goal(goals[0].ID)
	must(t, err)
	same(t, g.Title, "Find a flat near work")

	must(t, s.Restore(snap, ReplaceNewer))
	got, err = s.Child(jay.ID)
	must(t, err)
	same(t, got.School, "Hill School")
	if n, _ := s.Needs(); len(n) != 1 || n[0].Description != "A weekend of respite" {
		t.Fatalf("replace newer did not bring back the need: %+v", n)
	}
}

// A fresh profile has a household of its own from setup; the backup's
// takes its place only when chosen, and then there is still only one.
func TestRestoreReplacesSetupHousehold(t *testing.T) {
	src, dst := unlocked(t), unlocked(t)
	fillStore(t, src)
	snap := snapshotOf(t, src)
	dst.SetClock(func() time.Time { return time.Now().Add(24 * time.Hour) })
	must(t, dst.SaveHousehold(&Household{Kind: KindSpecialGuardian, Carers: []Carer{{Name: "New Setup"}}}))

	plan, err := dst.PlanRestore(snap)
	must(t, err)
	same(t, plan.Counts[TypeHousehold], RestoreCount{DeviceNewer: 1})
	must(t, dst.Restore(snap, ReplaceNewer))
	h, err := dst.Household()
	must(t, err)
	same(t, h.ID, snap.Household.ID)
	if len(h.Carers) != 2 || h.Carers[0].Name != "Ann Carer" {
		t.Fatalf("carers after restore: %+v", h.Carers)
	}
}

// A restore that fails part-way changes nothing.
func TestRestoreIsAllOrNothing(t *testing.T) {
	src, dst := unlocked(t), unlocked(t)
	fillStore(t, src)
	snap := snapshotOf(t, src)
	snap.Reminders[0].Kind = "" // refused by the table's CHECK, after everything else was written
	before := snapshotOf(t, dst)
	if err := dst.Restore(snap, ReplaceNewer); err == nil {
		t.Fatal("restore of a bad record succeeded")
	}
	same(t, snapshotOf(t, dst), before)
}

// Restored records are queued for the LA like any other change.
func TestRestoreQueuesForSync(t *testing.T) {
	src, dst := unlocked(t), unlocked(t)
	fillStore(t, src)
	snap := snapshotOf(t, src)
	must(t, dst.Restore(snap, nil))
	out, err := dst.Outbox(100)
	must(t, err)
	kinds := map[string]int{}
	for _, e := range out {
		kinds[e.Kind]++
	}
	want := map[string]int{SyncChild: 1, SyncMilestone: 1, SyncRecording: 1, SyncNeed: 1, SyncTraining: 1, SyncGoal: 1, SyncGoalStep: 2}
	same(t, kinds, want)
	if !out[0].Significant || out[0].Kind != SyncRecording {
		t.Errorf("the significant recording is not sent first: %+v", out[0])
	}
}

// A child deleted on this device after the backup stays deleted when the
// user keeps newer records, and so does everything that went with them:
// nothing of theirs comes back, not even in search.
func TestRestoreKeepsDeletedChildGone(t *testing.T) {
	s := unlocked(t)
	fillStore(t, s)
	snap := snapshotOf(t, s)
	kids, err := s.Children()
	must(t, err)
	must(t, s.DeleteChild(kids[0].ID))

	plan, err := s.PlanRestore(snap)
	must(t, err)
	same(t, plan.Counts[TypeChildren], RestoreCount{DeviceNewer: 1})
	same(t, plan.Counts[TypeMilestones], RestoreCount{DeviceNewer: 1})
	same(t, plan.Counts[TypeRecordings], RestoreCount{DeviceNewer: 1})
	same(t, plan.Counts[TypeReminders], RestoreCount{DeviceNewer: 1})
	same(t, plan.Counts[TypeAttachments], RestoreCount{DeviceNewer: 1, Same: 1})
	same(t, plan.Counts[TypeNeeds], RestoreCount{Same: 1}) // the household's, kept on delete
	if len(plan.Newer) != 1 {
		t.Fatalf("list the child, not each of their records: %+v", plan.Newer)
	}
	must(t, s.Restore(snap, nil))
	for _, word := range []string{"seaside", "football"} {
		if hits, err := s.Search(word, 5); err != nil || len(hits) != 0 {
			t.Fatalf("%s: a deleted child's record came back into search: %+v %v", word, hits, err)
		}
	}
	if _, err := s.Attachment(snap.Milestones[0].PhotoID); err == nil {
		t.Fatal("a deleted child's photo came back")
	}

	must(t, s.Restore(snap, ReplaceNewer))
	if hits, err := s.Search("seaside", 5); err != nil || len(hits) != 1 {
		t.Fatalf("replace newer did not bring the child's recording back: %+v %v", hits, err)
	}
}

// A child removed because the LA ended their placement never comes back
// from a backup, even when the user chooses the backup's copies.
func TestRestoreNeverBringsBackAnEndedPlacement(t *testing.T) {
	s := unlocked(t)
	fillStore(t, s)
	snap := snapshotOf(t, s)
	jay := snap.Children[0]
	endPlacementByLA(t, s, jay.ID, day(2025, 2, 1))
	ids, err := s.PurgeEndedPlacements(day(2025, 2, 8))
	must(t, err)
	same(t, ids, []string{jay.ID})

	must(t, s.Restore(snap, ReplaceNewer))
	if _, err := s.Child(jay.ID); err == nil {
		t.Fatal("an ended placement came back from a backup")
	}
	if hits, err := s.Search("seaside", 5); err != nil || len(hits) != 0 {
		t.Fatalf("the ended placement's recording came back: %+v %v", hits, err)
	}
	g, err := s.Goals()
	must(t, err)
	same(t, len(g), 1) // the rest of the backup still restores
}

// A restore makes the next sync pull everything again, so what the LA
// decided after the backup was made (a need's status, a placement end)
// comes back over the backup's older copies.
func TestRestoreRewindsTheSyncCursor(t *testing.T) {
	src, dst := unlocked(t), unlocked(t)
	fillStore(t, src)
	snap := snapshotOf(t, src)
	_, err := dst.ApplyChanges(nil, 42)
	must(t, err)
	if c, err := dst.SyncCursor(); err != nil || c != 42 {
		t.Fatalf("cursor before restore = %d, %v", c, err)
	}
	must(t, dst.Restore(snap, nil))
	if c, err := dst.SyncCursor(); err != nil || c != 0 {
		t.Fatalf("cursor after restore = %d, %v; want 0", c, err)
	}
}
