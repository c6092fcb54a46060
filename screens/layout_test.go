package screens

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

// tabletWidth is the narrowest screen Hearth is laid out for: a 1024×768
// tablet in landscape.
const (
	tabletWidth  = 1024
	tabletHeight = 768
)

// fits fails when what the window shows needs more width than a tablet
// has. Fyne never shrinks content below its minimum size, so anything wider
// would be cut off at the right.
func fits(t *testing.T, u *UI, what string) {
	t.Helper()
	if w := u.w.Content().MinSize().Width; w > tabletWidth {
		t.Errorf("%s needs %.0f pixels at 200%% text, wider than a %d-pixel tablet", what, w, tabletWidth)
	}
	// Fyne grows a window to its content's minimum, so a page taller than
	// the screen would push the bottom navigation bar off it.
	if u.touch {
		if h := u.w.Content().MinSize().Height; h > tabletHeight {
			t.Errorf("%s needs %.0f pixels of height at 200%% text, taller than a %d-pixel tablet", what, h, tabletHeight)
		}
	}
}

func TestEveryPageFitsATabletAt200Percent(t *testing.T) {
	a := newApp(t)
	if err := a.CompleteSetup(a.DemoSetup("en")); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadDemo(); err != nil {
		t.Fatal(err)
	}
	if err := a.SetTextScale(app.MaxTextScale); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	pages := everyPage(t, a)
	children, _ := a.Children()
	for name, r := range map[string]route{
		"new child form": {page: pageChildForm},
		"new need form":  {page: pageNeedForm},
		"new training":   {page: pageTrainingForm},
		"new milestone":  {page: pageMilestoneForm, childID: children[0].ID},
	} {
		pages[name] = r
	}
	for name, r := range pages {
		u.open(r)
		fits(t, u, name)
	}
}

func TestSetupFitsATabletAt200Percent(t *testing.T) {
	a := openApp(t, t.TempDir(), newKeychain(false))
	t.Cleanup(func() { _ = a.Close() })
	if err := a.SetTextScale(app.MaxTextScale); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	fits(t, u, "language step")
	test.Tap(u.onboard.next)
	choose(t, u.onboard.kind, app.KindKinshipFoster) // the longest name
	fits(t, u, "kind step")
	for _, step := range []string{"names", "approval", "passphrase", "check"} {
		test.Tap(u.onboard.next)
		fits(t, u, step+" step")
	}
}
