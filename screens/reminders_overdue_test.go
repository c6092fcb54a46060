package screens

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

// Many overdue reminders: the home page shows the first few as cards, says
// how many more there are, and a button puts every one of them on the page,
// each with its own actions.
func TestHomeShowsTheFirstOverdueRemindersAndAllOnRequest(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	addChild(t, a, "Robin Reminder") // placed 1 September 2024; today is 15 June 2025
	addChild(t, a, "Sky Overdue")
	rs, err := a.Reminders()
	if err != nil {
		t.Fatal(err)
	}
	var overdue []app.Reminder
	for _, r := range rs {
		if r.Overdue() {
			overdue = append(overdue, r)
		}
	}
	if len(overdue) <= overdueShown {
		t.Fatalf("only %d overdue reminders; the test needs more than %d", len(overdue), overdueShown)
	}
	u := newUI(t, a)
	v := view[*dashboardView](t, u)
	if len(v.reminders) != overdueShown+len(rs)-len(overdue) {
		t.Fatalf("%d reminder cards before asking, want the first %d overdue and %d coming up", len(v.reminders), overdueShown, len(rs)-len(overdue))
	}
	for i, row := range v.reminders[:overdueShown] {
		if row.r != overdue[i] {
			t.Fatalf("card %d is %+v, want the overdue %+v", i, row.r, overdue[i])
		}
	}
	mustShow(t, u, fmt.Sprintf("%d more are overdue.", len(overdue)-overdueShown))
	test.Tap(button(t, u, fmt.Sprintf("See all %d overdue reminders", len(overdue))))
	mustNotShow(t, u, "more are overdue.")
	if len(v.reminders) != len(rs) {
		t.Fatalf("%d reminder cards after asking for all, want %d", len(v.reminders), len(rs))
	}
	last := overdue[len(overdue)-1]
	var row reminderRow
	for _, r := range v.reminders {
		if r.r == last {
			row = r
		}
	}
	if row.done == nil {
		t.Fatalf("no card for the last overdue reminder %+v", last)
	}
	mustShow(t, u, reminderName(last))
	test.Tap(row.done)
	test.Tap(button(t, u, "Save"))
	waitIdle(t, u)
	_, events, err := a.Timetable()
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Kind != string(last.Kind) || events[0].ChildID != last.ChildID || !events[0].Done.Equal(testToday) {
		t.Fatalf("stored events %+v, want %s of %s done today", events, last.Kind, last.ChildID)
	}
	mustShow(t, u, fmt.Sprintf("See all %d overdue reminders", len(overdue)-1))
}
