package screens

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// Window sizes the touch and accessibility tests use.
var (
	desktopSize = fyne.NewSize(1280, 800)
	tabletSize  = fyne.NewSize(1024, 768)
)

// demoApp is the demo household on the tests' fixed clock, so every run
// (and every golden image) shows the same records and dates.
func demoApp(t *testing.T) *app.App {
	t.Helper()
	a := newApp(t)
	if err := a.CompleteSetup(a.DemoSetup("en")); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadDemo(); err != nil {
		t.Fatal(err)
	}
	return a
}

// shellParts are the shell's navigation column and bottom bar.
func shellParts(t *testing.T, u *UI) (side, bottom fyne.CanvasObject) {
	t.Helper()
	c, ok := u.w.Content().(*fyne.Container)
	if !ok || len(c.Objects) != 3 {
		t.Fatalf("the window does not show the shell: %T", u.w.Content())
	}
	return c.Objects[1], c.Objects[2]
}

func TestNarrowWindowSwitchesToTouchForm(t *testing.T) {
	u := newUI(t, demoApp(t))
	side, bottom := shellParts(t, u)
	if u.touch || !side.Visible() || bottom.Visible() {
		t.Fatal("a 1280-pixel window should show the navigation column")
	}
	u.w.Resize(tabletSize)
	if !u.touch || side.Visible() || !bottom.Visible() {
		t.Fatal("a 1024-pixel window should show the bottom bar instead of the column")
	}
	if bottom.Position().Y+bottom.Size().Height != u.w.Content().Size().Height {
		t.Fatalf("the bar is at %v, not at the bottom of the window", bottom.Position())
	}
	// The bar was hidden, and so never marked, while the home page opened.
	if !u.tiles[pageHome].label.TextStyle.Bold || u.tiles[pageHome].button.Importance != widget.MediumImportance {
		t.Fatal("the bar does not mark the section that was on screen when it appeared")
	}
	page := u.body
	test.Tap(u.tiles[pageChildren].button)
	view[*childrenView](t, u)
	if !u.tiles[pageChildren].label.TextStyle.Bold || u.tiles[pageHome].label.TextStyle.Bold {
		t.Fatal("the bar does not mark the section on screen")
	}
	u.w.Resize(desktopSize)
	if u.touch || !side.Visible() || bottom.Visible() {
		t.Fatal("widening the window should bring the column back")
	}
	if u.body != page {
		t.Fatal("the page was rebuilt; only the frame should change")
	}
	view[*childrenView](t, u)
	if u.nav[pageChildren].Importance != widget.HighImportance || u.nav[pageHome].Importance != widget.LowImportance {
		t.Fatal("the column does not mark the section opened from the bar")
	}
}

func TestBarKeepsEveryLabelWhole(t *testing.T) {
	for _, scale := range []float64{1, app.MaxTextScale} {
		a := demoApp(t)
		if err := a.SetTextScale(scale); err != nil {
			t.Fatal(err)
		}
		u := newUI(t, a)
		u.w.Resize(tabletSize)
		cols, rows, _, _ := u.bar.grid(u.barBox.Objects, u.barBox.Size().Width)
		if scale == 1 && (cols != len(navItems) || rows != 1) {
			t.Errorf("at 100%% the bar is %d×%d, want one row", cols, rows)
		}
		if scale == app.MaxTextScale && rows < 2 {
			t.Errorf("at 200%% the bar is %d×%d, too tight for its labels", cols, rows)
		}
		for p, tile := range u.tiles {
			if tile.label.Size().Width < tile.label.MinSize().Width {
				t.Errorf("at %v×: the label of %v is cut off", scale, p)
			}
			if tile.obj.Position().Y+tile.obj.Size().Height > u.barBox.Size().Height+0.5 {
				t.Errorf("at %v×: the button of %v hangs below the bar", scale, p)
			}
		}
	}
}

// touchTargets fails for any visible control smaller than a fingertip.
func touchTargets(t *testing.T, u *UI, where string) {
	t.Helper()
	visit(u, func(o fyne.CanvasObject) (bool, bool) {
		var what string
		switch x := o.(type) {
		case *widget.Button:
			what = fmt.Sprintf("button %q", x.Text)
		case *widget.Entry:
			what = "entry"
		case *widget.Select, *widget.RadioGroup, *widget.Check:
			what = fmt.Sprintf("%T", o)
		default:
			return true, true
		}
		if s := o.Size(); s.Height < minTouch || s.Width < minTouch {
			t.Errorf("%s: %s is %.0f×%.0f, smaller than %d pixels", where, what, s.Width, s.Height, minTouch)
		}
		return false, true
	})
}

func TestTouchTargetsAreAtLeast44Pixels(t *testing.T) {
	a := demoApp(t)
	u := newUI(t, a)
	u.w.Resize(tabletSize)
	children, _ := a.Children()
	for name, r := range map[string]route{
		"home":       {page: pageHome},
		"children":   {page: pageChildren},
		"child form": {page: pageChildForm, id: children[0].ID},
		"needs":      {page: pageNeeds},
		"settings":   {page: pageSettings},
		"search":     {page: pageSearch},
	} {
		u.open(r)
		touchTargets(t, u, name)
	}
}

// everyPage is a route to each of a carer's pages in the demo household.
func everyPage(t *testing.T, a *app.App) map[string]route {
	t.Helper()
	children, _ := a.Children()
	needs, _ := a.Needs()
	trainings, _ := a.Trainings()
	milestones, _ := a.Milestones(children[0].ID)
	child := children[0].ID
	return map[string]route{
		"home":           {page: pageHome},
		"children":       {page: pageChildren},
		"milestones tab": {page: pageChild, id: child, tab: tabMilestones},
		"recordings tab": {page: pageChild, id: child, tab: tabRecordings},
		"details tab":    {page: pageChild, id: child, tab: tabDetails},
		"child form":     {page: pageChildForm, id: child},
		"milestone form": {page: pageMilestoneForm, childID: child, id: milestones[0].ID},
		"recording form": {page: pageRecordingForm, childID: child},
		"needs":          {page: pageNeeds},
		"need form":      {page: pageNeedForm, id: needs[0].ID},
		"training":       {page: pageTraining},
		"TSD":            {page: pageTraining, tab: 1},
		"training form":  {page: pageTrainingForm, id: trainings[0].ID},
		"search":         {page: pageSearch},
		"settings":       {page: pageSettings},
	}
}

func TestTouchFormFitsATabletAt200PercentInEveryTheme(t *testing.T) {
	for _, th := range []string{app.ThemeLight, app.ThemeContrast} {
		for _, language := range app.Languages {
			t.Run(th+" "+language, func(t *testing.T) {
				a := demoApp(t)
				if err := a.SetTextScale(app.MaxTextScale); err != nil {
					t.Fatal(err)
				}
				if err := a.SetTheme(th); err != nil {
					t.Fatal(err)
				}
				if err := a.SetLanguage(language); err != nil {
					t.Fatal(err)
				}
				u := newUI(t, a)
				u.w.Resize(tabletSize)
				for name, r := range everyPage(t, a) {
					u.open(r)
					if !u.touch {
						t.Fatalf("%s: not in the touch form", name)
					}
					fits(t, u, name+" in the touch form")
				}
			})
		}
	}
}

func TestHighContrastTheme(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	test.Tap(u.nav[pageSettings])
	s := view[*settingsView](t, u)
	mustShow(t, u, "High contrast (black on white)")
	choose(t, s.theme, app.ThemeContrast)
	if a.Theme() != app.ThemeContrast {
		t.Fatalf("stored theme %q", a.Theme())
	}
	th := u.fa.Settings().Theme()
	for name, want := range map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNameBackground:  theme.ColorNameBackground,
		theme.ColorNameForeground:  theme.ColorNameForeground,
		theme.ColorNameInputBorder: theme.ColorNameForeground,
		theme.ColorNameSeparator:   theme.ColorNameForeground,
	} {
		if th.Color(name, theme.VariantDark) != highContrast[want] {
			t.Errorf("%s is %v in high contrast", name, th.Color(name, theme.VariantDark))
		}
	}
	if r, g, b, _ := th.Color(theme.ColorNameBackground, theme.VariantDark).RGBA(); r != 0xffff || g != 0xffff || b != 0xffff {
		t.Error("high contrast is not white")
	}
	if _, _, _, al := th.Color(theme.ColorNameFocus, theme.VariantLight).RGBA(); al < 0xa000 {
		t.Error("the focus colour is too faint")
	}
}

// tabOrder presses Tab from first until focus comes back round, and
// returns what was focused, in order.
func tabOrder(t *testing.T, u *UI, first fyne.Focusable) []fyne.Focusable {
	t.Helper()
	c := u.w.Canvas()
	c.Focus(first)
	order := []fyne.Focusable{first}
	for range 500 {
		c.FocusNext()
		f := c.Focused()
		if f == nil || f == first {
			return order
		}
		order = append(order, f)
	}
	t.Fatal("Tab never came back to where it started")
	return nil
}

// inOrder fails unless want appear in got in that order.
func inOrder(t *testing.T, got []fyne.Focusable, want map[string]fyne.Focusable, names ...string) {
	t.Helper()
	last := -1
	for _, n := range names {
		i := slices.Index(got, want[n])
		if i < 0 {
			t.Fatalf("Tab never reaches %s", n)
		}
		if i <= last {
			t.Fatalf("Tab reaches %s out of order", n)
		}
		last = i
	}
}

// reachable fails for any visible, enabled control that Tab does not reach.
func reachable(t *testing.T, u *UI, order []fyne.Focusable, where string) {
	t.Helper()
	visit(u, func(o fyne.CanvasObject) (bool, bool) {
		f, ok := o.(fyne.Focusable)
		if !ok {
			return true, true
		}
		if d, ok := o.(fyne.Disableable); ok && d.Disabled() {
			return true, true
		}
		if !slices.Contains(order, f) {
			t.Errorf("%s: Tab never reaches %T", where, o)
		}
		return true, true
	})
}

func TestChildFormTabsInOrder(t *testing.T) {
	a := demoApp(t)
	u := newUI(t, a)
	children, _ := a.Children()
	u.open(route{page: pageChildForm, id: children[0].ID})
	f := view[*childForm](t, u)
	order := tabOrder(t, u, f.name)
	inOrder(t, order, map[string]fyne.Focusable{
		"name": f.name, "preferred": f.preferred, "dob": f.dob.entry, "start": f.start.entry, "end": f.end.entry,
		"school": f.school, "gp": f.gp, "dentist": f.dentist, "save": f.save, "cancel": button(t, u, "Cancel"),
		"delete": button(t, u, "Delete this child"),
	}, "name", "preferred", "dob", "start", "end", "school", "gp", "dentist", "save", "cancel", "delete")
	// The arrangement's options come between the date of birth and the
	// placement start, where they are on screen.
	dob, start := slices.Index(order, fyne.Focusable(f.dob.entry)), slices.Index(order, fyne.Focusable(f.start.entry))
	radios := 0
	for _, o := range order[dob:start] {
		if fmt.Sprintf("%T", o) == "*widget.radioItem" {
			radios++
		}
	}
	if radios != len(app.Arrangements) {
		t.Fatalf("%d arrangement options between date of birth and placement start, want %d", radios, len(app.Arrangements))
	}
	reachable(t, u, order, "child form")
}

func TestSetupTabsInOrder(t *testing.T) {
	a := openApp(t, t.TempDir(), newKeychain(false))
	t.Cleanup(func() { _ = a.Close() })
	u := newUI(t, a)
	test.Tap(u.onboard.next)
	choose(t, u.onboard.kind, app.KindFoster)
	test.Tap(u.onboard.next)
	o := u.onboard
	order := tabOrder(t, u, o.name1)
	inOrder(t, order, map[string]fyne.Focusable{"name1": o.name1, "name2": o.name2, "back": o.back, "next": o.next},
		"name1", "name2", "back", "next")
	reachable(t, u, order, "names step")

	o.name1.SetText("Sam Carer")
	test.Tap(o.next)
	o = u.onboard
	order = tabOrder(t, u, o.approval.entry)
	inOrder(t, order, map[string]fyne.Focusable{"date": o.approval.entry, "back": o.back, "next": o.next}, "date", "back", "next")
	o.approval.entry.SetText("01/03/2025")
	test.Tap(o.next)
	o = u.onboard
	order = tabOrder(t, u, o.pass1)
	inOrder(t, order, map[string]fyne.Focusable{"pass1": o.pass1, "pass2": o.pass2, "back": o.back, "next": o.next},
		"pass1", "pass2", "back", "next")
	reachable(t, u, order, "passphrase step")
}

func TestEveryActionReachableByKeyboard(t *testing.T) {
	for _, size := range []fyne.Size{desktopSize, tabletSize} {
		u := newUI(t, demoApp(t))
		u.w.Resize(size)
		u.open(route{page: pageHome})
		home := u.nav[pageHome]
		if u.touch {
			home = u.tiles[pageHome].button
		}
		reachable(t, u, tabOrder(t, u, home), fmt.Sprintf("home at %v", size))
	}
}

// golden checks the window against a stored image in testdata. Fyne's
// software painter draws the same pixels on every machine, so any change
// of layout, size or colour fails here. After an intended change, copy the
// image the failure writes to testdata/failed over the stored one, and look
// at it first.
//
// Capturing runs Fyne's renderer cache clean-up, which judges a renderer's
// age by a clock it only moves when it cleans: in a long test run every
// renderer built since the last clean-up can look a minute old and be
// thrown away, and the capture would draw widgets that were never laid out.
// So the clock is moved first (capturing an empty canvas) and the window
// is then rebuilt, leaving only fresh renderers when the image is taken.
func golden(t *testing.T, u *UI, name string) {
	t.Helper()
	test.NewCanvas().Capture()
	u.redraw()
	waitIdle(t, u)
	test.AssertRendersToImage(t, name, u.w.Canvas())
}

func TestGoldenImages(t *testing.T) {
	cases := []struct {
		name  string
		size  fyne.Size
		scale float64
		theme string
	}{
		{"desktop", desktopSize, 1, app.ThemeLight},
		{"tablet", tabletSize, 1, app.ThemeLight},
		{"tablet_200", tabletSize, app.MaxTextScale, app.ThemeLight},
		{"contrast", desktopSize, 1, app.ThemeContrast},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := demoApp(t)
			if err := a.SetTextScale(c.scale); err != nil {
				t.Fatal(err)
			}
			if err := a.SetTheme(c.theme); err != nil {
				t.Fatal(err)
			}
			u := newUI(t, a)
			u.w.Resize(c.size)
			golden(t, u, "dashboard_"+c.name+".png")
			children, _ := a.Children()
			u.open(route{page: pageChildForm, id: children[0].ID})
			golden(t, u, "child_form_"+c.name+".png")
		})
	}
}
