package screens

import (
	"testing"

	"fyne.io/fyne/v2/theme"

	"github.com/hearth-app/hearth/app"
)

// Choosing a section in Settings' "Go to" chooser scrolls that card to the
// top of the screen, on a tablet at 200% text where Settings is many
// screens long.
func TestSettingsGoToSectionScrolls(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	if err := a.SetTextScale(2); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	u.w.Resize(tabletSize)
	u.open(route{page: pageSettings})
	v := view[*settingsView](t, u)
	if v.scroll.Offset.Y != 0 {
		t.Fatalf("Settings opened scrolled to %v", v.scroll.Offset.Y)
	}
	if len(v.jump.Options) != len(v.sections) || len(v.sections) < 10 {
		t.Fatalf("the chooser offers %v", v.jump.Options)
	}
	for _, title := range []string{"Your local authority", "App lock"} {
		v.jump.SetSelected(title)
		var want float32
		for _, s := range v.sections {
			if s.title == title {
				want = s.obj.Position().Y + theme.Padding()
			}
		}
		if want <= 0 || v.scroll.Offset.Y != want {
			t.Errorf("after choosing %q the page is scrolled to %v, want the card's top at %v", title, v.scroll.Offset.Y, want)
		}
	}
}
