package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// milestonesTab lists a child's milestones grouped by Mission, with a
// filter to show one Mission at a time.
type milestonesTab struct {
	root   fyne.CanvasObject
	u      *UI
	all    []app.Milestone
	filter *picker[app.Mission]
	list   *fyne.Container
}

func (u *UI) newMilestonesTab(childID string) (*milestonesTab, error) {
	all, err := u.milestonesOf(childID)
	if err != nil {
		return nil, err
	}
	t := &milestonesTab{u: u, all: all, list: container.NewVBox()}
	// The empty Mission stands for "all": the picker's first option.
	t.filter = newPicker(append([]app.Mission{""}, app.Missions...), func(m app.Mission) string {
		if m == "" {
			return lang.X("milestones.all", "All Missions")
		}
		return missionNames[m].text()
	}, "")
	t.filter.sel.OnChanged = func(string) { t.render() }
	add := primary(lang.X("milestones.add", "Add a milestone"), theme.ContentAddIcon(),
		func() { u.open(milestoneRoute(childID, "")) })
	t.render()
	t.root = page(container.NewHBox(add), bold(lang.X("milestones.show", "Show")), t.filter.sel, t.list)
	return t, nil
}

// render draws the milestones of the chosen Mission, or of all of them.
func (t *milestonesTab) render() {
	t.list.RemoveAll()
	if len(t.all) == 0 {
		if t.u.leaver() {
			t.list.Add(para(lang.X("achievements.none", "No achievements yet. An achievement is something you are proud of, like \"got my provisional licence\" or \"started college\".")))
		} else {
			t.list.Add(para(lang.X("milestones.none", "No milestones yet. A milestone is a step in the child's life, like \"joined the football club\" or \"registered with a dentist\".")))
		}
		return
	}
	only := t.filter.value()
	for _, mission := range app.Missions {
		if only != "" && mission != only {
			continue
		}
		var cards []fyne.CanvasObject
		for _, m := range t.all {
			if m.Mission == mission {
				cards = append(cards, t.milestoneCard(m))
			}
		}
		t.list.Add(subheading(missionNames[mission].text()))
		t.list.Add(note(missionAims[mission].text()))
		if len(cards) == 0 {
			t.list.Add(para(lang.X("milestones.none_in_mission", "No milestones under this Mission yet.")))
		}
		for _, c := range cards {
			t.list.Add(c)
		}
	}
}

// milestoneCard shows one milestone with its way to edit.
func (t *milestonesTab) milestoneCard(m app.Milestone) fyne.CanvasObject {
	status := milestoneStatusNames[m.Status].text()
	switch {
	case m.Status == app.MilestoneAchieved && !m.AchievedDate.IsZero():
		status = lang.X("milestone.achieved_on", "Achieved on {{.Date}}", map[string]any{"Date": formatDate(m.AchievedDate)})
	case m.Status == app.MilestonePlanned && !m.TargetDate.IsZero():
		status = lang.X("milestone.planned_for", "Planned for {{.Date}}", map[string]any{"Date": formatDate(m.TargetDate)})
	}
	objs := []fyne.CanvasObject{bold(m.Title), para(status)}
	if m.Notes != "" {
		objs = append(objs, note(firstLine(m.Notes)))
	}
	if m.PhotoID != "" {
		objs = append(objs, note(lang.X("milestone.has_photo", "Has a photo")))
	}
	if m.ChildID == "" {
		objs = append(objs, note(sharedText(m.Shared)))
	}
	id, childID := m.ID, m.ChildID
	edit := widget.NewButtonWithIcon(lang.X("action.open", "Open"), theme.DocumentCreateIcon(),
		func() { t.u.open(milestoneRoute(childID, id)) })
	return itemCard(edit, objs...)
}

// milestoneForm adds or edits a milestone.
type milestoneForm struct {
	base
	u        *UI
	m        app.Milestone
	form     *form
	mission  *choice[app.Mission]
	title    *widget.Entry
	status   *choice[app.MilestoneStatus]
	target   *dateField
	achieved *dateField
	notes    *widget.Entry
	photo    *attachmentField
	share    *widget.Check // a care leaver's own milestones only
	save     *widget.Button
}

// milestonesOf lists a child's milestones, or with no child the care
// leaver's own.
func (u *UI) milestonesOf(childID string) ([]app.Milestone, error) {
	if childID == "" {
		return u.a.SelfMilestones()
	}
	return u.a.Milestones(childID)
}

// milestoneRoute opens a milestone's form: a child's, or with no child one
// of the care leaver's own achievements.
func milestoneRoute(childID, id string) route {
	if childID == "" {
		return route{page: pageAchievementForm, id: id}
	}
	return route{page: pageMilestoneForm, childID: childID, id: id}
}

func (u *UI) newMilestoneForm(childID, id string) (screen, error) {
	v := &milestoneForm{u: u, form: newForm(), m: app.Milestone{ChildID: childID, Status: app.MilestonePlanned}}
	title := lang.X("milestones.add", "Add a milestone")
	self := childID == ""
	if self {
		title = lang.X("achievements.add", "Add an achievement")
	}
	if id != "" {
		all, err := u.milestonesOf(childID)
		if err != nil {
			return nil, err
		}
		for _, m := range all {
			if m.ID == id {
				v.m = m
			}
		}
		title = lang.X("milestone.edit", "Milestone")
		if self {
			title = lang.X("achievement.edit", "Achievement")
		}
	}
	m := v.m
	v.mission = newChoice(app.Missions, missionNames, m.Mission, nil)
	v.title = entry(m.Title)
	v.target = newDateField(u.w, "target", m.TargetDate)
	v.achieved = newDateField(u.w, "achieved", m.AchievedDate)
	// The date achieved is asked for only once the milestone has happened.
	achievedBox := container.NewVBox()
	v.status = newChoice([]app.MilestoneStatus{app.MilestonePlanned, app.MilestoneAchieved}, milestoneStatusNames, m.Status,
		func(s app.MilestoneStatus) {
			if s == app.MilestoneAchieved {
				achievedBox.Show()
			} else {
				achievedBox.Hide()
			}
		})
	v.notes = multiline(m.Notes, 4)
	v.photo = u.newAttachmentField(m.PhotoID, photoExts, lang.X("milestone.add_photo", "Choose a photo…"))

	f := v.form
	missionHint := lang.X("milestone.field.mission_hint", "Which part of the child's life is this about?")
	what, whatHint := lang.X("milestone.field.title", "What is the milestone?"), lang.X("milestone.field.title_hint", "For example: joined the football club, started Year 7.")
	if self {
		missionHint = lang.X("achievement.field.mission_hint", "Which part of your life is this about?")
		what, whatHint = lang.X("achievement.field.title", "What did you achieve, or want to?"), lang.X("achievement.field.title_hint", "For example: got my provisional licence, started college, first payslip.")
	}
	f.field("mission", lang.X("milestone.field.mission", "Mission"), missionHint, v.mission.obj)
	f.field("title", what, whatHint, v.title)
	f.field("status", lang.X("milestone.field.status", "Has it happened yet?"), "", v.status.obj)
	f.field("target", lang.X("milestone.field.target", "Target date (optional)"), lang.X("form.date_hint", "Day/month/year, for example 25/12/2024"), v.target.obj)
	f.section(achievedBox).field("achieved", lang.X("milestone.field.achieved", "Date achieved"), lang.X("milestone.field.achieved_hint", "Leave empty to use today's date."), v.achieved.obj)
	f.add(achievedBox)
	if m.Status != app.MilestoneAchieved {
		achievedBox.Hide()
	}
	f.field("", lang.X("milestone.field.notes", "Notes (optional)"), "", v.notes)
	f.field("attachment", lang.X("milestone.field.photo", "Photo (optional)"), "", v.photo.object())
	back := route{page: pageChild, id: childID, tab: tabMilestones}
	if self {
		var shareRow fyne.CanvasObject
		v.share, shareRow = wrapCheck(lang.X("achievement.share", "Share this with my personal adviser"), m.Shared)
		f.field("", lang.X("goal.field.share", "Sharing"), "", container.NewVBox(shareRow,
			note(lang.X("achievement.share_hint", "Off unless you tick it. If you tick it, your personal adviser will see the title, Mission, status and dates the next time Hearth syncs with your council. They never see your notes or photo."))))
		back = route{page: pageAchievements}
	}

	del := deleteRecord(id, lang.X("milestone.delete_question", "Delete this milestone? This can't be undone."), u.a.DeleteMilestone, back)
	v.save = u.formButtons(f, back, func() { v.submit(back) }, del)
	v.root = f.page(title)
	return v, nil
}

// submit saves the milestone and its new photo, or shows why not.
func (v *milestoneForm) submit(back route) {
	m := v.m
	m.Mission, m.Title, m.Status, m.Notes = v.mission.value(), v.title.Text, v.status.value(), v.notes.Text
	dates := []dateInto{{v.target, &m.TargetDate}}
	if m.Status == app.MilestoneAchieved {
		dates = append(dates, dateInto{v.achieved, &m.AchievedDate})
	}
	err := readDates(dates...)
	switch {
	case err != nil:
	case v.share != nil:
		m.Shared = v.share.Checked
		err = v.u.a.SaveSelfMilestone(&m, v.photo.file())
	default:
		err = v.u.a.SaveMilestone(&m, v.photo.file())
	}
	if err != nil {
		v.form.fail("save milestone", err)
		return
	}
	v.u.open(back)
}
