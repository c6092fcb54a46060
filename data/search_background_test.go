package data

import (
	"fmt"
	"testing"
	"time"
)

// reopened saves n recordings mentioning "kite", then locks the store and
// unlocks it again, so the index is being filled in the background when
// the test continues.
func reopened(t *testing.T, n int) (*Store, Child, []byte) {
	t.Helper()
	s, key, _ := newStore(t)
	c := addChild(t, s, "Ada")
	must(t, s.SaveBatch(func(b *Batch) error {
		for i := range n {
			r := Recording{ChildID: c.ID, Day: day(2024, 1, 1+i%28), Text: fmt.Sprintf("Flew the kite, day %d", i)}
			if err := b.SaveRecording(&r); err != nil {
				return err
			}
		}
		return nil
	}))
	s.Lock()
	must(t, s.Unlock(key))
	return s, c, key
}

func TestSearchWaitsForTheBackgroundIndex(t *testing.T) {
	s, _, _ := reopened(t, 300)
	hits, err := s.Search("kite", 1000)
	must(t, err)
	if len(hits) != 300 {
		t.Fatalf("search straight after unlock found %d of 300", len(hits))
	}
}

func TestSaveDuringTheBackgroundFillIsNotLost(t *testing.T) {
	s, c, _ := reopened(t, 300)
	// These saves race the fill; each must end up in the index once, with
	// its newest text, whichever finishes first.
	r := Recording{ChildID: c.ID, Day: day(2024, 2, 1), Text: "Balloon race"}
	must(t, s.SaveRecording(&r))
	r.Text = "Paper boats on the pond"
	must(t, s.SaveRecording(&r))
	if got := hitIDs(t, s, "balloon"); len(got) != 0 {
		t.Fatalf("old text still found: %v", got)
	}
	if got := hitIDs(t, s, "boats"); len(got) != 1 || got[0] != r.ID {
		t.Fatalf("new text found %v, want %s", got, r.ID)
	}
	hits, err := s.Search("kite", 1000)
	must(t, err)
	if len(hits) != 300 {
		t.Fatalf("found %d of the 300 older recordings", len(hits))
	}
}

func TestLockAndCloseDuringTheBackgroundFill(t *testing.T) {
	s, _, key := reopened(t, 300)
	s.Lock() // waits for the fill, then drops the index
	if _, err := s.Search("kite", 10); err == nil {
		t.Fatal("search after lock worked")
	}
	must(t, s.Unlock(key))
	must(t, s.Close()) // closes while the new fill may still run
}

func TestIndexGateHoldsTheFillBack(t *testing.T) {
	s, c, key := reopened(t, 50)
	gate := make(chan struct{})
	s.SetIndexGate(gate)
	s.Lock()
	must(t, s.Unlock(key))
	found := make(chan int, 1)
	go func() {
		hits, err := s.Search("kite", 100)
		if err != nil {
			t.Error(err)
		}
		found <- len(hits)
	}()
	select {
	case n := <-found:
		t.Fatalf("search answered (%d hits) before the gate opened", n)
	case <-time.After(50 * time.Millisecond):
	}
	r := Recording{ChildID: c.ID, Day: day(2024, 3, 1), Text: "Another kite"}
	saved := make(chan error, 1)
	go func() { saved <- s.SaveRecording(&r) }()
	close(gate)
	if n := <-found; n != 50 && n != 51 {
		t.Fatalf("search found %d, want the 50 saved before unlock (and perhaps the new one)", n)
	}
	must(t, <-saved)
	if hits, _ := s.Search("kite", 100); len(hits) != 51 {
		t.Fatalf("after the save: %d hits, want 51", len(hits))
	}
}

func TestLockWhileTheGateIsShut(t *testing.T) {
	s, _, key := reopened(t, 5)
	s.SetIndexGate(make(chan struct{})) // never opens
	s.Lock()
	must(t, s.Unlock(key))
	s.Lock() // must not wait for the gate
	must(t, s.Close())
}
