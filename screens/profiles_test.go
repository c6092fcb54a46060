package screens

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

// testProfiles is a root folder of profiles opened with a cheap key
// derivation and an in-memory keychain.
func testProfiles(t *testing.T) Profiles {
	t.Helper()
	kc := newKeychain(true)
	return Profiles{Root: t.TempDir(), Open: func(dir string) (*app.App, error) {
		return app.Open(app.Options{Dir: dir, Keychain: kc, KDF: &app.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}, Now: clock()})
	}}
}

// newProfilesUI shows the UI for a root of profiles, as main does.
func newProfilesUI(t *testing.T, p Profiles) *UI {
	t.Helper()
	u, err := Open(test.NewTempApp(t), p)
	if err != nil {
		t.Fatalf("open profiles: %v", err)
	}
	q := make(chan func(), 64)
	u.toUI = func(f func()) { q <- f }
	uiQueues.Store(u, q)
	u.Show()
	t.Cleanup(func() {
		if err := u.Close(); err != nil {
			t.Error(err)
		}
		if err := applyLanguage("en"); err != nil {
			t.Error(err)
		}
	})
	return u
}

// onboardCarer sets up a special guardian through the screens.
func onboardCarer(t *testing.T, u *UI, name string) {
	t.Helper()
	test.Tap(u.onboard.next)
	choose(t, u.onboard.kind, app.KindSpecialGuardian)
	test.Tap(u.onboard.next)
	test.Type(u.onboard.name1, name)
	test.Tap(u.onboard.next)
	test.Tap(u.onboard.next)
	waitIdle(t, u)
	view[*dashboardView](t, u)
}

// onboardLeaver sets up a care leaver through the screens.
func onboardLeaver(t *testing.T, u *UI, name string) {
	t.Helper()
	test.Tap(u.onboard.next)
	choose(t, u.onboard.kind, leaverKind)
	test.Tap(u.onboard.next)
	test.Type(u.onboard.name1, name)
	u.onboard.dobField.entry.SetText("02/03/2006")
	test.Tap(u.onboard.next)
	test.Tap(u.onboard.next)
	test.Tap(u.onboard.next)
	waitIdle(t, u)
	view[*leaverHome](t, u)
}

func TestTwoProfilesInOneRootEachOpenTheirOwnData(t *testing.T) {
	p := testProfiles(t)
	u := newProfilesUI(t, p)
	if u.onboard == nil {
		t.Fatal("an empty data folder should start first-run setup")
	}
	onboardCarer(t, u, "Nan")
	addChild(t, u.a, "Jay")

	u.open(route{page: pageSettings})
	test.Tap(button(t, u, "Add another profile"))
	if u.onboard == nil {
		t.Fatal("a new profile should start first-run setup")
	}
	onboardLeaver(t, u, "Alex")
	g := app.Goal{Mission: app.MissionHome, Title: "Find a flat"}
	if err := u.a.SaveGoal(&g); err != nil {
		t.Fatal(err)
	}
	kids, err := u.a.Children()
	if err != nil || len(kids) != 0 {
		t.Fatalf("the care leaver's profile sees children %v (%v)", kids, err)
	}

	list, err := app.ListProfiles(p.Root)
	if err != nil || len(list) != 2 || list[0].Dir == list[1].Dir {
		t.Fatalf("profiles %+v, %v", list, err)
	}

	u.open(route{page: pageSettings})
	test.Tap(button(t, u, "Switch profile"))
	if u.picker == nil || u.a != nil {
		t.Fatal("switching should close the profile and show the picker")
	}
	mustShow(t, u, "Choose your profile")
	mustNotShow(t, u, "Nan")
	mustNotShow(t, u, "Alex")
	test.Tap(button(t, u, "Carer profile"))
	view[*dashboardView](t, u)
	mustShow(t, u, "Jay")
	if goals, _ := u.a.Goals(); len(goals) != 0 {
		t.Fatalf("the carer's profile sees goals %v", goals)
	}

	u.open(route{page: pageSettings})
	test.Tap(button(t, u, "Switch profile"))
	test.Tap(button(t, u, "Care leaver profile"))
	view[*leaverHome](t, u)
	mustShow(t, u, "Hello, Alex")
	carerPagesAbsent(t, u)
	u.open(route{page: pageGoals})
	mustShow(t, u, "Find a flat")
	if err := u.Close(); err != nil {
		t.Fatal(err)
	}

	// Started again on the same folder, Hearth asks whose profile to open.
	u2 := newProfilesUI(t, p)
	if u2.picker == nil || len(u2.picker.buttons) != 2 {
		t.Fatalf("a folder with two profiles should show the picker, got %+v", u2.picker)
	}
	test.Tap(u2.picker.buttons[0])
	if u2.a == nil || u2.a.State() != app.StateReady {
		t.Fatal("choosing a profile should open it")
	}
}

func TestOneProfileOpensWithoutAPicker(t *testing.T) {
	p := testProfiles(t)
	u := newProfilesUI(t, p)
	onboardLeaver(t, u, "Alex")
	if err := u.Close(); err != nil {
		t.Fatal(err)
	}
	u2 := newProfilesUI(t, p)
	view[*leaverHome](t, u2)
	mustShow(t, u2, "Hello, Alex")
	if u2.picker != nil {
		t.Fatal("one profile should open straight away")
	}
}
