package data

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestRecordingRoundTrip(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	r := Recording{ChildID: c.ID, Day: day(2025, 2, 14), Text: "Made a card for Gran.",
		Tags: []Tag{TagAchievement, TagFamilyTime}, Significant: true}
	must(t, s.SaveRecording(&r))
	got, err := s.Recordings(c.ID, 0, 10)
	must(t, err)
	r.Tags = []Tag{TagFamilyTime, TagAchievement} // read back in display order
	same(t, got, []Recording{r})

	r.Text, r.Tags, r.Significant = "Made two cards.", nil, false
	must(t, s.SaveRecording(&r))
	got, err = s.Recordings(c.ID, 0, 10)
	must(t, err)
	same(t, got, []Recording{r})
	one, err := s.Recording(r.ID)
	must(t, err)
	same(t, one, r)

	must(t, s.DeleteRecording(r.ID))
	_, err = s.Recording(r.ID)
	wantErr(t, err, ErrNotFound)
	wantErr(t, s.DeleteRecording(r.ID), ErrNotFound)
	assertTombstone(t, s, "recordings", r.ID, "text", "tags")
	got, err = s.Recordings(c.ID, 0, 10)
	must(t, err)
	same(t, len(got), 0)
	wantErr(t, s.SaveRecording(&r), ErrNotFound) // updating a tombstone

	for _, bad := range []Recording{
		{ChildID: c.ID, Text: "no day"},
		{ChildID: c.ID, Day: day(2025, 1, 1), Tags: []Tag{"gossip"}},
		{ChildID: "nobody", Day: day(2025, 1, 1)},
	} {
		if err := s.SaveRecording(&bad); err == nil {
			t.Errorf("accepted bad recording %+v", bad)
		}
	}
}

// seedRecordings saves n recordings for child over consecutive days (a few
// per day) in one batch and returns them in the order the diary shows.
func seedRecordings(t testing.TB, s *Store, childID string, n int) []Recording {
	t.Helper()
	recs := make([]Recording, n)
	must(t, s.SaveBatch(func(b *Batch) error {
		for i := range recs {
			recs[i] = Recording{ChildID: childID, Day: day(2024, 1, 1).AddDate(0, 0, i/3),
				Text: fmt.Sprintf("entry %d: walked to school, football after, tea with foster family", i)}
			if err := b.SaveRecording(&recs[i]); err != nil {
				return err
			}
		}
		return nil
	}))
	return recs
}

func TestRecordingsPaging(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	other := addChild(t, s, "Bea")
	seedRecordings(t, s, other.ID, 5)
	// Save one at a time so creation times differ within a day.
	var want []Recording
	for i := range 300 {
		r := Recording{ChildID: c.ID, Day: day(2024, 1, 1).AddDate(0, 0, (i*7)%100), Text: fmt.Sprint("note ", i)}
		must(t, s.SaveRecording(&r))
		want = append(want, r)
	}
	n, err := s.CountRecordings(c.ID)
	must(t, err)
	same(t, n, 300)

	var got []Recording
	for off := 0; ; off += 45 {
		page, err := s.Recordings(c.ID, off, 45)
		must(t, err)
		if len(page) == 0 {
			break
		}
		got = append(got, page...)
	}
	if len(got) != 300 {
		t.Fatalf("paged %d recordings, want 300", len(got))
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		if a.Day.Before(b.Day) || a.Day.Equal(b.Day) && a.Created.Before(b.Created) {
			t.Fatalf("out of order at %d: %v/%v before %v/%v", i, a.Day, a.Created, b.Day, b.Created)
		}
		if b.ChildID != c.ID {
			t.Fatalf("another child's recording in the page")
		}
	}
	seen := map[string]bool{}
	for _, r := range got {
		seen[r.ID] = true
	}
	for _, r := range want {
		if !seen[r.ID] {
			t.Fatalf("recording %s missing from pages", r.ID)
		}
	}
	if page, err := s.Recordings(c.ID, 0, 0); err != nil || len(page) != 0 {
		t.Errorf("limit 0 gave %d rows, %v", len(page), err)
	}

	recent, err := s.RecentRecordings(3)
	must(t, err)
	same(t, len(recent), 3)
	if !recent[0].Day.Equal(day(2024, 4, 9)) { // (i*7)%100 peaks at 99
		t.Errorf("newest recording is on %v", recent[0].Day)
	}
}

func TestRecordingsPagesUseIndexes(t *testing.T) {
	s := unlocked(t)
	for index, query := range map[string]string{
		"recordings_child_day": "AND child_id = 'x'" + newestDayFirst,
		"recordings_day":       newestDayFirst,
	} {
		rows, err := s.r.Query("EXPLAIN QUERY PLAN SELECT id FROM recordings WHERE deleted_at IS NULL "+query, 20, 0)
		must(t, err)
		var plan string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			must(t, rows.Scan(&id, &parent, &unused, &detail))
			plan += detail + "\n"
		}
		must(t, rows.Close())
		if !strings.Contains(plan, "INDEX "+index) || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("query plan does not page off %s:\n%s", index, plan)
		}
	}
}

func BenchmarkRecordingsPage(b *testing.B) {
	s := unlocked(b)
	c := addChild(b, s, "Ada")
	start := time.Now()
	seedRecordings(b, s, c.ID, 18000)
	b.Logf("seeded 18,000 recordings in %v", time.Since(start))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		page, err := s.Recordings(c.ID, (i*50)%17950, 50)
		if err != nil || len(page) != 50 {
			b.Fatalf("page: %d rows, %v", len(page), err)
		}
	}
}
