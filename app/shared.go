package app

import "time"

// Shared is what a care leaver has chosen to let their personal adviser
// see. SharedSelection is the one function that builds it, and so the one
// place that decides what may leave the device: sync sends a Shared, and the
// "What my personal adviser can see" view shows the same Shared, so what the
// user is shown is exactly what is sent.
type Shared struct {
	Goals      []SharedGoal      `json:"goals"`
	Milestones []SharedMilestone `json:"milestones"`
}

// SharedGoal is the part of a shared goal that an adviser needs to help
// with it.
type SharedGoal struct {
	ID         string       `json:"id"` // random; lets sync replace or withdraw it
	Mission    Mission      `json:"mission"`
	Title      string       `json:"title"`
	TargetDate time.Time    `json:"target_date,omitzero"`
	StepsDone  int          `json:"steps_done"`
	StepsTotal int          `json:"steps_total"`
	Steps      []SharedStep `json:"steps"`
}

// SharedStep is one step of a shared goal.
type SharedStep struct {
	Text string `json:"text"`
	Done bool   `json:"done"`
}

// SharedMilestone is the part of a shared milestone an adviser sees.
type SharedMilestone struct {
	ID           string          `json:"id"`
	Mission      Mission         `json:"mission"`
	Title        string          `json:"title"`
	Status       MilestoneStatus `json:"status"`
	TargetDate   time.Time       `json:"target_date,omitzero"`
	AchievedDate time.Time       `json:"achieved_date,omitzero"`
}

// SharedSelection picks out what the care leaver has shared. Nothing is
// shared by default, and it copies field by field, so a field added to
// Goal or Milestone later stays private until it is added here on purpose.
//
// The decision on what a shared record carries:
//   - a shared goal: its Mission, title, target date, progress and its
//     steps (text and whether done): what the adviser needs to help;
//   - never a goal's "why it matters" or its pathway-plan areas: the why is
//     written for the young person themself, and sharing a goal should not
//     share their reasons too;
//   - a shared milestone: its Mission, title, status and dates; never its
//     notes or photo, which are personal;
//   - nothing at all of a record that is not shared, nor of a deleted
//     record, nor of a child's milestone (only a care leaver's own records
//     are theirs to share).
func SharedSelection(goals []Goal, milestones []Milestone) Shared {
	out := Shared{Goals: []SharedGoal{}, Milestones: []SharedMilestone{}}
	for _, g := range goals {
		if !g.Shared || !g.Deleted.IsZero() {
			continue
		}
		sg := SharedGoal{ID: g.ID, Mission: g.Mission, Title: g.Title, TargetDate: g.TargetDate, Steps: []SharedStep{}}
		sg.StepsDone, sg.StepsTotal = Progress(g)
		for _, st := range g.Steps {
			sg.Steps = append(sg.Steps, SharedStep{Text: st.Text, Done: st.Done})
		}
		out.Goals = append(out.Goals, sg)
	}
	for _, m := range milestones {
		if !m.Shared || !m.Deleted.IsZero() || m.ChildID != "" {
			continue
		}
		out.Milestones = append(out.Milestones, SharedMilestone{ID: m.ID, Mission: m.Mission, Title: m.Title,
			Status: m.Status, TargetDate: m.TargetDate, AchievedDate: m.AchievedDate})
	}
	return out
}

// Shared is what the care leaver currently shares with their personal
// adviser. Unsharing takes effect here at once, and so at the next sync.
func (a *App) Shared() (Shared, error) {
	goals, milestones, err := a.leaverRecords()
	if err != nil {
		return Shared{}, err
	}
	return SharedSelection(goals, milestones), nil
}
