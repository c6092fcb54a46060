package app

import (
	"slices"
	"time"
)

// Reports gather plain data for the review-ready PDF reports. The report
// package draws it; this file decides what belongs in each report.

// LACReportMonths is the default period of the input to a child's
// looked-after child review: reviews are at most six months apart, so six
// months back reaches the last one.
const LACReportMonths = 6

// ReportComingUpDays is how far ahead the LAC report looks for planned
// milestones: far enough to reach past the next review.
const ReportComingUpDays = 90

// LACReport is the input to one child's looked-after child review.
type LACReport struct {
	Child       Child
	Since       time.Time
	Today       time.Time
	Milestones  []Milestone    // achieved since Since, oldest first
	Missions    []MissionCount // all five Missions, counting Milestones
	Significant []Recording    // flagged significant since Since, oldest first
	OpenNeeds   []Need         // the household's and this child's
	ComingUp    []Milestone    // planned, with a target date within ReportComingUpDays (or overdue)
	Due         []Reminder     // the child's statutory dates from Reminders: due within ReminderDays, or overdue
}

// LACReport gathers a child's review input for the period from since to
// today. A zero since means LACReportMonths ago.
func (a *App) LACReport(childID string, since time.Time) (LACReport, error) {
	today := a.Today()
	if since.IsZero() {
		since = addMonths(today, -LACReportMonths)
	}
	r := LACReport{Since: dateOf(since), Today: today, Missions: emptyCounts()}
	var err error
	if r.Child, err = a.store.Child(childID); err != nil {
		return r, err
	}
	ms, err := a.store.Milestones(childID)
	if err != nil {
		return r, err
	}
	horizon := today.AddDate(0, 0, ReportComingUpDays)
	for _, m := range ms {
		switch {
		case m.Status == MilestoneAchieved && !m.AchievedDate.Before(r.Since):
			r.Milestones = append(r.Milestones, m)
			countMilestone(r.Missions, m)
		case m.Status == MilestonePlanned && !m.TargetDate.IsZero() && !m.TargetDate.After(horizon):
			r.ComingUp = append(r.ComingUp, m)
		}
	}
	slices.SortStableFunc(r.Milestones, func(x, y Milestone) int { return x.AchievedDate.Compare(y.AchievedDate) })
	slices.SortStableFunc(r.ComingUp, func(x, y Milestone) int { return x.TargetDate.Compare(y.TargetDate) })
	reminders, err := a.Reminders()
	if err != nil {
		return r, err
	}
	for _, rem := range reminders {
		if rem.ChildID == childID {
			r.Due = append(r.Due, rem)
		}
	}
	if r.Significant, err = a.significantSince(childID, r.Since); err != nil {
		return r, err
	}
	needs, err := a.store.Needs()
	if err != nil {
		return r, err
	}
	for _, n := range needs {
		if NeedOpen(n) && (n.ChildID == "" || n.ChildID == childID) {
			r.OpenNeeds = append(r.OpenNeeds, n)
		}
	}
	return r, nil
}

// significantSince pages back through a child's recordings (newest first)
// until it passes since, keeping those flagged significant.
func (a *App) significantSince(childID string, since time.Time) ([]Recording, error) {
	const page = 200
	var out []Recording
	for offset := 0; ; offset += page {
		rs, err := a.store.Recordings(childID, offset, page)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if r.Day.Before(since) {
				slices.Reverse(out)
				return out, nil
			}
			if r.Significant {
				out = append(out, r)
			}
		}
		if len(rs) < page {
			slices.Reverse(out)
			return out, nil
		}
	}
}

// AnnualReport is the carer's own input to their annual review, for the
// year up to today.
type AnnualReport struct {
	Household Household
	From      time.Time
	Today     time.Time
	Training  []Training // done in the year, oldest first
	Hours     float64
	Received  []Need  // met, declined or in progress: the LA has answered
	Needed    []Need  // still waiting for an answer
	Children  []Child // living with the household at some time in the year
	TSD       TSDProgress
}

// AnnualReport gathers the carer's annual review input for the last year.
func (a *App) AnnualReport() (AnnualReport, error) {
	today := a.Today()
	r := AnnualReport{Today: today, From: addMonths(today, -12)}
	var err error
	if r.Household, err = a.store.Household(); err != nil {
		return r, err
	}
	trainings, err := a.store.Trainings()
	if err != nil {
		return r, err
	}
	for _, t := range trainings {
		if !t.Date.Before(r.From) && !t.Date.After(today) {
			r.Training = append(r.Training, t)
			r.Hours += t.Hours
		}
	}
	slices.SortStableFunc(r.Training, func(x, y Training) int { return x.Date.Compare(y.Date) })
	needs, err := a.store.Needs()
	if err != nil {
		return r, err
	}
	for _, n := range needs {
		switch {
		case n.Status == NeedMet || n.Status == NeedDeclined || n.Status == NeedInProgress:
			if !n.StatusSetAt.Before(r.From) {
				r.Received = append(r.Received, n)
			}
		default:
			r.Needed = append(r.Needed, n)
		}
	}
	children, err := a.store.Children()
	if err != nil {
		return r, err
	}
	for _, c := range children {
		if !c.PlacementStart.After(today) && (c.PlacementEnd.IsZero() || !c.PlacementEnd.Before(r.From)) {
			r.Children = append(r.Children, c)
		}
	}
	r.TSD, err = a.TSD()
	return r, err
}
