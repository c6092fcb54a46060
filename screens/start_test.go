package screens

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

// demoProfile makes, in p.Root, one carer profile holding the demo
// household in language, does then to it, and closes it, as a returning
// user has it.
func demoProfile(t *testing.T, p Profiles, language string, then func(*app.App) error) {
	t.Helper()
	dir, err := app.NewProfileDir(p.Root)
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.CompleteSetup(a.DemoSetup(language)); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadDemo(); err != nil {
		t.Fatal(err)
	}
	if err := then(a); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

// Open reads the profile, its language and the home page's first data
// while the window is made; the first home page is then built from what
// was read, in the profile's language, and its reminders name the
// children.
func TestOpenReadsTheFirstPageWhileTheWindowIsMade(t *testing.T) {
	p := testProfiles(t)
	demoProfile(t, p, "cy", func(*app.App) error { return nil })
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	u, err := Open(test.NewTempApp(t), p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := u.Close(); err != nil {
			t.Error(err)
		}
		if err := applyLanguage("en"); err != nil {
			t.Error(err)
		}
	})
	if u.homeStart == nil || len(u.homeStart.names) == 0 || len(u.homeStart.reminders) == 0 {
		t.Fatalf("Open did not read the home page's children and reminders: %+v", u.homeStart)
	}
	if loaded.code != "cy" {
		t.Fatalf("Open loaded language %q, not the profile's Welsh", loaded.code)
	}
	q := make(chan func(), 64)
	u.toUI = func(f func()) { q <- f }
	uiQueues.Store(u, q)
	ready := make(chan struct{})
	u.HomeRestAfter(ready)
	names := u.homeStart.names
	u.Show()
	view[*dashboardView](t, u)
	if u.homeStart != nil {
		t.Fatal("the home page did not use the data Open read")
	}
	mustShow(t, u, "Hafan")
	named := false
	for _, name := range names {
		named = named || shows(u, name)
	}
	if !named {
		t.Fatal("the first screenful names no child")
	}
	close(ready)
	waitIdle(t, u)
	mustShow(t, u, "Ar y gweill yn y 30 diwrnod nesaf")
}

// A profile locked with a PIN only is opened, but nothing of it can be
// read: the unlock screen shows, and no home page data was read.
func TestOpenLeavesALockedProfileLocked(t *testing.T) {
	p := testProfiles(t)
	demoProfile(t, p, "en", func(a *app.App) error {
		return a.SetLock("", app.LockSetup{Kind: app.LockPIN, Secret: "246810", Confirm: "246810"})
	})
	u := newProfilesUI(t, p)
	if u.homeStart != nil {
		t.Fatal("Open read a locked profile's home page")
	}
	if u.unlock == nil {
		t.Fatal("a locked profile should open on the unlock screen")
	}
}
