package data

import (
	"testing"
)

func TestChildRoundTrip(t *testing.T) {
	s := unlocked(t)
	c := Child{Name: "Ada Lovelace", PreferredName: "Ada", DateOfBirth: day(2015, 12, 10),
		Arrangement: ArrangementKinshipFoster, PlacementStart: day(2024, 1, 8), PlacementEnd: day(2025, 1, 8),
		School: "Hill Primary", GP: "Dr Babbage", Dentist: "Smile Ltd", LAReference: "LA-42"}
	must(t, s.SaveChild(&c))
	got, err := s.Child(c.ID)
	must(t, err)
	same(t, got, c)

	c.Name, c.PlacementEnd, c.School, c.LongTerm = "Ada King", day(2025, 2, 1), "", true
	must(t, s.SaveChild(&c))
	got, err = s.Child(c.ID)
	must(t, err)
	same(t, got, c)

	_, err = s.Child("missing")
	wantErr(t, err, ErrNotFound)
	wantErr(t, s.SaveChild(&Child{Record: Record{ID: "missing"}, Name: "X", Arrangement: ArrangementSGO}), ErrNotFound)
	if err := s.SaveChild(&Child{Name: "X", Arrangement: "adoption"}); err == nil {
		t.Error("unknown arrangement accepted")
	}
	if err := s.SaveChild(&Child{Arrangement: ArrangementSGO}); err == nil {
		t.Error("child without a name accepted")
	}
}

func TestChildrenOrder(t *testing.T) {
	s := unlocked(t)
	for _, c := range []Child{
		{Name: "zed", PlacementStart: day(2023, 1, 1)},
		{Name: "Cy"},
		{Name: "bo", PlacementStart: day(2024, 1, 1)},
		{Name: "Al", PlacementStart: day(2024, 1, 1)},
	} {
		c.Arrangement = ArrangementFoster
		must(t, s.SaveChild(&c))
	}
	kids, err := s.Children()
	must(t, err)
	var names []string
	for _, k := range kids {
		names = append(names, k.Name)
	}
	same(t, names, []string{"zed", "Al", "bo", "Cy"})
}

func TestDeleteChildCascades(t *testing.T) {
	s := unlocked(t)
	c := Child{Name: "Ada", Arrangement: ArrangementFoster, DateOfBirth: day(2015, 1, 1), LAReference: "LA-1", School: "Hill"}
	must(t, s.SaveChild(&c))
	other := addChild(t, s, "Bea")
	photo := Attachment{Name: "p.jpg", Content: []byte("jpeg")}
	must(t, s.SaveAttachment(&photo))
	m := Milestone{ChildID: c.ID, Mission: MissionWork, Status: MilestoneAchieved, Title: "first job", PhotoID: photo.ID}
	must(t, s.SaveMilestone(&m))
	r := Recording{ChildID: c.ID, Day: day(2025, 1, 2), Text: "good day"}
	must(t, s.SaveRecording(&r))
	n := Need{ChildID: c.ID, Category: NeedHealth, Urgency: UrgencyRoutine, Status: NeedDraft, Description: "glasses"}
	must(t, s.SaveNeed(&n))
	keep := Recording{ChildID: other.ID, Day: day(2025, 1, 2), Text: "good day too"}
	must(t, s.SaveRecording(&keep))

	must(t, s.DeleteChild(c.ID))
	wantErr(t, s.DeleteChild(c.ID), ErrNotFound)
	_, err := s.Child(c.ID)
	wantErr(t, err, ErrNotFound)
	kids, err := s.Children()
	must(t, err)
	same(t, len(kids), 1)
	assertTombstone(t, s, "children", c.ID, "name", "preferred_name", "school", "gp", "dentist", "date_of_birth", "la_reference")
	assertTombstone(t, s, "milestones", m.ID, "title", "notes")
	assertTombstone(t, s, "recordings", r.ID, "text", "tags")
	assertTombstone(t, s, "attachments", photo.ID, "name", "content")
	ms, err := s.Milestones(c.ID)
	must(t, err)
	same(t, len(ms), 0)
	hits, err := s.Search("good", 10)
	must(t, err)
	if len(hits) != 1 || hits[0].ID != keep.ID {
		t.Errorf("search after delete: %+v", hits)
	}
	needs, err := s.Needs()
	must(t, err)
	same(t, len(needs), 1) // the household's need stays
	if err := s.SaveRecording(&Recording{ChildID: c.ID, Day: day(2025, 1, 3), Text: "x"}); err == nil {
		t.Error("saved a recording for a deleted child")
	}
}
