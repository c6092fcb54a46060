package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/app/apptest"
	"github.com/hearth-app/hearth/app/connecttest"
	"github.com/hearth-app/hearth/authority"
	"github.com/hearth-app/hearth/screens"
	"github.com/hearth-app/hearth/server/devidp"
)

// The secrets of the plain-text scan. The passphrases and the token are
// made up for this test; the demo's own passphrase is app.DemoPassphrase.
const (
	ownPassphrase   = "plaintext-scan own passphrase"
	wrongPassphrase = "plaintext-scan wrong guess"
	fakeToken       = "eyJhbGciOiJSUzI1NiJ9.plaintext-scan-access-token.c2lnbmF0dXJl"
	// lockPIN is longer than any timestamp's fraction of a second, so it
	// cannot turn up in one by chance.
	lockPIN = "739164825031"
)

// demoText is what the demo household's records say: carers' and
// children's names, a school and surgery, and recording texts, including
// both significant events. Each must be readable through the app after
// unlock (so the scan looks for real data) and absent from every file and
// log line.
var demoText = []string{
	"Jayden Okafor", "Amelia Hart", "Siân Rowlands", "Dafydd Rowlands", "Okafor", "Rowlands",
	"Ysgol Gynradd Glan Afon", "Riverside Surgery",
	"painted a picture of our cat, Pebbles",
	"Reported missing to the police",
	"suspected broken wrist",
	"spaghetti bolognese",
}

// TestNothingInPlainText runs a demo session the way `hearth --demo` does,
// with the temporary folder and the log redirected to places the test can
// see, then a keychain profile that signs in to an LA on loopback, syncs and
// sets an app lock, and scans every file and every log line for names,
// record text, passphrases, the PIN, keychain secrets and the LA's tokens.
func TestNothingInPlainText(t *testing.T) {
	priv := t.TempDir()
	root, tmp := filepath.Join(priv, "data"), filepath.Join(priv, "tmp")
	for _, d := range []string{root, tmp} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("TMPDIR", tmp)
	t.Setenv("SQLITE_TMPDIR", tmp)
	if os.TempDir() != tmp {
		t.Fatalf("os.TempDir() is %s, want the test's own %s", os.TempDir(), tmp)
	}
	logs := &lockedBuffer{}
	old := slog.Default()
	t.Cleanup(func() { slog.SetDefault(old) })
	setupLogging(logs, "debug")

	// The demo, as --demo makes it: no keychain, the demo passphrase.
	a, err := openDemo(screens.Profiles{Root: root, Open: openUngated(app.NoKeychain{})}, false)
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	mustHoldDemoText(t, a)
	// While it is open the newest pages are in the write-ahead log.
	scan(t, "with the demo open", []string{root, tmp}, logs, secrets(nil))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	// Coming back: a wrong guess, then the passphrase.
	profiles, err := app.ListProfiles(root)
	if err != nil || len(profiles) != 1 {
		t.Fatalf("profiles after the demo: %v, %v", profiles, err)
	}
	a, err = openUngated(app.NoKeychain{})(profiles[0].Dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Unlock(wrongPassphrase); err == nil {
		t.Fatal("the wrong passphrase unlocked the demo")
	}
	if err := a.Unlock(app.DemoPassphrase); err != nil {
		t.Fatalf("unlock the demo: %v", err)
	}
	mustHoldDemoText(t, a)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	// A profile on the keychain with a passphrase too, and a sync token
	// kept in the keychain beside its key, as signing in to the LA does.
	kc := &recordingKeychain{Keychain: apptest.NewKeychain(true)}
	dir, err := app.NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := logOpen(app.Open(app.Options{Dir: dir, Keychain: kc}))
	if err != nil {
		t.Fatal(err)
	}
	setup := b.DemoSetup("cy")
	setup.Passphrase = ownPassphrase
	if err := b.CompleteSetup(setup); err != nil {
		t.Fatalf("keychain profile setup: %v", err)
	}
	if err := b.LoadDemo(); err != nil {
		t.Fatalf("keychain profile demo: %v", err)
	}
	if err := kc.Set("la-session/plaintext-scan", fakeToken); err != nil {
		t.Fatal(err)
	}
	// A real sign-in, enrolment and sync with an LA on loopback, so real
	// access and refresh tokens pass through the keychain and the sync
	// logs its work. The LA's own database (which holds what was synced,
	// as it should) is in a folder of its own, outside the scan.
	ctx := context.Background()
	la := connecttest.Start(t, devidp.Config{})
	if err := b.SetAuthoritySettings(la.Settings()); err != nil {
		t.Fatal(err)
	}
	if err := b.SignInBrowser(ctx, la.Login(ctx, devidp.FosterCarer)); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	code, _ := la.IssueCode(api.ScopeHousehold)
	if err := b.Enrol(ctx, code); err != nil {
		t.Fatalf("enrol: %v", err)
	}
	if res, err := b.SyncNow(ctx, nil); err != nil || res.Sent == 0 {
		t.Fatalf("sync: %+v, %v; want the demo sent", res, err)
	}
	// The app lock: set a PIN, lock, and come back with it.
	if err := b.SetLock("", app.LockSetup{Kind: app.LockPIN, Secret: lockPIN, Confirm: lockPIN, KeychainToo: true}); err != nil {
		t.Fatalf("set the app lock: %v", err)
	}
	if !b.Lock() {
		t.Fatal("the app lock did not lock")
	}
	if _, err := b.Search("football"); err == nil {
		t.Fatal("search worked while locked")
	}
	if err := b.Unlock(lockPIN); err != nil {
		t.Fatalf("unlock with the PIN: %v", err)
	}
	mustHoldDemoText(t, b)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if len(kc.values()) < 3 {
		t.Fatalf("the keychain was given %d secrets, want the data-key wrap, the fake token and the sign-in", len(kc.values()))
	}

	files := scan(t, "after closing", []string{root, tmp}, logs, secrets(kc.values()))
	if files < 2 {
		t.Fatalf("the scan read %d files; want at least the two stores", files)
	}
	if !strings.Contains(logs.String(), "profile opened") {
		t.Fatalf("the session logged nothing the test expected; is the logger wired?\n%s", logs.String())
	}

	// The scan itself must be able to find something.
	control := filepath.Join(tmp, "control.txt")
	if err := os.WriteFile(control, []byte("a note about Jayden Okafor"), 0o600); err != nil {
		t.Fatal(err)
	}
	found := findings([]string{root, tmp}, nil, secrets(nil))
	if len(found) == 0 || !strings.Contains(strings.Join(found, "\n"), "control.txt contains Jayden Okafor") {
		t.Fatalf("the positive control was not found: %v", found)
	}
	for _, f := range found {
		if !strings.Contains(f, "control.txt") {
			t.Fatalf("found outside the control: %s", f)
		}
	}
	if found := findings(nil, []byte("level=INFO msg=x token="+fakeToken), secrets(nil)); len(found) == 0 {
		t.Fatalf("the token planted in a log line was not found: %v", found)
	}
	refresh := ""
	for _, v := range kc.values() {
		if tok, err := authority.UnmarshalToken([]byte(v)); err == nil {
			refresh = tok.RefreshToken
		}
	}
	if refresh == "" {
		t.Fatal("no sign-in with a refresh token went through the keychain")
	}
	if found := findings(nil, []byte("level=INFO msg=x t="+refresh), secrets(kc.values())); len(found) == 0 {
		t.Fatal("the real refresh token planted in a log line was not found")
	}
}

// mustHoldDemoText proves the needles are real: every one is found by
// search, through the decrypted store.
func mustHoldDemoText(t *testing.T, a *app.App) {
	t.Helper()
	for _, text := range demoText {
		hits, err := a.Search(strings.Fields(text)[0])
		if err != nil {
			t.Fatalf("search %q: %v", text, err)
		}
		found := false
		for _, h := range hits {
			found = found || strings.Contains(h.Snippet, strings.Fields(text)[0])
		}
		if !found && !holdsName(t, a, text) {
			t.Fatalf("%q is not in the decrypted demo; the scan would look for nothing", text)
		}
	}
}

// holdsName finds text among the names, schools and surgeries, which
// search does not cover.
func holdsName(t *testing.T, a *app.App, text string) bool {
	t.Helper()
	h, err := a.Household()
	if err != nil {
		t.Fatal(err)
	}
	children, err := a.Children()
	if err != nil {
		t.Fatal(err)
	}
	all := []string{}
	for _, c := range h.Carers {
		all = append(all, c.Name)
	}
	for _, c := range children {
		all = append(all, c.Name, c.School, c.GP)
	}
	return strings.Contains(strings.Join(all, "|"), text)
}

// secrets is everything that must never be found: the demo's text, the
// passphrases and any extra values (keychain secrets), with those values'
// raw bytes where they are base64, as the wrapping key is, and the access
// and refresh tokens inside a saved sign-in.
func secrets(extra []string) []string {
	s := append([]string{}, demoText...)
	s = append(s, app.DemoPassphrase, ownPassphrase, wrongPassphrase, lockPIN, fakeToken)
	for _, e := range extra {
		s = append(s, e)
		if raw, err := base64.StdEncoding.DecodeString(e); err == nil && len(raw) >= 16 {
			s = append(s, string(raw))
		}
		if tok, err := authority.UnmarshalToken([]byte(e)); err == nil {
			for _, v := range []string{tok.AccessToken, tok.RefreshToken} {
				if len(v) >= 16 {
					s = append(s, v)
				}
			}
		}
	}
	return s
}

// scan fails the test for every secret found in a file under dirs or in
// the logs, and returns how many files it read.
func scan(t *testing.T, when string, dirs []string, logs *lockedBuffer, needles []string) int {
	t.Helper()
	for _, f := range findings(dirs, logs.Bytes(), needles) {
		t.Errorf("%s: %s", when, f)
	}
	n := 0
	for _, d := range dirs {
		_ = filepath.WalkDir(d, func(_ string, e fs.DirEntry, err error) error {
			if err == nil && e.Type().IsRegular() {
				n++
			}
			return nil
		})
	}
	return n
}

// findings lists where each needle occurs, ignoring case, in the files
// under dirs and in logs.
func findings(dirs []string, logs []byte, needles []string) []string {
	var out []string
	look := func(where string, b []byte) {
		b = bytes.ToLower(b)
		for _, n := range needles {
			if bytes.Contains(b, bytes.ToLower([]byte(n))) {
				out = append(out, where+" contains "+n)
			}
		}
	}
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err != nil || !e.Type().IsRegular() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			look(path, b)
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			out = append(out, "could not scan "+d+": "+err.Error())
		}
	}
	look("the log", logs)
	return out
}

// lockedBuffer collects log lines from any goroutine (the search index
// fills in the background).
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.b.Bytes())
}

func (l *lockedBuffer) String() string { return string(l.Bytes()) }

// recordingKeychain is the in-memory keychain, noting every secret stored
// so the scan can look for each.
type recordingKeychain struct {
	*apptest.Keychain
	mu  sync.Mutex
	set []string
}

func (k *recordingKeychain) Set(account, secret string) error {
	k.mu.Lock()
	k.set = append(k.set, secret)
	k.mu.Unlock()
	return k.Keychain.Set(account, secret)
}

func (k *recordingKeychain) values() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string{}, k.set...)
}
