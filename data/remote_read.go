package data

import (
	"crypto/cipher"
	"fmt"
)

// SyncRecord reads the live record an outbox entry points at, for the app
// to turn into the operation it sends: a *Child, *Need, *Training,
// *Milestone, *Recording, *Goal (with its steps) or *SyncStep. A record
// deleted since (or never stored) reports ErrNotFound, and the app sends a
// delete.
func (s *Store) SyncRecord(kind, id string) (any, error) {
	var rec any
	err := s.snapshot("read "+kind+" for sync", func(q querier, aead cipher.AEAD) error {
		var found bool
		var err error
		rec, found, err = readLive(q, aead, kind, id)
		if err == nil && !found {
			err = fmt.Errorf("%s %s: %w", kind, id, ErrNotFound)
		}
		return err
	})
	return rec, err
}

func readLive(q querier, aead cipher.AEAD, kind, id string) (any, bool, error) {
	switch kind {
	case SyncChild:
		return readOne[Child](q, aead, id)
	case SyncNeed:
		return readOne[Need](q, aead, id)
	case SyncMilestone:
		return readOne[Milestone](q, aead, id)
	case SyncRecording:
		return readOne[Recording](q, aead, id)
	case SyncTraining:
		got, err := queryAll[Training](q, aead, "AND id = ?", id)
		if err == nil {
			err = fillStandards(q, got)
		}
		return firstOf(got, err)
	case SyncGoal:
		got, err := queryGoals(q, aead, "AND id = ?", id)
		return firstOf(got, err)
	case SyncGoalStep:
		got, err := queryAll[Step](q, aead, "AND id = ?", id)
		if err != nil || len(got) == 0 {
			return nil, false, err
		}
		st := &SyncStep{Step: got[0]}
		rows, err := q.QueryContext(bg, "SELECT goal_id, position FROM goal_steps WHERE id = ?", id)
		place, err := collect(rows, err, func(p *SyncStep) []any { return []any{&p.GoalID, &p.Position} })
		if err != nil || len(place) == 0 {
			return nil, false, err
		}
		st.GoalID, st.Position = place[0].GoalID, place[0].Position
		return st, true, nil
	}
	return nil, false, fmt.Errorf("unknown kind %q", kind)
}

func readOne[T any, P ptrEntity[T]](q querier, aead cipher.AEAD, id string) (any, bool, error) {
	got, err := queryAll[T, P](q, aead, "AND id = ?", id)
	return firstOf(got, err)
}

func firstOf[T any](got []T, err error) (any, bool, error) {
	if err != nil || len(got) == 0 {
		return nil, false, err
	}
	return &got[0], true, nil
}
