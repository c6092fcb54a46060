package app

import "strings"

// How much of each list the home dashboard shows; the full lists are one tap
// away.
const (
	dashboardMilestones = 3
	dashboardRecordings = 5
)

// MissionCount counts milestones under one Mission.
type MissionCount struct {
	Mission  Mission
	Achieved int
	Planned  int
}

// ChildSummary is one child's card on the dashboard.
type ChildSummary struct {
	Child            Child
	Missions         []MissionCount // always all five, in order
	RecentMilestones []Milestone
}

// Dashboard is everything the home screen shows.
type Dashboard struct {
	Missions         []MissionCount // household totals, all five in order
	Children         []ChildSummary
	OpenNeeds        []Need
	TSD              TSDProgress
	RecentRecordings []Recording
	Reminders        []Reminder // overdue and due in the next 30 days
}

// Dashboard gathers the home screen in one call, so the screen renders from
// one consistent snapshot.
func (a *App) Dashboard() (Dashboard, error) {
	var d Dashboard
	children, err := a.store.Children()
	if err != nil {
		return d, err
	}
	d.Missions = emptyCounts()
	for _, c := range children {
		ms, err := a.store.Milestones(c.ID)
		if err != nil {
			return d, err
		}
		cs := ChildSummary{Child: c, Missions: emptyCounts()}
		for _, m := range ms {
			countMilestone(cs.Missions, m)
			countMilestone(d.Missions, m)
		}
		cs.RecentMilestones = ms[:min(len(ms), dashboardMilestones)]
		d.Children = append(d.Children, cs)
	}
	needs, err := a.store.Needs()
	if err != nil {
		return d, err
	}
	for _, n := range needs {
		if NeedOpen(n) {
			d.OpenNeeds = append(d.OpenNeeds, n)
		}
	}
	if d.TSD, err = a.TSD(); err != nil {
		return d, err
	}
	if d.Reminders, err = a.Reminders(); err != nil {
		return d, err
	}
	d.RecentRecordings, err = a.store.RecentRecordings(dashboardRecordings)
	return d, err
}

func emptyCounts() []MissionCount {
	out := make([]MissionCount, len(Missions))
	for i, m := range Missions {
		out[i].Mission = m
	}
	return out
}

func countMilestone(counts []MissionCount, m Milestone) {
	for i := range counts {
		if counts[i].Mission != m.Mission {
			continue
		}
		if m.Status == MilestoneAchieved {
			counts[i].Achieved++
		} else {
			counts[i].Planned++
		}
	}
}

// searchLimit caps results: the list is for finding, not browsing.
const searchLimit = 50

// Search finds recordings, milestones, needs and training that match what
// the user has typed so far.
func (a *App) Search(query string) ([]Hit, error) {
	if strings.TrimSpace(query) == "" {
		return nil, nil
	}
	return a.store.Search(query, searchLimit)
}
