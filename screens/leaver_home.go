package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// buildLeaver makes a care leaver's pages. Any page of the carer's
// (children, needs, training) leads to their home instead: those screens
// never appear in a care leaver's profile.
func (u *UI) buildLeaver(r route) (screen, error) {
	switch r.page {
	case pageGoals:
		return u.newGoalsPage()
	case pageGoalForm:
		return u.newGoalForm(r.id)
	case pageAchievements:
		return u.newAchievementsPage()
	case pageAchievementForm:
		return u.newMilestoneForm("", r.id)
	case pageShared:
		return u.newSharedPage()
	case pageAdviser:
		return u.newAdviserPage()
	case pageEntitlements:
		return u.newEntitlementsPage(), nil
	case pageSearch:
		return u.newSearch()
	case pageSettings:
		return u.newSettings()
	}
	return u.newLeaverHome()
}

// leaverHome is a care leaver's home screen: their progress under each
// Mission as a picture, and what is coming up.
type leaverHome struct {
	base
	chart *missionChart
}

func (u *UI) newLeaverHome() (screen, error) {
	p, err := u.a.LeaverProfile()
	if err != nil {
		return nil, err
	}
	progress, err := u.a.MissionProgress()
	if err != nil {
		return nil, err
	}
	upcoming, err := u.a.LeaverComingUp()
	if err != nil {
		return nil, err
	}
	v := &leaverHome{chart: newMissionChart(progress)}
	addGoal := primary(lang.X("goals.add", "Add a goal"), theme.ContentAddIcon(), func() { u.open(route{page: pageGoalForm}) })
	var aims []fyne.CanvasObject
	for _, m := range app.Missions {
		aims = append(aims, tight(bold(missionNames[m].text()), note(missionAims[m].text())))
	}
	v.root = page(
		heading(lang.X("leaver.home.hello", "Hello, {{.Name}}", map[string]any{"Name": p.Name})),
		para(lang.X("leaver.home.intro", "This is your space. Your goals and achievements stay on this device, and your personal adviser only sees what you choose to share.")),
		subheading(lang.X("leaver.home.progress", "Your progress")),
		note(lang.X("leaver.home.progress_note", "Each bar fills up as you tick off the steps of your goals. The number in each circle is how many achievements you have recorded.")),
		card(v.chart.obj),
		container.NewHBox(addGoal),
		subheading(lang.X("leaver.home.coming_up", "Coming up")),
		u.comingUpList(upcoming),
		subheading(lang.X("leaver.home.aims", "What the five Missions aim for")),
		note(lang.X("leaver.home.aims_note", "These are national aims from the Independent Review of Children's Social Care (2022). They are goals for the country, not targets for you.")),
		card(aims...),
	)
	return v, nil
}

// comingUpList shows goal target dates and the pathway plan review.
func (u *UI) comingUpList(items []app.Upcoming) fyne.CanvasObject {
	if len(items) == 0 {
		return para(lang.X("leaver.coming_up.none", "Nothing is due in the next two months."))
	}
	box := container.NewVBox()
	for _, it := range items {
		when := lang.X("leaver.coming_up.when", "Due {{.Date}} ({{.Left}})", map[string]any{"Date": formatDate(it.Due), "Left": daysLeft(it.DaysLeft)})
		if it.Kind == app.UpcomingPathwayReview {
			title := lang.X("leaver.coming_up.review", "Your pathway plan review")
			hint := lang.X("leaver.coming_up.review_hint", "Your pathway plan should be reviewed at least every 6 months. Ask your personal adviser when yours will be.")
			if it.Overdue() {
				hint = lang.X("leaver.coming_up.review_overdue", "It looks overdue. If it has happened, enter the new date on the \"My adviser\" page. If not, ask your personal adviser about it.")
			}
			open := widget.NewButtonWithIcon(lang.X("action.open", "Open"), theme.NavigateNextIcon(), func() { u.open(route{page: pageAdviser}) })
			box.Add(itemCard(open, bold(title), para(when), note(hint)))
			continue
		}
		g := it.Goal
		done, total := app.Progress(g)
		open := widget.NewButtonWithIcon(lang.X("action.open", "Open"), theme.NavigateNextIcon(), func() { u.open(route{page: pageGoalForm, id: g.ID}) })
		box.Add(itemCard(open, bold(g.Title), para(when), note(goalProgressText(done, total)+" · "+missionNames[g.Mission].text())))
	}
	return box
}
