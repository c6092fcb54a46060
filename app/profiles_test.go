package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/data"
)

// dataKey unwraps a profile's data key with its keychain secret, as the
// app does at start-up.
func dataKey(t *testing.T, a *App) []byte {
	t.Helper()
	wraps, err := a.store.KeyWraps()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(wraps, func(w data.KeyWrap) bool { return w.Method == wrapKeychain })
	if i < 0 {
		t.Fatal("no keychain wrap")
	}
	key, err := a.keyFromKeychain(wraps[i])
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// TestProfilesCannotReadEachOther puts a carer and a care leaver on one
// installation, sharing one keychain, and tries each one's key on the
// other's store.
func TestProfilesCannotReadEachOther(t *testing.T) {
	root, kc := t.TempDir(), newMemKeychain()
	carerDir, err := NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	leaverDir, err := NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	if carerDir == leaverDir || filepath.Dir(carerDir) != filepath.Join(root, ProfilesDir) {
		t.Fatalf("profile folders %s and %s", carerDir, leaverDir)
	}
	carer := openTest(t, carerDir, kc)
	if err := carer.CompleteSetup(Setup{Kind: KindInformalKinship, CarerNames: []string{"Gran"}}); err != nil {
		t.Fatal(err)
	}
	leaver := openTest(t, leaverDir, kc)
	if err := leaver.CompleteLeaverSetup(leaverSetup); err != nil {
		t.Fatal(err)
	}
	carerAccount, _ := carer.keychainAccount()
	leaverAccount, _ := leaver.keychainAccount()
	if carerAccount == leaverAccount || kc.Len() != 2 {
		t.Fatalf("keychain accounts %q and %q, %d entries; want one each", carerAccount, leaverAccount, kc.Len())
	}
	carerKey, leaverKey := dataKey(t, carer), dataKey(t, leaver)
	if bytes.Equal(carerKey, leaverKey) {
		t.Fatal("the two profiles share a data key")
	}
	// Each keychain secret unwraps only its own profile's key.
	wraps, _ := leaver.store.KeyWraps()
	if _, err := carer.keyFromKeychain(wraps[0]); err == nil {
		t.Error("the carer's keychain secret unwrapped the care leaver's key")
	}
	carer.Close()
	leaver.Close()

	for _, c := range []struct {
		dir string
		key []byte
	}{{leaverDir, carerKey}, {carerDir, leaverKey}} {
		s, err := data.Open(filepath.Join(c.dir, DBFile))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Unlock(c.key); !errors.Is(err, data.ErrWrongKey) {
			t.Errorf("opening %s with the other profile's key: %v, want ErrWrongKey", filepath.Base(c.dir), err)
		}
		if _, err := s.LeaverProfile(); !errors.Is(err, data.ErrLocked) {
			t.Errorf("read after the wrong key: %v, want ErrLocked", err)
		}
		s.Close()
	}

	got, err := ListProfiles(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []ProfileInfo{{carerDir, ProfileCarer}, {leaverDir, ProfileCareLeaver}}
	slices.SortFunc(want, func(x, y ProfileInfo) int { return strings.Compare(x.Dir, y.Dir) })
	if !slices.Equal(got, want) {
		t.Errorf("ListProfiles = %+v, want %+v", got, want)
	}
}

func TestListProfilesKeepsTheOldSingleStoreFirst(t *testing.T) {
	root := t.TempDir()
	if got, err := ListProfiles(root); err != nil || len(got) != 0 {
		t.Fatalf("empty root: %+v, %v", got, err)
	}
	old := openTest(t, root, newMemKeychain())
	if err := old.CompleteSetup(Setup{Kind: KindSpecialGuardian, CarerNames: []string{"Nan"}}); err != nil {
		t.Fatal(err)
	}
	old.Close()
	empty, err := NewProfileDir(root) // made but never opened: no store yet
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	openTest(t, fresh, newMemKeychain()).Close()
	got, err := ListProfiles(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []ProfileInfo{{root, ProfileCarer}, {fresh, ""}}
	if !slices.Equal(got, want) {
		t.Errorf("ListProfiles = %+v, want %+v (and not the empty %s)", got, want, empty)
	}
	if info, err := os.Stat(fresh); err != nil || runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		t.Errorf("profile folder %v, %v; want it private to the user", info, err)
	}
}
