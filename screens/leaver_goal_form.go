package screens

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// goalForm adds or edits a care leaver's goal: its Mission, title, why it
// matters, a checklist of steps, a target date, pathway-plan areas and
// whether their personal adviser may see it.
type goalForm struct {
	base
	u        *UI
	g        app.Goal
	form     *form
	mission  *choice[app.Mission]
	title    *widget.Entry
	why      *widget.Entry
	steps    []*stepRow
	stepBox  *fyne.Container
	progress *widget.Label
	addStep  *widget.Button
	target   *dateField
	areas    map[app.Area]*widget.Check
	share    *widget.Check
	save     *widget.Button
}

// stepRow is one step on the form's checklist.
type stepRow struct {
	id   string
	done *widget.Check
	text *widget.Entry
	row  fyne.CanvasObject
}

func (u *UI) newGoalForm(id string) (screen, error) {
	v := &goalForm{u: u, form: newForm(), stepBox: container.NewVBox(), progress: note(""), areas: map[app.Area]*widget.Check{}}
	title := lang.X("goals.add", "Add a goal")
	if id != "" {
		g, err := u.a.Goal(id)
		if err != nil {
			return nil, err
		}
		v.g = g
		title = lang.X("goal.edit", "Goal")
	}
	g := v.g
	v.mission = newChoice(app.Missions, missionNames, g.Mission, nil)
	v.title = entry(g.Title)
	v.why = multiline(g.Why, 3)
	for _, st := range g.Steps {
		v.appendStep(st)
	}
	if len(g.Steps) == 0 {
		v.appendStep(app.Step{})
	}
	v.addStep = widget.NewButtonWithIcon(lang.X("goal.add_step", "Add a step"), theme.ContentAddIcon(), func() {
		v.appendStep(app.Step{})
		v.u.w.Canvas().Focus(v.steps[len(v.steps)-1].text)
	})
	v.target = newDateField(u.w, "target", g.TargetDate)
	areaBox := container.NewVBox()
	for _, a := range app.Areas {
		c, row := wrapCheck(areaNames[a].text(), slices.Contains(g.Areas, a))
		v.areas[a] = c
		areaBox.Add(row)
	}
	var shareRow fyne.CanvasObject
	v.share, shareRow = wrapCheck(lang.X("goal.share", "Share this goal with my personal adviser"), g.Shared)

	f := v.form
	f.field("mission", lang.X("milestone.field.mission", "Mission"), lang.X("goal.field.mission_hint", "Which part of your life is this goal about?"), v.mission.obj)
	f.field("title", lang.X("goal.field.title", "What is your goal?"), lang.X("goal.field.title_hint", "For example: open a bank account, find a flat, pass my driving test."), v.title)
	f.field("", lang.X("goal.field.why", "Why it matters to you (optional)"), lang.X("goal.field.why_hint", "Only you see this, even if you share the goal."), v.why)
	f.field("", lang.X("goal.field.steps", "Steps"), lang.X("goal.field.steps_hint", "Small things you can tick off one at a time. Tick the ones you have done."),
		container.NewVBox(v.stepBox, v.progress, container.NewHBox(v.addStep)))
	f.field("target", lang.X("milestone.field.target", "Target date (optional)"), lang.X("form.date_hint", "Day/month/year, for example 25/12/2024"), v.target.obj)
	f.field("areas", lang.X("goal.field.areas", "Parts of your pathway plan (optional)"), lang.X("goal.field.areas_hint", "Tick any parts of your pathway plan this goal helps with, so you can bring it up at your review."), areaBox)
	f.field("", lang.X("goal.field.share", "Sharing"), "", container.NewVBox(shareRow,
		note(lang.X("goal.share_hint", "Off unless you tick it. If you tick it, your personal adviser will see the goal's title, Mission, target date and steps the next time Hearth syncs with your council. They never see why it matters to you. You can stop sharing at any time."))))

	back := route{page: pageGoals}
	del := deleteRecord(id, lang.X("goal.delete_question", "Delete this goal and its steps? This can't be undone."), u.a.DeleteGoal, back)
	v.save = u.formButtons(f, back, v.submit, del)
	v.showProgress()
	v.root = f.page(title)
	return v, nil
}

// appendStep adds a row to the checklist.
func (v *goalForm) appendStep(st app.Step) {
	r := &stepRow{id: st.ID, text: entry(st.Text)}
	r.text.SetPlaceHolder(lang.X("goal.step_placeholder", "A step, such as: ask my adviser about the bursary"))
	r.done = widget.NewCheck("", func(bool) { v.showProgress() })
	r.done.SetChecked(st.Done)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.removeStep(r) })
	remove.Importance = widget.LowImportance
	r.row = container.NewBorder(nil, nil, r.done, remove, r.text)
	v.steps = append(v.steps, r)
	v.stepBox.Add(r.row)
	v.showProgress()
}

// removeStep takes a row off the checklist; the step goes when the goal is
// saved.
func (v *goalForm) removeStep(r *stepRow) {
	v.steps = slices.DeleteFunc(v.steps, func(x *stepRow) bool { return x == r })
	v.stepBox.Remove(r.row)
	v.showProgress()
}

// showProgress counts the ticked steps that have text.
func (v *goalForm) showProgress() {
	if v.progress == nil {
		return
	}
	v.progress.SetText(goalProgressText(app.Progress(app.Goal{Steps: v.collectSteps()})))
}

// collectSteps reads the checklist. Blank rows are dropped by the app.
func (v *goalForm) collectSteps() []app.Step {
	var steps []app.Step
	for _, r := range v.steps {
		if r.text.Text == "" && r.id == "" && !r.done.Checked {
			continue
		}
		st := app.Step{Text: r.text.Text, Done: r.done.Checked}
		st.ID = r.id
		steps = append(steps, st)
	}
	return steps
}

// submit saves the goal, or shows why not.
func (v *goalForm) submit() {
	g := v.g
	g.Mission, g.Title, g.Why, g.Shared = v.mission.value(), v.title.Text, v.why.Text, v.share.Checked
	g.Steps = v.collectSteps()
	g.Areas = nil
	for _, a := range app.Areas {
		if v.areas[a].Checked {
			g.Areas = append(g.Areas, a)
		}
	}
	err := readDates(dateInto{v.target, &g.TargetDate})
	if err == nil {
		err = v.u.a.SaveGoal(&g)
	}
	if err != nil {
		v.form.fail("save goal", err)
		return
	}
	v.u.open(route{page: pageGoals})
}
