package data

import (
	"cmp"
	"slices"
	"strings"
)

var childrenTable = &tableDef{"children", "child"}

func (c *Child) table() *tableDef { return childrenTable }

func (c *Child) bind(f fieldMap) {
	f.secret("name", &c.Name)
	f.secret("preferred_name", &c.PreferredName)
	f.date("date_of_birth", &c.DateOfBirth)
	f.text("arrangement", (*string)(&c.Arrangement))
	f.date("placement_start", &c.PlacementStart)
	f.date("placement_end", &c.PlacementEnd)
	f.secret("school", &c.School)
	f.secret("gp", &c.GP)
	f.secret("dentist", &c.Dentist)
	f.text("la_reference", &c.LAReference)
	f.flag("long_term", &c.LongTerm)
	// A deleted child's tombstone keeps no date of birth or LA reference:
	// together they could still identify the child.
	f.personal("date_of_birth", "la_reference")
}

// Children lists the live children by placement start (unknown last), then
// name. Names are encrypted, so the sort happens here rather than in SQL.
func (s *Store) Children() ([]Child, error) {
	out, err := list[Child](s, "list children", "")
	slices.SortStableFunc(out, func(a, b Child) int {
		if a.PlacementStart.IsZero() != b.PlacementStart.IsZero() {
			if a.PlacementStart.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.PlacementStart.Compare(b.PlacementStart),
			strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			a.Created.Compare(b.Created))
	})
	return out, err
}

// Child reads one live child.
func (s *Store) Child(id string) (Child, error) { return get[Child](s, "get child", id) }

// SaveChild inserts or updates c.
func (s *Store) SaveChild(c *Child) error {
	return s.write("save child", func(b *Batch) error { return b.saveChild(c) })
}

func (b *Batch) saveChild(c *Child) error {
	if err := check(required(c.Name, "name"), oneOf(c.Arrangement, Arrangements, "arrangement")); err != nil {
		return err
	}
	return b.put(c)
}

// DeleteChild tombstones the child together with their milestones (and
// milestone photos), daily recordings and reminders, so nothing about them stays
// readable. Needs that mention the child stay: they are the household's.
func (s *Store) DeleteChild(id string) error {
	return s.write("delete child", func(b *Batch) error { return b.deleteChild(id) })
}

// deleteChild is DeleteChild inside a batch; the LA's tombstones and the
// purge of an ended placement use it too.
func (b *Batch) deleteChild(id string) error {
	if err := b.deleteByID(&Child{}, id); err != nil {
		return err
	}
	if _, err := b.tombstone(&Attachment{}, "id IN (SELECT photo_id FROM milestones WHERE child_id = ? AND deleted_at IS NULL)", id); err != nil {
		return err
	}
	for _, e := range []entity{&Milestone{}, &Recording{}} {
		ids, err := b.tombstone(e, "child_id = ?", id)
		if err != nil {
			return err
		}
		b.unindex(ids...)
	}
	// What was done or snoozed for the child goes with them.
	_, err := b.tombstone(&ReminderEvent{}, "child_id = ?", id)
	return err
}
