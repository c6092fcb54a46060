package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// textSizes are the steps of the text-size setting, 100% to 200%.
var textSizes = []float64{1.0, 1.25, 1.5, 1.75, 2.0}

// themeNames are the three looks.
var themeNames = map[string]msg{
	app.ThemeLight:    {"settings.theme.light", "Light"},
	app.ThemeDark:     {"settings.theme.dark", "Dark"},
	app.ThemeContrast: {"settings.theme.contrast", "High contrast (black on white)"},
}

// settingsView holds the choices that apply at once (language, theme, text
// size) and the household details, which are saved with a button.
type settingsView struct {
	base
	u        *UI
	problem  *widget.Label
	language *widget.RadioGroup
	theme    *choice[string]
	size     *widget.RadioGroup
	h        app.Household
	form     *form
	kind     *choice[app.CarerKind]
	name1    *widget.Entry
	name2    *widget.Entry
	approval *dateField
	saved    *widget.Label
	save     *widget.Button
	jump     *widget.Select
	scroll   *container.Scroll
	sections []jumpSection
}

func (u *UI) newSettings() (screen, error) {
	v := &settingsView{u: u, problem: problem(), form: newForm()}
	if !u.leaver() {
		h, err := u.a.Household()
		if err != nil {
			return nil, err
		}
		v.h = h
	}

	v.language = languageRadio(startLanguage(u.a), v.setLanguage)

	v.theme = newChoice([]string{app.ThemeLight, app.ThemeDark, app.ThemeContrast}, themeNames, u.a.Theme(), func(t string) {
		v.apply(u.a.SetTheme(t))
	})

	var sizeLabels []string
	for _, s := range textSizes {
		sizeLabels = append(sizeLabels, lang.X("settings.text_size_percent", "{{.Percent}}%", map[string]any{"Percent": int(s*100 + 0.5)}))
	}
	// One option per line: side by side, the five options are wider than a
	// tablet screen at 200%, and the chosen one would be cut off.
	v.size = widget.NewRadioGroup(sizeLabels, nil)
	v.size.Required = true
	for i, s := range textSizes {
		if fmt.Sprintf("%.2f", s) == fmt.Sprintf("%.2f", u.a.TextScale()) {
			v.size.SetSelected(sizeLabels[i])
		}
	}
	v.size.OnChanged = func(s string) {
		for i, l := range sizeLabels {
			if l == s {
				v.apply(u.a.SetTextScale(textSizes[i]))
			}
		}
	}

	sections := []jumpSection{
		cardSection(lang.X("settings.language", "Language"), v.language),
		cardSection(lang.X("settings.theme", "Colours"), note(lang.X("settings.theme_hint", "Dark can be easier on the eyes in the evening.")),
			note(lang.X("settings.theme_contrast_hint", "High contrast makes words, buttons and the box you are typing in stand out most.")), v.theme.obj),
		cardSection(lang.X("settings.text_size", "Text size"), note(lang.X("settings.text_size_hint", "Make the words on screen bigger.")), v.size),
	}
	if !u.leaver() {
		sections = append(sections,
			cardSection(lang.X("settings.household", "Your household"), v.householdForm()),
			jumpSection{lang.X("rules.title", "Reminders: the rules that apply"), u.remindersCard()},
			jumpSection{lang.X("report.section", "Reports"), u.annualReportCard()})
	}
	sections = append(sections,
		jumpSection{lang.X("connect.section", "Your local authority"), u.connectCard()},
		jumpSection{lang.X("backup.section", "Back up and restore"), u.backupCard()},
		jumpSection{lang.X("export.section", "Export my data"), u.exportCard()})
	if p := u.profilesCard(); p != nil {
		sections = append(sections, jumpSection{lang.X("profiles.settings", "Profiles"), p})
	}
	sections = append(sections,
		jumpSection{lang.X("lock.title", "App lock"), u.lockCard()},
		jumpSection{lang.X("erase.title", "Delete records for good"), u.eraseCard()})

	v.jump = widget.NewSelect(nil, nil)
	objs := []fyne.CanvasObject{heading(lang.X("nav.settings", "Settings")), v.jump, v.problem}
	for _, s := range sections {
		objs = append(objs, s.obj)
	}
	v.scroll, v.sections = page(objs...), sections
	v.root = v.scroll
	jumpChooser(v.jump, v.scroll, sections)
	return v, nil
}

// setLanguage switches language at once. The page is rebuilt in the new
// language and stays on Settings; every saved record is untouched.
func (v *settingsView) setLanguage(code string) {
	if err := v.u.a.SetLanguage(code); err != nil {
		_, message := explain("set language", err)
		setProblem(v.problem, message)
		return
	}
	v.u.useLanguage(code)
	v.u.redraw()
}

// apply re-themes the window after a theme or text size change was stored.
func (v *settingsView) apply(err error) {
	if err != nil {
		_, message := explain("save setting", err)
		setProblem(v.problem, message)
		return
	}
	setProblem(v.problem, "")
	v.u.applyTheme()
}

// householdForm edits the carers' kind, names and approval date.
func (v *settingsView) householdForm() fyne.CanvasObject {
	names := [2]string{}
	for i, c := range v.h.Carers {
		if i < 2 {
			names[i] = c.Name
		}
	}
	v.name1, v.name2 = entry(names[0]), entry(names[1])
	v.approval = newDateField(v.u.w, "approval", v.h.ApprovalDate)
	approvalBox := container.NewVBox()
	showApproval := func(k app.CarerKind) {
		if app.NeedsApproval(k) {
			approvalBox.Show()
		} else {
			approvalBox.Hide()
		}
	}
	v.kind = newChoice(app.CarerKinds, carerKindNames, v.h.Kind, showApproval)
	f := v.form
	f.field("kind", lang.X("settings.kind", "You are"), "", v.kind.obj)
	f.field("name", lang.X("household.carer1", "Your name"), "", v.name1)
	f.field("", lang.X("household.carer2", "Second carer's name (optional)"), lang.X("household.carer2_hint", "If you look after the children with a partner, add their name too."), v.name2)
	sub := f.section(approvalBox)
	sub.field("approval", lang.X("household.approval", "Approval date"), lang.X("household.approval_hint", "This is the date on your approval letter. Hearth uses it to work out when your training standards are due."), v.approval.obj)
	f.add(approvalBox)
	showApproval(v.h.Kind)
	v.saved = widget.NewLabel("")
	v.saved.Importance = widget.SuccessImportance
	v.save = primary(lang.X("action.save", "Save"), theme.DocumentSaveIcon(), v.saveHousehold)
	f.actions(v.save, v.saved)
	return f.box
}

// saveHousehold stores the household details, or shows why not.
func (v *settingsView) saveHousehold() {
	h := v.h
	h.Kind = v.kind.value()
	h.Carers = nil
	for i, name := range []string{v.name1.Text, v.name2.Text} {
		c := app.Carer{Name: name}
		if i < len(v.h.Carers) {
			c = v.h.Carers[i]
			c.Name = name
		}
		h.Carers = append(h.Carers, c)
	}
	v.saved.SetText("")
	err := readDates(dateInto{v.approval, &h.ApprovalDate})
	if err == nil {
		err = v.u.a.SaveHousehold(&h)
	}
	if err != nil {
		v.form.fail("save household", err)
		return
	}
	v.h = h
	v.form.clear()
	v.saved.SetText(lang.X("settings.saved", "Saved."))
}
