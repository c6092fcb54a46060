package screens

import (
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// dashboardView is the home screen: one snapshot of the household, so a
// carer sees at a glance how each child is doing and what needs doing.
type dashboardView struct {
	base
	reminders []reminderRow
}

func (u *UI) newDashboard() (screen, error) {
	ready, start := u.homeRestAfter, u.homeStart
	u.homeRestAfter, u.homeStart = nil, nil
	v := &dashboardView{}
	if ready != nil {
		if start == nil {
			var err error
			if start, err = readHomeStart(u.a); err != nil {
				return nil, err
			}
		}
		return u.firstDashboard(v, start.names, start.reminders, ready)
	}
	names, err := u.childNames()
	if err != nil {
		return nil, err
	}
	d, err := u.a.Dashboard()
	if err != nil {
		return nil, err
	}
	objs := []fyne.CanvasObject{heading(lang.X("nav.home", "Home"))}
	objs = append(objs, u.remindersSection(v, d.Reminders, names)...)
	objs = append(objs, u.dashboardRest(d, names)...)
	u.notifyReminders()
	v.root = page(objs...)
	return v, nil
}

// dashboardRest is the home page below the reminders: the Missions, each
// child, open needs, training standards and recent recordings.
func (u *UI) dashboardRest(d app.Dashboard, names map[string]string) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		subheading(lang.X("dashboard.missions", "The five Missions")),
		note(lang.X("dashboard.missions_note", "Milestones are grouped under the five Missions of the Independent Review of Children's Social Care (2022). The aims below are national goals for the country, not targets for you or your child.")),
		card(missionRows(d.Missions, true)...),
		subheading(lang.X("dashboard.children", "Children")),
	}
	if len(d.Children) == 0 {
		objs = append(objs, para(lang.X("dashboard.no_children", "You have not added any children yet.")),
			container.NewHBox(primary(lang.X("children.add", "Add a child"), theme.ContentAddIcon(), func() { u.open(route{page: pageChildForm}) })))
	}
	for _, c := range d.Children {
		objs = append(objs, u.childCard(c))
	}
	objs = append(objs, subheading(lang.X("dashboard.needs", "Support needs still open")), u.openNeeds(d.OpenNeeds, names))
	if d.TSD.Applies {
		more := widget.NewButtonWithIcon(lang.X("dashboard.tsd_open", "See your training standards"), theme.NavigateNextIcon(),
			func() { u.open(route{page: pageTraining, tab: 1}) })
		objs = append(objs, subheading(lang.X("tsd.title", "Training standards (TSD)")),
			card(append(tsdSummary(d.TSD), container.NewHBox(more))...))
	}
	return append(objs, subheading(lang.X("dashboard.recordings", "Recent daily recordings")), u.recentRecordings(d.RecentRecordings, names))
}

// HomeRestAfter makes the first home page show only its first screenful
// until ready closes (main passes the first-frame signal), and then the
// rest. Building and laying out the whole page (dozens of cards on a
// long-used store) was most of the time to the first frame; what is below
// the window's edge is not seen in that frame anyway. Call it before Show.
func (u *UI) HomeRestAfter(ready <-chan struct{}) { u.homeRestAfter = ready }

// firstDashboard is the first home page with HomeRestAfter: only the first
// screenful goes in at once, and the rest when ready closes. The reminders
// come first on the page, so when they fill the window the rest of the
// page's data (App.Dashboard: every child's milestones, the open needs and
// the training standards, which decrypts every training record, 25-35 ms
// on the ten-year store) is read only after the first frame, as is the
// notification check (the timetable and reminders worked out again).
// Nested columns (a list of reminder cards) are opened up into the page's
// own column, which lays them out the same, so the cut can fall between
// any two cards.
func (u *UI) firstDashboard(v *dashboardView, names map[string]string, rs []app.Reminder, ready <-chan struct{}) (screen, error) {
	objs := []fyne.CanvasObject{heading(lang.X("nav.home", "Home"))}
	objs = flattenColumns(append(objs, u.remindersSection(v, rs, names)...))
	height := u.w.Canvas().Size().Height
	if height <= 0 {
		height = 800
	}
	n := screenful(objs, height)
	// rest makes what goes below the first screenful, on the UI thread.
	var rest func() []fyne.CanvasObject
	if n < len(objs) {
		rest = func() []fyne.CanvasObject {
			d, err := u.a.Dashboard()
			if err != nil {
				_, message := explain("load page", err)
				return append(objs[n:], para(message))
			}
			return append(objs[n:], flattenColumns(u.dashboardRest(d, names))...)
		}
	} else {
		d, err := u.a.Dashboard()
		if err != nil {
			return nil, err
		}
		objs = append(objs, flattenColumns(u.dashboardRest(d, names))...)
		n = screenful(objs, height)
		rest = func() []fyne.CanvasObject { return objs[n:] }
	}
	col := container.NewVBox(objs[:n]...)
	u.jobs.Add(1)
	go func() {
		<-ready
		u.toUI(func() {
			defer u.jobs.Done()
			col.Objects = append(col.Objects, rest()...)
			col.Refresh()
			u.notifyReminders()
		})
	}()
	v.root = container.NewVScroll(container.NewPadded(col))
	return v, nil
}

// screenful is how many of a column's objects, from the top, fill height.
func screenful(objs []fyne.CanvasObject, height float32) int {
	n, y := 0, float32(0)
	for n < len(objs) && y <= height {
		y += objs[n].MinSize().Height + theme.Padding()
		n++
	}
	return n
}

// vbox is the layout of container.NewVBox, to recognise nested columns.
var vbox = reflect.TypeOf(layout.NewVBoxLayout())

// flattenColumns opens up columns (VBox containers) into their objects.
func flattenColumns(objs []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objs {
		if c, ok := o.(*fyne.Container); ok && c.Layout != nil && reflect.TypeOf(c.Layout) == vbox && c.Visible() {
			out = append(out, flattenColumns(c.Objects)...)
			continue
		}
		out = append(out, o)
	}
	return out
}

// missionRows shows achieved and planned counts per Mission. With aims,
// each count is bold with the review's aim under it as small print; without,
// the five counts are a compact block of plain lines.
func missionRows(counts []app.MissionCount, withAims bool) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, mc := range counts {
		line := lang.X("dashboard.mission_counts", "{{.Mission}}: {{.Achieved}} achieved, {{.Planned}} planned",
			map[string]any{"Mission": missionNames[mc.Mission].text(), "Achieved": mc.Achieved, "Planned": mc.Planned})
		if withAims {
			rows = append(rows, tight(bold(line), note(missionAims[mc.Mission].text())))
		} else {
			rows = append(rows, para(line))
		}
	}
	if !withAims {
		return []fyne.CanvasObject{tight(rows...)}
	}
	return rows
}

// childCard is one child's summary. The child's name is a large button, as
// the card's way in to the child's page.
func (u *UI) childCard(c app.ChildSummary) fyne.CanvasObject {
	id := c.Child.ID
	open := widget.NewButtonWithIcon(app.DisplayName(c.Child), theme.AccountIcon(), func() { u.open(route{page: pageChild, id: id}) })
	open.Alignment = widget.ButtonAlignLeading
	objs := []fyne.CanvasObject{open}
	objs = append(objs, missionRows(c.Missions, false)...)
	if len(c.RecentMilestones) > 0 {
		lines := []fyne.CanvasObject{bold(lang.X("dashboard.recent_milestones", "Latest milestones"))}
		for _, m := range c.RecentMilestones {
			lines = append(lines, para(milestoneLine(m)))
		}
		objs = append(objs, tight(lines...))
	}
	return card(objs...)
}

// milestoneLine describes a milestone in one line: its status, title,
// Mission and date.
func milestoneLine(m app.Milestone) string {
	date := m.TargetDate
	if m.Status == app.MilestoneAchieved {
		date = m.AchievedDate
	}
	line := milestoneStatusNames[m.Status].text() + ": " + m.Title + " (" + missionNames[m.Mission].text() + ")"
	if !date.IsZero() {
		line += " " + formatDate(date)
	}
	return line
}

// dashboardNeeds is how many open needs the home page shows. The home
// page is a glance, and it is built before the window's first frame: a
// household with years of needs still open once built hundreds of cards
// there (500 on the benchmark store, most of the start-up time). The
// Support needs page lists them all.
const dashboardNeeds = 5

// openNeeds lists the first open needs; each opens the need, and a button
// leads to the rest.
func (u *UI) openNeeds(needs []app.Need, names map[string]string) fyne.CanvasObject {
	if len(needs) == 0 {
		return para(lang.X("dashboard.no_needs", "No support needs are waiting for an answer."))
	}
	var objs []fyne.CanvasObject
	for _, n := range needs[:min(len(needs), dashboardNeeds)] {
		objs = append(objs, u.needRow(n, names))
	}
	if len(needs) > dashboardNeeds {
		all := widget.NewButtonWithIcon(lang.X("dashboard.needs_all", "See all {{.Count}} open support needs", map[string]any{"Count": len(needs)}),
			theme.NavigateNextIcon(), func() { u.open(route{page: pageNeeds}) })
		objs = append(objs, container.NewHBox(all))
	}
	return container.NewVBox(objs...)
}

// recentRecordings lists the latest daily recordings of every child; each
// opens the child's recordings.
func (u *UI) recentRecordings(recs []app.Recording, names map[string]string) fyne.CanvasObject {
	if len(recs) == 0 {
		return para(lang.X("dashboard.no_recordings", "No daily recordings yet."))
	}
	var objs []fyne.CanvasObject
	for _, r := range recs {
		childID := r.ChildID
		title := names[r.ChildID] + ", " + formatDate(r.Day)
		if r.Significant {
			title += " · " + lang.X("recording.significant_badge", "Significant event")
		}
		open := widget.NewButtonWithIcon(lang.X("action.open", "Open"), theme.NavigateNextIcon(),
			func() { u.open(route{page: pageChild, id: childID, tab: tabRecordings}) })
		objs = append(objs, itemCard(open, bold(title), para(firstLine(r.Text))))
	}
	return container.NewVBox(objs...)
}

// firstLine is the first line of a text, shortened to a readable preview.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}

// childNames maps child ids to the names they go by, for lists that show
// records of several children.
func (u *UI) childNames() (map[string]string, error) { return childNamesOf(u.a) }

// childNamesOf is childNames for any open app, so Open can read the names
// before the UI has its app.
func childNamesOf(a *app.App) (map[string]string, error) {
	children, err := a.Children()
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, c := range children {
		names[c.ID] = app.DisplayName(c)
	}
	return names, nil
}
