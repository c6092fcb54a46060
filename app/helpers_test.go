package app

import (
	"errors"
	"sync"
	"testing"
	"time"
)

// memKeychain stands in for the OS keychain in tests: a map that survives
// reopening the store, like the real keychain survives restarting the app.
type memKeychain struct {
	mu      sync.Mutex
	secrets map[string]string
	down    bool // behaves like a desktop without a Secret Service
}

func newMemKeychain() *memKeychain { return &memKeychain{secrets: map[string]string{}} }

func (k *memKeychain) Available() bool { return !k.down }

func (k *memKeychain) Get(account string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.secrets[account]
	if k.down || !ok {
		return "", errors.New("no such secret")
	}
	return s, nil
}

func (k *memKeychain) Set(account, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.down {
		return errors.New("keychain unavailable")
	}
	k.secrets[account] = secret
	return nil
}

func (k *memKeychain) Delete(account string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.secrets, account)
	return nil
}

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
