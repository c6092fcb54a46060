package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// achievementsPage lists the care leaver's own milestones, grouped by
// Mission: the carer's milestone list and form, for a milestone of their
// own.
type achievementsPage struct {
	base
	list *milestonesTab
}

func (u *UI) newAchievementsPage() (screen, error) {
	t, err := u.newMilestonesTab("")
	if err != nil {
		return nil, err
	}
	top := container.NewVBox(heading(lang.X("nav.achievements", "My achievements")),
		para(lang.X("achievements.intro", "Keep a note of the things you are proud of, and the ones you are working towards. You can add a photo to each.")))
	return &achievementsPage{base{container.NewBorder(container.NewPadded(top), nil, nil, nil, t.root)}, t}, nil
}

// sharedPage shows exactly what the care leaver's personal adviser can
// see: the app's Shared selection, which is also what sync sends.
type sharedPage struct {
	base
	u       *UI
	shared  app.Shared
	problem *widget.Label
}

func (u *UI) newSharedPage() (screen, error) {
	shared, err := u.a.Shared()
	if err != nil {
		return nil, err
	}
	v := &sharedPage{u: u, shared: shared, problem: problem()}
	objs := []fyne.CanvasObject{
		heading(lang.X("shared.title", "What my personal adviser can see")),
		para(lang.X("shared.intro", "This is everything you have chosen to share. Nothing else leaves this device.")),
		note(lang.X("shared.sync_note", "Changes reach your personal adviser the next time Hearth syncs with your council. If you stop sharing something, it is taken away from them at that sync.")),
		v.problem,
	}
	if len(shared.Goals) == 0 && len(shared.Milestones) == 0 {
		objs = append(objs, card(para(lang.X("shared.none", "You are not sharing anything at the moment. Your goals and achievements are private."))),
			note(lang.X("shared.how", "To share a goal or an achievement, open it and tick \"Share with my personal adviser\".")))
		v.root = page(objs...)
		return v, nil
	}
	if len(shared.Goals) > 0 {
		objs = append(objs, subheading(lang.X("shared.goals", "Goals")))
	}
	for _, g := range shared.Goals {
		objs = append(objs, v.goalCard(g))
	}
	if len(shared.Milestones) > 0 {
		objs = append(objs, subheading(lang.X("shared.achievements", "Achievements")))
	}
	for _, m := range shared.Milestones {
		line := milestoneLine(app.Milestone{Mission: m.Mission, Title: m.Title, Status: m.Status, TargetDate: m.TargetDate, AchievedDate: m.AchievedDate})
		id := m.ID
		objs = append(objs, itemCard(v.stopButton(func() error { return u.a.SetMilestoneShared(id, false) }), bold(m.Title), para(line)))
	}
	v.root = page(objs...)
	return v, nil
}

// goalCard shows a shared goal as the adviser will see it.
func (v *sharedPage) goalCard(g app.SharedGoal) fyne.CanvasObject {
	lines := []fyne.CanvasObject{bold(g.Title), para(missionNames[g.Mission].text()), para(goalProgressText(g.StepsDone, g.StepsTotal))}
	if !g.TargetDate.IsZero() {
		lines = append(lines, para(lang.X("goal.target_on", "Target date: {{.Date}}", map[string]any{"Date": formatDate(g.TargetDate)})))
	}
	for _, st := range g.Steps {
		line := lang.X("shared.step_todo", "To do: {{.Step}}", map[string]any{"Step": st.Text})
		if st.Done {
			line = lang.X("shared.step_done", "Done: {{.Step}}", map[string]any{"Step": st.Text})
		}
		lines = append(lines, note(line))
	}
	id := g.ID
	return itemCard(v.stopButton(func() error { return v.u.a.SetGoalShared(id, false) }), lines...)
}

// stopButton stops sharing one record and shows the page again without it.
func (v *sharedPage) stopButton(stop func() error) *widget.Button {
	return widget.NewButtonWithIcon(lang.X("shared.stop", "Stop sharing"), theme.VisibilityOffIcon(), func() {
		if err := stop(); err != nil {
			_, message := explain("stop sharing", err)
			setProblem(v.problem, message)
			return
		}
		v.u.open(route{page: pageShared})
	})
}
