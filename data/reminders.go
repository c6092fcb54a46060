package data

import (
	"errors"
	"time"
)

// ReminderEvent is what the carer said about one reminder: that it was
// done on a day, or that it is snoozed until a day. The due dates themselves
// are worked out by the app from the records and are not stored.
type ReminderEvent struct {
	Record
	ChildID      string // "" for the household's own reminders
	Kind         string
	Due          time.Time
	Done         time.Time // zero unless done
	SnoozedUntil time.Time // zero unless snoozed
}

var remindersTable = &tableDef{"reminders", "reminder"}

func (e *ReminderEvent) table() *tableDef { return remindersTable }

func (e *ReminderEvent) bind(f fieldMap) {
	f.text("child_id", &e.ChildID)
	f.text("kind", &e.Kind)
	f.date("due_date", &e.Due)
	f.date("done_date", &e.Done)
	f.date("snoozed_until", &e.SnoozedUntil)
}

// ReminderEvents lists the live reminder events, oldest first.
func (s *Store) ReminderEvents() ([]ReminderEvent, error) {
	return list[ReminderEvent](s, "list reminders", "ORDER BY created_at, id")
}

// SaveReminderEvent inserts or updates e.
func (s *Store) SaveReminderEvent(e *ReminderEvent) error {
	return s.write("save reminder", func(b *Batch) error {
		if err := required(e.Kind, "kind"); err != nil {
			return err
		}
		if e.Done.IsZero() == e.SnoozedUntil.IsZero() {
			return errors.New("a reminder event is either done or snoozed")
		}
		if e.ChildID != "" {
			if err := b.mustBeLive(childrenTable, e.ChildID); err != nil {
				return err
			}
		}
		return b.put(e)
	})
}

// DeleteReminderEvent tombstones a reminder event, to undo it.
func (s *Store) DeleteReminderEvent(id string) error {
	return s.write("delete reminder", func(b *Batch) error { return b.deleteByID(&ReminderEvent{}, id) })
}
