package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// goalsPage lists a care leaver's goals under their Missions. Each goal's
// steps can be ticked right here, and its progress (and its Mission's)
// updates at once.
type goalsPage struct {
	base
	u        *UI
	problem  *widget.Label
	goals    map[string]*goalCard
	missions map[app.Mission]*widget.Label
}

// goalCard is one goal on the list, with its step check boxes.
type goalCard struct {
	goal     app.Goal
	checks   []*widget.Check
	progress *widget.Label
	bar      *fyne.Container
}

func (u *UI) newGoalsPage() (screen, error) {
	goals, err := u.a.Goals()
	if err != nil {
		return nil, err
	}
	v := &goalsPage{u: u, problem: problem(), goals: map[string]*goalCard{}, missions: map[app.Mission]*widget.Label{}}
	add := primary(lang.X("goals.add", "Add a goal"), theme.ContentAddIcon(), func() { u.open(route{page: pageGoalForm}) })
	objs := []fyne.CanvasObject{
		heading(lang.X("nav.goals", "My goals")),
		para(lang.X("goals.intro", "Break each goal into small steps and tick them off as you go.")),
		container.NewHBox(add),
		v.problem,
	}
	if len(goals) == 0 {
		objs = append(objs, para(lang.X("goals.none", "No goals yet. A goal can be anything that matters to you, like \"open a bank account\" or \"pass my driving test\".")))
	}
	for _, m := range app.Missions {
		var cards []fyne.CanvasObject
		for _, g := range goals {
			if g.Mission == m {
				cards = append(cards, v.goalCard(g))
			}
		}
		if len(cards) == 0 {
			continue
		}
		v.missions[m] = para("")
		objs = append(objs, subheading(missionNames[m].text()), v.missions[m])
		objs = append(objs, cards...)
		v.showMission(m)
	}
	v.root = page(objs...)
	return v, nil
}

// goalCard shows a goal: its title, progress, target date, whether it is
// shared, and its steps to tick.
func (v *goalsPage) goalCard(g app.Goal) fyne.CanvasObject {
	c := &goalCard{goal: g, progress: bold("")}
	colour := missionColours[g.Mission]
	track, fill := canvasBar(colour)
	c.bar = container.New(&barLayout{}, track, fill)
	lines := []fyne.CanvasObject{bold(g.Title), c.progress, container.NewPadded(c.bar)}
	if !g.TargetDate.IsZero() {
		lines = append(lines, para(lang.X("goal.target_on", "Target date: {{.Date}}", map[string]any{"Date": formatDate(g.TargetDate)})))
	}
	lines = append(lines, note(sharedText(g.Shared)))
	for i, st := range g.Steps {
		check, row := wrapCheck(st.Text, st.Done)
		goalID, stepID, at := g.ID, st.ID, i
		check.OnChanged = func(done bool) { v.tick(goalID, stepID, at, done) }
		c.checks = append(c.checks, check)
		lines = append(lines, row)
	}
	v.goals[g.ID] = c
	v.showGoal(c)
	edit := widget.NewButtonWithIcon(lang.X("action.open", "Open"), theme.DocumentCreateIcon(), func() { v.u.open(route{page: pageGoalForm, id: g.ID}) })
	return itemCard(edit, lines...)
}

// tick stores a ticked (or unticked) step and updates the progress shown.
func (v *goalsPage) tick(goalID, stepID string, at int, done bool) {
	c := v.goals[goalID]
	if err := v.u.a.ToggleStep(goalID, stepID, done); err != nil {
		_, message := explain("tick step", err)
		setProblem(v.problem, message)
		c.checks[at].OnChanged = nil
		c.checks[at].SetChecked(!done)
		c.checks[at].OnChanged = func(d bool) { v.tick(goalID, stepID, at, d) }
		return
	}
	setProblem(v.problem, "")
	c.goal.Steps[at].Done = done
	v.showGoal(c)
	v.showMission(c.goal.Mission)
}

// showGoal shows a goal's progress.
func (v *goalsPage) showGoal(c *goalCard) {
	done, total := app.Progress(c.goal)
	c.progress.SetText(goalProgressText(done, total))
	if total > 0 {
		c.bar.Layout.(*barLayout).fraction = float32(done) / float32(total)
		c.bar.Refresh()
	} else {
		c.bar.Hide()
	}
}

// showMission shows the steps done under a Mission.
func (v *goalsPage) showMission(m app.Mission) {
	done, total := 0, 0
	for _, c := range v.goals {
		if c.goal.Mission == m {
			d, t := app.Progress(c.goal)
			done, total = done+d, total+t
		}
	}
	if l := v.missions[m]; l != nil {
		l.SetText(goalProgressText(done, total))
	}
}

// goalProgressText says how many steps are done: "Steps done: 2/3".
func goalProgressText(done, total int) string {
	if total == 0 {
		return lang.X("goal.no_steps", "No steps yet")
	}
	return lang.X("goal.progress", "Steps done: {{.Done}}/{{.Total}}", map[string]any{"Done": done, "Total": total})
}

// sharedText says whether the personal adviser can see a record.
func sharedText(shared bool) string {
	if shared {
		return lang.X("share.on", "Shared with your personal adviser")
	}
	return lang.X("share.off", "Private: only you can see this")
}
