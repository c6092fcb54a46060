package app

import (
	"slices"
	"time"
)

// Pathway plan timetable (England): the first plan by 16 years and 3
// months, then a review at least every 6 months. Local authorities may
// review more often; these become per-LA settings once sync brings them.
const (
	PathwayReviewMonths = 6
	firstPlanYears      = 16
	firstPlanMonths     = 3
)

// ComingUpDays is how far ahead the care leaver's "coming up" list looks
// for goal target dates: two months, far enough to plan for and near
// enough to act on.
const ComingUpDays = 60

// UpcomingKind says what an Upcoming item is about.
type UpcomingKind string

// Kinds of upcoming item.
const (
	UpcomingGoal          UpcomingKind = "goal"
	UpcomingPathwayReview UpcomingKind = "pathway_review"
)

// Upcoming is one dated item on the care leaver's "coming up" list.
type Upcoming struct {
	Kind     UpcomingKind
	Due      time.Time
	DaysLeft int  // negative once overdue
	Goal     Goal // for UpcomingGoal: the goal, with its steps for progress
}

// Overdue reports whether the date has passed.
func (u Upcoming) Overdue() bool { return u.DaysLeft < 0 }

// LeaverComingUp lists what is coming up for the care leaver, soonest (and
// so most overdue) first.
func (a *App) LeaverComingUp() ([]Upcoming, error) {
	p, err := a.store.LeaverProfile()
	if err != nil {
		return nil, err
	}
	goals, err := a.store.Goals()
	if err != nil {
		return nil, err
	}
	return comingUp(p, goals, a.Today()), nil
}

// comingUp is the pure rule behind LeaverComingUp: the next pathway plan
// review, and goals due within ComingUpDays or overdue. A goal whose steps
// are all done is left off: there is nothing left to chase.
func comingUp(p LeaverProfile, goals []Goal, today time.Time) []Upcoming {
	var out []Upcoming
	if due := nextPathwayReview(p, today); !due.IsZero() {
		out = append(out, Upcoming{Kind: UpcomingPathwayReview, Due: due, DaysLeft: daysBetween(today, due)})
	}
	horizon := today.AddDate(0, 0, ComingUpDays)
	for _, g := range goals {
		done, total := Progress(g)
		if g.TargetDate.IsZero() || g.TargetDate.After(horizon) || total > 0 && done == total {
			continue
		}
		out = append(out, Upcoming{Kind: UpcomingGoal, Due: g.TargetDate, DaysLeft: daysBetween(today, g.TargetDate), Goal: g})
	}
	slices.SortStableFunc(out, func(x, y Upcoming) int { return x.Due.Compare(y.Due) })
	return out
}

// nextPathwayReview is 6 months after the last review the user entered.
// Without one, it is the first plan's deadline while that is still ahead;
// once it has passed, a plan surely exists and only its date is unknown, so
// nothing is shown rather than a false "overdue".
func nextPathwayReview(p LeaverProfile, today time.Time) time.Time {
	if !p.PathwayReviewDate.IsZero() {
		return addMonths(p.PathwayReviewDate, PathwayReviewMonths)
	}
	if p.DateOfBirth.IsZero() {
		return time.Time{}
	}
	first := addMonths(p.DateOfBirth, firstPlanYears*12+firstPlanMonths)
	if first.Before(today) {
		return time.Time{}
	}
	return first
}

// addMonths adds calendar months, keeping to the last day of a shorter
// month: a review "at least every 6 months" after 31 August is due by 28
// February, not on 3 March as time.AddDate would have it.
func addMonths(t time.Time, months int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(t.Day(), last), 0, 0, 0, 0, time.UTC)
}
