package app

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// DemoPassphrase unlocks a demo store on machines without a keychain. It
// protects only fictional data, and the README prints it.
const DemoPassphrase = "hearth-demo"

// DemoSetup is the first-run answers of the fictional demo household: two
// foster carers approved nine months ago, so the TSD deadline is close
// enough to matter.
func (a *App) DemoSetup(language string) Setup {
	s := Setup{
		Language:     language,
		Kind:         KindFoster,
		CarerNames:   []string{"Siân Rowlands", "Dafydd Rowlands"},
		ApprovalDate: a.Today().AddDate(0, -9, 0),
	}
	if !a.keychainOK {
		s.Passphrase = DemoPassphrase
	}
	return s
}

// LoadDemo fills a freshly set-up store with a year of a fictional
// household's life: two children, daily recordings, milestones under every
// Mission, training against the TSD standards and some support needs. The
// generator is seeded, so every demo looks the same.
func (a *App) LoadDemo() error {
	today := a.Today()
	rng := rand.New(rand.NewPCG(2022, 5))
	jay := Child{Name: "Jayden Okafor", PreferredName: "Jay", DateOfBirth: today.AddDate(-9, -4, -11),
		Arrangement: ArrangementFoster, PlacementStart: today.AddDate(-1, -1, 0),
		School: "Ysgol Gynradd Glan Afon", GP: "Riverside Surgery", Dentist: "Bridge Street Dental"}
	millie := Child{Name: "Amelia Hart", PreferredName: "Millie", DateOfBirth: today.AddDate(-4, -2, -3),
		Arrangement: ArrangementFoster, PlacementStart: today.AddDate(0, -11, -6),
		School: "Little Acorns Nursery", GP: "Riverside Surgery", Dentist: "Bridge Street Dental"}
	for _, c := range []*Child{&jay, &millie} {
		if err := a.SaveChild(c); err != nil {
			return fmt.Errorf("demo child: %w", err)
		}
	}
	steps := []func() error{
		func() error { return a.demoRecordings(jay, demoJayDays, demoJaySignificant, rng) },
		func() error { return a.demoRecordings(millie, demoMillieDays, nil, rng) },
		func() error { return a.demoMilestones(jay.ID, demoJayMilestones) },
		func() error { return a.demoMilestones(millie.ID, demoMillieMilestones) },
		func() error { return a.demoTraining() },
		func() error { return a.demoNeeds(jay.ID) },
		a.demoKeptUp,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	return nil
}

// demoRecordings writes one recording a day from the placement start (at
// most a year back) to today, drawn from the child's day templates, with
// any significant events on their day offsets.
func (a *App) demoRecordings(c Child, days []demoDay, significant map[int]demoDay, rng *rand.Rand) error {
	today := a.Today()
	start := c.PlacementStart
	if yearAgo := today.AddDate(-1, 0, 0); start.Before(yearAgo) {
		start = yearAgo
	}
	var rs []Recording
	for day, i := start, 0; !day.After(today); day, i = day.AddDate(0, 0, 1), i+1 {
		d, ok := significant[i]
		if !ok {
			d = days[rng.IntN(len(days))]
		}
		rs = append(rs, Recording{ChildID: c.ID, Day: day, Text: d.text, Tags: d.tags, Significant: ok})
	}
	// One transaction for the year: a commit per day would cost a disk
	// sync each, seconds of waiting before the demo window appears.
	return a.SaveRecordings(rs)
}

func (a *App) demoMilestones(childID string, list []demoMilestone) error {
	today := a.Today()
	for _, dm := range list {
		m := Milestone{ChildID: childID, Mission: dm.mission, Title: dm.title, Notes: dm.notes, Status: MilestonePlanned}
		if dm.daysAgo >= 0 {
			m.Status, m.AchievedDate = MilestoneAchieved, today.AddDate(0, 0, -dm.daysAgo)
		} else {
			m.TargetDate = today.AddDate(0, 0, -dm.daysAgo)
		}
		if err := a.SaveMilestone(&m, nil); err != nil {
			return err
		}
	}
	return nil
}

func (a *App) demoTraining() error {
	today := a.Today()
	for _, dt := range demoTrainings {
		t := Training{Title: dt.title, Provider: dt.provider, Date: today.AddDate(0, 0, -dt.daysAgo),
			Hours: dt.hours, Format: dt.format, Standards: dt.standards, Evidence: dt.evidence}
		if err := a.SaveTraining(&t, nil); err != nil {
			return err
		}
	}
	// The supervising social worker has signed off the first two standards.
	for n, daysAgo := range map[int]int{1: 120, 2: 60} {
		if err := a.store.SaveSignOff(SignOff{Standard: n, SignedOn: today.AddDate(0, 0, -daysAgo)}); err != nil {
			return err
		}
	}
	return nil
}

func (a *App) demoNeeds(jayID string) error {
	for _, dn := range demoNeeds {
		n := Need{Category: dn.category, Description: dn.description, Urgency: dn.urgency, Status: NeedRaised}
		if dn.forJay {
			n.ChildID = jayID
		}
		if err := a.SaveNeed(&n); err != nil {
			return err
		}
		if dn.laStatus != "" {
			// Stands in for what the LA would send back by sync.
			n.Status, n.Response, n.StatusSetAt = dn.laStatus, dn.laResponse, a.now()
			if err := a.store.SaveNeed(&n); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoKeptUp records the demo household's past reviews, visits and
// assessments as done on their due dates, as a household that kept up would
// have, so the demo dashboard shows what is coming up rather than a year of
// invented overdue items. Each pass moves every overdue series on by one;
// the bound only guards against a rule that never moves on.
func (a *App) demoKeptUp() error {
	today := a.Today()
	for range 200 {
		all, _, err := a.Timetable()
		if err != nil {
			return err
		}
		moved := false
		for _, r := range all {
			if r.Due.Before(today) {
				if err := a.MarkReminderDone(r, r.Due); err != nil {
					return err
				}
				moved = true
			}
		}
		if !moved {
			return nil
		}
	}
	return errors.New("demo reminders: a series did not move on")
}
