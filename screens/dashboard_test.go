package screens

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

// The home page shows only the newest few open needs, so a household with
// hundreds still open does not build hundreds of cards before the window
// appears; a button leads to all of them.
func TestDashboardShowsTheNewestOpenNeedsAndLinksToAll(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	const open = dashboardNeeds + 3
	for i := range open {
		n := app.Need{Category: app.NeedEquipment, Urgency: app.UrgencySoon, Description: fmt.Sprintf("Need number %d", i)}
		if err := a.SaveNeed(&n); err != nil {
			t.Fatal(err)
		}
	}
	u := newUI(t, a)
	view[*dashboardView](t, u)
	for i := range open {
		text := fmt.Sprintf("Need number %d", i)
		if newest := i >= open-dashboardNeeds; newest != shows(u, text) {
			t.Errorf("%q shown: %v, want %v", text, !newest, newest)
		}
	}
	all := button(t, u, fmt.Sprintf("See all %d open support needs", open))
	test.Tap(all)
	view[*needsView](t, u)
}

// With HomeRestAfter, the first home page shows its first screenful at
// once and the rest when the signal comes (main passes the first frame);
// the page is then whole, and later home pages are whole at once.
func TestHomeShowsItsFirstScreenfulFirst(t *testing.T) {
	a := demoApp(t)
	u := New(test.NewTempApp(t), a)
	q := make(chan func(), 64)
	u.toUI = func(f func()) { q <- f }
	uiQueues.Store(u, q)
	ready := make(chan struct{})
	u.HomeRestAfter(ready)
	u.Show()
	view[*dashboardView](t, u)
	mustShow(t, u, "Home")
	mustShow(t, u, "Coming up in the next 30 days")
	if shows(u, "Recent daily recordings") {
		t.Fatal("the bottom of the home page was built before the first frame")
	}
	close(ready)
	waitIdle(t, u)
	mustShow(t, u, "Recent daily recordings")
	mustShow(t, u, "The five Missions")
	u.open(route{page: pageChildren})
	u.open(route{page: pageHome})
	mustShow(t, u, "Recent daily recordings")
}

// When the top of the home page (its heading and the reminders) fills the
// window, the first home page is built from that only: the rest of the
// page's data (children, Missions, needs, training standards, recordings)
// is read and shown after the first frame, and the page then shows what a
// page built whole shows.
func TestHomeAddsTheRestAfterTheFirstFrameWhenRemindersFillTheWindow(t *testing.T) {
	a := demoApp(t)
	whole := newUI(t, demoApp(t))
	view[*dashboardView](t, whole)
	u := New(test.NewTempApp(t), a)
	q := make(chan func(), 64)
	u.toUI = func(f func()) { q <- f }
	uiQueues.Store(u, q)
	u.w.Resize(fyne.NewSize(1280, 40))
	ready := make(chan struct{})
	u.HomeRestAfter(ready)
	u.Show()
	view[*dashboardView](t, u)
	mustShow(t, u, "Home")
	for _, below := range []string{"The five Missions", "Support needs still open", "Recent daily recordings"} {
		if shows(u, below) {
			t.Fatalf("%q was built before the first frame, though the reminders fill the window", below)
		}
	}
	close(ready)
	waitIdle(t, u)
	for _, text := range []string{"The five Missions", "Support needs still open", "Recent daily recordings", "Coming up in the next 30 days"} {
		if !shows(whole, text) {
			t.Fatalf("the whole home page does not show %q", text)
		}
		mustShow(t, u, text)
	}
	children, err := a.Children()
	if err != nil {
		t.Fatal(err)
	}
	if len(children) == 0 {
		t.Fatal("the demo household has no children")
	}
	for _, c := range children {
		mustShow(t, u, app.DisplayName(c))
	}
}
