package data

import (
	"fmt"
	"testing"
)

func TestSaveBatchCommitsEverythingAndIndexes(t *testing.T) {
	s := unlocked(t)
	var c Child
	var need Need
	must(t, s.SaveBatch(func(b *Batch) error {
		c = Child{Name: "Ada", Arrangement: ArrangementFoster}
		if err := b.SaveChild(&c); err != nil {
			return err
		}
		for i := range 50 {
			r := Recording{ChildID: c.ID, Day: day(2025, 1, 1+i%28), Text: fmt.Sprint("batch note ", i)}
			if err := b.SaveRecording(&r); err != nil {
				return err
			}
		}
		need = Need{ChildID: c.ID, Category: NeedEducation, Urgency: UrgencyRoutine, Status: NeedDraft, Description: "tutor"}
		if err := b.SaveNeed(&need); err != nil {
			return err
		}
		if err := b.SaveMilestone(&Milestone{ChildID: c.ID, Mission: MissionEducation, Status: MilestonePlanned, Title: "GCSE maths"}); err != nil {
			return err
		}
		return b.SaveTraining(&Training{Title: "Education support", Format: FormatELearning})
	}))
	n, err := s.CountRecordings(c.ID)
	must(t, err)
	same(t, n, 50)
	for q, want := range map[string]int{"batch": 20, "tutor": 1, "gcse": 1, "educ": 1} {
		hits, err := s.Search(q, 20)
		must(t, err)
		if len(hits) != want {
			t.Errorf("Search(%q) found %d, want %d", q, len(hits), want)
		}
	}
}

func TestFailedBatchRestoresStructs(t *testing.T) {
	s := unlocked(t)
	c := Child{Name: "Ada", Arrangement: ArrangementFoster}
	r := Recording{Day: day(2025, 1, 1), Text: "x"}
	err := s.SaveBatch(func(b *Batch) error {
		if err := b.SaveChild(&c); err != nil {
			return err
		}
		r.ChildID = "no-such-child"
		return b.SaveRecording(&r)
	})
	wantErr(t, err, ErrNotFound)
	if c.ID != "" || !c.Created.IsZero() {
		t.Errorf("rolled-back child kept ID %q", c.ID)
	}
	kids, err := s.Children()
	must(t, err)
	if len(kids) != 0 {
		t.Errorf("rolled-back batch left %d children", len(kids))
	}
}
