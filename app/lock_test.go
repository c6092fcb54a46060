package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app/apptest"
)

// testClock is a clock the test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openClocked opens an app on dir whose clock the test controls.
func openClocked(t *testing.T, dir string, kc Keychain, c *testClock) *App {
	t.Helper()
	a, err := Open(Options{Dir: dir, Keychain: kc, KDF: &testKDF, Now: c.now})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// lockedApp is a set-up household with one child whose records carry the
// PIN 246810, keychain kept or not as keychainToo says.
func lockedApp(t *testing.T, keychainToo bool) (*App, string, *apptest.Keychain, *testClock) {
	t.Helper()
	dir, kc, c := t.TempDir(), newMemKeychain(), &testClock{t: fixedNow}
	a := openClocked(t, dir, kc, c)
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindSpecialGuardian, CarerNames: []string{"Ann Test"}}); err != nil {
		t.Fatal(err)
	}
	ch := Child{Name: "Test Child", DateOfBirth: date(2018, 6, 1), Arrangement: ArrangementSGO, PlacementStart: date(2025, 9, 1)}
	if err := a.SaveChild(&ch); err != nil {
		t.Fatal(err)
	}
	if err := a.SetLock("", LockSetup{Kind: LockPIN, Secret: "246810", Confirm: "246810", KeychainToo: keychainToo}); err != nil {
		t.Fatalf("set lock: %v", err)
	}
	return a, dir, kc, c
}

func TestSetLockRefusesBadPINsAndPassphrases(t *testing.T) {
	a, _ := readyApp(t)
	cases := []struct {
		s   LockSetup
		key string
	}{
		{LockSetup{Kind: LockPIN, Secret: "12345", Confirm: "12345"}, "lock.error.pin_short"},
		{LockSetup{Kind: LockPIN, Secret: "12345a", Confirm: "12345a"}, "lock.error.pin_digits"},
		{LockSetup{Kind: LockPIN, Secret: "123 456", Confirm: "123 456"}, "lock.error.pin_digits"},
		{LockSetup{Kind: LockPIN, Secret: "123456", Confirm: "123465"}, "lock.error.mismatch"},
		{LockSetup{Kind: LockPassphrase, Secret: "short", Confirm: "short"}, "error.passphrase_short"},
		{LockSetup{Kind: LockPassphrase, Secret: "long enough words", Confirm: "long enough word"}, "lock.error.mismatch"},
		{LockSetup{Secret: "123456", Confirm: "123456"}, "lock.error.kind"},
	}
	for _, c := range cases {
		wantUserError(t, a.SetLock("", c.s), c.key)
	}
	if a.LockEnabled() || a.hasWrap(wrapLock) {
		t.Fatal("a refused lock was stored")
	}
}

func TestLockWithKeychainToo(t *testing.T) {
	a, dir, kc, c := lockedApp(t, true)
	if !a.LockEnabled() || a.LockKind() != LockPIN || !a.KeychainOpens() || kc.Len() != 1 {
		t.Fatalf("lock %q, keychain opens %v, keychain entries %d", a.LockKind(), a.KeychainOpens(), kc.Len())
	}
	if !a.Lock() || a.State() != StateLocked {
		t.Fatal("Lock did not lock")
	}
	if _, err := a.Children(); err == nil {
		t.Fatal("records readable while locked")
	}
	wantUserError(t, a.Unlock("135790"), "lock.error.wrong_pin")
	if err := a.Unlock("246810"); err != nil || a.State() != StateReady {
		t.Fatalf("unlock with PIN: %v, state %v", err, a.State())
	}
	a.Close()
	// Starting Hearth again: the keychain opens it, as chosen.
	b := openClocked(t, dir, kc, c)
	if b.State() != StateReady {
		t.Fatalf("reopened state = %v, want ready (keychain kept)", b.State())
	}
}

func TestLockRequiredRemovesKeychain(t *testing.T) {
	a, dir, kc, c := lockedApp(t, false)
	if a.KeychainOpens() || kc.Len() != 0 {
		t.Fatalf("keychain still opens (%v) or holds %d entries", a.KeychainOpens(), kc.Len())
	}
	a.Close()
	b := openClocked(t, dir, kc, c)
	if b.State() != StateLocked {
		t.Fatalf("reopened state = %v, want locked (PIN required)", b.State())
	}
	if err := b.Unlock("246810"); err != nil || b.State() != StateReady {
		t.Fatalf("unlock: %v, state %v", err, b.State())
	}
	kids, err := b.Children()
	if err != nil || len(kids) != 1 || kids[0].Name != "Test Child" {
		t.Fatalf("children after unlock: %+v, %v", kids, err)
	}
}

// dbPages reads the closed store's database file as SQLite pages.
func dbPages(t *testing.T, dir string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	const pageSize = 4096 // SQLite's default, which data.Open keeps
	var pages [][]byte
	for len(b) >= pageSize {
		pages, b = append(pages, b[:pageSize]), b[pageSize:]
	}
	return pages
}

// TestChangingThePINRewrapsOnlyTheKey compares the database file page by
// page before and after a change of PIN. Each sealed field carries its own
// random nonce, so re-encrypting the diary would change every page that
// holds it; rewrapping the key changes only the pages of the key wraps and
// the settings (and the file header).
func TestChangingThePINRewrapsOnlyTheKey(t *testing.T) {
	a, dir, kc, c := lockedApp(t, false)
	kids, err := a.Children()
	if err != nil {
		t.Fatal(err)
	}
	var diary []Recording
	for i := range 60 {
		diary = append(diary, Recording{ChildID: kids[0].ID, Day: date(2026, 1, 1).AddDate(0, 0, i), Text: strings.Repeat("A day of school and tea. ", 80)})
	}
	if err := a.SaveRecordings(diary); err != nil {
		t.Fatal(err)
	}
	a.Close()
	before := dbPages(t, dir)

	b := openClocked(t, dir, kc, c)
	if err := b.Unlock("246810"); err != nil {
		t.Fatal(err)
	}
	next := LockSetup{Kind: LockPassphrase, Secret: "a new passphrase", Confirm: "a new passphrase"}
	wantUserError(t, b.SetLock("000000", next), "lock.error.wrong_pin")
	if err := b.SetLock("246810", next); err != nil {
		t.Fatalf("change lock: %v", err)
	}
	b.Close()
	after := dbPages(t, dir)

	if len(before) < 30 || len(after) != len(before) {
		t.Fatalf("file has %d pages before and %d after; want the same, at least 30", len(before), len(after))
	}
	changed := 0
	for i := range before {
		if !bytes.Equal(before[i], after[i]) {
			changed++
		}
	}
	if changed > 5 {
		t.Fatalf("%d of %d pages changed: records were rewritten, not only the key", changed, len(before))
	}

	d := openClocked(t, dir, kc, c)
	if d.LockKind() != LockPassphrase {
		t.Fatalf("lock kind = %q, want passphrase", d.LockKind())
	}
	wantUserError(t, d.Unlock("246810"), "error.wrong_passphrase")
	if err := d.Unlock("a new passphrase"); err != nil {
		t.Fatalf("unlock with new passphrase: %v", err)
	}
	if got, err := d.Recordings(kids[0].ID, 0, 100); err != nil || len(got) != 60 || got[0].Text != diary[0].Text {
		t.Fatalf("diary after the change: %d recordings, %v", len(got), err)
	}
}

func TestRemoveLockNeedsThePINAndGivesTheKeychainBack(t *testing.T) {
	a, dir, kc, c := lockedApp(t, false)
	wantUserError(t, a.RemoveLock("111111"), "lock.error.wrong_pin")
	if !a.LockEnabled() {
		t.Fatal("a wrong PIN turned the lock off")
	}
	if err := a.RemoveLock("246810"); err != nil {
		t.Fatalf("remove lock: %v", err)
	}
	if a.LockEnabled() || a.hasWrap(wrapLock) || !a.KeychainOpens() || kc.Len() != 1 {
		t.Fatalf("after removing: lock %q, lock wrap %v, keychain opens %v", a.LockKind(), a.hasWrap(wrapLock), a.KeychainOpens())
	}
	if a.Lock() {
		t.Fatal("Lock locked a profile without an app lock")
	}
	a.Close()
	if b := openClocked(t, dir, kc, c); b.State() != StateReady {
		t.Fatalf("reopened state = %v, want ready", b.State())
	}
}

func TestRemoveLockKeepsTheLastWayIn(t *testing.T) {
	a, _, kc, _ := lockedApp(t, false)
	kc.SetAvailable(false)
	a.keychainOK = false
	wantUserError(t, a.RemoveLock("246810"), "lock.error.last_way")
	if !a.LockEnabled() || !a.hasWrap(wrapLock) {
		t.Fatal("the only way in was removed")
	}
}

func TestSetupPassphraseStillOpensALockedApp(t *testing.T) {
	dir, kc, c := t.TempDir(), newMemKeychain(), &testClock{t: fixedNow}
	kc.SetAvailable(false)
	a := openClocked(t, dir, kc, c)
	if err := a.CompleteSetup(Setup{Kind: KindSpecialGuardian, CarerNames: []string{"Ann"}, Passphrase: "the setup passphrase"}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetLock("", LockSetup{Kind: LockPIN, Secret: "864209", Confirm: "864209", KeychainToo: true}); err != nil {
		t.Fatal(err)
	}
	if a.KeychainOpens() {
		t.Fatal("a keychain wrap was made without a keychain")
	}
	a.Lock()
	if err := a.Unlock("the setup passphrase"); err != nil {
		t.Fatalf("unlock with setup passphrase: %v", err)
	}
}

func TestAutoLockChoices(t *testing.T) {
	a, _, _, _ := lockedApp(t, true)
	if a.AutoLock() != 5*time.Minute {
		t.Fatalf("default auto-lock = %v, want 5m", a.AutoLock())
	}
	if err := a.SetAutoLockMinutes(7); err == nil {
		t.Fatal("7 minutes accepted")
	}
	if err := a.SetAutoLockMinutes(15); err != nil || a.AutoLock() != 15*time.Minute {
		t.Fatalf("15 minutes: %v, %v", err, a.AutoLock())
	}
	if err := a.SetAutoLockMinutes(0); err != nil || a.AutoLock() != 0 {
		t.Fatalf("off: %v, %v", err, a.AutoLock())
	}
	b, _ := readyApp(t)
	if b.AutoLock() != 0 {
		t.Fatal("auto-lock without an app lock")
	}
}
