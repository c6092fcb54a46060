package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// reminderRowFor finds a reminder's row on the dashboard.
func reminderRowFor(t *testing.T, u *UI, childID string, kind app.ReminderKind) (reminderRow, bool) {
	t.Helper()
	for _, r := range view[*dashboardView](t, u).reminders {
		if r.r.ChildID == childID && r.r.Kind == kind {
			return r, true
		}
	}
	return reminderRow{}, false
}

func TestDashboardReminderDoneMovesItOn(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Robin Reminder") // placed 1 September 2024; today is 15 June 2025
	u := newUI(t, a)
	u.open(route{page: pageHome})
	waitIdle(t, u)

	mustShow(t, u, "Overdue")
	mustShow(t, u, "Robin Reminder: First looked-after child review")
	mustShow(t, u, "Was due 27/09/2024")
	row, ok := reminderRowFor(t, u, c.ID, app.KindReview)
	if !ok || !row.r.Overdue() {
		t.Fatalf("no overdue review row: %+v", row)
	}

	test.Tap(row.done)
	mustShow(t, u, "When did it happen?")
	test.Tap(button(t, u, "Save"))
	waitIdle(t, u)

	// The first review is done today, so the second is due in 3 months:
	// beyond the 30 days the dashboard shows.
	mustNotShow(t, u, "First looked-after child review")
	if _, ok := reminderRowFor(t, u, c.ID, app.KindReview); ok {
		t.Fatal("the review is still on the dashboard")
	}
	all, events, err := a.Timetable()
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Kind != string(app.KindReview) || !events[0].Done.Equal(testToday) {
		t.Fatalf("stored events %+v", events)
	}
	for _, r := range all {
		if r.ChildID == c.ID && r.Kind == app.KindReview && (r.Step != 1 || !r.Due.Equal(time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC))) {
			t.Fatalf("second review %+v, want due 15/09/2025", r)
		}
	}
}

func TestDashboardReminderDoneAsksTheDate(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Robin Reminder")
	u := newUI(t, a)
	u.open(route{page: pageHome})
	row, _ := reminderRowFor(t, u, c.ID, app.KindVisit)
	test.Tap(row.done)
	retype(t, u, "15/06/2025", "01/01/2030")
	test.Tap(button(t, u, "Save"))
	mustShow(t, u, "The date can't be in the future.")
	retype(t, u, "01/01/2030", "10/06/2025")
	test.Tap(button(t, u, "Save"))
	_, events, err := a.Timetable()
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || !events[0].Done.Equal(time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("stored events %+v", events)
	}
}

func TestDashboardReminderSnooze(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Robin Reminder")
	u := newUI(t, a)
	u.open(route{page: pageHome})
	row, ok := reminderRowFor(t, u, c.ID, app.KindVisit)
	if !ok {
		t.Fatal("no visit reminder")
	}
	test.Tap(row.snooze)
	if _, ok := reminderRowFor(t, u, c.ID, app.KindVisit); ok {
		t.Fatal("a snoozed reminder is still showing")
	}
	_, events, err := a.Timetable()
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || !events[0].SnoozedUntil.Equal(testToday.AddDate(0, 0, 7)) {
		t.Fatalf("stored events %+v", events)
	}
}

// Notifications show on a locked screen, so they never carry a name.
func TestReminderNotificationsCarryNoName(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	addChild(t, a, "Robin Reminder")
	want := dueNotification()
	for _, s := range []string{want.Title, want.Content} {
		if strings.Contains(s, "Robin") || strings.Contains(s, "Reminder:") {
			t.Fatalf("notification text %q names the child", s)
		}
	}
	test.NewTempApp(t) // the assertions need the test app as the current app
	test.AssertNotificationSent(t, want, func() {
		test.AssertNotificationScheduled(t, want, func() {
			u := New(fyne.CurrentApp(), a)
			u.Show()
			u.open(route{page: pageHome})
		})
	})
}

// retype finds the visible entry showing from and types to in its place.
func retype(t *testing.T, u *UI, from, to string) {
	t.Helper()
	var found *widget.Entry
	visit(u, func(o fyne.CanvasObject) (bool, bool) {
		if e, ok := o.(*widget.Entry); ok && e.Text == from {
			found = e
			return false, false
		}
		return true, true
	})
	if found == nil {
		t.Fatalf("no entry showing %q", from)
	}
	found.SetText(to)
}

func TestSettingsShowTheRulesThatApply(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	u.open(route{page: pageSettings})
	mustShow(t, u, "Rules in use: England")
	mustShow(t, u, "First looked-after child review, after the placement starts: 20 working days")
	mustShow(t, u, "First pathway plan, by age: 16 years 3 months")
	mustNotShow(t, u, "Care and support plan")

	var wales *tapLabel
	visit(u, func(o fyne.CanvasObject) (bool, bool) {
		if l, ok := o.(*tapLabel); ok && l.Text == "Wales" {
			wales = l
			return false, false
		}
		return true, true
	})
	if wales == nil {
		t.Fatal("no Wales option")
	}
	wales.Tapped(nil)
	mustShow(t, u, "Rules in use: Wales")
	mustShow(t, u, "Care and support plan, after the placement starts: 10 working days")
	mustShow(t, u, "Dental checks (health plan): 6 months")
	if a.RulesCountry() != app.CountryWales {
		t.Fatalf("rules country %q", a.RulesCountry())
	}

	retype(t, u, app.DefaultTerms, "autumn")
	test.Tap(button(t, u, "Save term dates"))
	mustShow(t, u, "Please write each term as first and last day")
	retype(t, u, "autumn", "09-04:12-18, 01-06:03-26, 04-12:07-21")
	test.Tap(button(t, u, "Save term dates"))
	if got := app.FormatTerms(a.Terms()); got != "09-04:12-18,01-06:03-26,04-12:07-21" {
		t.Fatalf("terms %s", got)
	}
}
