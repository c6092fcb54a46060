package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// carerStatusNames word the two statuses a carer may choose as what they
// do, because "draft" and "raised" mean little on their own.
var carerStatusNames = map[app.NeedStatus]msg{
	app.NeedDraft:  {"need.choose.draft", "Keep it as a draft for now"},
	app.NeedRaised: {"need.choose.raised", "Raise it with your local authority"},
}

// needsView lists the household's support needs, open ones first.
type needsView struct {
	base
	add *widget.Button
}

func (u *UI) newNeedsList() (screen, error) {
	needs, err := u.a.Needs()
	if err != nil {
		return nil, err
	}
	names, err := u.childNames()
	if err != nil {
		return nil, err
	}
	v := &needsView{}
	v.add = primary(lang.X("needs.add", "Add a support need"), theme.ContentAddIcon(), func() { u.open(route{page: pageNeedForm}) })
	objs := []fyne.CanvasObject{
		heading(lang.X("nav.needs", "Support needs")),
		para(lang.X("needs.intro", "Write down anything your household or a child needs, such as money, advice, therapy or a break. Once you raise a need, your local authority answers it.")),
		container.NewHBox(v.add),
	}
	if len(needs) == 0 {
		objs = append(objs, para(lang.X("needs.none", "No support needs yet.")))
	}
	for _, open := range []bool{true, false} {
		for _, n := range needs {
			if app.NeedOpen(n) == open {
				objs = append(objs, u.needRow(n, names))
			}
		}
	}
	v.root = page(objs...)
	return v, nil
}

// needRow summarises a need: what, for whom, how urgent, where it has got
// to, and the local authority's answer.
func (u *UI) needRow(n app.Need, names map[string]string) fyne.CanvasObject {
	who := lang.X("need.household", "Our household")
	if n.ChildID != "" {
		who = names[n.ChildID]
	}
	status := lang.X("need.row_status", "{{.Urgency}} · {{.Status}}", map[string]any{
		"Urgency": urgencyNames[n.Urgency].text(), "Status": needStatusNames[n.Status].text(),
	})
	objs := []fyne.CanvasObject{bold(needCategoryNames[n.Category].text() + " · " + who), para(firstLine(n.Description)), note(status)}
	if n.Response != "" {
		objs = append(objs, note(lang.X("need.response_line", "Local authority's response: {{.Response}}", map[string]any{"Response": firstLine(n.Response)})))
	}
	id := n.ID
	open := widget.NewButtonWithIcon(lang.X("action.open", "Open"), theme.DocumentCreateIcon(), func() { u.open(route{page: pageNeedForm, id: id}) })
	return itemCard(open, objs...)
}

// needForm adds or edits a support need.
type needForm struct {
	base
	u           *UI
	n           app.Need
	form        *form
	who         *picker[string]
	category    *picker[app.NeedCategory]
	description *widget.Entry
	urgency     *choice[app.Urgency]
	status      *choice[app.NeedStatus] // nil once the status is the local authority's
	laStatus    *widget.Label
	save        *widget.Button
}

func (u *UI) newNeedForm(id string) (screen, error) {
	v := &needForm{u: u, form: newForm(), n: app.Need{Status: app.NeedRaised}}
	title := lang.X("needs.add", "Add a support need")
	if id != "" {
		n, err := u.a.Need(id)
		if err != nil {
			return nil, err
		}
		v.n, title = n, lang.X("need.edit", "Support need")
	}
	names, err := u.childNames()
	if err != nil {
		return nil, err
	}
	children, err := u.a.Children()
	if err != nil {
		return nil, err
	}
	n := v.n
	whoIDs := []string{""}
	for _, c := range children {
		whoIDs = append(whoIDs, c.ID)
	}
	v.who = newPicker(whoIDs, func(id string) string {
		if id == "" {
			return lang.X("need.household", "Our household")
		}
		return names[id]
	}, n.ChildID)
	v.category = newPicker(app.NeedCategories, func(c app.NeedCategory) string { return needCategoryNames[c].text() }, n.Category)
	v.description = multiline(n.Description, 5)
	v.urgency = newChoice(app.Urgencies, urgencyNames, n.Urgency, nil)

	f := v.form
	f.field("child", lang.X("need.field.who", "Who is this for?"), "", v.who.sel)
	f.field("category", lang.X("need.field.category", "What kind of support?"), "", v.category.sel)
	f.field("description", lang.X("need.field.description", "What is needed?"), lang.X("need.field.description_hint", "Say what would help and why."), v.description)
	f.field("urgency", lang.X("need.field.urgency", "How urgent is it?"), "", v.urgency.obj)
	if app.CarerCanSetStatus(n.Status) {
		v.status = newChoice([]app.NeedStatus{app.NeedDraft, app.NeedRaised}, carerStatusNames, n.Status, nil)
		f.field("status", lang.X("need.field.status", "What would you like to do?"), lang.X("need.field.status_hint", "A draft stays with you until you raise it."), v.status.obj)
	} else {
		v.laStatus = para(needStatusNames[n.Status].text())
		f.add(tight(bold(lang.X("need.field.status_la", "Status")), v.laStatus,
			note(lang.X("need.status_set_by_la", "Set by your local authority on {{.Date}}.", map[string]any{"Date": formatDate(n.StatusSetAt)}))))
	}
	if n.Response != "" {
		f.add(tight(bold(lang.X("need.field.response", "Your local authority's response")), para(n.Response),
			setByLA(laSetAt(u.a.NeedSetByLA, n.ID))))
	}

	back := route{page: pageNeeds}
	del := deleteRecord(id, lang.X("need.delete_question", "Delete this support need? This can't be undone."), u.a.DeleteNeed, back)
	v.save = u.formButtons(f, back, func() { v.submit(back) }, del)
	v.root = f.page(title)
	return v, nil
}

// submit saves the need, or shows why not. The local authority's status
// and response are never sent back from here; the app keeps them as they
// were.
func (v *needForm) submit(back route) {
	n := v.n
	n.ChildID, n.Category, n.Description, n.Urgency = v.who.value(), v.category.value(), v.description.Text, v.urgency.value()
	if v.status != nil {
		n.Status = v.status.value()
	}
	if err := v.u.a.SaveNeed(&n); err != nil {
		v.form.fail("save need", err)
		return
	}
	v.u.open(back)
}
