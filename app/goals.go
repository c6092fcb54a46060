package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hearth-app/hearth/data"
)

// Goals lists the care leaver's goals with their steps, soonest target date
// first.
func (a *App) Goals() ([]Goal, error) { return a.store.Goals() }

// Goal returns one goal with its steps.
func (a *App) Goal(id string) (Goal, error) { return a.store.Goal(id) }

// SaveGoal validates and stores a goal with its steps. Blank steps are
// dropped rather than refused: an empty line left on the checklist form is
// not a step. The target date may be in the future, as targets are; a goal
// needs no steps to be saved.
func (a *App) SaveGoal(g *Goal) error {
	g.Title = strings.TrimSpace(g.Title)
	g.Why = strings.TrimSpace(g.Why)
	steps := g.Steps[:0]
	for _, st := range g.Steps {
		if st.Text = strings.TrimSpace(st.Text); st.Text != "" {
			steps = append(steps, st)
		}
	}
	g.Steps = steps
	unknownArea := func(x Area) bool { return !slices.Contains(Areas, x) }
	switch {
	case !slices.Contains(Missions, g.Mission):
		return invalid("mission", "error.mission_required")
	case g.Title == "":
		return invalid("title", "error.title_required")
	case slices.ContainsFunc(g.Areas, unknownArea):
		return invalid("areas", "error.area_invalid")
	}
	// The store hands areas back in display order; keep the caller's copy
	// the same as what a reload would give.
	slices.SortFunc(g.Areas, func(x, y Area) int { return slices.Index(Areas, x) - slices.Index(Areas, y) })
	g.Areas = slices.Compact(g.Areas)
	return a.store.SaveGoal(g)
}

// DeleteGoal removes a goal and its steps.
func (a *App) DeleteGoal(id string) error { return a.store.DeleteGoal(id) }

// SetGoalShared lets the care leaver's personal adviser see a goal, or
// stops them seeing it (see SharedSelection for what that includes).
func (a *App) SetGoalShared(id string, shared bool) error {
	return a.updateGoal(id, func(g *Goal) error {
		g.Shared = shared
		return nil
	})
}

// ToggleStep ticks one step of a goal, or unticks it.
func (a *App) ToggleStep(goalID, stepID string, done bool) error {
	return a.updateGoal(goalID, func(g *Goal) error {
		i := slices.IndexFunc(g.Steps, func(st Step) bool { return st.ID == stepID })
		if i < 0 {
			return fmt.Errorf("tick step: goal %s has no step %s: %w", goalID, stepID, data.ErrNotFound)
		}
		g.Steps[i].Done = done
		return nil
	})
}

// updateGoal changes a stored goal in one place and saves it, so a screen
// that only ticks a box need not hold the whole goal.
func (a *App) updateGoal(id string, change func(*Goal) error) error {
	g, err := a.store.Goal(id)
	if err != nil {
		return err
	}
	if err := change(&g); err != nil {
		return err
	}
	return a.store.SaveGoal(&g)
}

// Progress counts a goal's steps done out of all its steps: the progress
// the brief asks for comes from the checklist, not from a number the user
// has to keep up to date.
func Progress(g Goal) (done, total int) {
	for _, st := range g.Steps {
		if st.Done {
			done++
		}
	}
	return done, len(g.Steps)
}

// MissionGoalProgress sums up a care leaver's progress under one Mission,
// for the chart on their home screen.
type MissionGoalProgress struct {
	Mission    Mission
	Goals      int
	StepsDone  int
	StepsTotal int
	Achieved   int // their own milestones achieved
}

// MissionProgress sums up goals and achieved milestones per Mission.
func (a *App) MissionProgress() ([]MissionGoalProgress, error) {
	goals, milestones, err := a.leaverRecords()
	if err != nil {
		return nil, err
	}
	return missionProgress(goals, milestones), nil
}

// missionProgress always gives all five Missions, in order, so the chart
// keeps its shape while some are still empty.
func missionProgress(goals []Goal, milestones []Milestone) []MissionGoalProgress {
	out := make([]MissionGoalProgress, len(Missions))
	at := map[Mission]*MissionGoalProgress{}
	for i, m := range Missions {
		out[i].Mission = m
		at[m] = &out[i]
	}
	for _, g := range goals {
		if p := at[g.Mission]; p != nil {
			done, total := Progress(g)
			p.Goals++
			p.StepsDone += done
			p.StepsTotal += total
		}
	}
	for _, m := range milestones {
		if p := at[m.Mission]; p != nil && m.Status == MilestoneAchieved {
			p.Achieved++
		}
	}
	return out
}

// leaverRecords reads the goals and the care leaver's own milestones.
func (a *App) leaverRecords() ([]Goal, []Milestone, error) {
	goals, err := a.store.Goals()
	if err != nil {
		return nil, nil, err
	}
	milestones, err := a.store.SelfMilestones()
	return goals, milestones, err
}
