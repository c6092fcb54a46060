package screens

import (
	"log/slog"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// recordingPage is how many recordings are fetched at a time. A year of
// daily notes per child is hundreds of entries and a long placement
// thousands, so the list loads pages as the user scrolls and only builds
// widgets for the rows on screen.
const recordingPage = 100

// recordingsTab lists a child's daily recordings, newest first.
type recordingsTab struct {
	root    fyne.CanvasObject
	u       *UI
	childID string
	total   int
	loaded  []app.Recording
	list    *widget.List
	problem *widget.Label
}

func (u *UI) newRecordingsTab(childID string) (*recordingsTab, error) {
	total, err := u.a.CountRecordings(childID)
	if err != nil {
		return nil, err
	}
	t := &recordingsTab{u: u, childID: childID, total: total, problem: problem()}
	t.list = widget.NewList(func() int { return t.total }, newTwoLineRow, t.updateRow)
	t.list.OnSelected = func(i widget.ListItemID) {
		t.list.UnselectAll()
		if r, ok := t.at(i); ok {
			u.open(route{page: pageRecordingForm, childID: childID, id: r.ID})
		}
	}
	add := primary(lang.X("recordings.add", "Add a daily recording"), theme.ContentAddIcon(),
		func() { u.open(route{page: pageRecordingForm, childID: childID}) })
	count := note(lang.X("recordings.count", "Daily recordings: {{.Count}}. Newest first. Tap one to read or change it.", map[string]any{"Count": total}))
	top := container.NewVBox(container.NewHBox(add), count, t.problem)
	var body fyne.CanvasObject = t.list
	if total == 0 {
		body = container.NewVBox(para(lang.X("recordings.none", "No daily recordings yet. A daily recording is a short note about the child's day.")))
	}
	t.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, body)
	return t, nil
}

// at returns recording i, fetching pages up to it when needed.
func (t *recordingsTab) at(i int) (app.Recording, bool) {
	for i >= len(t.loaded) && len(t.loaded) < t.total {
		page, err := t.u.a.Recordings(t.childID, len(t.loaded), recordingPage)
		if err != nil || len(page) == 0 {
			if err != nil {
				slog.Error("could not load recordings", "err", err)
				setProblem(t.problem, unexpectedMessage())
			}
			t.total = len(t.loaded)
			return app.Recording{}, false
		}
		t.loaded = append(t.loaded, page...)
	}
	if i >= len(t.loaded) {
		return app.Recording{}, false
	}
	return t.loaded[i], true
}

func (t *recordingsTab) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	head, text := twoLineRow(o)
	r, ok := t.at(i)
	if !ok {
		head.SetText("")
		text.SetText("")
		return
	}
	head.Importance = widget.MediumImportance
	if r.Significant {
		head.Importance = widget.DangerImportance
	}
	head.SetText(recordingHeading(r))
	text.SetText(firstLine(r.Text))
}

// recordingHeading is a recording's date, tags and significant flag.
func recordingHeading(r app.Recording) string {
	parts := []string{formatDate(r.Day)}
	var tags []string
	for _, tag := range r.Tags {
		tags = append(tags, tagNames[tag].text())
	}
	if len(tags) > 0 {
		parts = append(parts, strings.Join(tags, ", "))
	}
	if r.Significant {
		parts = append(parts, lang.X("recording.significant_badge", "Significant event"))
	}
	return strings.Join(parts, " · ")
}

// recordingForm adds or edits a daily recording.
type recordingForm struct {
	base
	u           *UI
	r           app.Recording
	form        *form
	day         *dateField
	text        *widget.Entry
	tags        *widget.CheckGroup
	significant *widget.Check
	save        *widget.Button
}

func (u *UI) newRecordingForm(childID, id string) (screen, error) {
	v := &recordingForm{u: u, form: newForm(), r: app.Recording{ChildID: childID, Day: u.a.Today()}}
	title := lang.X("recordings.add", "Add a daily recording")
	if id != "" {
		r, err := u.a.Recording(id)
		if err != nil {
			return nil, err
		}
		v.r, title = r, lang.X("recording.edit", "Daily recording")
	}
	r := v.r
	v.day = newDateField(u.w, "day", r.Day)
	v.text = multiline(r.Text, 8)
	var labels, chosen []string
	for _, tag := range app.Tags {
		labels = append(labels, tagNames[tag].text())
		for _, have := range r.Tags {
			if have == tag {
				chosen = append(chosen, tagNames[tag].text())
			}
		}
	}
	v.tags = widget.NewCheckGroup(labels, nil)
	v.tags.SetSelected(chosen)
	v.significant = widget.NewCheck(lang.X("recording.significant", "This is a significant event"), nil)
	v.significant.SetChecked(r.Significant)

	f := v.form
	f.field("day", lang.X("recording.field.day", "Day"), lang.X("form.date_hint", "Day/month/year, for example 25/12/2024"), v.day.obj)
	f.field("text", lang.X("recording.field.text", "What happened?"), lang.X("recording.field.text_hint", "Write it as you would tell the child's social worker: what happened, when, and how the child was."), v.text)
	f.field("tags", lang.X("recording.field.tags", "Tags (optional)"), lang.X("recording.field.tags_hint", "Tick any that fit. They help you find recordings later."), v.tags)
	f.field("", lang.X("recording.field.significant", "Significant event"), lang.X("recording.significant_hint", "Tick this for events your local authority must hear about quickly: the child going missing from home, a police call-out, a serious illness or accident, or an allegation."), v.significant)

	back := route{page: pageChild, id: childID, tab: tabRecordings}
	del := deleteRecord(id, lang.X("recording.delete_question", "Delete this daily recording? This can't be undone."), u.a.DeleteRecording, back)
	v.save = u.formButtons(f, back, func() { v.submit(back) }, del)
	v.root = f.page(title)
	return v, nil
}

// submit saves the recording, or shows why not.
func (v *recordingForm) submit(back route) {
	r := v.r
	r.Text, r.Significant, r.Tags = v.text.Text, v.significant.Checked, nil
	for _, tag := range app.Tags {
		for _, label := range v.tags.Selected {
			if label == tagNames[tag].text() {
				r.Tags = append(r.Tags, tag)
			}
		}
	}
	err := readDates(dateInto{v.day, &r.Day})
	if err == nil {
		err = v.u.a.SaveRecording(&r)
	}
	if err != nil {
		v.form.fail("save recording", err)
		return
	}
	v.u.open(back)
}
