package data

import (
	"errors"
	"slices"
	"testing"
)

func TestLeaverProfileRoundTrip(t *testing.T) {
	s := unlocked(t)
	_, err := s.LeaverProfile()
	wantErr(t, err, ErrNotFound)

	p := LeaverProfile{Name: "Rhys", DateOfBirth: day(2006, 4, 2), PathwayReviewDate: day(2025, 1, 20)}
	must(t, s.SaveLeaverProfile(&p))
	got, err := s.LeaverProfile()
	must(t, err)
	same(t, got, p)

	p.AdviserName, p.AdviserContact, p.PathwayReviewDate = "Sam Adviser", "07700 900123", day(2025, 2, 1)
	must(t, s.SaveLeaverProfile(&p))
	got, err = s.LeaverProfile()
	must(t, err)
	same(t, got, p)

	if err := s.SaveLeaverProfile(&LeaverProfile{Name: "Someone else"}); err == nil {
		t.Error("a second care leaver profile was created")
	}
	if err := s.SaveLeaverProfile(&LeaverProfile{Record: p.Record}); err == nil {
		t.Error("a profile without a name was saved")
	}
	wantErr(t, s.SaveLeaverProfile(&LeaverProfile{Record: Record{ID: "nope"}, Name: "x"}), ErrNotFound)
}

func TestSelfMilestonesBelongToNoChild(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	childs := Milestone{ChildID: c.ID, Mission: MissionHealth, Title: "Saw the dentist", Status: MilestoneAchieved, AchievedDate: day(2025, 1, 5)}
	mine := Milestone{Mission: MissionWork, Title: "First payslip", Status: MilestoneAchieved, AchievedDate: day(2025, 2, 1), Shared: true}
	planned := Milestone{Mission: MissionHome, Title: "Get the keys", Status: MilestonePlanned, TargetDate: day(2025, 3, 1)}
	for _, m := range []*Milestone{&childs, &mine, &planned} {
		must(t, s.SaveMilestone(m))
	}
	own, err := s.SelfMilestones()
	must(t, err)
	same(t, own, []Milestone{planned, mine})
	kids, err := s.Milestones(c.ID)
	must(t, err)
	same(t, kids, []Milestone{childs})
	got, err := s.Milestone(mine.ID)
	must(t, err)
	same(t, got, mine)

	mine.Shared = false
	must(t, s.SaveMilestone(&mine))
	got, err = s.Milestone(mine.ID)
	must(t, err)
	same(t, got.Shared, false)
	var childID *string
	must(t, s.r.QueryRow("SELECT child_id FROM milestones WHERE id = ?", mine.ID).Scan(&childID))
	if childID != nil {
		t.Errorf("own milestone stored child_id %q, want NULL", *childID)
	}
}

func TestLeaverEntitiesNameTheirSensitiveColumns(t *testing.T) {
	sorted := func(e entity) []string { return slices.Sorted(slices.Values(newReader(e, nil).scrub)) }
	same(t, sorted(&Goal{}), []string{"areas", "title", "why"})
	same(t, sorted(&Step{}), []string{"text"})
	same(t, sorted(&LeaverProfile{}), []string{"adviser_contact", "adviser_name", "date_of_birth", "name"})
}

// leaverSecrets are distinctive strings put in every sensitive field a care
// leaver has.
var leaverSecrets = []string{"ZZleaverNameZZ", "ZZadviserNameZZ", "ZZadviser@example.orgZZ",
	"ZZgoalTitleZZ", "ZZgoalWhyZZ", "ZZstepTextZZ", "ZZownMilestoneZZ", "ZZownNotesZZ"}

func TestNoLeaverTextOnDisk(t *testing.T) {
	s, _, path := newStore(t)
	must(t, s.SaveLeaverProfile(&LeaverProfile{Name: leaverSecrets[0], AdviserName: leaverSecrets[1], AdviserContact: leaverSecrets[2]}))
	must(t, s.SaveGoal(&Goal{Mission: MissionEducation, Title: leaverSecrets[3], Why: leaverSecrets[4],
		Shared: true, Steps: []Step{{Text: leaverSecrets[5]}}}))
	must(t, s.SaveMilestone(&Milestone{Mission: MissionHealth, Status: MilestonePlanned, Title: leaverSecrets[6], Notes: leaverSecrets[7]}))
	var sealed int
	must(t, s.r.QueryRow(`SELECT (SELECT count(*) FROM leaver_profile WHERE typeof(name) = 'blob' AND typeof(adviser_contact) = 'blob')
		+ (SELECT count(*) FROM goals WHERE typeof(title) = 'blob' AND typeof(why) = 'blob')
		+ (SELECT count(*) FROM goal_steps WHERE typeof(text) = 'blob')`).Scan(&sealed))
	same(t, sealed, 3)
	assertNotOnDisk(t, path, leaverSecrets)
	must(t, s.Close())
	assertNotOnDisk(t, path, leaverSecrets)
}

func TestLockedStoreRefusesLeaverCalls(t *testing.T) {
	s, _, _ := newStore(t)
	s.Lock()
	for name, call := range map[string]func() error{
		"Goals":             func() error { _, err := s.Goals(); return err },
		"Goal":              func() error { _, err := s.Goal("x"); return err },
		"SaveGoal":          func() error { return s.SaveGoal(&Goal{Mission: MissionHome, Title: "x"}) },
		"DeleteGoal":        func() error { return s.DeleteGoal("x") },
		"SelfMilestones":    func() error { _, err := s.SelfMilestones(); return err },
		"LeaverProfile":     func() error { _, err := s.LeaverProfile(); return err },
		"SaveLeaverProfile": func() error { return s.SaveLeaverProfile(&LeaverProfile{Name: "x"}) },
	} {
		if err := call(); !errors.Is(err, ErrLocked) {
			t.Errorf("%s while locked: %v, want ErrLocked", name, err)
		}
	}
}
