package app

import (
	"sync"
	"testing"
)

// The unlock screen unlocks from a goroutine (deriving the key takes a
// while) while the UI thread may lock again or read the state: under -race
// this fails if the state is a plain field.
func TestLockAndUnlockMayRunConcurrently(t *testing.T) {
	a, _, _, _ := lockedApp(t, true)
	for range 5 {
		a.Lock()
		var wg sync.WaitGroup
		wg.Go(func() {
			if err := a.Unlock("246810"); err != nil {
				t.Errorf("unlock: %v", err)
			}
		})
		for range 50 {
			_ = a.State()
			a.Lock()
		}
		wg.Wait()
		if s := a.State(); s != StateReady && s != StateLocked {
			t.Fatalf("state %v after concurrent lock and unlock", s)
		}
	}
	a.Lock()
	if err := a.Unlock("246810"); err != nil || a.State() != StateReady {
		t.Fatalf("unlock after the race: %v, state %v", err, a.State())
	}
}
