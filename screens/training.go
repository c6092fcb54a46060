package screens

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// trainingPage is the training log and, for carers the TSD standards apply
// to, their progress. Special guardians and other carers without a TSD duty
// see only the log: nothing about standards or deadlines.
type trainingPage struct {
	base
	tabs *container.AppTabs // nil when TSD does not apply
	log  fyne.CanvasObject
	tsd  *tsdView
	add  *widget.Button
}

func (u *UI) newTrainingPage(r route) (screen, error) {
	trainings, err := u.a.Trainings()
	if err != nil {
		return nil, err
	}
	p, err := u.a.TSD()
	if err != nil {
		return nil, err
	}
	v := &trainingPage{}
	v.add = primary(lang.X("training.add", "Add training"), theme.ContentAddIcon(), func() { u.open(route{page: pageTrainingForm}) })
	objs := []fyne.CanvasObject{
		para(lang.X("training.intro", "Keep a note of courses, reading, supervision and other learning.")),
		container.NewHBox(v.add),
	}
	if len(trainings) == 0 {
		objs = append(objs, para(lang.X("training.none", "No training yet.")))
	}
	for _, t := range trainings {
		objs = append(objs, u.trainingCard(t))
	}
	v.log = page(objs...)
	title := container.NewPadded(heading(lang.X("nav.training", "Training")))
	if !p.Applies {
		v.root = container.NewBorder(title, nil, nil, nil, v.log)
		return v, nil
	}
	v.tsd = u.newTSDView(p)
	v.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("training.tab.log", "Your training"), v.log),
		container.NewTabItem(lang.X("training.tab.tsd", "TSD standards"), v.tsd.root),
	)
	v.tabs.SelectIndex(r.tab)
	v.tabs.OnSelected = func(*container.TabItem) { u.cur.tab = v.tabs.SelectedIndex() }
	v.root = container.NewBorder(title, nil, nil, nil, v.tabs)
	return v, nil
}

// trainingCard summarises one piece of training.
func (u *UI) trainingCard(t app.Training) fyne.CanvasObject {
	details := lang.X("training.details", "{{.Date}} · {{.Hours}} hours · {{.Format}}", map[string]any{
		"Date": formatDate(t.Date), "Hours": formatHours(t.Hours), "Format": formatNames[t.Format].text(),
	})
	objs := []fyne.CanvasObject{bold(t.Title), para(details)}
	if t.Provider != "" {
		objs = append(objs, note(t.Provider))
	}
	if len(t.Standards) > 0 {
		var nums []string
		for _, n := range t.Standards {
			nums = append(nums, strconv.Itoa(n))
		}
		objs = append(objs, note(lang.X("training.standards_line", "Evidence for standards: {{.Numbers}}", map[string]any{"Numbers": strings.Join(nums, ", ")})))
	}
	id := t.ID
	open := widget.NewButtonWithIcon(lang.X("action.open", "Open"), theme.DocumentCreateIcon(), func() { u.open(route{page: pageTrainingForm, id: id}) })
	return itemCard(open, objs...)
}

// formatHours shows hours without needless decimals: 2, 1.5.
func formatHours(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) }

// parseHours reads hours typed with a point or a comma.
func parseHours(s string) (float64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return 0, nil
	}
	h, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, &app.UserError{Key: "error.hours_invalid", Field: "hours"}
	}
	return h, nil
}

// trainingForm adds or edits a training record.
type trainingForm struct {
	base
	u           *UI
	t           app.Training
	form        *form
	title       *widget.Entry
	provider    *widget.Entry
	date        *dateField
	hours       *widget.Entry
	format      *choice[app.TrainingFormat]
	standards   []*widget.Check // one per standard, in order; none when TSD does not apply
	evidence    *widget.Entry
	certificate *attachmentField
	save        *widget.Button
}

func (u *UI) newTrainingForm(id string) (screen, error) {
	h, err := u.a.Household()
	if err != nil {
		return nil, err
	}
	v := &trainingForm{u: u, form: newForm(), t: app.Training{Date: u.a.Today()}}
	title := lang.X("training.add", "Add training")
	if id != "" {
		all, err := u.a.Trainings()
		if err != nil {
			return nil, err
		}
		for _, t := range all {
			if t.ID == id {
				v.t = t
			}
		}
		title = lang.X("training.edit", "Training")
	}
	t := v.t
	v.title, v.provider = entry(t.Title), entry(t.Provider)
	v.date = newDateField(u.w, "date", t.Date)
	v.hours = entry("")
	if t.Hours > 0 {
		v.hours.SetText(formatHours(t.Hours))
	}
	v.format = newChoice(app.TrainingFormats, formatNames, t.Format, nil)
	v.evidence = multiline(t.Evidence, 4)
	v.certificate = u.newAttachmentField(t.CertificateID, certificateExts, lang.X("training.add_certificate", "Choose a certificate…"))

	f := v.form
	f.field("title", lang.X("training.field.title", "Title"), lang.X("training.field.title_hint", "For example: Skills to Foster, first aid, safer caring."), v.title)
	f.field("", lang.X("training.field.provider", "Who ran it? (optional)"), "", v.provider)
	f.field("date", lang.X("training.field.date", "Date"), lang.X("form.date_hint", "Day/month/year, for example 25/12/2024"), v.date.obj)
	f.field("hours", lang.X("training.field.hours", "How many hours?"), lang.X("training.field.hours_hint", "For example 2, or 1.5 for an hour and a half."), v.hours)
	f.field("format", lang.X("training.field.format", "What kind of training?"), "", v.format.obj)
	if keys := app.TSDStandardKeys(h.Kind); len(keys) > 0 {
		box := container.NewVBox()
		for i, key := range keys {
			have := false
			for _, n := range t.Standards {
				have = have || n == i+1
			}
			c, row := wrapCheck(standardLabel(i+1, key), have)
			v.standards = append(v.standards, c)
			box.Add(row)
		}
		f.field("standards", lang.X("training.field.standards", "Which standards does it give evidence for? (optional)"),
			lang.X("training.field.standards_hint", "Tick every standard this training helps to show."), box)
	}
	f.field("", lang.X("training.field.evidence", "Evidence note (optional)"), lang.X("training.field.evidence_hint", "What you learned and how you use it. Your social worker may read this."), v.evidence)
	f.field("attachment", lang.X("training.field.certificate", "Certificate (optional)"), lang.X("training.field.certificate_hint", "A photo or PDF of your certificate."), v.certificate.object())

	back := route{page: pageTraining}
	del := deleteRecord(id, lang.X("training.delete_question", "Delete this training record? This can't be undone."), u.a.DeleteTraining, back)
	v.save = u.formButtons(f, back, func() { v.submit(back) }, del)
	v.root = f.page(title)
	return v, nil
}

// submit saves the training and any new certificate, or shows why not.
func (v *trainingForm) submit(back route) {
	t := v.t
	t.Title, t.Provider, t.Format, t.Evidence = v.title.Text, v.provider.Text, v.format.value(), v.evidence.Text
	t.Standards = nil
	for i, c := range v.standards {
		if c.Checked {
			t.Standards = append(t.Standards, i+1)
		}
	}
	err := readDates(dateInto{v.date, &t.Date})
	if err == nil {
		t.Hours, err = parseHours(v.hours.Text)
	}
	if err == nil {
		err = v.u.a.SaveTraining(&t, v.certificate.file())
	}
	if err != nil {
		v.form.fail("save training", err)
		return
	}
	v.u.open(back)
}
