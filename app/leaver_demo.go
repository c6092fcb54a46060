package app

import "fmt"

// LeaverDemoSetup is the first-run answers of the fictional demo care
// leaver: 19, with a pathway plan review five months ago, so the next one
// is coming up within the month.
func (a *App) LeaverDemoSetup(language string) LeaverSetup {
	today := a.Today()
	s := LeaverSetup{
		Language:          language,
		Name:              "Leah Morgan",
		DateOfBirth:       today.AddDate(-19, -4, -9),
		PathwayReviewDate: today.AddDate(0, -5, 0),
	}
	if !a.keychainOK {
		s.Passphrase = DemoPassphrase
	}
	return s
}

// LoadLeaverDemo fills a freshly set-up care leaver's store: a personal
// adviser, goals under every Mission with some steps done and some goals
// shared, and achievements of her own. Dates count from today, so the demo
// always has something coming up and something overdue.
func (a *App) LoadLeaverDemo() error {
	p, err := a.store.LeaverProfile()
	if err != nil {
		return fmt.Errorf("leaver demo: %w", err)
	}
	p.AdviserName, p.AdviserContact = demoAdviserName, demoAdviserContact
	if err := a.SaveLeaverProfile(&p); err != nil {
		return fmt.Errorf("leaver demo: %w", err)
	}
	today := a.Today()
	for _, dg := range demoGoals {
		g := Goal{Mission: dg.mission, Title: dg.title, Why: dg.why, Areas: dg.areas, Shared: dg.shared}
		if dg.inDays != 0 {
			g.TargetDate = today.AddDate(0, 0, dg.inDays)
		}
		for i, text := range dg.steps {
			g.Steps = append(g.Steps, Step{Text: text, Done: i < dg.done})
		}
		if err := a.SaveGoal(&g); err != nil {
			return fmt.Errorf("leaver demo goal: %w", err)
		}
	}
	for _, dm := range demoLeaverMilestones {
		m := Milestone{Mission: dm.mission, Title: dm.title, Notes: dm.notes, Shared: dm.shared, Status: MilestonePlanned}
		if dm.daysAgo >= 0 {
			m.Status, m.AchievedDate = MilestoneAchieved, today.AddDate(0, 0, -dm.daysAgo)
		} else {
			m.TargetDate = today.AddDate(0, 0, -dm.daysAgo)
		}
		if err := a.SaveSelfMilestone(&m, nil); err != nil {
			return fmt.Errorf("leaver demo milestone: %w", err)
		}
	}
	return nil
}
