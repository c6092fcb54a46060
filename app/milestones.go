package app

import (
	"errors"
	"slices"
	"strings"
	"time"
)

// Milestones lists a child's milestones, newest first.
func (a *App) Milestones(childID string) ([]Milestone, error) { return a.store.Milestones(childID) }

// SaveMilestone validates and stores a child's milestone, with an optional
// new photo.
func (a *App) SaveMilestone(m *Milestone, photo *File) error {
	if m.ChildID == "" {
		return invalid("child", "error.child_required")
	}
	if err := a.childWritable(m.ChildID); err != nil {
		return err
	}
	return a.saveMilestone(m, photo)
}

// SelfMilestones lists the care leaver's own milestones, newest first.
func (a *App) SelfMilestones() ([]Milestone, error) { return a.store.SelfMilestones() }

// SaveSelfMilestone validates and stores one of the care leaver's own
// milestones, with an optional new photo. The rules are those of a child's
// milestone; it simply belongs to no child.
func (a *App) SaveSelfMilestone(m *Milestone, photo *File) error {
	m.ChildID = ""
	return a.saveMilestone(m, photo)
}

// SetMilestoneShared lets the care leaver's personal adviser see one of
// their own milestones, or stops them seeing it. A child's milestone is
// never shared this way: it is not the user's own to share.
func (a *App) SetMilestoneShared(id string, shared bool) error {
	m, err := a.store.Milestone(id)
	if err != nil {
		return err
	}
	if m.ChildID != "" {
		return errors.New("share milestone: only a care leaver's own milestones can be shared")
	}
	m.Shared = shared
	return a.store.SaveMilestone(&m)
}

// saveMilestone checks and stores any milestone. An achieved milestone
// without a date is taken to be achieved today, which is what ticking it
// off means.
func (a *App) saveMilestone(m *Milestone, photo *File) error {
	m.Title = strings.TrimSpace(m.Title)
	if m.Status == "" {
		m.Status = MilestonePlanned
	}
	if m.Status == MilestoneAchieved && m.AchievedDate.IsZero() {
		m.AchievedDate = a.Today()
	}
	if m.Status == MilestonePlanned {
		m.AchievedDate = time.Time{}
	}
	switch {
	case !slices.Contains(Missions, m.Mission):
		return invalid("mission", "error.mission_required")
	case m.Title == "":
		return invalid("title", "error.title_required")
	case m.Status != MilestonePlanned && m.Status != MilestoneAchieved:
		return invalid("status", "error.status_invalid")
	case m.AchievedDate.After(a.Today()):
		return invalid("achieved", "error.achieved_future")
	}
	if photo != nil {
		id, err := a.attach(photo, photoTypes)
		if err != nil {
			return err
		}
		m.PhotoID = id
	}
	return a.store.SaveMilestone(m)
}

// DeleteMilestone removes a milestone.
func (a *App) DeleteMilestone(id string) error {
	if m, err := a.store.Milestone(id); err == nil {
		if err := a.childWritable(m.ChildID); err != nil {
			return err
		}
	}
	return a.store.DeleteMilestone(id)
}
