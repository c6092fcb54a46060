package screens

import (
	"fmt"
	"testing"

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
