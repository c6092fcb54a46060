package app

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReminderKind names a series of reminders: each time one is done, the
// next in the series is due.
type ReminderKind string

// The series of reminders. Each child who is looked after has the first
// eight; the household has the last two.
const (
	KindPlacementPlan ReminderKind = "placement_plan" // England: placement plan
	KindCarePlan      ReminderKind = "care_plan"      // Wales: care and support plan
	KindReview        ReminderKind = "review"         // looked-after child review
	KindHealth        ReminderKind = "health"         // initial, then review, health assessment
	KindDental        ReminderKind = "dental"         // Wales' health plan: dental check
	KindPEP           ReminderKind = "pep"            // Personal Education Plan
	KindVisit         ReminderKind = "visit"          // social worker visit
	KindPathway       ReminderKind = "pathway"        // pathway plan (care leavers)
	KindCarerReview   ReminderKind = "carer_review"   // the foster carer's annual review
	KindTSD           ReminderKind = "tsd"            // TSD evidence deadline
)

// Reminder is one thing due: for a child, or for the household when
// ChildID is "".
type Reminder struct {
	ChildID  string
	Kind     ReminderKind
	Due      time.Time
	DaysLeft int // negative once overdue
	Step     int // how many of the series were done before this one
	// StayingPut marks the first looked-after child review after the
	// child's 16th birthday, which must consider Staying Put.
	StayingPut bool
}

// Overdue reports whether the due date has passed.
func (r Reminder) Overdue() bool { return r.DaysLeft < 0 }

// Term is one school term, as month and day of its first and last days; a
// term that ends in an earlier month than it starts runs into the next year.
type Term struct {
	StartMonth time.Month
	StartDay   int
	EndMonth   time.Month
	EndDay     int
}

// DefaultTerms are three terms a year, close to most English LAs' dates.
// Term dates differ between LAs and years, so the user can change them.
const DefaultTerms = "09-01:12-19,01-05:03-27,04-13:07-22"

// ParseTerms reads term dates written as "MM-DD:MM-DD" pairs, separated by
// commas or new lines.
func ParseTerms(s string) ([]Term, error) {
	var out []Term
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' }) {
		var t Term
		var sm, em int
		part = strings.TrimSpace(part)
		if n, err := fmt.Sscanf(part, "%d-%d:%d-%d", &sm, &t.StartDay, &em, &t.EndDay); err != nil || n != 4 {
			return nil, fmt.Errorf("term %q: write it as MM-DD:MM-DD", part)
		}
		t.StartMonth, t.EndMonth = time.Month(sm), time.Month(em)
		for _, md := range [][2]int{{sm, t.StartDay}, {em, t.EndDay}} {
			if md[0] < 1 || md[0] > 12 || md[1] < 1 || md[1] > time.Date(2023, time.Month(md[0])+1, 0, 0, 0, 0, 0, time.UTC).Day() {
				return nil, fmt.Errorf("term %q: %02d-%02d is not a date", part, md[0], md[1])
			}
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no terms given")
	}
	return out, nil
}

// FormatTerms writes terms the way ParseTerms reads them.
func FormatTerms(terms []Term) string {
	var parts []string
	for _, t := range terms {
		parts = append(parts, fmt.Sprintf("%02d-%02d:%02d-%02d", t.StartMonth, t.StartDay, t.EndMonth, t.EndDay))
	}
	return strings.Join(parts, ",")
}

// endOfNextTerm is the last day of the first term that starts after d: a
// PEP reviewed on d is next due by then, once every term.
func endOfNextTerm(terms []Term, d time.Time) time.Time {
	var best time.Time
	for y := d.Year() - 1; y <= d.Year()+1; y++ {
		for _, t := range terms {
			start := time.Date(y, t.StartMonth, t.StartDay, 0, 0, 0, 0, time.UTC)
			end := time.Date(y, t.EndMonth, t.EndDay, 0, 0, 0, 0, time.UTC)
			if end.Before(start) {
				end = end.AddDate(1, 0, 0)
			}
			if start.After(d) && (best.IsZero() || end.Before(best)) {
				best = end
			}
		}
	}
	return best
}

// TimetableInput is everything the due dates are worked out from.
type TimetableInput struct {
	Rules       Rules
	Household   Household
	TSDComplete bool // every TSD standard is signed off
	Children    []Child
	Events      []ReminderEvent // what was done (or snoozed)
	Terms       []Term
	Today       time.Time
}

// Timetable is the pure rule behind Reminders: the next due date of every
// series that applies, for each looked-after child and for the household.
// A series with k done events is on its (k+1)th; the last done date moves
// the next one on. Snoozes do not change due dates; Reminders hides them.
func Timetable(in TimetableInput) []Reminder {
	today := dateOf(in.Today)
	done := map[[2]string][]time.Time{}
	for _, e := range in.Events {
		if !e.Done.IsZero() {
			k := [2]string{e.ChildID, e.Kind}
			done[k] = append(done[k], dateOf(e.Done))
		}
	}
	for k := range done {
		slices.SortFunc(done[k], time.Time.Compare)
	}
	var out []Reminder
	add := func(childID string, kind ReminderKind, next func(n int, last time.Time) time.Time) {
		ds := done[[2]string{childID, string(kind)}]
		var last time.Time
		if len(ds) > 0 {
			last = ds[len(ds)-1]
		}
		if due := next(len(ds), last); !due.IsZero() {
			out = append(out, Reminder{ChildID: childID, Kind: kind, Due: due, DaysLeft: daysBetween(today, due), Step: len(ds)})
		}
	}
	r := in.Rules
	for _, c := range in.Children {
		if !LookedAfter(c, today) {
			continue
		}
		start := dateOf(c.PlacementStart)
		plan := KindPlacementPlan
		if r.Country == CountryWales {
			plan = KindCarePlan
		}
		add(c.ID, plan, once(r.PlacementPlan.After(start)))
		add(c.ID, KindReview, func(n int, last time.Time) time.Time {
			switch n {
			case 0:
				return r.FirstReview.After(start)
			case 1:
				return r.SecondReview.After(last)
			}
			return r.LaterReviews.After(last)
		})
		if n := len(out); n > 0 && out[n-1].ChildID == c.ID && out[n-1].Kind == KindReview && !c.DateOfBirth.IsZero() {
			sixteen := addMonths(c.DateOfBirth, 16*12)
			reviews := done[[2]string{c.ID, string(KindReview)}]
			out[n-1].StayingPut = !out[n-1].Due.Before(sixteen) && (len(reviews) == 0 || reviews[len(reviews)-1].Before(sixteen))
		}
		add(c.ID, KindHealth, func(n int, last time.Time) time.Time {
			if n == 0 {
				return r.InitialHealth.After(start)
			}
			// Under the switch age on the day of the last assessment: the
			// shorter interval. Without a date of birth, the shorter one
			// too, so that nothing is missed.
			if !c.DateOfBirth.IsZero() && yearsOld(c.DateOfBirth, last) >= r.HealthAgeSwitch {
				return r.HealthReviewOlder.After(last)
			}
			return r.HealthReviewYoung.After(last)
		})
		if !r.DentalChecks.IsZero() {
			add(c.ID, KindDental, func(n int, last time.Time) time.Time {
				if n == 0 {
					return r.DentalChecks.After(start)
				}
				return r.DentalChecks.After(last)
			})
		}
		if !c.DateOfBirth.IsZero() {
			add(c.ID, KindPEP, func(n int, last time.Time) time.Time {
				from, until := addMonths(c.DateOfBirth, 12*r.PEPMinAge), addMonths(c.DateOfBirth, 12*r.PEPMaxAge)
				var due time.Time
				if n == 0 {
					due = r.PEP.After(maxTime(start, from))
				} else {
					due = endOfNextTerm(in.Terms, last)
				}
				if !due.Before(until) {
					return time.Time{}
				}
				return due
			})
			add(c.ID, KindPathway, func(n int, last time.Time) time.Time {
				if n == 0 {
					return r.PathwayFirstAge.After(c.DateOfBirth)
				}
				return r.PathwayReviews.After(last)
			})
		}
		add(c.ID, KindVisit, func(n int, last time.Time) time.Time {
			if n == 0 {
				return r.SocialWorkerFirst.After(start)
			}
			if c.LongTerm {
				return r.SocialWorkerLongTerm.After(last)
			}
			return r.SocialWorkerVisits.After(last)
		})
	}
	h := in.Household
	if tsd := tsdSet(h.Kind); tsd.set != TSDNone && !h.ApprovalDate.IsZero() {
		approved := dateOf(h.ApprovalDate)
		add("", KindCarerReview, func(n int, last time.Time) time.Time {
			if n == 0 {
				return r.CarerFirstReview.After(approved)
			}
			return r.CarerLaterReviews.After(last)
		})
		if !in.TSDComplete {
			add("", KindTSD, once(r.TSDDeadline(tsd.set).After(approved)))
		}
	}
	slices.SortStableFunc(out, func(x, y Reminder) int { return x.Due.Compare(y.Due) })
	return out
}

// once is a series of one: due until it is done.
func once(due time.Time) func(int, time.Time) time.Time {
	return func(n int, _ time.Time) time.Time {
		if n > 0 {
			return time.Time{}
		}
		return due
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// LookedAfter reports whether the statutory timetable applies to a child:
// they are fostered (by a mainstream or a family and friends foster carer)
// and the placement has started and not ended. Special guardianship, child
// arrangements and informal kinship care are not "looked after".
func LookedAfter(c Child, today time.Time) bool {
	if c.Arrangement != ArrangementFoster && c.Arrangement != ArrangementKinshipFoster {
		return false
	}
	if c.PlacementStart.IsZero() || c.PlacementStart.After(today) {
		return false
	}
	return c.PlacementEnd.IsZero() || c.PlacementEnd.After(today)
}
