package app

import (
	"testing"
)

func TestSaveRecordingsIsAllOrNothing(t *testing.T) {
	a, c := readyApp(t)
	bad := []Recording{
		{ChildID: c.ID, Day: date(2026, 11, 1), Text: "Fine"},
		{ChildID: c.ID, Day: date(2026, 11, 2), Text: "   "},
	}
	wantUserError(t, a.SaveRecordings(bad), "error.text_required")
	if n, _ := a.CountRecordings(c.ID); n != 0 {
		t.Fatalf("after a refused batch: %d recordings, want 0", n)
	}
	good := []Recording{
		{ChildID: c.ID, Day: date(2026, 11, 1), Text: "  Swimming after school  ", Tags: []Tag{TagHealth}},
		{ChildID: c.ID, Text: "Quiet day"}, // no day: today
	}
	if err := a.SaveRecordings(good); err != nil {
		t.Fatal(err)
	}
	if good[0].ID == "" || good[0].Text != "Swimming after school" || !good[1].Day.Equal(a.Today()) {
		t.Fatalf("saved = %+v", good)
	}
	if n, _ := a.CountRecordings(c.ID); n != 2 {
		t.Fatalf("recordings = %d, want 2", n)
	}
	hits, err := a.Search("swimming")
	if err != nil || len(hits) != 1 || hits[0].ID != good[0].ID {
		t.Fatalf("search after batch = %+v, %v", hits, err)
	}
}
