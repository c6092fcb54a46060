package data

import (
	"crypto/cipher"
	"fmt"
)

var (
	goalsTable = &tableDef{"goals", "goal"}
	stepsTable = &tableDef{"goal_steps", "goal step"}
)

// areaBits gives each pathway-plan area its bit in goals.areas (see
// bits.go).
var areaBits = map[Area]uint{
	AreaHealth:        0,
	AreaEducation:     1,
	AreaAccommodation: 2,
	AreaRelationships: 3,
	AreaMoney:         4,
	AreaIdentity:      5,
	AreaIndependence:  6,
	AreaSafety:        7,
}

func (g *Goal) table() *tableDef { return goalsTable }

func (g *Goal) bind(f fieldMap) {
	f.text("mission", (*string)(&g.Mission))
	f.secret("title", &g.Title)
	f.secret("why", &g.Why)
	f.date("target_date", &g.TargetDate)
	f.areas("areas", &g.Areas)
	f.flag("shared", &g.Shared)
	// Which parts of a pathway plan a goal touches (keeping safe, money)
	// says something about the young person, so a tombstone keeps none.
	f.personal("areas")
}

func (st *Step) table() *tableDef { return stepsTable }

func (st *Step) bind(f fieldMap) {
	f.secret("text", &st.Text)
	f.flag("done", &st.Done)
}

// doc indexes a goal's title, why and steps as one text, so searching for
// something on the checklist finds the goal it belongs to.
func (g *Goal) doc() doc {
	parts := []string{g.Title, g.Why}
	for _, st := range g.Steps {
		parts = append(parts, st.Text)
	}
	return doc{kind: HitGoal, rec: g.Record, date: g.TargetDate, parts: parts}
}

// Goals lists the live goals with their steps: those with a target date
// soonest first, then the rest, each in the order they were written down.
func (s *Store) Goals() ([]Goal, error) {
	return s.goals("list goals", "ORDER BY target_date IS NULL, target_date, created_at, id")
}

// Goal reads one live goal with its steps.
func (s *Store) Goal(id string) (Goal, error) {
	got, err := s.goals("get goal", "AND id = ?", id)
	if err != nil {
		return Goal{}, err
	}
	if len(got) == 0 {
		return Goal{}, fmt.Errorf("get goal: goal %s: %w", id, ErrNotFound)
	}
	return got[0], nil
}

func (s *Store) goals(op, tail string, args ...any) ([]Goal, error) {
	var out []Goal
	err := s.snapshot(op, func(q querier, aead cipher.AEAD) (err error) {
		out, err = queryGoals(q, aead, tail, args...)
		return err
	})
	return out, err
}

// queryGoals reads goals and then each goal's steps in position order. A
// care leaver has tens of goals, not thousands, so a query per goal costs
// less than the bookkeeping of one query for all.
func queryGoals(q querier, aead cipher.AEAD, tail string, args ...any) ([]Goal, error) {
	goals, err := queryAll[Goal](q, aead, tail, args...)
	for i := 0; err == nil && i < len(goals); i++ {
		goals[i].Steps, err = queryAll[Step](q, aead, "AND goal_id = ? ORDER BY position", goals[i].ID)
	}
	return goals, err
}

// SaveGoal inserts or updates g and its steps in one transaction. Steps
// keep the order given; steps no longer listed are deleted.
func (s *Store) SaveGoal(g *Goal) error {
	return s.write("save goal", func(b *Batch) error { return b.saveGoal(g) })
}

func (b *Batch) saveGoal(g *Goal) error {
	if err := check(required(g.Title, "title"), oneOf(g.Mission, Missions, "mission")); err != nil {
		return err
	}
	for _, a := range g.Areas {
		if err := oneOf(a, Areas, "pathway-plan area"); err != nil {
			return err
		}
	}
	for _, st := range g.Steps {
		if err := required(st.Text, "step text"); err != nil {
			return err
		}
	}
	if err := b.putIndexed(g); err != nil {
		return err
	}
	return putOwned(b, "goal_id", g.ID, g.Steps)
}

// DeleteGoal tombstones a goal and its steps.
func (s *Store) DeleteGoal(id string) error {
	return s.write("delete goal", func(b *Batch) error { return b.deleteGoal(id) })
}

func (b *Batch) deleteGoal(id string) error {
	if _, err := b.tombstone(&Step{}, "goal_id = ?", id); err != nil {
		return err
	}
	return b.deleteIndexed(&Goal{}, id)
}
