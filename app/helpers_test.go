package app

import (
	"errors"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app/apptest"
)

// newMemKeychain is an available in-memory keychain.
func newMemKeychain() *apptest.Keychain { return apptest.NewKeychain(true) }

// testKDF keeps Argon2id cheap under the race detector; production always
// uses data.DefaultArgon2.
var testKDF = KDFParams{Time: 1, MemoryKiB: 1024, Threads: 1}

// fixedNow is the tests' "today": a Wednesday, so working-day rules are
// predictable.
var fixedNow = time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// openTest opens an app on dir with the given keychain.
func openTest(t *testing.T, dir string, kc Keychain) *App {
	t.Helper()
	a, err := Open(Options{Dir: dir, Keychain: kc, KDF: &testKDF, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// readyApp is a set-up foster household with one child.
func readyApp(t *testing.T) (*App, Child) {
	t.Helper()
	a := openTest(t, t.TempDir(), newMemKeychain())
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindFoster, CarerNames: []string{"Ann Test"}, ApprovalDate: date(2026, 3, 1)}); err != nil {
		t.Fatalf("setup: %v", err)
	}
	c := Child{Name: "Test Child", DateOfBirth: date(2018, 6, 1), Arrangement: ArrangementFoster, PlacementStart: date(2025, 9, 1)}
	if err := a.SaveChild(&c); err != nil {
		t.Fatalf("save child: %v", err)
	}
	return a, c
}

// wantUserError fails unless err is a UserError with the given key.
func wantUserError(t *testing.T, err error, key string) {
	t.Helper()
	var ue *UserError
	if !errors.As(err, &ue) || ue.Key != key {
		t.Fatalf("got error %v, want user error %q", err, key)
	}
}
