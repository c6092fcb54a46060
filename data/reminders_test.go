package data

import (
	"testing"
)

func TestReminderEvents(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Rem Child")
	done := ReminderEvent{ChildID: c.ID, Kind: "review", Due: day(2025, 1, 10), Done: day(2025, 1, 8)}
	must(t, s.SaveReminderEvent(&done))
	snoozed := ReminderEvent{Kind: "carer_review", Due: day(2025, 3, 1), SnoozedUntil: day(2025, 3, 8)}
	must(t, s.SaveReminderEvent(&snoozed))

	got, err := s.ReminderEvents()
	must(t, err)
	same(t, got, []ReminderEvent{done, snoozed})

	if err := s.SaveReminderEvent(&ReminderEvent{Kind: "review", Due: day(2025, 1, 1)}); err == nil {
		t.Error("saved an event that is neither done nor snoozed")
	}
	if err := s.SaveReminderEvent(&ReminderEvent{Kind: "", Done: day(2025, 1, 1)}); err == nil {
		t.Error("saved an event without a kind")
	}
	wantErr(t, s.SaveReminderEvent(&ReminderEvent{ChildID: "nobody", Kind: "review", Done: day(2025, 1, 1)}), ErrNotFound)

	// Deleting the child takes their reminders with them; the household's stay.
	must(t, s.DeleteChild(c.ID))
	got, err = s.ReminderEvents()
	must(t, err)
	same(t, got, []ReminderEvent{snoozed})
	assertTombstone(t, s, "reminders", done.ID)

	must(t, s.DeleteReminderEvent(snoozed.ID))
	got, err = s.ReminderEvents()
	must(t, err)
	if len(got) != 0 {
		t.Fatalf("left %d events after delete", len(got))
	}
}
