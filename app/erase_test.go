package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/oauth2"

	"github.com/hearth-app/hearth/data"
)

func TestEraseChildRemovesTheirRecordsOnly(t *testing.T) {
	a, c := readyApp(t)
	other := Child{Name: "Other Child", DateOfBirth: date(2017, 1, 1), Arrangement: ArrangementFoster, PlacementStart: date(2025, 9, 1)}
	if err := a.SaveChild(&other); err != nil {
		t.Fatal(err)
	}
	r := Recording{ChildID: c.ID, Day: date(2026, 11, 1), Text: "Went swimming"}
	if err := a.SaveRecording(&r); err != nil {
		t.Fatal(err)
	}
	if err := a.EraseChild(c.ID); err != nil {
		t.Fatalf("erase: %v", err)
	}
	if _, err := a.Child(c.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("erased child still readable: %v", err)
	}
	if _, err := a.Recording(r.ID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("erased recording still readable: %v", err)
	}
	kids, err := a.Children()
	if err != nil || len(kids) != 1 || kids[0].ID != other.ID {
		t.Fatalf("children after erase: %+v, %v", kids, err)
	}
}

func TestDeleteProfileRemovesFilesFolderAndKeychainEntry(t *testing.T) {
	root, kc := t.TempDir(), newMemKeychain()
	dir, err := NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	keep, err := NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	a := openTest(t, dir, kc)
	if err := a.CompleteSetup(Setup{Kind: KindSpecialGuardian, CarerNames: []string{"Ann"}}); err != nil {
		t.Fatal(err)
	}
	b := openTest(t, keep, kc)
	if err := b.CompleteSetup(Setup{Kind: KindSpecialGuardian, CarerNames: []string{"Bea"}}); err != nil {
		t.Fatal(err)
	}
	account, err := a.keychainAccount()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kc.Get(account); err != nil || kc.Len() != 2 {
		t.Fatalf("before: keychain holds %d entries, this profile's: %v", kc.Len(), err)
	}

	// Signed in to the LA: that keychain entry must go with the profile.
	if err := a.laTokens().Save(&oauth2.Token{AccessToken: "a", RefreshToken: "r"}); err != nil || kc.Len() != 3 {
		t.Fatalf("save LA sign-in: %v (entries %d)", err, kc.Len())
	}

	if err := a.DeleteProfile(""); err != nil {
		t.Fatalf("delete profile: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("profile folder still there: %v", err)
	}
	if _, err := kc.Get(account); err == nil || kc.Len() != 1 {
		t.Fatalf("keychain still holds the account (entries %d)", kc.Len())
	}
	list, err := ListProfiles(root)
	if err != nil || len(list) != 1 || list[0].Dir != keep {
		t.Fatalf("profiles left: %+v, %v", list, err)
	}
	if _, err := b.Household(); err != nil {
		t.Fatalf("the other profile broke: %v", err)
	}
}

func TestDeleteProfileInTheRootKeepsOtherProfiles(t *testing.T) {
	root, kc := t.TempDir(), newMemKeychain()
	a := openTest(t, root, kc)
	if err := a.CompleteSetup(Setup{Kind: KindSpecialGuardian, CarerNames: []string{"Ann"}, Passphrase: "root passphrase"}); err != nil {
		t.Fatal(err)
	}
	other, err := NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	b := openTest(t, other, kc)
	if err := b.CompleteSetup(Setup{Kind: KindSpecialGuardian, CarerNames: []string{"Bea"}}); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteProfile(""); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{DBFile, DBFile + "-wal", DBFile + "-shm"} {
		if _, err := os.Stat(filepath.Join(root, f)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(other, DBFile)); err != nil {
		t.Fatalf("the other profile's store went too: %v", err)
	}
	if kc.Len() != 1 {
		t.Fatalf("keychain holds %d entries, want the other profile's only", kc.Len())
	}
}

func TestDeleteProfileWithALockNeedsThePIN(t *testing.T) {
	a, dir, kc, _ := lockedApp(t, true)
	wantUserError(t, a.DeleteProfile("000000"), "lock.error.wrong_pin")
	if _, err := a.Household(); err != nil {
		t.Fatalf("a wrong PIN closed or damaged the profile: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, DBFile)); err != nil {
		t.Fatalf("a wrong PIN deleted the store: %v", err)
	}
	if err := a.DeleteProfile("246810"); err != nil {
		t.Fatalf("delete with the PIN: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, DBFile)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("store still there: %v", err)
	}
	if kc.Len() != 0 {
		t.Fatalf("keychain holds %d entries", kc.Len())
	}
}

// A deleted file's bytes stay on the disk until they are reused (a hard
// link stands for that here). Deleting a profile must leave no wrap of the
// data key in them, or the PIN could still be guessed offline.
func TestDeleteProfileLeavesNoKeyWrapInTheRemovedFile(t *testing.T) {
	root, kc := t.TempDir(), newMemKeychain()
	dir, err := NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	a := openTest(t, dir, kc)
	if err := a.CompleteSetup(Setup{Kind: KindSpecialGuardian, CarerNames: []string{"Ann"}}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetLock("", LockSetup{Kind: LockPIN, Secret: "135790", Confirm: "135790", KeychainToo: true}); err != nil {
		t.Fatal(err)
	}
	wraps, err := a.store.KeyWraps()
	if err != nil || len(wraps) != 2 {
		t.Fatalf("wraps before: %d, %v", len(wraps), err)
	}
	path, err := a.store.Path()
	if err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(t.TempDir(), "left-on-disk.db")
	if err := os.Link(path, left); err != nil {
		t.Skipf("cannot hard-link here: %v", err)
	}

	if err := a.DeleteProfile("135790"); err != nil {
		t.Fatalf("delete profile: %v", err)
	}
	disk, err := os.ReadFile(left)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range wraps {
		if bytes.Contains(disk, w.Wrapped) {
			t.Errorf("the %s wrap of the data key is still in the deleted file", w.Method)
		}
	}
}
