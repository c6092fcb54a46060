package screens

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

func TestAddChildRefusesFutureBirthAndKeepsTyping(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	test.Tap(u.nav[pageChildren])
	test.Tap(view[*childrenView](t, u).add)

	f := view[*childForm](t, u)
	test.Type(f.name, "Jayden Okafor")
	test.Type(f.preferred, "Jay")
	f.dob.entry.SetText("02/04/2099")
	choose(t, f.arrangement, app.ArrangementFoster)
	f.start.entry.SetText("01/09/2024")
	test.Type(f.school, "Glan Afon")
	test.Tap(f.longTerm)
	test.Tap(f.save)

	mustShow(t, u, "The date of birth can't be in the future.")
	if f.name.Text != "Jayden Okafor" || f.school.Text != "Glan Afon" {
		t.Fatal("what the user typed was lost")
	}
	if cs, _ := a.Children(); len(cs) != 0 {
		t.Fatalf("a refused child was stored: %+v", cs)
	}

	f.dob.entry.SetText("2/4/2015")
	test.Tap(f.save)
	p := view[*childPage](t, u)
	mustShow(t, u, "Jay")
	cs, err := a.Children()
	if err != nil || len(cs) != 1 {
		t.Fatalf("children %v, %v", cs, err)
	}
	c := cs[0]
	if c.ID != p.child.ID || c.Name != "Jayden Okafor" || c.PreferredName != "Jay" || c.School != "Glan Afon" ||
		!c.DateOfBirth.Equal(time.Date(2015, 4, 2, 0, 0, 0, 0, time.UTC)) || c.Arrangement != app.ArrangementFoster || !c.LongTerm {
		t.Fatalf("stored child %+v", c)
	}

	test.Tap(u.nav[pageChildren])
	mustShow(t, u, "Jay")
}

func TestAddMilestoneShowsOnDashboardUnderItsMission(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Amelia Hart")
	u := newUI(t, a)
	u.open(route{page: pageChild, id: c.ID})
	mustShow(t, u, "No milestones yet.")
	u.open(route{page: pageMilestoneForm, childID: c.ID})

	f := view[*milestoneForm](t, u)
	test.Tap(f.save)
	mustShow(t, u, "Please choose a Mission.")
	choose(t, f.mission, app.MissionEducation)
	test.Type(f.title, "Started Year 7")
	choose(t, f.status, app.MilestoneAchieved)
	f.achieved.entry.SetText("10/06/2025")
	test.Tap(f.save)

	view[*childPage](t, u)
	mustShow(t, u, "Started Year 7")
	ms, err := a.Milestones(c.ID)
	if err != nil || len(ms) != 1 || ms[0].Mission != app.MissionEducation || ms[0].Status != app.MilestoneAchieved {
		t.Fatalf("milestones %+v, %v", ms, err)
	}

	test.Tap(u.nav[pageHome])
	view[*dashboardView](t, u)
	mustShow(t, u, "Quality education: 1 achieved, 0 planned")
	mustShow(t, u, "Achieved: Started Year 7 (Quality education) 10/06/2025")
	mustShow(t, u, "National aim: double the proportion of care leavers")
}

// tinyPNG is a valid 2×2 PNG, standing in for a photo.
func tinyPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMilestonePhotoIsStoredAndShown(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Amelia Hart")
	u := newUI(t, a)
	u.open(route{page: pageMilestoneForm, childID: c.ID})
	f := view[*milestoneForm](t, u)
	choose(t, f.mission, app.MissionRelationships)
	test.Type(f.title, "Sleepover at Callum's")

	f.photo.setFile(app.File{Name: "notes.txt", Content: []byte("not a photo")})
	test.Tap(f.save)
	mustShow(t, u, "That file can't be added.")
	if f.title.Text != "Sleepover at Callum's" {
		t.Fatal("title lost after a refused photo")
	}

	photo := tinyPNG(t)
	f.photo.setFile(app.File{Name: "sleepover.png", Content: photo})
	if f.photo.preview == nil {
		t.Fatal("a picked photo should be previewed")
	}
	test.Tap(f.save)
	ms, err := a.Milestones(c.ID)
	if err != nil || len(ms) != 1 || ms[0].PhotoID == "" {
		t.Fatalf("milestones %+v, %v", ms, err)
	}

	u.open(route{page: pageMilestoneForm, childID: c.ID, id: ms[0].ID})
	f = view[*milestoneForm](t, u)
	if f.photo.preview == nil || f.photo.stored == nil || !bytes.Equal(f.photo.stored.Content, photo) {
		t.Fatal("the stored photo is not shown")
	}
	mustShow(t, u, "Save a copy…")

	// The file dialogs open (and close) over the form.
	f.photo.saveCopy()
	f.photo.choose()
	if n := len(u.w.Canvas().Overlays().List()); n != 2 {
		t.Fatalf("%d dialogs showing, want 2", n)
	}
}

func TestRaiseNeed(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindKinshipFoster)
	c := addChild(t, a, "Jay")
	u := newUI(t, a)
	test.Tap(u.nav[pageNeeds])
	test.Tap(view[*needsView](t, u).add)

	f := view[*needForm](t, u)
	if len(f.status.values) != 2 {
		t.Fatalf("the carer may only choose draft or raised, got %v", f.status.values)
	}
	pick(t, f.who, c.ID)
	pick(t, f.category, app.NeedTherapeutic)
	test.Type(f.description, "Play therapy after contact visits")
	test.Tap(f.save)
	mustShow(t, u, "Please choose how urgent it is.")
	choose(t, f.urgency, app.UrgencyUrgent)
	if f.status.value() != app.NeedRaised {
		t.Fatalf("a new need should be raised unless the carer keeps a draft, got %q", f.status.value())
	}
	test.Tap(f.save)

	view[*needsView](t, u)
	mustShow(t, u, "Therapy or emotional support · Jay")
	mustShow(t, u, "Urgent · Raised")
	needs, err := a.Needs()
	if err != nil || len(needs) != 1 {
		t.Fatalf("needs %+v, %v", needs, err)
	}
	if n := needs[0]; n.Status != app.NeedRaised || n.ChildID != c.ID || n.Urgency != app.UrgencyUrgent || n.Category != app.NeedTherapeutic {
		t.Fatalf("stored need %+v", n)
	}
	test.Tap(u.nav[pageHome])
	mustShow(t, u, "Play therapy after contact visits")
}

func TestLAOwnedNeedStatusIsReadOnly(t *testing.T) {
	a := newApp(t)
	if err := a.CompleteSetup(a.DemoSetup("en")); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadDemo(); err != nil {
		t.Fatal(err)
	}
	needs, err := a.Needs()
	if err != nil {
		t.Fatal(err)
	}
	var la app.Need
	for _, n := range needs {
		if !app.CarerCanSetStatus(n.Status) {
			la = n
		}
	}
	if la.ID == "" {
		t.Fatal("the demo has no need with a status set by the local authority")
	}
	u := newUI(t, a)
	u.open(route{page: pageNeedForm, id: la.ID})
	f := view[*needForm](t, u)
	if f.status != nil {
		t.Fatal("the carer must not be able to change a status the local authority set")
	}
	mustShow(t, u, needStatusNames[la.Status].en)
	mustShow(t, u, "Set by your local authority on")

	// Correcting the description keeps the local authority's status.
	f.description.SetText(la.Description + " (updated)")
	test.Tap(f.save)
	needs, _ = a.Needs()
	for _, n := range needs {
		if n.ID == la.ID && (n.Status != la.Status || n.Response != la.Response) {
			t.Fatalf("the local authority's status changed: %+v", n)
		}
	}
}

func TestTrainingAgainstTwoStandardsMovesTSD(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	test.Tap(u.nav[pageTraining])
	p := view[*trainingPage](t, u)
	p.tabs.SelectIndex(1)
	mustShow(t, u, "You have evidence for 0 of 7 standards.")
	mustShow(t, u, "Understand the principles and values essential for fostering children and young people.")
	test.Tap(p.add)

	f := view[*trainingForm](t, u)
	if len(f.standards) != 7 {
		t.Fatalf("%d standards offered, want 7", len(f.standards))
	}
	test.Type(f.title, "Safer caring")
	f.date.entry.SetText("02/06/2025")
	test.Type(f.hours, "2,5")
	choose(t, f.format, app.FormatCourse)
	test.Tap(f.standards[0])
	test.Tap(f.standards[5])
	test.Tap(f.save)

	view[*trainingPage](t, u)
	mustShow(t, u, "Safer caring")
	mustShow(t, u, "Evidence for standards: 1, 6")
	ts, err := a.Trainings()
	if err != nil || len(ts) != 1 || ts[0].Hours != 2.5 {
		t.Fatalf("trainings %+v, %v", ts, err)
	}
	p2, err := a.TSD()
	if err != nil || p2.Evidenced != 2 {
		t.Fatalf("TSD evidenced %d, %v", p2.Evidenced, err)
	}
	u.open(route{page: pageTraining, tab: 1})
	mustShow(t, u, "You have evidence for 2 of 7 standards.")
	mustShow(t, u, "Deadline: 01/03/2026 (259 days left)")
	mustShow(t, u, "Not signed off yet.")
}

func TestTrainingFormRefusesBadHours(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindSpecialGuardian)
	u := newUI(t, a)
	u.open(route{page: pageTrainingForm})
	f := view[*trainingForm](t, u)
	if len(f.standards) != 0 {
		t.Fatal("no standards for special guardians")
	}
	test.Type(f.title, "First aid")
	test.Type(f.hours, "two")
	choose(t, f.format, app.FormatCourse)
	test.Tap(f.save)
	mustShow(t, u, "Please type the hours as a number more than 0 and no more than 200")
	if ts, _ := a.Trainings(); len(ts) != 0 {
		t.Fatal("refused training was stored")
	}
}

func TestRecordingsArePagedNewestFirst(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Jay")
	const n = 250
	for i := range n {
		r := app.Recording{ChildID: c.ID, Day: testToday.AddDate(0, 0, -i), Text: fmt.Sprintf("Day note %d", i)}
		if i == 3 {
			r.Significant, r.Tags = true, []app.Tag{app.TagIncident}
		}
		if err := a.SaveRecording(&r); err != nil {
			t.Fatal(err)
		}
	}
	u := newUI(t, a)
	u.open(route{page: pageChild, id: c.ID, tab: tabRecordings})
	tab := view[*childPage](t, u).recordings
	tab.list.Resize(tab.list.MinSize().Max(u.w.Canvas().Size()))
	tab.list.Refresh()
	if tab.list.Length() != n {
		t.Fatalf("list length %d, want %d", tab.list.Length(), n)
	}
	if len(tab.loaded) > recordingPage {
		t.Fatalf("%d recordings loaded for the first screen, want at most one page", len(tab.loaded))
	}
	mustShow(t, u, "Day note 0")
	mustShow(t, u, "12/06/2025 · Incident · Significant event")
	if r, ok := tab.at(n - 1); !ok || r.Text != fmt.Sprintf("Day note %d", n-1) {
		t.Fatalf("last recording %+v", r)
	}

	tab.list.Select(3)
	f := view[*recordingForm](t, u)
	if !f.significant.Checked || f.text.Text != "Day note 3" {
		t.Fatal("the tapped recording is not the one opened")
	}
}

func TestAddRecordingDefaultsToToday(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Jay")
	u := newUI(t, a)
	u.open(route{page: pageChild, id: c.ID, tab: tabRecordings})
	u.open(route{page: pageRecordingForm, childID: c.ID})
	f := view[*recordingForm](t, u)
	if f.day.entry.Text != "15/06/2025" {
		t.Fatalf("day %q, want today", f.day.entry.Text)
	}
	mustShow(t, u, "missing from home")
	test.Tap(f.save)
	mustShow(t, u, "Please write what happened.")
	test.Type(f.text, "Police called after Jay went missing from the park.")
	f.tags.SetSelected([]string{"Incident"})
	test.Tap(f.significant)
	test.Tap(f.save)
	view[*childPage](t, u)
	rs, err := a.Recordings(c.ID, 0, 10)
	if err != nil || len(rs) != 1 || !rs[0].Significant || len(rs[0].Tags) != 1 || rs[0].Tags[0] != app.TagIncident || !rs[0].Day.Equal(testToday) {
		t.Fatalf("recordings %+v, %v", rs, err)
	}
}

func TestDeletingAMilestoneAsksFirst(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Jay")
	m := app.Milestone{ChildID: c.ID, Mission: app.MissionHealth, Title: "Registered with a dentist"}
	if err := a.SaveMilestone(&m, nil); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	u.open(route{page: pageMilestoneForm, childID: c.ID, id: m.ID})
	test.Tap(button(t, u, "Delete"))
	mustShow(t, u, "Delete this milestone? This can't be undone.")
	test.Tap(button(t, u, "Keep it"))
	if ms, _ := a.Milestones(c.ID); len(ms) != 1 {
		t.Fatal("keeping it deleted it")
	}
	test.Tap(button(t, u, "Delete"))
	overlays := u.w.Canvas().Overlays().List()
	test.Tap(button(t, u, "Delete")) // the dialog's button, on top
	if len(u.w.Canvas().Overlays().List()) >= len(overlays) {
		t.Fatal("the confirmation is still showing")
	}
	if ms, _ := a.Milestones(c.ID); len(ms) != 0 {
		t.Fatalf("milestone not deleted: %+v", ms)
	}
	view[*childPage](t, u)
}

func TestDateCanBePickedFromACalendar(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Jay")
	u := newUI(t, a)
	u.open(route{page: pageRecordingForm, childID: c.ID})
	f := view[*recordingForm](t, u)
	test.Tap(button(t, u, "Choose"))
	mustShow(t, u, "Choose a date")
	test.Tap(button(t, u, "3"))
	if f.day.entry.Text != "03/06/2025" {
		t.Fatalf("picked day shows as %q", f.day.entry.Text)
	}
	if len(u.w.Canvas().Overlays().List()) != 0 {
		t.Fatal("the calendar is still showing")
	}
}
