package app

import (
	"errors"
	"sync"
	"testing"
	"time"
)

func TestLockDelayIsFreeThenDoublesUpToTheCap(t *testing.T) {
	want := map[int]time.Duration{1: 0, 2: 0, 3: 0, 4: 30 * time.Second, 5: time.Minute, 6: 2 * time.Minute,
		7: 4 * time.Minute, 8: 8 * time.Minute, 9: 15 * time.Minute, 50: 15 * time.Minute}
	for n, d := range want {
		if got := lockDelay(n); got != d {
			t.Errorf("lockDelay(%d) = %v, want %v", n, got, d)
		}
	}
}

// wantWait fails unless err is a WaitError with key and wait.
func wantWait(t *testing.T, err error, key string, wait time.Duration) {
	t.Helper()
	var we *WaitError
	if !errors.As(err, &we) || we.Key != key || we.Wait != wait {
		t.Fatalf("got %v, want %q with a wait of %v", err, key, wait)
	}
	wantUserError(t, err, key) // screens that only know UserError still see it
}

func TestWrongPINsSlowDownAndTheWaitSurvivesARestart(t *testing.T) {
	a, dir, kc, c := lockedApp(t, false)
	a.Lock()
	for range 3 {
		wantUserError(t, a.Unlock("000000"), "lock.error.wrong_pin")
	}
	wantWait(t, a.Unlock("000000"), "lock.error.wrong_pin_wait", 30*time.Second)
	// Even the right PIN is refused until the wait is over.
	wantWait(t, a.Unlock("246810"), "lock.error.wait", 30*time.Second)
	c.advance(10 * time.Second)
	a.Close()

	b := openClocked(t, dir, kc, c)
	wantWait(t, b.Unlock("246810"), "lock.error.wait", 20*time.Second)
	c.advance(20 * time.Second)
	wantWait(t, b.Unlock("000000"), "lock.error.wrong_pin_wait", time.Minute)
	c.advance(time.Minute)
	if err := b.Unlock("246810"); err != nil {
		t.Fatalf("right PIN after the wait: %v", err)
	}
	// The right PIN starts the count again.
	b.Lock()
	wantUserError(t, b.Unlock("000000"), "lock.error.wrong_pin")
}

func TestTurningTheClockBackDoesNotLengthenTheWait(t *testing.T) {
	a, _, _, c := lockedApp(t, false)
	a.Lock()
	for range 4 {
		_ = a.Unlock("000000")
	}
	c.advance(-24 * time.Hour)
	if w := a.LockWait(); w != 30*time.Second {
		t.Fatalf("wait after the clock went back a day = %v, want the rule's 30s", w)
	}
}

func TestWrongCurrentPINCountsToo(t *testing.T) {
	a, _, _, _ := lockedApp(t, false)
	for range 3 {
		wantUserError(t, a.RemoveLock("999999"), "lock.error.wrong_pin")
	}
	wantWait(t, a.RemoveLock("999999"), "lock.error.wrong_pin_wait", 30*time.Second)
	wantWait(t, a.RemoveLock("246810"), "lock.error.wait", 30*time.Second)
	if !a.LockEnabled() {
		t.Fatal("the lock was removed during the wait")
	}
}

// Wrong tries made at once (two taps, or a script against the screen) are
// each counted: none may be derived before the one before it is counted.
func TestParallelWrongTriesAreEachCounted(t *testing.T) {
	a, _, _, _ := lockedApp(t, false)
	a.Lock()
	const n = freeTries + 1
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			var ue *UserError
			if err := a.Unlock("000000"); !errors.As(err, &ue) {
				t.Errorf("a wrong PIN gave %v, want a user error", err)
			}
		})
	}
	wg.Wait()
	if got, err := a.failures(); err != nil || got != n {
		t.Fatalf("%d parallel wrong tries counted %d (%v)", n, got, err)
	}
	wantWait(t, a.Unlock("246810"), "lock.error.wait", lockDelay(n))
}
