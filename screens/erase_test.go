package screens

import (
	"errors"
	"os"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

func TestEraseAChildFromSettings(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	ruby := addChild(t, a, "Ruby Example")
	addChild(t, a, "Sam Sample")
	u := newUI(t, a)
	u.open(route{page: pageSettings})

	test.Tap(button(t, u, "Delete everything about Ruby Example"))
	mustShow(t, u, "Delete Ruby Example and all their milestones, photos")
	test.Tap(button(t, u, "Delete")) // the dialog's button, on top
	mustShow(t, u, "Ruby Example's records were deleted.")
	mustNotShow(t, u, "Delete everything about Ruby Example")

	u.open(route{page: pageChildren})
	mustShow(t, u, "Sam Sample")
	mustNotShow(t, u, "Ruby Example")
	if _, err := a.Child(ruby.ID); err == nil {
		t.Fatal("the erased child is still in the store")
	}
	kids, err := a.Children()
	if err != nil || len(kids) != 1 {
		t.Fatalf("children left: %d, %v", len(kids), err)
	}
}

func TestDeleteTheProfileFromSettings(t *testing.T) {
	root, kc := t.TempDir(), newKeychain(true)
	dir, err := app.NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	a := openApp(t, dir, kc)
	setUp(t, a, app.KindFoster)
	addChild(t, a, "Ruby Example")
	if kc.Len() != 1 {
		t.Fatalf("keychain holds %d entries before, want 1", kc.Len())
	}
	u := newUI(t, a)
	u.UseProfiles(Profiles{Root: root, Open: func(d string) (*app.App, error) { return openApp(t, d, kc), nil }})
	t.Cleanup(func() { _ = u.Close() })
	u.open(route{page: pageSettings})

	test.Tap(button(t, u, "Delete this whole profile"))
	mustShow(t, u, "Delete this profile and every record in it")
	test.Tap(button(t, u, "Delete"))
	waitIdle(t, u)

	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the profile folder is still there: %v", err)
	}
	if kc.Len() != 0 {
		t.Fatalf("the keychain still holds %d entries", kc.Len())
	}
	// No profile is left, so Hearth starts again as on first run.
	if u.onboard == nil || u.a == nil || u.a.State() != app.StateNew {
		t.Fatal("first-run setup is not showing after the last profile went")
	}
	mustNotShow(t, u, "Ruby Example")
}

func TestDeletingOneOfTwoProfilesShowsThePicker(t *testing.T) {
	root, kc := t.TempDir(), newKeychain(true)
	var dirs []string
	for range 2 {
		dir, err := app.NewProfileDir(root)
		if err != nil {
			t.Fatal(err)
		}
		b := openApp(t, dir, kc)
		setUp(t, b, app.KindFoster)
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	a := openApp(t, dirs[0], kc)
	u := newUI(t, a)
	u.UseProfiles(Profiles{Root: root, Open: func(d string) (*app.App, error) { return openApp(t, d, kc), nil }})
	t.Cleanup(func() { _ = u.Close() })
	u.open(route{page: pageSettings})
	test.Tap(button(t, u, "Delete this whole profile"))
	test.Tap(button(t, u, "Delete"))
	waitIdle(t, u)

	if u.picker == nil || len(u.picker.list) != 1 || u.picker.list[0].Dir != dirs[1] {
		t.Fatal("the picker does not list just the other profile")
	}
	if kc.Len() != 1 {
		t.Fatalf("keychain holds %d entries, want the other profile's", kc.Len())
	}
}

func TestDeletingALockedProfileNeedsThePIN(t *testing.T) {
	root, kc := t.TempDir(), newKeychain(true)
	dir, err := app.NewProfileDir(root)
	if err != nil {
		t.Fatal(err)
	}
	a := openApp(t, dir, kc)
	setUp(t, a, app.KindFoster)
	withPIN(t, a)
	u := newUI(t, a)
	u.UseProfiles(Profiles{Root: root, Open: func(d string) (*app.App, error) { return openApp(t, d, kc), nil }})
	t.Cleanup(func() { _ = u.Close() })
	u.open(route{page: pageSettings})

	test.Tap(button(t, u, "Delete this whole profile"))
	test.Type(u.w.Canvas().Focused().(*widget.Entry), "000000")
	test.Tap(button(t, u, "Delete"))
	waitIdle(t, u)
	mustShow(t, u, "That PIN is not right.")
	if _, err := os.Stat(dir); err != nil || u.a == nil {
		t.Fatalf("a wrong PIN deleted or closed the profile: %v", err)
	}

	test.Tap(button(t, u, "Delete this whole profile"))
	test.Type(u.w.Canvas().Focused().(*widget.Entry), "246810")
	test.Tap(button(t, u, "Delete"))
	waitIdle(t, u)
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the profile folder is still there: %v", err)
	}
	if u.onboard == nil {
		t.Fatal("first-run setup is not showing")
	}
}
