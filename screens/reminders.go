package screens

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// reminderNames name each series of reminders. The first of a series can
// have its own name (the initial health assessment).
var reminderNames = map[app.ReminderKind]msg{
	app.KindPlacementPlan: {"reminder.placement_plan", "Placement plan"},
	app.KindCarePlan:      {"reminder.care_plan", "Care and support plan"},
	app.KindReview:        {"reminder.review", "Looked-after child review"},
	app.KindHealth:        {"reminder.health_review", "Review health assessment"},
	app.KindDental:        {"reminder.dental", "Dental check"},
	app.KindPEP:           {"reminder.pep", "Personal Education Plan (PEP) review"},
	app.KindVisit:         {"reminder.visit", "Social worker visit"},
	app.KindPathway:       {"reminder.pathway", "Pathway plan review"},
	app.KindCarerReview:   {"reminder.carer_review", "Your annual review as a foster carer"},
	app.KindTSD:           {"reminder.tsd", "Training standards (TSD) evidence"},
}

// firstNames name the first of a series where it differs from the rest.
var firstNames = map[app.ReminderKind]msg{
	app.KindReview:  {"reminder.first_review", "First looked-after child review"},
	app.KindHealth:  {"reminder.initial_health", "Initial health assessment"},
	app.KindPEP:     {"reminder.first_pep", "Personal Education Plan (PEP)"},
	app.KindVisit:   {"reminder.first_visit", "First social worker visit"},
	app.KindPathway: {"reminder.first_pathway", "First pathway plan"},
}

// reminderName is what a reminder is called on screen.
func reminderName(r app.Reminder) string {
	if m, ok := firstNames[r.Kind]; ok && r.Step == 0 {
		return m.text()
	}
	return reminderNames[r.Kind].text()
}

// reminderRow is one reminder on the dashboard with its two actions.
type reminderRow struct {
	r      app.Reminder
	done   *widget.Button
	snooze *widget.Button
}

// remindersSection shows what is overdue and what is coming up in the next
// 30 days, each naming the child it is for or "your household".
func (u *UI) remindersSection(v *dashboardView, rs []app.Reminder, names map[string]string) []fyne.CanvasObject {
	var overdue, soon []fyne.CanvasObject
	for _, r := range rs {
		row := u.reminderCard(v, r, names)
		if r.Overdue() {
			overdue = append(overdue, row)
		} else {
			soon = append(soon, row)
		}
	}
	var objs []fyne.CanvasObject
	if len(overdue) > 0 {
		objs = append(objs, subheading(lang.X("reminders.overdue", "Overdue")), container.NewVBox(overdue...))
	}
	objs = append(objs, subheading(lang.X("reminders.coming_up", "Coming up in the next 30 days")))
	if len(soon) == 0 {
		objs = append(objs, para(lang.X("reminders.none", "Nothing is due in the next 30 days.")))
	} else {
		objs = append(objs, container.NewVBox(soon...))
	}
	return objs
}

func (u *UI) reminderCard(v *dashboardView, r app.Reminder, names map[string]string) fyne.CanvasObject {
	who := lang.X("reminders.household", "Your household")
	if r.ChildID != "" {
		who = names[r.ChildID]
	}
	var when string
	switch {
	case r.DaysLeft < 0:
		when = lang.X("reminders.was_due", "Was due {{.Date}}, {{.Days}} days ago", map[string]any{"Date": formatDate(r.Due), "Days": -r.DaysLeft})
	case r.DaysLeft == 0:
		when = lang.X("reminders.due_today", "Due today")
	default:
		when = lang.X("reminders.due_in", "Due {{.Date}}, in {{.Days}} days", map[string]any{"Date": formatDate(r.Due), "Days": r.DaysLeft})
	}
	row := reminderRow{r: r}
	row.done = widget.NewButtonWithIcon(lang.X("reminders.done", "Done"), theme.ConfirmIcon(), func() { u.askDone(r) })
	row.snooze = widget.NewButtonWithIcon(lang.X("reminders.snooze", "Snooze for a week"), theme.HistoryIcon(), func() {
		u.afterReminder(u.a.SnoozeReminder(r, u.a.Today().AddDate(0, 0, app.SnoozeDays)))
	})
	v.reminders = append(v.reminders, row)
	lines := []fyne.CanvasObject{bold(who + ": " + reminderName(r)), para(when)}
	if r.StayingPut {
		lines = append(lines, note(lang.X("reminders.staying_put", "This is the first review since their 16th birthday: it must consider Staying Put, which can last until they are 21.")))
	}
	return card(append(lines, container.NewHBox(row.done, row.snooze))...)
}

// askDone asks the date the reminder's event happened, today unless the
// carer changes it, and moves the series on.
func (u *UI) askDone(r app.Reminder) {
	day := newDateField(u.w, "done", u.a.Today())
	prob := problem()
	var dlg dialog.Dialog
	save := primary(lang.X("action.save", "Save"), theme.DocumentSaveIcon(), func() {
		t, err := day.value()
		if err == nil {
			err = u.a.MarkReminderDone(r, t)
		}
		var ue *app.UserError
		if errors.As(err, &ue) {
			setProblem(prob, userMessage(ue.Key))
			return
		}
		dlg.Hide()
		u.afterReminder(err)
	})
	cancel := widget.NewButton(lang.X("action.cancel", "Cancel"), func() { dlg.Hide() })
	body := container.NewVBox(para(lang.X("reminders.done_when", "When did it happen?")), day.obj, prob, container.NewHBox(save, cancel))
	dlg = dialog.NewCustomWithoutButtons(reminderName(r), body, u.w)
	dlg.Resize(fyne.NewSize(480, 0))
	dlg.Show()
}

// afterReminder shows the dashboard again with the reminder moved on, or
// what went wrong.
func (u *UI) afterReminder(err error) {
	if err != nil {
		_, message := explain("save reminder", err)
		dialog.NewCustom(lang.X("error.title", "Sorry"), lang.X("action.ok", "OK"), para(message), u.w).Show()
		return
	}
	u.open(u.cur)
}

// notifyReminders tells the carer, once a session, that something is due
// this week, and schedules a reminder for a week before each later due
// date. The text never names a child or says anything about them: a
// notification shows on a locked screen, to anyone nearby.
func (u *UI) notifyReminders() {
	if u.notified {
		return
	}
	u.notified = true
	all, _, err := u.a.Timetable()
	if err != nil {
		return
	}
	rs, err := u.a.Reminders()
	if err != nil {
		return
	}
	if app.DueThisWeek(rs) > 0 {
		u.fa.SendNotification(dueNotification())
	}
	today := u.a.Today()
	for _, r := range all {
		// 9 in the morning, a week before it is due.
		at := time.Date(r.Due.Year(), r.Due.Month(), r.Due.Day()-7, 9, 0, 0, 0, time.Local)
		if at.After(today) && r.DaysLeft <= 366 {
			// Errors only mean the platform cannot schedule; the in-app
			// list still shows everything.
			_, _ = u.fa.ScheduleNotification(dueNotification(), at)
		}
	}
}

// dueNotification is the only text a notification carries.
func dueNotification() *fyne.Notification {
	return fyne.NewNotification(lang.X("app.title", "Hearth"),
		lang.X("reminders.notify", "A review, visit or plan is due this week. Open Hearth to see what."))
}

// countryNames name the rule sets.
var countryNames = map[string]msg{
	app.CountryEngland: {"rules.england", "England"},
	app.CountryWales:   {"rules.wales", "Wales"},
}

// ruleNames name each line of a rules file.
var ruleNames = map[string]msg{
	"placement_plan":          {"rules.placement_plan", "Placement plan, after the placement starts"},
	"care_plan":               {"rules.care_plan", "Care and support plan, after the placement starts"},
	"first_review":            {"rules.first_review", "First looked-after child review, after the placement starts"},
	"second_review":           {"rules.second_review", "Second review, after the first"},
	"later_reviews":           {"rules.later_reviews", "Later reviews, at most"},
	"initial_health":          {"rules.initial_health", "Initial health assessment, after the placement starts"},
	"health_review_young":     {"rules.health_review_young", "Review health assessments under age {{.Age}}"},
	"health_review_older":     {"rules.health_review_older", "Review health assessments from age {{.Age}}"},
	"dental_checks":           {"rules.dental_checks", "Dental checks (health plan)"},
	"pep":                     {"rules.pep", "Personal Education Plan (ages {{.From}} to {{.To}}), after the placement starts; then reviewed every school term"},
	"social_worker_first":     {"rules.social_worker_first", "First social worker visit, after the placement starts"},
	"social_worker_visits":    {"rules.social_worker_visits", "Later social worker visits, at most"},
	"social_worker_long_term": {"rules.social_worker_long_term", "Social worker visits in a placement meant to last until 18, at most"},
	"carer_first_review":      {"rules.carer_first_review", "Your first annual review, after approval"},
	"carer_later_reviews":     {"rules.carer_later_reviews", "Your later annual reviews, at most"},
	"tsd_mainstream":          {"rules.tsd_mainstream", "Training standards (TSD), after approval"},
	"tsd_family_friends":      {"rules.tsd_family_friends", "Training standards for family and friends carers, after approval"},
	"pathway_first_age":       {"rules.pathway_first_age", "First pathway plan, by age"},
	"pathway_reviews":         {"rules.pathway_reviews", "Pathway plan reviews, at most"},
}

// intervalText says an interval in words.
func intervalText(i app.Interval) string {
	switch {
	case i.WorkingDays > 0:
		return lang.X("rules.working_days", "{{.N}} working days", map[string]any{"N": i.WorkingDays})
	case i.Days > 0:
		return lang.X("rules.days", "{{.N}} days", map[string]any{"N": i.Days})
	case i.Weeks > 0:
		return lang.X("rules.weeks", "{{.N}} weeks", map[string]any{"N": i.Weeks})
	case i.Months%12 == 0:
		return lang.X("rules.years", "{{.N}} years", map[string]any{"N": i.Months / 12})
	case i.Months > 12:
		return lang.X("rules.years_months", "{{.Years}} years {{.Months}} months", map[string]any{"Years": i.Months / 12, "Months": i.Months % 12})
	}
	return lang.X("rules.months", "{{.N}} months", map[string]any{"N": i.Months})
}

// remindersCard lets the carer see which rules their reminders follow,
// choose England's or Wales', and set their school's term dates.
func (u *UI) remindersCard() fyne.CanvasObject {
	prob := problem()
	rules, err := u.a.Rules()
	if err != nil {
		_, message := explain("load rules", err)
		setProblem(prob, message)
	}
	country := newChoice(app.Countries, countryNames, u.a.RulesCountry(), func(c string) {
		if err := u.a.SetRulesCountry(c); err != nil {
			_, message := explain("save setting", err)
			setProblem(prob, message)
			return
		}
		u.open(u.cur)
	})
	lines := []fyne.CanvasObject{bold(lang.X("rules.set", "Rules in use: {{.Name}}", map[string]any{"Name": rules.Name}))}
	for _, l := range rules.Lines() {
		name := lang.X(ruleNames[l.Name].key, ruleNames[l.Name].en, map[string]any{
			"Age": rules.HealthAgeSwitch, "From": rules.PEPMinAge, "To": rules.PEPMaxAge})
		lines = append(lines, para(name+": "+intervalText(l.Interval)))
	}
	terms := multiline(app.FormatTerms(u.a.Terms()), 2)
	saved := widget.NewLabel("")
	saved.Importance = widget.SuccessImportance
	saveTerms := widget.NewButtonWithIcon(lang.X("rules.save_terms", "Save term dates"), theme.DocumentSaveIcon(), func() {
		saved.SetText("")
		var ue *app.UserError
		if err := u.a.SetTerms(terms.Text); errors.As(err, &ue) {
			setProblem(prob, userMessage(ue.Key))
			return
		} else if err != nil {
			_, message := explain("save setting", err)
			setProblem(prob, message)
			return
		}
		setProblem(prob, "")
		terms.SetText(app.FormatTerms(u.a.Terms()))
		saved.SetText(lang.X("settings.saved", "Saved."))
	})
	return card(subheading(lang.X("rules.title", "Reminders: the rules that apply")),
		note(lang.X("rules.hint", "Hearth works out when reviews, health assessments, plans and visits are due from these rules. Your local authority may send its own, often tighter, rules later.")),
		prob, country.obj, tight(lines...),
		bold(lang.X("rules.terms", "School term dates")),
		note(lang.X("rules.terms_hint", "Used for the termly PEP review. Write each term as first day and last day, month-day, for example 09-01:12-19, separated by commas.")),
		terms, container.NewHBox(saveTerms, saved))
}
