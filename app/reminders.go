package app

import (
	"errors"
	"strings"
	"time"
)

// ReminderDays is how far ahead the dashboard's "coming up" list looks.
const ReminderDays = 30

// SnoozeDays is how long "Snooze" puts a reminder off.
const SnoozeDays = 7

const settingTerms = "school_terms"

// Terms are the school term dates used for termly PEP reviews: the user's,
// or DefaultTerms.
func (a *App) Terms() []Term {
	if v, _ := a.store.Setting(settingTerms); v != "" {
		if t, err := ParseTerms(v); err == nil {
			return t
		}
	}
	t, _ := ParseTerms(DefaultTerms)
	return t
}

// SetTerms stores term dates typed as ParseTerms reads them; "" goes back
// to the defaults.
func (a *App) SetTerms(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return a.store.SetSetting(settingTerms, "")
	}
	t, err := ParseTerms(s)
	if err != nil {
		return invalid("terms", "error.terms")
	}
	return a.store.SetSetting(settingTerms, FormatTerms(t))
}

// Timetable is every series' next due date, however far ahead.
func (a *App) Timetable() ([]Reminder, []ReminderEvent, error) {
	rules, err := a.Rules()
	if err != nil {
		return nil, nil, err
	}
	h, err := a.store.Household()
	if err != nil {
		return nil, nil, err
	}
	children, err := a.store.Children()
	if err != nil {
		return nil, nil, err
	}
	events, err := a.store.ReminderEvents()
	if err != nil {
		return nil, nil, err
	}
	// Whether the TSD is complete turns on the sign-offs alone, so the
	// training log (every record decrypted, 10-20 ms on a ten-year store,
	// and on the way to the home page's first frame) is not read.
	signOffs, err := a.store.SignOffs()
	if err != nil {
		return nil, nil, err
	}
	tsd := computeTSD(h, nil, signOffs, rules, a.Today())
	return Timetable(TimetableInput{Rules: rules, Household: h, TSDComplete: tsd.Complete(), Children: children,
		Events: events, Terms: a.Terms(), Today: a.Today()}), events, nil
}

// Reminders lists what is overdue or due in the next ReminderDays days, for
// each child and for the household, soonest (so most overdue) first. A
// snoozed reminder stays off the list until its snooze ends.
func (a *App) Reminders() ([]Reminder, error) {
	all, events, err := a.Timetable()
	if err != nil {
		return nil, err
	}
	return dueSoon(all, events, a.Today()), nil
}

func dueSoon(all []Reminder, events []ReminderEvent, today time.Time) []Reminder {
	var out []Reminder
	for _, r := range all {
		if r.DaysLeft > ReminderDays || snoozed(r, events, today) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func snoozed(r Reminder, events []ReminderEvent, today time.Time) bool {
	for _, e := range events {
		if e.ChildID == r.ChildID && e.Kind == string(r.Kind) && e.Due.Equal(r.Due) && e.SnoozedUntil.After(today) {
			return true
		}
	}
	return false
}

// MarkReminderDone records that r happened on day, which moves its series
// on to the next due date.
func (a *App) MarkReminderDone(r Reminder, day time.Time) error {
	switch {
	case day.IsZero():
		return invalid("done", "error.date_required")
	case dateOf(day).After(a.Today()):
		return invalid("done", "error.date_future")
	}
	if r.Kind == "" {
		return errors.New("mark reminder done: no reminder given")
	}
	return a.store.SaveReminderEvent(&ReminderEvent{ChildID: r.ChildID, Kind: string(r.Kind), Due: r.Due, Done: dateOf(day)})
}

// SnoozeReminder hides r until the day until.
func (a *App) SnoozeReminder(r Reminder, until time.Time) error {
	if !dateOf(until).After(a.Today()) {
		return invalid("snooze", "error.date_past")
	}
	if r.Kind == "" {
		return errors.New("snooze reminder: no reminder given")
	}
	return a.store.SaveReminderEvent(&ReminderEvent{ChildID: r.ChildID, Kind: string(r.Kind), Due: r.Due, SnoozedUntil: dateOf(until)})
}

// DueThisWeek counts the reminders that are overdue or due in the next 7
// days, for a notification that names no one.
func DueThisWeek(rs []Reminder) int {
	n := 0
	for _, r := range rs {
		if r.DaysLeft <= 7 {
			n++
		}
	}
	return n
}
