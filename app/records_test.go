package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"
)

func TestChildValidation(t *testing.T) {
	a, _ := readyApp(t)
	good := Child{Name: "Kim", DateOfBirth: date(2015, 1, 1), Arrangement: ArrangementSGO, PlacementStart: date(2020, 1, 1)}
	cases := []struct {
		name string
		edit func(*Child)
		key  string
	}{
		{"empty name", func(c *Child) { c.Name = "  " }, "error.name_required"},
		{"no birth date", func(c *Child) { c.DateOfBirth = time.Time{} }, "error.dob_required"},
		{"born in future", func(c *Child) { c.DateOfBirth = date(2027, 1, 1) }, "error.dob_future"},
		{"no arrangement", func(c *Child) { c.Arrangement = "" }, "error.arrangement_required"},
		{"placed before birth", func(c *Child) { c.PlacementStart = date(2014, 1, 1) }, "error.placement_before_birth"},
		{"end before start", func(c *Child) { c.PlacementEnd = date(2019, 12, 31) }, "error.placement_end_before_start"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ch := good
			c.edit(&ch)
			wantUserError(t, a.SaveChild(&ch), c.key)
		})
	}
	children, err := a.Children()
	if err != nil || len(children) != 1 {
		t.Fatalf("children after refused saves = %d (%v), want only the original 1", len(children), err)
	}
}

func TestNeedStatusIsOwnedByTheLA(t *testing.T) {
	a, c := readyApp(t)
	n := Need{ChildID: c.ID, Category: NeedRespite, Description: "A weekend break", Urgency: UrgencySoon, Status: NeedAcknowledged}
	wantUserError(t, a.SaveNeed(&n), "error.status_la_owned")
	n.Status = ""
	if err := a.SaveNeed(&n); err != nil {
		t.Fatal(err)
	}
	if n.Status != NeedRaised {
		t.Fatalf("new need status = %q, want raised", n.Status)
	}
	// The LA moves it on (this arrives by sync later).
	n.Status, n.Response = NeedInProgress, "Respite carer found"
	if err := a.store.SaveNeed(&n); err != nil {
		t.Fatal(err)
	}
	edit := n
	edit.Status, edit.Response, edit.Description = NeedMet, "", "A weekend break in August"
	if err := a.SaveNeed(&edit); err != nil {
		t.Fatal(err)
	}
	needs, _ := a.Needs()
	if len(needs) != 1 || needs[0].Status != NeedInProgress || needs[0].Response != "Respite carer found" || needs[0].Description != "A weekend break in August" {
		t.Fatalf("stored need = %+v; want the LA's status and response kept and the carer's description updated", needs)
	}
}

func TestMilestoneAndRecordingRules(t *testing.T) {
	a, c := readyApp(t)
	m := Milestone{ChildID: c.ID, Mission: MissionHealth, Title: "Registered with a dentist", Status: MilestoneAchieved}
	if err := a.SaveMilestone(&m, nil); err != nil {
		t.Fatal(err)
	}
	if !m.AchievedDate.Equal(date(2026, 11, 25)) {
		t.Errorf("achieved date defaulted to %v, want today", m.AchievedDate)
	}
	wantUserError(t, a.SaveMilestone(&Milestone{ChildID: c.ID, Mission: "fame", Title: "x"}, nil), "error.mission_required")
	wantUserError(t, a.SaveRecording(&Recording{ChildID: c.ID, Text: "  "}), "error.text_required")
	wantUserError(t, a.SaveRecording(&Recording{ChildID: c.ID, Text: "x", Day: date(2026, 11, 26)}), "error.day_future")
	r := Recording{ChildID: c.ID, Text: "Good day at school", Tags: []Tag{TagEducation}}
	if err := a.SaveRecording(&r); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.CountRecordings(c.ID); n != 1 {
		t.Errorf("recordings = %d, want 1", n)
	}
}

func TestAttachmentsAreCheckedAndRoundTrip(t *testing.T) {
	a, c := readyApp(t)
	var buf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	m := Milestone{ChildID: c.ID, Mission: MissionHome, Title: "New bedroom"}
	wantUserError(t, a.SaveMilestone(&m, &File{Name: "notes.txt", Content: []byte("just text")}), "error.attachment_type")
	wantUserError(t, a.SaveMilestone(&m, &File{Name: "huge.png", Content: make([]byte, MaxAttachment+1)}), "error.attachment_too_big")
	if err := a.SaveMilestone(&m, &File{Name: "room.png", Content: buf.Bytes()}); err != nil {
		t.Fatal(err)
	}
	got, err := a.Attachment(m.PhotoID)
	if err != nil {
		t.Fatal(err)
	}
	if got.MIME != "image/png" || !bytes.Equal(got.Content, buf.Bytes()) || got.Name != "room.png" {
		t.Fatalf("attachment = %q %q %d bytes", got.Name, got.MIME, len(got.Content))
	}
}

func TestDashboardCounts(t *testing.T) {
	a, c := readyApp(t)
	for _, m := range []Milestone{
		{ChildID: c.ID, Mission: MissionHealth, Title: "Dentist", Status: MilestoneAchieved},
		{ChildID: c.ID, Mission: MissionHealth, Title: "Swim 25m"},
		{ChildID: c.ID, Mission: MissionEducation, Title: "Year 7", Status: MilestoneAchieved},
	} {
		if err := a.SaveMilestone(&m, nil); err != nil {
			t.Fatal(err)
		}
	}
	n := Need{Category: NeedOther, Description: "Help", Urgency: UrgencyRoutine}
	if err := a.SaveNeed(&n); err != nil {
		t.Fatal(err)
	}
	d, err := a.Dashboard()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Missions) != 5 || d.Missions[4].Mission != MissionHealth || d.Missions[4].Achieved != 1 || d.Missions[4].Planned != 1 || d.Missions[1].Achieved != 1 {
		t.Fatalf("mission counts = %+v", d.Missions)
	}
	if len(d.Children) != 1 || len(d.Children[0].RecentMilestones) != 3 {
		t.Fatalf("child summaries = %+v", d.Children)
	}
	if len(d.OpenNeeds) != 1 || !d.TSD.Applies {
		t.Fatalf("open needs %d, TSD applies %v", len(d.OpenNeeds), d.TSD.Applies)
	}
}
