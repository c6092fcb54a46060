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

// At 200% text on a 1024×768 tablet, in Welsh (the longer labels) and
// English, a search's results must get most of the window: the heading,
// the search box and the bottom bar together once left room for barely
// two results.
func TestSearchResultsGetMostOfATabletAt200Percent(t *testing.T) {
	for _, language := range app.Languages {
		t.Run(language, func(t *testing.T) {
			a := demoApp(t)
			if err := a.SetTextScale(app.MaxTextScale); err != nil {
				t.Fatal(err)
			}
			if err := a.SetLanguage(language); err != nil {
				t.Fatal(err)
			}
			u := newUI(t, a)
			u.w.Resize(tabletSize)
			u.open(route{page: pageSearch})
			s := view[*searchView](t, u)
			if !s.header.Visible() {
				t.Error("before a search the heading and introduction should show")
			}
			test.Type(s.entry, "school")
			waitIdle(t, u)
			if len(s.hits) < 5 {
				t.Fatalf("the demo household gave %d hits for school; the test needs a screenful", len(s.hits))
			}
			_, bottom := shellParts(t, u)
			list := s.list.Size().Height
			t.Logf("%s: list %.0f, bar %.0f of %.0f", language, list, bottom.Size().Height, tabletSize.Height)
			if list < tabletSize.Height/2 {
				t.Errorf("the results list is %.0f pixels high, less than half of a %.0f-pixel window (bar %.0f)",
					list, tabletSize.Height, bottom.Size().Height)
			}
			if bottom.Size().Height > tabletSize.Height/4 {
				t.Errorf("the navigation bar takes %.0f pixels, more than a quarter of the window", bottom.Size().Height)
			}
		})
	}
}

// One letter is not searched (it matches nearly everything and is the
// slowest search there is); the page says to type more, in the user's
// language, and drops results for longer text.
func TestSearchNeedsTwoLetters(t *testing.T) {
	a := demoApp(t)
	u := newUI(t, a)
	u.open(route{page: pageSearch})
	s := view[*searchView](t, u)
	test.Type(s.entry, "sc")
	waitIdle(t, u)
	if len(s.hits) == 0 {
		t.Fatal("two letters found nothing in the demo household")
	}
	s.entry.SetText("s")
	waitIdle(t, u)
	if len(s.hits) != 0 || s.list.Length() != 0 {
		t.Fatalf("one letter left %d hits on screen", len(s.hits))
	}
	mustShow(t, u, "Type at least two letters to search.")
	s.entry.SetText("")
	waitIdle(t, u)
	mustShow(t, u, "Results appear as you type.")
}
