package screens

import (
	"testing"
)

// Work started before Hearth locked does not apply its result over the
// unlock screen; work started after unlocking does.
func TestBackgroundResultAfterLockIsDropped(t *testing.T) {
	_, u := pinUI(t)
	release := make(chan struct{})
	applied := false
	u.background(func() { <-release }, func() { applied = true })
	u.lockApp()
	close(release)
	waitIdle(t, u)
	if applied {
		t.Fatal("a result from before the lock was applied after it")
	}
	mustShow(t, u, "PIN")

	u.background(func() {}, func() { applied = true })
	waitIdle(t, u)
	if !applied {
		t.Fatal("work started while locked (an unlock, say) was not applied")
	}
}
