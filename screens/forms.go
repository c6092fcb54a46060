package screens

import (
	"errors"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// dateLayout is how dates are shown: British day/month/year, whatever the
// computer's region, because that is how every letter from a local
// authority writes them.
const dateLayout = "02/01/2006"

// formatDate shows a date, or nothing for the zero date.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// parseDate reads a day/month/year date. It forgives single digits and
// other separators ("5-3-2024", "5.3.2024") since people type what they
// write on paper.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	s = strings.NewReplacer("-", "/", ".", "/", " ", "/").Replace(s)
	return time.Parse("2/1/2006", s)
}

// userErrorData fills the numbers some error messages quote, so the text
// always matches the rule the app package applies.
var userErrorData = map[string]any{
	"Min":      app.MinPassphrase,
	"MaxHours": app.MaxHours,
	"MaxMB":    app.MaxAttachment >> 20,
	"MinAge":   app.MinLeaverAge,
	"MaxAge":   app.MaxLeaverAge,
}

// userMessage is the translated text for a UserError key.
func userMessage(key string) string {
	fallback, ok := errorTexts[key]
	if !ok {
		fallback = lang.X("error.check", "Please check what you typed.")
	}
	return lang.X(key, fallback, userErrorData)
}

// unexpectedMessage is what the user sees when something fails that they
// cannot fix: it says plainly that nothing changed, so they know their
// earlier records are safe.
func unexpectedMessage() string {
	return lang.X("error.unexpected", "Something went wrong and nothing was changed. Please try again.")
}

// explain turns an error into a message for the user. Problems the user can
// fix are translated; anything else is logged without personal data (only
// what was being done and the error, which never carries record content)
// and shown as a generic message.
func explain(what string, err error) (field, message string) {
	var ue *app.UserError
	if errors.As(err, &ue) {
		return ue.Field, userMessage(ue.Key)
	}
	slog.Error("unexpected error", "action", what, "err", err)
	return "", unexpectedMessage()
}

// form lays out an editing screen as one column of labelled fields, with a
// place under each field for its problem and a summary next to the buttons.
// The summary matters on long forms: the user pressed Save at the bottom and
// must see there why nothing happened.
type form struct {
	box      *fyne.Container
	problems map[string]*widget.Label
	summary  *widget.Label
	scroll   *container.Scroll // set by page
}

func newForm() *form {
	return &form{box: container.NewVBox(), problems: map[string]*widget.Label{}, summary: problem()}
}

// field adds a labelled input. field names the app's UserError.Field this
// input answers for ("" for none); hint is optional help under the label.
func (f *form) field(field, label, hint string, input fyne.CanvasObject) {
	if hint != "" {
		f.box.Add(tight(bold(label), note(hint)))
	} else {
		f.box.Add(bold(label))
	}
	f.box.Add(input)
	if field != "" {
		p := problem()
		f.problems[field] = p
		f.box.Add(p)
	}
}

// page lays the form out under a title as a scrolling column.
func (f *form) page(title string) fyne.CanvasObject {
	f.scroll = column(heading(title), f.box)
	return f.scroll
}

// section is a part of the form in its own box, so it can be hidden as a
// whole (the approval date, for carers who are not approved). Its fields
// report problems through the form they belong to.
func (f *form) section(box *fyne.Container) *form {
	return &form{box: box, problems: f.problems, summary: f.summary}
}

// add appends content that is not a field, such as an explanation.
func (f *form) add(objs ...fyne.CanvasObject) {
	for _, o := range objs {
		f.box.Add(o)
	}
}

// actions ends the form with its summary line and buttons.
func (f *form) actions(buttons ...fyne.CanvasObject) {
	f.box.Add(f.summary)
	f.box.Add(container.NewHBox(buttons...))
}

// clear hides every problem, before a new attempt to save.
func (f *form) clear() {
	for _, p := range f.problems {
		setProblem(p, "")
	}
	setProblem(f.summary, "")
}

// fail shows why a save did not happen, next to the field at fault and by
// the buttons. Whatever the user typed stays in the inputs.
func (f *form) fail(what string, err error) {
	f.clear()
	field, message := explain(what, err)
	if p, ok := f.problems[field]; ok {
		setProblem(p, message)
	}
	setProblem(f.summary, message)
	// The messages push the Save button down; scroll back to it and the
	// summary above it, where the user's eyes are.
	if f.scroll != nil {
		f.scroll.ScrollToBottom()
	}
}

// dateField is a text entry for a British date with a calendar button, so
// a carer can either type 25/12/2024 or tap a day.
type dateField struct {
	entry  *widget.Entry
	choose *widget.Button
	field  string
	obj    fyne.CanvasObject
}

func newDateField(w fyne.Window, field string, t time.Time) *dateField {
	d := &dateField{entry: widget.NewEntry(), field: field}
	d.entry.SetPlaceHolder(lang.X("form.date_placeholder", "DD/MM/YYYY"))
	d.entry.SetText(formatDate(t))
	d.choose = widget.NewButtonWithIcon(lang.X("form.choose_date", "Choose"), theme.CalendarIcon(), func() { d.pick(w) })
	d.obj = container.NewBorder(nil, nil, nil, d.choose, d.entry)
	return d
}

// readOnly shows the date but lets nobody change it: for a date the local
// authority owns.
func (d *dateField) readOnly() {
	d.entry.Disable()
	d.choose.Disable()
}

// pick shows a calendar in a dialog, opened at the date already typed.
func (d *dateField) pick(w fyne.Window) {
	start, err := parseDate(d.entry.Text)
	if err != nil {
		start = time.Now()
	}
	var dlg dialog.Dialog
	cal := widget.NewCalendar(start, func(t time.Time) {
		d.set(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
		dlg.Hide()
	})
	dlg = dialog.NewCustom(lang.X("form.choose_date_title", "Choose a date"), lang.X("action.cancel", "Cancel"), cal, w)
	dlg.Show()
}

// set shows a date in the entry.
func (d *dateField) set(t time.Time) { d.entry.SetText(formatDate(t)) }

// value is the typed date: zero when empty, and a UserError for this field
// when the text is not a date.
func (d *dateField) value() (time.Time, error) {
	if strings.TrimSpace(d.entry.Text) == "" {
		return time.Time{}, nil
	}
	t, err := parseDate(d.entry.Text)
	if err != nil {
		return time.Time{}, &app.UserError{Key: "error.date_format", Field: d.field}
	}
	return t, nil
}

// dateInto pairs a date field with where its value goes.
type dateInto struct {
	field *dateField
	dst   *time.Time
}

// readDates reads date fields into their destinations in form order,
// stopping at the first that is not a date so the problem shown is the one
// nearest the top.
func readDates(fields ...dateInto) error {
	for _, f := range fields {
		t, err := f.field.value()
		if err != nil {
			return err
		}
		*f.dst = t
	}
	return nil
}

// multiline is an entry for free text that wraps and shows a few lines.
func multiline(text string, rows int) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.SetText(text)
	return e
}

// entry is a one-line entry holding text.
func entry(text string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	return e
}

// choice is a vertical set of radio buttons over an enumeration, labelled
// through its translation map. Radio buttons rather than a drop-down: every
// option is visible at once and each is a large target on a tablet.
//
// Each option is its own one-button radio group beside a wrapping label,
// because Fyne's radio labels never wrap, and "Kinship foster carer
// (connected person)" (longer still in Welsh) is wider than a tablet at
// 200% text. The label is part of the touch target.
type choice[T comparable] struct {
	obj     *fyne.Container
	values  []T
	marks   []*widget.RadioGroup
	current int // index of the chosen value, -1 for none
	changed func(T)
}

// mark is the one option of each button's group. It must not be empty,
// which a radio group reads as "nothing chosen".
const mark = " "

func newChoice[T comparable](values []T, names map[T]msg, current T, changed func(T)) *choice[T] {
	c := &choice[T]{obj: container.NewVBox(), values: values, current: -1}
	for i, v := range values {
		m := widget.NewRadioGroup([]string{mark}, nil)
		m.Required = true
		m.OnChanged = func(s string) {
			if s == mark {
				c.pick(i)
			}
		}
		c.marks = append(c.marks, m)
		c.obj.Add(container.New(markRow{2.5}, m, newTapLabel(names[v].text(), func() { c.pick(i) })))
	}
	c.set(current)
	c.changed = changed
	return c
}

// markRow lays out a radio button or check box and its wrapping label.
// The control's own label is blank, so the text is drawn over that blank
// (shift inner paddings to the left) to sit where the control's text would.
type markRow struct{ shift float32 }

func (l markRow) overlap() float32 { return theme.InnerPadding() * l.shift }

func (l markRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	mark, label := objs[0], objs[1]
	m := mark.MinSize()
	mark.Move(fyne.NewPos(0, 0))
	mark.Resize(m)
	x := m.Width - l.overlap()
	label.Move(fyne.NewPos(x, 0))
	label.Resize(fyne.NewSize(size.Width-x, size.Height))
}

func (l markRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m, t := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(m.Width-l.overlap()+t.Width, max(m.Height, t.Height))
}

// pick chooses option i, as the user tapping it does.
func (c *choice[T]) pick(i int) {
	if i == c.current {
		return
	}
	c.current = i
	for j, m := range c.marks {
		if j == i {
			m.SetSelected(mark)
		} else {
			m.SetSelected("")
		}
	}
	if c.changed != nil {
		c.changed(c.values[i])
	}
}

// value is the chosen value, or the zero value when nothing is chosen.
func (c *choice[T]) value() T {
	if c.current < 0 {
		var zero T
		return zero
	}
	return c.values[c.current]
}

// set chooses a value (or nothing, for one not in the list).
func (c *choice[T]) set(v T) {
	for i, x := range c.values {
		if x == v {
			c.pick(i)
			return
		}
	}
	c.current = -1
	for _, m := range c.marks {
		m.SetSelected("")
	}
}

// picker is a drop-down over an enumeration, for long lists (need
// categories, Missions) where radio buttons would push the rest of the form
// off the screen.
type picker[T comparable] struct {
	sel    *widget.Select
	values []T
}

func newPicker[T comparable](values []T, label func(T) string, current T) *picker[T] {
	p := &picker[T]{values: values}
	var labels []string
	for _, v := range values {
		labels = append(labels, label(v))
	}
	p.sel = widget.NewSelect(labels, nil)
	p.sel.PlaceHolder = lang.X("form.select", "Choose…")
	for i, v := range values {
		if v == current {
			p.sel.SetSelectedIndex(i)
		}
	}
	return p
}

// value is the chosen value, or the zero value when nothing is chosen.
func (p *picker[T]) value() T {
	if i := p.sel.SelectedIndex(); i >= 0 {
		return p.values[i]
	}
	var zero T
	return zero
}

// deletion is how an editing form deletes its record.
type deletion struct {
	label    string       // the button, such as "Delete this child"
	question string       // what the confirmation asks
	remove   func() error // deletes the record
	then     route        // where to go afterwards
}

// deleteRecord is the usual deletion for a form: a "Delete" button that
// removes the record by id and goes back. A new record (id "") has none.
func deleteRecord(id, question string, remove func(id string) error, back route) *deletion {
	if id == "" {
		return nil
	}
	return &deletion{lang.X("action.delete", "Delete"), question, func() error { return remove(id) }, back}
}

// formButtons ends an editing form with Save and Cancel (back to where the
// form was opened) and, for an existing record, Delete after a
// confirmation. Delete sits on a line of its own, away from Save, so it is
// not pressed by mistake (and the row still fits a tablet at 200% text).
// It returns the Save button.
func (u *UI) formButtons(f *form, back route, save func(), del *deletion) *widget.Button {
	saveButton := primary(lang.X("action.save", "Save"), theme.DocumentSaveIcon(), save)
	f.actions(saveButton, cancelButton(u, back))
	if del != nil {
		f.add(widget.NewSeparator(), container.NewHBox(dangerButton(del.label, func() {
			confirmDelete(u.w, del.question, func() {
				if err := del.remove(); err != nil {
					f.fail("delete", err)
					return
				}
				u.open(del.then)
			})
		})))
	}
	return saveButton
}

// cancelButton leaves a form without saving, back to where it was opened.
func cancelButton(u *UI, back route) *widget.Button {
	return widget.NewButtonWithIcon(lang.X("action.cancel", "Cancel"), theme.CancelIcon(), func() { u.open(back) })
}

// confirmDelete asks before deleting, in words that say what will go.
func confirmDelete(w fyne.Window, question string, yes func()) {
	d := dialog.NewCustomConfirm(lang.X("delete.title", "Delete?"), lang.X("action.delete", "Delete"),
		lang.X("action.keep", "Keep it"), para(question), func(ok bool) {
			if ok {
				yes()
			}
		}, w)
	d.Show()
}

// primary is the main button of a screen, drawn to stand out.
func primary(label string, icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, icon, tapped)
	b.Importance = widget.HighImportance
	return b
}

// dangerButton is a destructive button, drawn in the error colour.
func dangerButton(label string, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, theme.DeleteIcon(), tapped)
	b.Importance = widget.DangerImportance
	return b
}

// tapLabel is a wrapping label that does something when tapped, so the
// long text beside a check box is part of the touch target.
type tapLabel struct {
	widget.Label
	tapped func()
}

func newTapLabel(s string, tapped func()) *tapLabel {
	l := &tapLabel{tapped: tapped}
	l.Text = s
	l.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// Tapped runs the label's action.
func (l *tapLabel) Tapped(*fyne.PointEvent) { l.tapped() }

// wrapCheck is a check box whose label wraps: Fyne's own check labels
// never wrap, and a TSD standard's title is too long for one line at large
// text sizes.
func wrapCheck(label string, checked bool) (*widget.Check, fyne.CanvasObject) {
	c := widget.NewCheck("", nil)
	c.SetChecked(checked)
	l := newTapLabel(label, func() { c.SetChecked(!c.Checked) })
	return c, container.New(markRow{2}, c, l)
}
