package data

import (
	"testing"
)

func TestMilestoneRoundTripAndOrder(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	photo := Attachment{Name: "club.jpg", MIME: "image/jpeg", Content: []byte{1, 2, 3}}
	must(t, s.SaveAttachment(&photo))
	older := Milestone{ChildID: c.ID, Mission: MissionRelationships, Title: "two trusted adults named",
		Status: MilestoneAchieved, AchievedDate: day(2024, 5, 1)}
	planned := Milestone{ChildID: c.ID, Mission: MissionEducation, Title: "start Year 7",
		Status: MilestonePlanned, TargetDate: day(2025, 9, 3), Notes: "uniform bought"}
	undated := Milestone{ChildID: c.ID, Mission: MissionHealth, Title: "registered with a dentist",
		Status: MilestonePlanned, PhotoID: photo.ID} // created "today" (2025-03-01)
	for _, m := range []*Milestone{&older, &planned, &undated} {
		must(t, s.SaveMilestone(m))
	}
	got, err := s.Milestones(c.ID)
	must(t, err)
	same(t, got, []Milestone{planned, undated, older})

	planned.Status, planned.AchievedDate, planned.Title = MilestoneAchieved, day(2025, 9, 4), "started Year 7"
	must(t, s.SaveMilestone(&planned))
	got, err = s.Milestones(c.ID)
	must(t, err)
	same(t, got[0], planned)

	// Replacing the photo deletes the old one.
	newPhoto := Attachment{Name: "new.jpg", Content: []byte{4}}
	must(t, s.SaveAttachment(&newPhoto))
	undated.PhotoID = newPhoto.ID
	must(t, s.SaveMilestone(&undated))
	_, err = s.Attachment(photo.ID)
	wantErr(t, err, ErrNotFound)

	must(t, s.DeleteMilestone(undated.ID))
	wantErr(t, s.DeleteMilestone(undated.ID), ErrNotFound)
	assertTombstone(t, s, "milestones", undated.ID, "title", "notes")
	assertTombstone(t, s, "attachments", newPhoto.ID, "name", "content")
	got, err = s.Milestones(c.ID)
	must(t, err)
	same(t, len(got), 2)

	for _, bad := range []Milestone{
		{ChildID: c.ID, Mission: "space", Title: "x", Status: MilestonePlanned},
		{ChildID: c.ID, Mission: MissionHome, Title: "x", Status: "maybe"},
		{ChildID: c.ID, Mission: MissionHome, Status: MilestonePlanned},
		{ChildID: "nobody", Mission: MissionHome, Title: "x", Status: MilestonePlanned},
		{ChildID: c.ID, Mission: MissionHome, Title: "x", Status: MilestonePlanned, PhotoID: "no-photo"},
	} {
		if err := s.SaveMilestone(&bad); err == nil {
			t.Errorf("accepted bad milestone %+v", bad)
		}
	}
}
