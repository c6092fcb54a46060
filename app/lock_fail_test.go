package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Settings that cannot be read (the store closed underneath, here) must
// stop every check of the PIN rather than skip it.
func TestLockChecksFailClosedWhenSettingsCannotBeRead(t *testing.T) {
	a, dir, _, _ := lockedApp(t, false)
	if err := a.store.Close(); err != nil {
		t.Fatal(err)
	}
	if k, err := a.lockKind(); err == nil {
		t.Fatalf("lockKind on an unreadable store = %q with no error", k)
	}
	if _, err := a.failures(); err == nil {
		t.Fatal("failures on an unreadable store gave no error")
	}
	if err := a.mustWait("passphrase"); err == nil {
		t.Fatal("mustWait let a try through without reading the wait")
	}
	err := a.DeleteProfile("")
	if err == nil || !strings.Contains(err.Error(), settingLockKind) {
		t.Fatalf("DeleteProfile without the PIN on an unreadable store: %v, want a refusal on reading the lock", err)
	}
	if _, err := os.Stat(filepath.Join(dir, DBFile)); err != nil {
		t.Fatalf("the store was deleted: %v", err)
	}
	err = a.SetLock("", LockSetup{Kind: LockPIN, Secret: "135790", Confirm: "135790"})
	if err == nil || !strings.Contains(err.Error(), settingLockKind) {
		t.Fatalf("SetLock without the current PIN on an unreadable store: %v", err)
	}
}
