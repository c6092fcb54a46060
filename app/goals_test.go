package app

import (
	"errors"
	"testing"

	"github.com/hearth-app/hearth/data"
)

func TestSaveGoalRules(t *testing.T) {
	a := leaverApp(t)
	wantUserError(t, a.SaveGoal(&Goal{Title: "x"}), "error.mission_required")
	wantUserError(t, a.SaveGoal(&Goal{Mission: MissionWork, Title: "  "}), "error.title_required")
	wantUserError(t, a.SaveGoal(&Goal{Mission: MissionWork, Title: "x", Areas: []Area{"astrology"}}), "error.area_invalid")

	g := Goal{Mission: MissionWork, Title: " Get a Saturday job ", TargetDate: date(2027, 6, 1),
		Areas: []Area{AreaMoney, AreaEducation, AreaMoney}, Steps: []Step{{Text: "Write a CV"}, {Text: "   "}, {Text: " Hand it in "}}}
	if err := a.SaveGoal(&g); err != nil {
		t.Fatal(err)
	}
	got, err := a.Goal(g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Get a Saturday job" || len(got.Steps) != 2 || got.Steps[1].Text != "Hand it in" || !got.TargetDate.Equal(date(2027, 6, 1)) {
		t.Fatalf("stored goal = %+v", got)
	}
	if len(g.Areas) != 2 || g.Areas[0] != AreaEducation || len(got.Areas) != 2 || got.Areas[1] != AreaMoney {
		t.Errorf("areas: saved %v, stored %v; want education and money, once each", g.Areas, got.Areas)
	}
	if err := a.SaveGoal(&Goal{Mission: MissionHealth, Title: "No steps yet"}); err != nil {
		t.Errorf("a goal without steps: %v", err)
	}
	if err := a.DeleteGoal(g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Goal(g.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("deleted goal: %v", err)
	}
}

// TestTickingStepsShowsInProgressAndMissionSummary is the flow:
// add a goal with three steps, tick two, and see 2/3 on the goal and in
// the Mission summary.
func TestTickingStepsShowsInProgressAndMissionSummary(t *testing.T) {
	a := leaverApp(t)
	g := Goal{Mission: MissionEducation, Title: "Start college", Steps: []Step{{Text: "Open evening"}, {Text: "Apply"}, {Text: "Enrol"}}}
	if err := a.SaveGoal(&g); err != nil {
		t.Fatal(err)
	}
	for _, st := range g.Steps[:2] {
		if err := a.ToggleStep(g.ID, st.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := a.Goal(g.ID)
	if done, total := Progress(got); done != 2 || total != 3 {
		t.Fatalf("progress %d/%d, want 2/3", done, total)
	}
	if err := a.ToggleStep(g.ID, "no-such-step", true); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("ticking a missing step: %v", err)
	}
	achieved := Milestone{Mission: MissionEducation, Title: "Passed English", Status: MilestoneAchieved}
	planned := Milestone{Mission: MissionEducation, Title: "Pass maths"}
	for _, m := range []*Milestone{&achieved, &planned} {
		if err := a.SaveSelfMilestone(m, nil); err != nil {
			t.Fatal(err)
		}
	}
	summary, err := a.MissionProgress()
	if err != nil {
		t.Fatal(err)
	}
	want := MissionGoalProgress{Mission: MissionEducation, Goals: 1, StepsDone: 2, StepsTotal: 3, Achieved: 1}
	if len(summary) != 5 || summary[1] != want || summary[0] != (MissionGoalProgress{Mission: MissionRelationships}) {
		t.Fatalf("mission progress = %+v, want education %+v and the rest empty", summary, want)
	}
}

func TestSelfMilestones(t *testing.T) {
	a := leaverApp(t)
	m := Milestone{Mission: MissionWork, Title: " First payslip ", Status: MilestoneAchieved, ChildID: "ignored"}
	if err := a.SaveSelfMilestone(&m, nil); err != nil {
		t.Fatal(err)
	}
	if m.ChildID != "" || !m.AchievedDate.Equal(date(2026, 11, 25)) || m.Title != "First payslip" {
		t.Errorf("saved %+v; want no child, achieved today, title trimmed", m)
	}
	wantUserError(t, a.SaveSelfMilestone(&Milestone{Title: "x"}, nil), "error.mission_required")
	wantUserError(t, a.SaveSelfMilestone(&Milestone{Mission: MissionHome}, nil), "error.title_required")
	wantUserError(t, a.SaveSelfMilestone(&Milestone{Mission: MissionHome, Title: "x", Status: MilestoneAchieved,
		AchievedDate: date(2026, 12, 1)}, nil), "error.achieved_future")
	wantUserError(t, a.SaveMilestone(&Milestone{Mission: MissionHome, Title: "x"}, nil), "error.child_required")

	if err := a.SetMilestoneShared(m.ID, true); err != nil {
		t.Fatal(err)
	}
	own, err := a.SelfMilestones()
	if err != nil || len(own) != 1 || !own[0].Shared {
		t.Fatalf("own milestones = %+v, %v; want the one, shared", own, err)
	}
}

func TestChildMilestonesCannotBeShared(t *testing.T) {
	a, c := readyApp(t)
	m := Milestone{ChildID: c.ID, Mission: MissionHealth, Title: "Dentist"}
	if err := a.SaveMilestone(&m, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.SetMilestoneShared(m.ID, true); err == nil {
		t.Error("a child's milestone was shared")
	}
}
