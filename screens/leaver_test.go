package screens

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

// setUpLeaver completes first-run setup for a care leaver of 19.
func setUpLeaver(t *testing.T, a *app.App) {
	t.Helper()
	s := app.LeaverSetup{Language: "en", Name: "Alex", DateOfBirth: time.Date(2006, 3, 2, 0, 0, 0, 0, time.UTC)}
	if err := a.CompleteLeaverSetup(s); err != nil {
		t.Fatalf("leaver setup: %v", err)
	}
}

// carerPagesAbsent fails if any of a carer's pages is offered.
func carerPagesAbsent(t *testing.T, u *UI) {
	t.Helper()
	for _, p := range []pageID{pageChildren, pageNeeds, pageTraining} {
		if _, ok := u.nav[p]; ok {
			t.Errorf("a care leaver's navigation offers carer page %v", p)
		}
	}
	for _, text := range []string{"Children", "Support needs", "Training", "Training standards (TSD)"} {
		for _, b := range u.nav {
			if b.Text == text {
				t.Errorf("a care leaver's navigation shows %q", text)
			}
		}
	}
}

func TestOnboardingCareLeaverLandsOnTheirHome(t *testing.T) {
	a := newApp(t)
	u := newUI(t, a)
	test.Tap(u.onboard.next)
	choose(t, u.onboard.kind, leaverKind)
	mustShow(t, u, "You are 16 to 25")
	test.Tap(u.onboard.next)

	mustShow(t, u, "About you")
	test.Type(u.onboard.name1, "Alex")
	u.onboard.dobField.entry.SetText("02/03/2006")
	test.Tap(u.onboard.next)

	mustShow(t, u, "When was your last pathway plan review?")
	u.onboard.reviewAt.entry.SetText("01/04/2025")
	test.Tap(u.onboard.next)

	mustShow(t, u, "Check your answers")
	mustShow(t, u, "I'm a care leaver (16–25)")
	test.Tap(u.onboard.next)
	waitIdle(t, u)

	view[*leaverHome](t, u)
	mustShow(t, u, "Hello, Alex")
	mustShow(t, u, "Your progress")
	mustShow(t, u, "Coming up")
	mustShow(t, u, "Your pathway plan review")
	carerPagesAbsent(t, u)
	for _, want := range []string{"My goals", "My achievements", "What my adviser can see", "My adviser", "What you're entitled to", "Search", "Settings"} {
		button(t, u, want)
	}
	if a.ProfileKind() != app.ProfileCareLeaver {
		t.Fatalf("profile kind %q", a.ProfileKind())
	}
	p, err := a.LeaverProfile()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Alex" || !p.DateOfBirth.Equal(time.Date(2006, 3, 2, 0, 0, 0, 0, time.UTC)) ||
		!p.PathwayReviewDate.Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("stored profile %+v", p)
	}
	// A carer's page asked for by route still never appears.
	u.open(route{page: pageChildren})
	view[*leaverHome](t, u)
	u.open(route{page: pageSettings})
	mustNotShow(t, u, "Your household")
}

func TestOnboardingCareLeaverTooYoungIsSentBack(t *testing.T) {
	a := newApp(t)
	u := newUI(t, a)
	test.Tap(u.onboard.next)
	choose(t, u.onboard.kind, leaverKind)
	test.Tap(u.onboard.next)
	test.Type(u.onboard.name1, "Sam")
	u.onboard.dobField.entry.SetText("01/01/2012")
	test.Tap(u.onboard.next)
	test.Tap(u.onboard.next)
	test.Tap(u.onboard.next)
	waitIdle(t, u)
	mustShow(t, u, "is for people aged 16 to 25")
	if u.onboard.at != stepLeaverAbout {
		t.Fatalf("sent back to step %v, want the date of birth", u.onboard.at)
	}
}

// addGoalThroughForm fills in the goal form with three steps and saves.
func addGoalThroughForm(t *testing.T, u *UI, title string) {
	t.Helper()
	u.open(route{page: pageGoalForm})
	f := view[*goalForm](t, u)
	choose(t, f.mission, app.MissionHome)
	test.Type(f.title, title)
	test.Type(f.steps[0].text, "Look at flats online")
	test.Tap(f.addStep)
	test.Type(f.steps[1].text, "Visit two flats")
	test.Tap(f.addStep)
	test.Type(f.steps[2].text, "Sign the tenancy")
	test.Tap(f.areas[app.AreaAccommodation])
	test.Tap(f.save)
}

func TestGoalStepsTickedShowProgress(t *testing.T) {
	a := newApp(t)
	setUpLeaver(t, a)
	u := newUI(t, a)
	addGoalThroughForm(t, u, "Find a flat")

	g := view[*goalsPage](t, u)
	mustShow(t, u, "Find a flat")
	mustShow(t, u, "Steps done: 0/3")
	goals, err := a.Goals()
	if err != nil || len(goals) != 1 {
		t.Fatalf("goals %v, %v", goals, err)
	}
	goal := goals[0]
	if goal.Shared {
		t.Fatal("a new goal must not be shared unless the user ticks it")
	}
	if len(goal.Areas) != 1 || goal.Areas[0] != app.AreaAccommodation {
		t.Fatalf("areas %v", goal.Areas)
	}
	c := g.goals[goal.ID]
	test.Tap(c.checks[0])
	test.Tap(c.checks[1])
	mustShow(t, u, "Steps done: 2/3")
	if c.progress.Text != "Steps done: 2/3" || g.missions[app.MissionHome].Text != "Steps done: 2/3" {
		t.Fatalf("goal shows %q, Mission shows %q", c.progress.Text, g.missions[app.MissionHome].Text)
	}
	goals, _ = a.Goals()
	if done, total := app.Progress(goals[0]); done != 2 || total != 3 {
		t.Fatalf("stored progress %d/%d, want 2/3", done, total)
	}

	u.open(route{page: pageHome})
	h := view[*leaverHome](t, u)
	mustShow(t, u, "Steps done: 2/3 · Goals: 1 · Achievements: 0")
	if got := h.chart.byKey[app.MissionHome]; got.StepsDone != 2 || got.StepsTotal != 3 {
		t.Fatalf("chart shows %+v", got)
	}
	if frac := h.chart.rows[app.MissionHome].bar.Layout.(*barLayout).fraction; frac < 0.66 || frac > 0.67 {
		t.Fatalf("bar filled to %v, want two thirds", frac)
	}
}

func TestShareOneGoalAndStopSharing(t *testing.T) {
	a := newApp(t)
	setUpLeaver(t, a)
	private := app.Goal{Mission: app.MissionWork, Title: "Get a Saturday job", Why: "my own money",
		Steps: []app.Step{{Text: "Write a CV"}}}
	if err := a.SaveGoal(&private); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	u.open(route{page: pageShared})
	mustShow(t, u, "You are not sharing anything")
	mustShow(t, u, "next time Hearth syncs with your council")

	addGoalThroughForm(t, u, "Find a flat")
	goals, _ := a.Goals()
	var flat app.Goal
	for _, g := range goals {
		if g.Title == "Find a flat" {
			flat = g
		}
	}
	u.open(route{page: pageGoalForm, id: flat.ID})
	f := view[*goalForm](t, u)
	test.Tap(f.share)
	test.Tap(f.save)

	u.open(route{page: pageShared})
	view[*sharedPage](t, u)
	mustShow(t, u, "Find a flat")
	mustShow(t, u, "Sign the tenancy")
	mustNotShow(t, u, "Get a Saturday job")
	mustNotShow(t, u, "Write a CV")
	mustNotShow(t, u, "my own money")
	shared, err := a.Shared()
	if err != nil || len(shared.Goals) != 1 || shared.Goals[0].ID != flat.ID || len(shared.Milestones) != 0 {
		t.Fatalf("shared %+v, %v", shared, err)
	}

	test.Tap(button(t, u, "Stop sharing"))
	view[*sharedPage](t, u)
	mustNotShow(t, u, "Find a flat")
	mustShow(t, u, "You are not sharing anything")
	if shared, _ = a.Shared(); len(shared.Goals) != 0 {
		t.Fatalf("still shared after stopping: %+v", shared)
	}
}

func TestAchievementWithShareFromTheMilestoneForm(t *testing.T) {
	a := newApp(t)
	setUpLeaver(t, a)
	u := newUI(t, a)
	u.open(route{page: pageAchievements})
	mustShow(t, u, "No achievements yet")
	test.Tap(button(t, u, "Add a milestone"))
	f := view[*milestoneForm](t, u)
	choose(t, f.mission, app.MissionEducation)
	test.Type(f.title, "Started college")
	choose(t, f.status, app.MilestoneAchieved)
	test.Tap(f.share)
	test.Tap(f.save)
	view[*achievementsPage](t, u)
	mustShow(t, u, "Started college")
	mustShow(t, u, "Shared with your personal adviser")
	shared, _ := a.Shared()
	if len(shared.Milestones) != 1 || shared.Milestones[0].Title != "Started college" {
		t.Fatalf("shared %+v", shared)
	}
}

func TestAdviserDetailsAndEntitlements(t *testing.T) {
	a := newApp(t)
	setUpLeaver(t, a)
	u := newUI(t, a)
	u.open(route{page: pageAdviser})
	v := view[*adviserPage](t, u)
	test.Type(v.name, "Priya Shah")
	test.Type(v.contact, "07700 900123")
	v.review.entry.SetText("01/03/2025")
	test.Tap(v.save)
	mustShow(t, u, "Saved.")
	mustShow(t, u, "Your next review is due by 01/09/2025")
	p, _ := a.LeaverProfile()
	if p.AdviserName != "Priya Shah" || p.AdviserContact != "07700 900123" {
		t.Fatalf("stored %+v", p)
	}
	u.open(route{page: pageEntitlements})
	for _, want := range []string{"£3,000", "£2,000", "£1,200", "Staying Put", "Local Offer", "England in 2025/26"} {
		mustShow(t, u, want)
	}
}

func TestCareLeaverPagesFitATabletAt200Percent(t *testing.T) {
	for _, language := range app.Languages {
		a := newApp(t)
		if err := a.CompleteLeaverSetup(a.LeaverDemoSetup(language)); err != nil {
			t.Fatal(err)
		}
		if err := a.LoadLeaverDemo(); err != nil {
			t.Fatal(err)
		}
		if err := a.SetTextScale(app.MaxTextScale); err != nil {
			t.Fatal(err)
		}
		u := newUI(t, a)
		u.w.Resize(tabletSize)
		goals, _ := a.Goals()
		for name, r := range map[string]route{
			"home": {page: pageHome}, "goals": {page: pageGoals}, "goal form": {page: pageGoalForm, id: goals[0].ID},
			"new goal": {page: pageGoalForm}, "achievements": {page: pageAchievements}, "new achievement": {page: pageAchievementForm},
			"shared": {page: pageShared}, "adviser": {page: pageAdviser}, "entitlements": {page: pageEntitlements},
			"search": {page: pageSearch}, "settings": {page: pageSettings},
		} {
			u.open(r)
			fits(t, u, language+" "+name)
		}
	}
}
