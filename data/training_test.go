package data

import (
	"testing"
)

func TestTrainingRoundTrip(t *testing.T) {
	s := unlocked(t)
	cert := Attachment{Name: "cert.pdf", MIME: "application/pdf", Content: []byte("%PDF")}
	must(t, s.SaveAttachment(&cert))
	first := Training{Title: "Safeguarding level 1", Provider: "County Council", Date: day(2024, 10, 2),
		Hours: 6, Format: FormatCourse, Standards: []int{6, 3}, Evidence: "reflective log", CertificateID: cert.ID}
	reading := Training{Title: "The Body Keeps the Score", Format: FormatReading, Hours: 4.5} // undated: "today"
	must(t, s.SaveTraining(&first))
	must(t, s.SaveTraining(&reading))
	got, err := s.Trainings()
	must(t, err)
	first.Standards = []int{3, 6} // read back ascending
	same(t, got, []Training{reading, first})

	first.Standards = []int{1, 6, 6}
	first.Title = "Safeguarding level 2"
	must(t, s.SaveTraining(&first))
	got, err = s.Trainings()
	must(t, err)
	first.Standards = []int{1, 6}
	same(t, got[1], first)
	first.Standards = []int{3} // one dropped earlier comes back
	must(t, s.SaveTraining(&first))
	got, err = s.Trainings()
	must(t, err)
	same(t, got[1].Standards, []int{3})

	must(t, s.DeleteTraining(first.ID))
	wantErr(t, s.DeleteTraining(first.ID), ErrNotFound)
	assertTombstone(t, s, "trainings", first.ID, "title", "provider", "evidence")
	assertTombstone(t, s, "attachments", cert.ID, "name", "content")
	var live int
	must(t, s.r.QueryRow("SELECT count(*) FROM training_standards WHERE training_id = ? AND deleted_at IS NULL", first.ID).Scan(&live))
	same(t, live, 0)
	got, err = s.Trainings()
	must(t, err)
	same(t, got, []Training{reading})

	for _, bad := range []Training{
		{Title: "x", Format: "podcast"},
		{Title: "x", Format: FormatCourse, Hours: -1},
		{Title: "x", Format: FormatCourse, Standards: []int{8}},
		{Format: FormatCourse},
		{Title: "x", Format: FormatCourse, CertificateID: "missing"},
	} {
		if err := s.SaveTraining(&bad); err == nil {
			t.Errorf("accepted bad training %+v", bad)
		}
	}
}

func TestSignOffs(t *testing.T) {
	s, _, _ := newStore(t)
	s.Lock() // LA-owned and not sensitive: works while locked
	must(t, s.SaveSignOff(SignOff{Standard: 4, SignedOn: day(2025, 1, 20)}))
	must(t, s.SaveSignOff(SignOff{Standard: 1}))
	must(t, s.SaveSignOff(SignOff{Standard: 4, SignedOn: day(2025, 2, 1)}))
	got, err := s.SignOffs()
	must(t, err)
	same(t, got, []SignOff{{Standard: 1}, {Standard: 4, SignedOn: day(2025, 2, 1)}})
	if err := s.SaveSignOff(SignOff{Standard: 0}); err == nil {
		t.Error("sign-off of standard 0 accepted")
	}
}
