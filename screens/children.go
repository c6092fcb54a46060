package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// childrenView lists the children placed with the household.
type childrenView struct {
	base
	add *widget.Button
}

func (u *UI) newChildrenList() (screen, error) {
	children, err := u.a.Children()
	if err != nil {
		return nil, err
	}
	v := &childrenView{}
	v.add = primary(lang.X("children.add", "Add a child"), theme.ContentAddIcon(), func() { u.open(route{page: pageChildForm}) })
	objs := []fyne.CanvasObject{heading(lang.X("nav.children", "Children")), container.NewHBox(v.add)}
	if len(children) == 0 {
		objs = append(objs, para(lang.X("children.none", "No children yet. Press \"Add a child\" to add the first.")))
	}
	for _, c := range children {
		id := c.ID
		open := widget.NewButtonWithIcon(app.DisplayName(c), theme.AccountIcon(), func() { u.open(route{page: pageChild, id: id}) })
		open.Alignment = widget.ButtonAlignLeading
		objs = append(objs, card(open, para(childSummary(c))))
	}
	v.root = page(objs...)
	return v, nil
}

// childSummary says how a child lives with the household and since when.
func childSummary(c app.Child) string {
	s := lang.X("child.summary", "Born {{.Born}}. {{.Arrangement}} since {{.Start}}.", map[string]any{
		"Born": formatDate(c.DateOfBirth), "Arrangement": arrangementNames[c.Arrangement].text(), "Start": formatDate(c.PlacementStart),
	})
	if !c.PlacementEnd.IsZero() {
		s += " " + lang.X("child.ended", "Placement ended {{.End}}.", map[string]any{"End": formatDate(c.PlacementEnd)})
	}
	return s
}

// childForm adds or edits a child.
type childForm struct {
	base
	u           *UI
	child       app.Child
	form        *form
	name        *widget.Entry
	preferred   *widget.Entry
	dob         *dateField
	arrangement *choice[app.Arrangement]
	start       *dateField
	end         *dateField
	school      *widget.Entry
	gp          *widget.Entry
	dentist     *widget.Entry
	longTerm    *widget.Check
	save        *widget.Button
}

func (u *UI) newChildForm(id string) (screen, error) {
	v := &childForm{u: u, form: newForm()}
	title := lang.X("children.add", "Add a child")
	if id != "" {
		c, err := u.a.Child(id)
		if err != nil {
			return nil, err
		}
		v.child, title = c, lang.X("child.edit", "Edit details")
	}
	c := v.child
	v.name, v.preferred = entry(c.Name), entry(c.PreferredName)
	v.dob = newDateField(u.w, "dob", c.DateOfBirth)
	v.arrangement = newChoice(app.Arrangements, arrangementNames, c.Arrangement, nil)
	v.start = newDateField(u.w, "placement_start", c.PlacementStart)
	v.end = newDateField(u.w, "placement_end", c.PlacementEnd)
	v.school, v.gp, v.dentist = entry(c.School), entry(c.GP), entry(c.Dentist)
	var longTermRow fyne.CanvasObject
	v.longTerm, longTermRow = wrapCheck(lang.X("child.long_term", "The plan is for the child to stay with us until they are 18"), c.LongTerm)

	f := v.form
	f.field("name", lang.X("child.field.name", "Full name"), "", v.name)
	f.field("", lang.X("child.field.preferred_name", "Name they like to be called (optional)"), "", v.preferred)
	f.field("dob", lang.X("child.field.dob", "Date of birth"), lang.X("form.date_hint", "Day/month/year, for example 25/12/2024"), v.dob.obj)
	f.field("arrangement", lang.X("child.field.arrangement", "How the child lives with you"), "", v.arrangement.obj)
	f.field("placement_start", lang.X("child.field.placement_start", "Date the child came to live with you"), "", v.start.obj)
	endHint := ""
	// Once the LA has set the child's LA-owned fields, the placement end is
	// theirs: the app keeps their value on save, so the form must not
	// pretend the carer can change it.
	if id != "" {
		if laAt := laSetAt(u.a.ChildSetByLA, id); !laAt.IsZero() {
			v.end.readOnly()
			endHint = setByLA(laAt).Text
		}
	}
	f.field("placement_end", lang.X("child.field.placement_end", "Date the placement ended (leave empty if the child still lives with you)"), endHint, v.end.obj)
	f.field("", lang.X("child.field.long_term", "Long-term placement"), lang.X("child.long_term_hint", "Social workers visit long-term placements less often: at most every 3 months instead of every 6 weeks."), longTermRow)
	f.field("", lang.X("child.field.school", "School or nursery"), "", v.school)
	f.field("", lang.X("child.field.gp", "GP (doctor's surgery)"), "", v.gp)
	f.field("", lang.X("child.field.dentist", "Dentist"), "", v.dentist)

	back := route{page: pageChildren}
	var del *deletion
	if id != "" {
		back = route{page: pageChild, id: id, tab: tabDetails}
		del = &deletion{lang.X("child.delete", "Delete this child"),
			// The same erase as Settings → "Delete records for good": a
			// carer who deletes a child expects everything about them gone.
			lang.X("erase.child_question", "Delete {{.Name}} and all their milestones, photos, daily recordings and support needs from this computer? This can't be undone.",
				map[string]any{"Name": app.DisplayName(c)}),
			func() error { return u.a.EraseChild(id) }, route{page: pageChildren}}
	}
	v.save = u.formButtons(f, back, v.submit, del)
	v.root = f.page(title)
	return v, nil
}

// submit saves the child, or shows why not and keeps what was typed.
func (v *childForm) submit() {
	c := v.child
	c.Name, c.PreferredName = v.name.Text, v.preferred.Text
	c.Arrangement = v.arrangement.value()
	c.School, c.GP, c.Dentist = v.school.Text, v.gp.Text, v.dentist.Text
	c.LongTerm = v.longTerm.Checked
	err := readDates(dateInto{v.dob, &c.DateOfBirth}, dateInto{v.start, &c.PlacementStart}, dateInto{v.end, &c.PlacementEnd})
	if err == nil {
		err = v.u.a.SaveChild(&c)
	}
	if err != nil {
		v.form.fail("save child", err)
		return
	}
	v.u.open(route{page: pageChild, id: c.ID})
}
