package data

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// A search ranks only the newest matches (rankWindow), so the index's row
// order must follow the records' dates however they were saved, and a
// search with more matches than the window must find the newest ones.
func TestSearchRanksOnlyTheNewestMatches(t *testing.T) {
	s, key, _ := newStore(t)
	c := addChild(t, s, "Ada")
	days := rand.New(rand.NewPCG(1, 2)).Perm(12) // saved in no particular order
	must(t, s.SaveBatch(func(b *Batch) error {
		for _, d := range days {
			r := Recording{ChildID: c.ID, Day: day(2024, 1, 1).AddDate(0, 0, d), Text: fmt.Sprintf("kite day %d", d)}
			if err := b.SaveRecording(&r); err != nil {
				return err
			}
		}
		return nil
	}))
	s.Lock()
	must(t, s.Unlock(key)) // refills the index oldest first
	hits, err := s.Search("kite", 20)
	must(t, err)
	if len(hits) != 12 {
		t.Fatalf("with the whole index in the window, %d hits, want 12", len(hits))
	}
	setWindow(s, 4)
	hits, err = s.Search("kite", 20)
	must(t, err)
	if len(hits) != 4 {
		t.Fatalf("with a window of 4, %d hits, want 4", len(hits))
	}
	for _, h := range hits {
		if h.Date.Before(day(2024, 1, 9)) {
			t.Errorf("hit dated %v is not among the 4 newest (9–12 January)", h.Date)
		}
	}
	// Fewer matches than the window: every one is ranked.
	if got := hitIDs(t, s, "kite 3"); len(got) != 1 {
		t.Errorf("kite 3 found %d, want 1", len(got))
	}
}

// setWindow makes the open index rank only the n newest matches, so a
// test needs only a few records to reach the window's edge.
func setWindow(s *Store, n int) {
	s.mu.RLock()
	x := s.index
	s.mu.RUnlock()
	x.mu.Lock()
	x.window = n
	x.mu.Unlock()
}
