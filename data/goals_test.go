package data

import (
	"errors"
	"slices"
	"testing"
)

// goalWithSteps is a goal under Home with three steps, one done.
func goalWithSteps() Goal {
	return Goal{Mission: MissionHome, Title: "Move into my own flat", Why: "Somewhere that is mine",
		TargetDate: day(2025, 9, 1), Areas: []Area{AreaAccommodation, AreaMoney},
		Steps: []Step{{Text: "Open a bank account", Done: true}, {Text: "Learn to budget"}, {Text: "Bid for a flat"}}}
}

func TestGoalRoundTripAndStepEdits(t *testing.T) {
	s := unlocked(t)
	g := goalWithSteps()
	must(t, s.SaveGoal(&g))
	for _, st := range g.Steps {
		if st.ID == "" || !st.Created.Equal(g.Created) {
			t.Fatalf("step record not filled in: %+v", st.Record)
		}
	}
	got, err := s.Goal(g.ID)
	must(t, err)
	same(t, got, g)

	// Reorder, edit one, tick one, drop one, add one.
	bank, budget, bid := g.Steps[0], g.Steps[1], g.Steps[2]
	budget.Text, budget.Done = "Learn to budget with the app", true
	g.Steps = []Step{bid, {Text: "Buy a kettle"}, budget}
	g.Shared, g.Areas = true, nil
	must(t, s.SaveGoal(&g))
	got, err = s.Goal(g.ID)
	must(t, err)
	same(t, got, g)
	assertTombstone(t, s, "goal_steps", bank.ID, "text")

	// A step of another goal is refused, not moved.
	other := Goal{Mission: MissionWork, Title: "Get a Saturday job", Steps: []Step{{Text: "Write a CV"}}}
	must(t, s.SaveGoal(&other))
	g.Steps = append(g.Steps, other.Steps[0])
	wantErr(t, s.SaveGoal(&g), ErrNotFound)
	got, err = s.Goal(other.ID)
	must(t, err)
	same(t, got, other)
}

func TestGoalsOrderAndDelete(t *testing.T) {
	s := unlocked(t)
	undated := Goal{Mission: MissionHealth, Title: "Register with a GP"}
	later := Goal{Mission: MissionEducation, Title: "Start college", TargetDate: day(2025, 9, 8)}
	sooner := goalWithSteps()
	sooner.TargetDate = day(2025, 6, 1)
	for _, g := range []*Goal{&undated, &later, &sooner} {
		must(t, s.SaveGoal(g))
	}
	goals, err := s.Goals()
	must(t, err)
	same(t, goals, []Goal{sooner, later, undated})

	must(t, s.DeleteGoal(sooner.ID))
	wantErr(t, s.DeleteGoal(sooner.ID), ErrNotFound)
	_, err = s.Goal(sooner.ID)
	wantErr(t, err, ErrNotFound)
	assertTombstone(t, s, "goals", sooner.ID, "title", "why", "areas")
	for _, st := range sooner.Steps {
		assertTombstone(t, s, "goal_steps", st.ID, "text")
	}
	goals, err = s.Goals()
	must(t, err)
	same(t, goals, []Goal{later, undated})
	wantErr(t, s.SaveGoal(&sooner), ErrNotFound)
}

func TestGoalValidation(t *testing.T) {
	s := unlocked(t)
	for _, bad := range []Goal{
		{Mission: MissionHome},
		{Mission: "fame", Title: "x"},
		{Mission: MissionHome, Title: "x", Areas: []Area{"astrology"}},
		{Mission: MissionHome, Title: "x", Steps: []Step{{Text: "  "}}},
	} {
		if err := s.SaveGoal(&bad); err == nil {
			t.Errorf("accepted bad goal %+v", bad)
		}
	}
	goals, err := s.Goals()
	must(t, err)
	same(t, len(goals), 0)
}

func TestFailedGoalSaveRestoresSteps(t *testing.T) {
	s := unlocked(t)
	g := goalWithSteps()
	err := s.SaveBatch(func(b *Batch) error {
		if err := b.SaveGoal(&g); err != nil {
			return err
		}
		return errors.New("changed my mind")
	})
	if err == nil {
		t.Fatal("batch error lost")
	}
	if g.ID != "" || slices.ContainsFunc(g.Steps, func(st Step) bool { return st.ID != "" }) {
		t.Errorf("rolled-back goal kept IDs: %+v", g)
	}
}

func TestAreaBits(t *testing.T) {
	same(t, packBits([]Area(nil), areaBits), nil)
	same(t, unpackBits(packBits(Areas, areaBits).(int64), Areas, areaBits), Areas)
	same(t, unpackBits(packBits([]Area{AreaSafety, AreaHealth}, areaBits).(int64), Areas, areaBits), []Area{AreaHealth, AreaSafety})
	if len(areaBits) != len(Areas) {
		t.Errorf("%d areas but %d area bits: give every area a bit", len(Areas), len(areaBits))
	}
}

func TestSearchFindsGoalsBySteps(t *testing.T) {
	s, key, _ := newStore(t)
	g := goalWithSteps()
	must(t, s.SaveGoal(&g))
	for _, q := range []string{"flat", "somewhere mine", "budg"} {
		hits, err := s.Search(q, 5)
		must(t, err)
		if len(hits) != 1 || hits[0].Kind != HitGoal || hits[0].ID != g.ID || hits[0].ChildID != "" {
			t.Errorf("Search(%q) = %+v, want the goal", q, hits)
		}
	}
	// The index is rebuilt from disk at unlock, steps included.
	s.Lock()
	must(t, s.Unlock(key))
	same(t, hitIDs(t, s, "bank account"), []string{g.ID})

	g.Steps = g.Steps[:1]
	must(t, s.SaveGoal(&g))
	if got := hitIDs(t, s, "budget"); len(got) != 0 {
		t.Errorf("a removed step is still found: %v", got)
	}
	must(t, s.DeleteGoal(g.ID))
	if got := hitIDs(t, s, "flat"); len(got) != 0 {
		t.Errorf("a deleted goal is still found: %v", got)
	}
}
