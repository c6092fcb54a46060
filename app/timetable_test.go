package app

import (
	"testing"
	"time"

	"github.com/hearth-app/hearth/data"
)

func TestTimetable(t *testing.T) {
	england, err := DefaultRules(CountryEngland)
	if err != nil {
		t.Fatal(err)
	}
	wales, err := DefaultRules(CountryWales)
	if err != nil {
		t.Fatal(err)
	}
	terms, err := ParseTerms(DefaultTerms)
	if err != nil {
		t.Fatal(err)
	}
	// A placement that starts on Monday 22 December 2025, just before
	// Christmas Day, Boxing Day and New Year's Day.
	start := date(2025, 12, 22)
	child := func(dob time.Time) Child {
		return Child{Record: data.Record{ID: "c"}, DateOfBirth: dob, Arrangement: ArrangementFoster, PlacementStart: start}
	}
	over5 := child(date(2018, 6, 1))
	under5 := child(date(2023, 3, 10))
	longTerm := over5
	longTerm.LongTerm = true
	done := func(kind ReminderKind, days ...time.Time) []ReminderEvent {
		var out []ReminderEvent
		for _, d := range days {
			out = append(out, ReminderEvent{ChildID: "c", Kind: string(kind), Done: d})
		}
		return out
	}
	household := func(events ...time.Time) []ReminderEvent {
		var out []ReminderEvent
		for _, d := range events {
			out = append(out, ReminderEvent{Kind: string(KindCarerReview), Done: d})
		}
		return out
	}
	foster := Household{Kind: KindFoster, ApprovalDate: date(2026, 3, 1)}
	none := time.Time{}

	cases := []struct {
		name     string
		wales    bool
		h        Household
		tsdDone  bool
		child    Child
		events   []ReminderEvent
		childID  string // "" for the household's reminders
		kind     ReminderKind
		want     time.Time // zero: no reminder of this kind
		daysLeft *int
		stayPut  bool
	}{
		{name: "placement plan within 5 working days, over Christmas", child: over5, childID: "c", kind: KindPlacementPlan, want: date(2025, 12, 31)},
		{name: "placement plan done: none", child: over5, events: done(KindPlacementPlan, date(2025, 12, 23)), childID: "c", kind: KindPlacementPlan, want: none},
		{name: "first review within 20 working days, skipping 25, 26 Dec and 1 Jan", child: over5, childID: "c", kind: KindReview, want: date(2026, 1, 22)},
		{name: "second review 3 months after the first", child: over5, events: done(KindReview, date(2026, 1, 20)), childID: "c", kind: KindReview, want: date(2026, 4, 20)},
		{name: "third review 6 months after the second", child: over5, events: done(KindReview, date(2026, 1, 20), date(2026, 4, 15)), childID: "c", kind: KindReview, want: date(2026, 10, 15)},
		{name: "later reviews every 6 months", child: over5, events: done(KindReview, date(2026, 1, 20), date(2026, 4, 15), date(2026, 10, 10)), childID: "c", kind: KindReview, want: date(2027, 4, 10)},
		{name: "overdue review", child: over5, events: done(KindReview, date(2026, 1, 20), date(2026, 4, 15)), childID: "c", kind: KindReview, want: date(2026, 10, 15), daysLeft: ptr(-41)},
		{name: "review done out of order still counts from the latest", child: over5, events: done(KindReview, date(2026, 4, 15), date(2026, 1, 20)), childID: "c", kind: KindReview, want: date(2026, 10, 15)},
		{name: "initial health assessment within 20 working days", child: over5, childID: "c", kind: KindHealth, want: date(2026, 1, 22)},
		{name: "health review 12 months from age 5", child: over5, events: done(KindHealth, date(2026, 1, 15)), childID: "c", kind: KindHealth, want: date(2027, 1, 15)},
		{name: "health review 6 months under 5", child: under5, events: done(KindHealth, date(2026, 1, 15)), childID: "c", kind: KindHealth, want: date(2026, 7, 15)},
		{name: "health review, assessed the day before the fifth birthday: 6 months", child: child(date(2021, 7, 1)), events: done(KindHealth, date(2026, 1, 2), date(2026, 6, 30)), childID: "c", kind: KindHealth, want: date(2026, 12, 30)},
		{name: "health review, assessed on the fifth birthday: 12 months", child: child(date(2021, 7, 1)), events: done(KindHealth, date(2026, 1, 2), date(2026, 7, 1)), childID: "c", kind: KindHealth, want: date(2027, 7, 1)},
		{name: "PEP within 20 working days", child: over5, childID: "c", kind: KindPEP, want: date(2026, 1, 22)},
		{name: "PEP for a child under 3: 20 working days after the third birthday", child: child(date(2024, 1, 1)), childID: "c", kind: KindPEP, want: date(2027, 1, 29)},
		{name: "PEP not due once the child is 18", child: child(date(2008, 1, 10)), childID: "c", kind: KindPEP, want: none},
		{name: "PEP review not due after the 18th birthday", child: child(date(2009, 2, 1)), events: done(KindPEP, date(2026, 1, 5), date(2026, 12, 1)), childID: "c", kind: KindPEP, want: none},
		{name: "PEP reviewed in the autumn term: due by the end of spring", child: over5, events: done(KindPEP, date(2026, 1, 10), date(2026, 10, 5)), childID: "c", kind: KindPEP, want: date(2027, 3, 27)},
		{name: "PEP reviewed in the summer holiday: due by the end of autumn", child: over5, events: done(KindPEP, date(2026, 1, 10), date(2026, 8, 10)), childID: "c", kind: KindPEP, want: date(2026, 12, 19)},
		{name: "PEP reviewed in the Christmas holiday: due by the end of spring", child: over5, events: done(KindPEP, date(2026, 1, 10), date(2026, 12, 21)), childID: "c", kind: KindPEP, want: date(2027, 3, 27)},
		{name: "PEP reviewed in the summer term: due by the end of autumn", child: over5, events: done(KindPEP, date(2026, 1, 10), date(2027, 5, 1)), childID: "c", kind: KindPEP, want: date(2027, 12, 19)},
		{name: "social worker visit within a week", child: over5, childID: "c", kind: KindVisit, want: date(2025, 12, 29)},
		{name: "social worker visits every 6 weeks", child: over5, events: done(KindVisit, date(2025, 12, 28)), childID: "c", kind: KindVisit, want: date(2026, 2, 8)},
		{name: "social worker visits every 3 months in a placement meant to last until 18", child: longTerm, events: done(KindVisit, date(2025, 12, 28)), childID: "c", kind: KindVisit, want: date(2026, 3, 28)},
		{name: "first visit within a week even in a long-term placement", child: longTerm, childID: "c", kind: KindVisit, want: date(2025, 12, 29)},
		{name: "care leaver's first pathway plan by 16 years 3 months", child: child(date(2010, 8, 31)), childID: "c", kind: KindPathway, want: date(2026, 11, 30)},
		{name: "care leaver's pathway plan reviewed 6 months on", child: child(date(2010, 8, 31)), events: done(KindPathway, date(2026, 8, 31)), childID: "c", kind: KindPathway, want: date(2027, 2, 28)},
		{name: "foster carer's first annual review, 12 months after approval", h: foster, childID: "", kind: KindCarerReview, want: date(2027, 3, 1)},
		{name: "foster carer's later reviews yearly", h: foster, events: household(date(2027, 2, 20)), kind: KindCarerReview, want: date(2028, 2, 20)},
		{name: "mainstream TSD 12 months after approval", h: foster, kind: KindTSD, want: date(2027, 3, 1)},
		{name: "family and friends TSD 18 months after approval", h: Household{Kind: KindKinshipFoster, ApprovalDate: date(2026, 3, 1)}, kind: KindTSD, want: date(2027, 9, 1)},
		{name: "TSD signed off: no reminder", h: foster, tsdDone: true, kind: KindTSD, want: none},
		{name: "special guardians have no annual review", h: Household{Kind: KindSpecialGuardian}, kind: KindCarerReview, want: none},
		{name: "special guardianship: not looked after", child: Child{Record: data.Record{ID: "c"}, DateOfBirth: date(2018, 6, 1), Arrangement: ArrangementSGO, PlacementStart: start}, childID: "c", kind: KindReview, want: none},
		{name: "family and friends foster child is looked after", child: Child{Record: data.Record{ID: "c"}, DateOfBirth: date(2018, 6, 1), Arrangement: ArrangementKinshipFoster, PlacementStart: start}, childID: "c", kind: KindReview, want: date(2026, 1, 22)},
		{name: "placement ended: nothing due", child: Child{Record: data.Record{ID: "c"}, DateOfBirth: date(2018, 6, 1), Arrangement: ArrangementFoster, PlacementStart: start, PlacementEnd: date(2026, 6, 1)}, childID: "c", kind: KindReview, want: none},
		{name: "Wales: care and support plan within 10 working days", wales: true, child: over5, childID: "c", kind: KindCarePlan, want: date(2026, 1, 8)},
		{name: "Wales: no English placement plan", wales: true, child: over5, childID: "c", kind: KindPlacementPlan, want: none},
		{name: "Wales: dental check in the health plan", wales: true, child: over5, childID: "c", kind: KindDental, want: date(2026, 6, 22)},
		{name: "England: no dental reminder", child: over5, childID: "c", kind: KindDental, want: none},
		{name: "first review after the 16th birthday considers Staying Put", child: child(date(2010, 3, 1)), events: done(KindReview, date(2026, 1, 20), date(2026, 2, 20)), childID: "c", kind: KindReview, want: date(2026, 8, 20), stayPut: true},
		{name: "a review before the 16th birthday does not", child: child(date(2010, 12, 1)), events: done(KindReview, date(2026, 1, 20)), childID: "c", kind: KindReview, want: date(2026, 4, 20)},
		{name: "Staying Put only at the first review after 16", child: child(date(2010, 3, 1)), events: done(KindReview, date(2026, 1, 20), date(2026, 4, 20)), childID: "c", kind: KindReview, want: date(2026, 10, 20)},
		{name: "Wales: first review within 20 working days", wales: true, child: over5, childID: "c", kind: KindReview, want: date(2026, 1, 22)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := TimetableInput{Rules: england, Household: c.h, TSDComplete: c.tsdDone, Events: c.events, Terms: terms, Today: fixedNow}
			if c.wales {
				in.Rules = wales
			}
			if c.child.ID != "" {
				in.Children = []Child{c.child}
			}
			var got *Reminder
			for _, r := range Timetable(in) {
				if r.ChildID == c.childID && r.Kind == c.kind {
					if got != nil {
						t.Fatalf("two %s reminders", c.kind)
					}
					got = &r
				}
			}
			switch {
			case got == nil && !c.want.IsZero():
				t.Fatalf("no %s reminder, want one due %s", c.kind, c.want.Format(time.DateOnly))
			case got != nil && c.want.IsZero():
				t.Fatalf("%s reminder due %s, want none", c.kind, got.Due.Format(time.DateOnly))
			case got != nil && !got.Due.Equal(c.want):
				t.Fatalf("%s due %s, want %s", c.kind, got.Due.Format(time.DateOnly), c.want.Format(time.DateOnly))
			case got != nil && got.StayingPut != c.stayPut:
				t.Fatalf("%s: Staying Put %v, want %v", c.kind, got.StayingPut, c.stayPut)
			case got != nil && c.daysLeft != nil && (got.DaysLeft != *c.daysLeft || !got.Overdue()):
				t.Fatalf("%s: %d days left, want %d (overdue)", c.kind, got.DaysLeft, *c.daysLeft)
			}
		})
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
}

func ptr[T any](v T) *T { return &v }

func TestParseTerms(t *testing.T) {
	got, err := ParseTerms(" 09-01:12-19, 01-05:03-27 ,04-13:07-22")
	if err != nil {
		t.Fatal(err)
	}
	if FormatTerms(got) != DefaultTerms {
		t.Fatalf("got %s", FormatTerms(got))
	}
	for _, bad := range []string{"", "autumn", "13-01:12-01", "02-30:03-01", "09-01"} {
		if _, err := ParseTerms(bad); err == nil {
			t.Errorf("ParseTerms(%q) accepted", bad)
		}
	}
}
