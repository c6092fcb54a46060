package app

import (
	"strings"
	"testing"
	"time"
)

func TestDefaultRules(t *testing.T) {
	for _, country := range Countries {
		r, err := DefaultRules(country)
		if err != nil {
			t.Fatalf("%s: %v", country, err)
		}
		if r.Country != country || r.Name == "" {
			t.Errorf("%s: got country %q name %q", country, r.Country, r.Name)
		}
	}
	e, _ := DefaultRules(CountryEngland)
	w, _ := DefaultRules(CountryWales)
	if e.PlacementPlan != (Interval{WorkingDays: 5}) || w.PlacementPlan != (Interval{WorkingDays: 10}) {
		t.Errorf("plan: England %+v, Wales %+v", e.PlacementPlan, w.PlacementPlan)
	}
	if e.TSDMainstream.After(date(2026, 3, 1)) != date(2027, 3, 1) || e.TSDFamilyFriends.After(date(2026, 3, 1)) != date(2027, 9, 1) {
		t.Error("the default TSD deadlines are not 12 and 18 months after approval")
	}
	if w.Lines()[0].Name != "care_plan" || len(w.Lines()) != len(e.Lines())+1 {
		t.Errorf("Wales lines: %+v", w.Lines())
	}
	if _, err := DefaultRules("scotland"); err == nil {
		t.Error("rules for a country Hearth does not ship")
	}
}

func TestLoadRulesRefusesBadFiles(t *testing.T) {
	good, err := ruleFiles.ReadFile("rules/england.json")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) []byte {
		if !strings.Contains(string(good), old) {
			t.Fatalf("england.json has no %q", old)
		}
		return []byte(strings.Replace(string(good), old, new, 1))
	}
	cases := []struct {
		name string
		file []byte
		want string
	}{
		{"not JSON", []byte("placement plan: 5 days"), "invalid character"},
		{"empty", []byte(""), "EOF"},
		{"unknown field", edit(`"first_review"`, `"frist_review"`), `unknown field "frist_review"`},
		{"missing interval", edit(`"pep": {"working_days": 20},`, ``), `"pep" must give exactly one`},
		{"two units", edit(`"second_review": {"months": 3}`, `"second_review": {"months": 3, "days": 2}`), `"second_review" must give exactly one`},
		{"negative", edit(`"later_reviews": {"months": 6}`, `"later_reviews": {"months": -6}`), `"later_reviews" is negative`},
		{"wrong type", edit(`"pep_min_age": 3`, `"pep_min_age": "three"`), "pep_min_age"},
		{"no name", edit(`"name": "England: statutory guidance (default)"`, `"name": ""`), `"name" is missing`},
		{"unknown country", edit(`"country": "england"`, `"country": "scotland"`), `"country" is "scotland"`},
		{"ages reversed", edit(`"pep_max_age": 18`, `"pep_max_age": 2`), `"pep_min_age" (3) must be below "pep_max_age" (2)`},
		{"health age", edit(`"health_age_switch": 5`, `"health_age_switch": 0`), `"health_age_switch" is 0`},
		{"trailing data", append(append([]byte{}, good...), []byte(`{}`)...), "extra data"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadRules(c.file)
			if err == nil {
				t.Fatal("accepted a bad rules file")
			}
			if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "rules file: ") {
				t.Fatalf("error %q, want it to mention %q", err, c.want)
			}
		})
	}
	// A tighter local rule is fine.
	r, err := LoadRules(edit(`"social_worker_visits": {"weeks": 6}`, `"social_worker_visits": {"weeks": 4}`))
	if err != nil || r.SocialWorkerVisits.Weeks != 4 {
		t.Fatalf("tighter rule: %+v, %v", r.SocialWorkerVisits, err)
	}
}

func TestRulesCountrySetting(t *testing.T) {
	a, _ := readyApp(t)
	if a.RulesCountry() != CountryEngland {
		t.Fatalf("default %q", a.RulesCountry())
	}
	if err := a.SetRulesCountry("france"); err == nil {
		t.Fatal("accepted an unknown country")
	}
	if err := a.SetRulesCountry(CountryWales); err != nil {
		t.Fatal(err)
	}
	r, err := a.Rules()
	if err != nil || r.Country != CountryWales {
		t.Fatalf("rules %q, %v", r.Country, err)
	}
}

func TestRemindersMarkDoneAndSnooze(t *testing.T) {
	a, c := readyApp(t) // placed 1 September 2025; today is 25 November 2026
	rs, err := a.Reminders()
	if err != nil {
		t.Fatal(err)
	}
	review := find(rs, c.ID, KindReview)
	if review == nil || !review.Overdue() || review.Due != date(2025, 9, 29) {
		t.Fatalf("first review: %+v", review)
	}
	for _, r := range rs {
		if r.DaysLeft > ReminderDays {
			t.Errorf("%s due in %d days is on the list", r.Kind, r.DaysLeft)
		}
	}
	wantUserError(t, a.MarkReminderDone(*review, date(2026, 12, 1)), "error.date_future")
	if err := a.MarkReminderDone(*review, date(2025, 9, 26)); err != nil {
		t.Fatal(err)
	}
	all, _, err := a.Timetable()
	if err != nil {
		t.Fatal(err)
	}
	if next := find(all, c.ID, KindReview); next == nil || next.Due != date(2025, 12, 26) || next.Step != 1 {
		t.Fatalf("second review: %+v", next)
	}

	visit := find(rs, c.ID, KindVisit)
	if visit == nil {
		t.Fatal("no visit reminder")
	}
	wantUserError(t, a.SnoozeReminder(*visit, fixedNow), "error.date_past")
	if err := a.SnoozeReminder(*visit, a.Today().AddDate(0, 0, SnoozeDays)); err != nil {
		t.Fatal(err)
	}
	rs, err = a.Reminders()
	if err != nil {
		t.Fatal(err)
	}
	if find(rs, c.ID, KindVisit) != nil {
		t.Fatal("a snoozed reminder is still listed")
	}
	// A week later it is back.
	a.now = func() time.Time { return fixedNow.AddDate(0, 0, SnoozeDays) }
	rs, err = a.Reminders()
	if err != nil {
		t.Fatal(err)
	}
	if find(rs, c.ID, KindVisit) == nil {
		t.Fatal("the snooze did not end")
	}
}

func TestTermsSetting(t *testing.T) {
	a, _ := readyApp(t)
	if FormatTerms(a.Terms()) != DefaultTerms {
		t.Fatalf("default terms %s", FormatTerms(a.Terms()))
	}
	wantUserError(t, a.SetTerms("autumn"), "error.terms")
	if err := a.SetTerms("09-03:12-18, 01-06:03-28, 04-14:07-21"); err != nil {
		t.Fatal(err)
	}
	if got := FormatTerms(a.Terms()); got != "09-03:12-18,01-06:03-28,04-14:07-21" {
		t.Fatalf("terms %s", got)
	}
	if err := a.SetTerms(""); err != nil || FormatTerms(a.Terms()) != DefaultTerms {
		t.Fatalf("reset: %v", err)
	}
}

func find(rs []Reminder, childID string, kind ReminderKind) *Reminder {
	for _, r := range rs {
		if r.ChildID == childID && r.Kind == kind {
			return &r
		}
	}
	return nil
}
