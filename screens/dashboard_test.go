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
