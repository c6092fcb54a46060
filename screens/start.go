package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hearth-app/hearth/app"
)

// Open builds the UI for the profiles in p.Root: with none, it makes one
// and shows first-run setup; with one, it opens it; with several, Show
// lets the user choose.
//
// Two slow things happen at once here, because they need nothing from
// each other: the window is made on the UI thread (its OpenGL context and
// shaders, 60-80 ms), and on one goroutine the profile's store opens, its
// language loads, the home page's first data is read and the fonts every
// screen uses are read (40-60 ms in all). A second goroutine for the fonts
// measured no faster on two cores, where it only competed with the UI
// thread. Nothing on the UI thread uses a message until the goroutine is
// done. The window is shown empty, and not drawn: Show sets its content
// and draws it, so the first frame drawn is the first screen.
func Open(fa fyne.App, p Profiles) (*UI, error) {
	type result struct {
		a     *app.App
		first *homeStart
		err   error
	}
	u := New(fa, nil)
	u.UseProfiles(p)
	opened := make(chan result, 1)
	go func() {
		a, err := openStart(p)
		// Show finds the language loaded; on an error it tries again
		// and logs why.
		_ = applyLanguage(startLanguage(a))
		var first *homeStart
		if a != nil && a.State() == app.StateReady && a.ProfileKind() == app.ProfileCarer {
			// On an error the home page reads again and explains it.
			first, _ = readHomeStart(a)
		}
		loadFonts()
		opened <- result{a, first, err}
	}()
	u.w.Show()
	r := <-opened
	if r.err != nil {
		u.w.Close()
		return nil, r.err
	}
	u.a, u.homeStart = r.a, r.first
	return u, nil
}

// openStart opens the profile to start with: a new one when there are
// none, the only one when there is one, and none (nil) when the user must
// choose.
func openStart(p Profiles) (*app.App, error) {
	list, err := app.ListProfiles(p.Root)
	if err != nil {
		return nil, err
	}
	switch len(list) {
	case 0:
		dir, err := app.NewProfileDir(p.Root)
		if err != nil {
			return nil, err
		}
		return p.Open(dir)
	case 1:
		return p.Open(list[0].Dir)
	}
	return nil, nil
}

// loadFonts reads the regular and bold fonts, the two styles every first
// screen uses. Fyne reads a style's fonts (its own, the emoji and symbol
// fonts and a system font for the language) the first time text in that
// style is measured, which on the UI thread held up the first frame by
// 30-40 ms. Fyne's font cache is safe to fill from any goroutine.
func loadFonts() {
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText("Hearth", theme.TextSize(), style)
	}
}

// homeStart is what the home page's first screenful shows, read by Open
// off the UI thread while the window is made.
type homeStart struct {
	names     map[string]string
	reminders []app.Reminder
}

// readHomeStart reads the data of the home page's first screenful.
func readHomeStart(a *app.App) (*homeStart, error) {
	names, err := childNamesOf(a)
	if err != nil {
		return nil, err
	}
	rs, err := a.Reminders()
	if err != nil {
		return nil, err
	}
	return &homeStart{names: names, reminders: rs}, nil
}
