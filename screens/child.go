package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/hearth-app/hearth/app"
)

// The child page's tabs, in order.
const (
	tabMilestones = iota
	tabRecordings
	tabDetails
)

// childPage shows one child: milestones, daily recordings and details. The
// tabs have short names and no icons so all three fit side by side on a
// tablet at 200% text; hidden behind a "…" menu they would be lost.
type childPage struct {
	base
	child      app.Child
	tabs       *container.AppTabs
	milestones *milestonesTab
	recordings *recordingsTab
}

func (u *UI) newChildPage(r route) (screen, error) {
	c, err := u.a.Child(r.id)
	if err != nil {
		return nil, err
	}
	v := &childPage{child: c}
	if v.milestones, err = u.newMilestonesTab(c.ID); err != nil {
		return nil, err
	}
	if v.recordings, err = u.newRecordingsTab(c.ID); err != nil {
		return nil, err
	}
	v.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("child.tab.milestones", "Milestones"), v.milestones.root),
		container.NewTabItem(lang.X("child.tab.recordings", "Recordings"), v.recordings.root),
		container.NewTabItem(lang.X("child.tab.details", "Details"), u.childDetails(c)),
	)
	v.tabs.SelectIndex(r.tab)
	v.tabs.OnSelected = func(*container.TabItem) { u.cur.tab = v.tabs.SelectedIndex() }
	top := fyne.CanvasObject(container.NewPadded(heading(app.DisplayName(c))))
	if notice, ended := u.placementEnded(c.ID); ended {
		top = container.NewVBox(top, container.NewPadded(notice))
	}
	v.root = container.NewBorder(top, nil, nil, nil, v.tabs)
	return v, nil
}

// childDetails shows what the household knows about the child, with the
// way to change it.
func (u *UI) childDetails(c app.Child) fyne.CanvasObject {
	rows := []fyne.CanvasObject{}
	add := func(label, value string) {
		if value != "" {
			rows = append(rows, bold(label), para(value))
		}
	}
	add(lang.X("child.field.name", "Full name"), c.Name)
	add(lang.X("child.field.preferred_name", "Name they like to be called (optional)"), c.PreferredName)
	add(lang.X("child.field.dob", "Date of birth"), formatDate(c.DateOfBirth))
	add(lang.X("child.field.arrangement", "How the child lives with you"), arrangementNames[c.Arrangement].text())
	add(lang.X("child.field.placement_start", "Date the child came to live with you"), formatDate(c.PlacementStart))
	laAt := laSetAt(u.a.ChildSetByLA, c.ID)
	if !c.PlacementEnd.IsZero() {
		rows = append(rows, bold(lang.X("child.field.placement_end_short", "Date the placement ended")), para(formatDate(c.PlacementEnd)))
		if !laAt.IsZero() {
			rows = append(rows, setByLA(laAt))
		}
	}
	add(lang.X("child.field.school", "School or nursery"), c.School)
	add(lang.X("child.field.gp", "GP (doctor's surgery)"), c.GP)
	add(lang.X("child.field.dentist", "Dentist"), c.Dentist)
	if c.LAReference != "" {
		rows = append(rows, bold(lang.X("child.field.la_reference", "Local authority reference")), para(c.LAReference), setByLA(laAt))
	}
	if _, ended := u.placementEnded(c.ID); !ended {
		edit := primary(lang.X("child.edit", "Edit details"), theme.DocumentCreateIcon(), func() { u.open(route{page: pageChildForm, id: c.ID}) })
		rows = append(rows, container.NewHBox(edit))
	}
	rows = append(rows, u.lacReportCard(c))
	return column(rows...)
}
