package app

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// sharingFixture has one record of every kind that must stay private next
// to one of each that is shared.
func sharingFixture() ([]Goal, []Milestone) {
	private := Goal{Mission: MissionHealth, Title: "PRIVATEgoalTitle", Why: "PRIVATEgoalWhy",
		Steps: []Step{{Text: "PRIVATEstep", Done: true}}}
	private.ID = "private-goal"
	shared := Goal{Mission: MissionHome, Title: "Move into my own flat", Why: "SHAREDgoalWhy", TargetDate: date(2027, 3, 1),
		Areas: []Area{AreaSafety}, Shared: true, Steps: []Step{{Text: "Open a bank account", Done: true}, {Text: "Bid for a flat"}}}
	shared.ID = "shared-goal"
	mine := Milestone{Mission: MissionWork, Title: "First payslip", Status: MilestoneAchieved, AchievedDate: date(2026, 10, 1),
		Notes: "SHAREDmilestoneNotes", PhotoID: "SHAREDphotoID", Shared: true}
	mine.ID = "shared-milestone"
	hidden := Milestone{Mission: MissionHealth, Title: "PRIVATEmilestone", Notes: "PRIVATEnotes", Status: MilestonePlanned}
	childs := Milestone{ChildID: "child", Mission: MissionHealth, Title: "PRIVATEchildMilestone", Status: MilestonePlanned, Shared: true}
	return []Goal{private, shared}, []Milestone{hidden, mine, childs}
}

func TestSharedSelectionHoldsExactlyWhatIsShared(t *testing.T) {
	goals, milestones := sharingFixture()
	got := SharedSelection(goals, milestones)
	want := Shared{
		Goals: []SharedGoal{{ID: "shared-goal", Mission: MissionHome, Title: "Move into my own flat", TargetDate: date(2027, 3, 1),
			StepsDone: 1, StepsTotal: 2, Steps: []SharedStep{{"Open a bank account", true}, {"Bid for a flat", false}}}},
		Milestones: []SharedMilestone{{ID: "shared-milestone", Mission: MissionWork, Title: "First payslip",
			Status: MilestoneAchieved, AchievedDate: date(2026, 10, 1)}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
	raw, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing private, no goal's why, no areas and no milestone notes or
	// photo may be in what leaves the device, however it is encoded.
	for _, never := range []string{"PRIVATE", "private-goal", "SHAREDgoalWhy", "keeping_safe", "SHAREDmilestoneNotes", "SHAREDphotoID", "why", "notes", "photo", "areas"} {
		if bytes.Contains(raw, []byte(never)) {
			t.Errorf("shared selection contains %q: %s", never, raw)
		}
	}
}

func TestSharedSelectionOfNothing(t *testing.T) {
	goals, milestones := sharingFixture()
	for i := range goals {
		goals[i].Shared = false
	}
	for i := range milestones {
		milestones[i].Shared = false
	}
	raw, err := json.Marshal(SharedSelection(goals, milestones))
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != `{"goals":[],"milestones":[]}` {
		t.Errorf("nothing shared gave %s", raw)
	}
}

// TestShareAndUnshareThroughTheApp is the flow: share one goal and
// see exactly it; unshare it and see it gone.
func TestShareAndUnshareThroughTheApp(t *testing.T) {
	a := leaverApp(t)
	keep := Goal{Mission: MissionWork, Title: "Private plan", Why: "my reasons", Steps: []Step{{Text: "secret step"}}}
	share := Goal{Mission: MissionEducation, Title: "Start college", Why: "my reasons", Steps: []Step{{Text: "Apply", Done: true}, {Text: "Enrol"}}}
	for _, g := range []*Goal{&keep, &share} {
		if err := a.SaveGoal(g); err != nil {
			t.Fatal(err)
		}
	}
	if s, err := a.Shared(); err != nil || len(s.Goals)+len(s.Milestones) != 0 {
		t.Fatalf("before sharing: %+v, %v; nothing is shared by default", s, err)
	}
	if err := a.SetGoalShared(share.ID, true); err != nil {
		t.Fatal(err)
	}
	s, err := a.Shared()
	if err != nil {
		t.Fatal(err)
	}
	want := []SharedGoal{{ID: share.ID, Mission: MissionEducation, Title: "Start college", StepsDone: 1, StepsTotal: 2,
		Steps: []SharedStep{{"Apply", true}, {"Enrol", false}}}}
	if !reflect.DeepEqual(s.Goals, want) || len(s.Milestones) != 0 {
		t.Fatalf("shared = %+v, want only %+v", s, want)
	}
	if err := a.SetGoalShared(share.ID, false); err != nil {
		t.Fatal(err)
	}
	if s, _ := a.Shared(); len(s.Goals) != 0 {
		t.Errorf("after unsharing: %+v", s.Goals)
	}
}
