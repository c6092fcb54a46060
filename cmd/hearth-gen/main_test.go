package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
)

type readKeychain string

func (readKeychain) Available() bool              { return true }
func (k readKeychain) Get(string) (string, error) { return string(k), nil }
func (readKeychain) Set(string, string) error     { return nil }
func (readKeychain) Delete(string) error          { return nil }

func TestGenerateMakesAnUnlockableStore(t *testing.T) {
	root := t.TempDir()
	c := Config{Root: root, Passphrase: "hearth-bench", Records: 230, Milestones: 12, Trainings: 5, Needs: 4,
		Years: 2, Seed: 1, Today: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	if err := Generate(c); err != nil {
		t.Fatal(err)
	}
	if err := Generate(c); err == nil {
		t.Fatal("generated over an existing profile")
	}
	enc, err := os.ReadFile(filepath.Join(root, KeychainFile))
	if err != nil {
		t.Fatal(err)
	}
	secret, err := base64.StdEncoding.DecodeString(string(enc))
	if err != nil {
		t.Fatal(err)
	}
	profiles, err := app.ListProfiles(root)
	if err != nil || len(profiles) != 1 {
		t.Fatalf("profiles %v, %v", profiles, err)
	}
	a, err := app.Open(app.Options{Dir: profiles[0].Dir, Keychain: readKeychain(secret), Now: func() time.Time { return c.Today }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.State() != app.StateReady {
		t.Fatalf("state %v, want ready", a.State())
	}
	children, err := a.Children()
	if err != nil || len(children) != 5 {
		t.Fatalf("children %d, %v", len(children), err)
	}
	total := 0
	for _, ch := range children {
		n, err := a.CountRecordings(ch.ID)
		if err != nil {
			t.Fatal(err)
		}
		total += n
	}
	ms := 0
	for _, ch := range children {
		m, _ := a.Milestones(ch.ID)
		ms += len(m)
	}
	tr, _ := a.Trainings()
	needs, _ := a.Needs()
	if total != 230 || ms != 12 || len(tr) != 5 || len(needs) != 4 {
		t.Fatalf("got %d recordings, %d milestones, %d training, %d needs", total, ms, len(tr), len(needs))
	}
	// The carer kept up: two years of statutory reminders were done, and
	// nothing older than a week is still open.
	all, events, err := a.Timetable()
	if err != nil {
		t.Fatal(err)
	}
	if len(events) < 20 {
		t.Fatalf("only %d reminders were done in two years of five placements", len(events))
	}
	for _, r := range all {
		if r.DaysLeft < -keptUpTo {
			t.Fatalf("%s for child %s is %d days overdue", r.Kind, r.ChildID, -r.DaysLeft)
		}
	}
}
