package screens

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/app/apptest"
)

// newKeychain is an in-memory keychain; available=false stands for a
// computer without one, where setup must ask for a passphrase.
func newKeychain(available bool) *apptest.Keychain { return apptest.NewKeychain(available) }

// testToday is the tests' today: dates in assertions are fixed.
var testToday = time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)

// clock starts on testToday and ticks a millisecond a call, so records
// created one after another sort in a known order.
func clock() func() time.Time {
	var n atomic.Int64
	return func() time.Time { return testToday.Add(10*time.Hour + time.Duration(n.Add(1))*time.Millisecond) }
}

// openApp opens a real app in dir with a cheap key derivation. The caller
// closes it.
func openApp(t *testing.T, dir string, kc app.Keychain) *app.App {
	t.Helper()
	a, err := app.Open(app.Options{Dir: dir, Keychain: kc, KDF: &app.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}, Now: clock()})
	if err != nil {
		t.Fatalf("open app: %v", err)
	}
	return a
}

// newApp opens a fresh app in a temp dir with a working keychain.
func newApp(t *testing.T) *app.App {
	t.Helper()
	a := openApp(t, t.TempDir(), newKeychain(true))
	t.Cleanup(func() { _ = a.Close() })
	return a
}

// setUp completes first-run setup for a kind of carer, approved on 1 March
// 2025 when the kind is approved at all.
func setUp(t *testing.T, a *app.App, kind app.CarerKind) {
	t.Helper()
	s := app.Setup{Language: "en", Kind: kind, CarerNames: []string{"Sam Carer"}}
	if app.NeedsApproval(kind) {
		s.ApprovalDate = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	}
	if err := a.CompleteSetup(s); err != nil {
		t.Fatalf("setup: %v", err)
	}
}

// addChild stores a child through the app.
func addChild(t *testing.T, a *app.App, name string) app.Child {
	t.Helper()
	c := app.Child{Name: name, DateOfBirth: time.Date(2015, 4, 2, 0, 0, 0, 0, time.UTC),
		Arrangement: app.ArrangementFoster, PlacementStart: time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)}
	if err := a.SaveChild(&c); err != nil {
		t.Fatalf("save child: %v", err)
	}
	return c
}

// newUI shows the UI for a in a test Fyne app, at the default window size.
// The language is reset to English afterwards, because Fyne's translations
// are global to the process.
func newUI(t *testing.T, a *app.App) *UI {
	t.Helper()
	fa := test.NewTempApp(t)
	u := New(fa, a)
	q := make(chan func(), 64)
	u.toUI = func(f func()) { q <- f }
	uiQueues.Store(u, q)
	u.Show()
	t.Cleanup(func() {
		if err := applyLanguage("en"); err != nil {
			t.Error(err)
		}
	})
	return u
}

// uiQueues holds each test UI's queue of work handed to the UI thread.
var uiQueues sync.Map

// waitIdle plays the UI thread: it runs what background work hands to the
// UI, until no work is left, failing if that takes unreasonably long. The
// bound only catches a hang; nothing asserts how fast anything is.
func waitIdle(t *testing.T, u *UI) {
	t.Helper()
	v, _ := uiQueues.Load(u)
	q := v.(chan func())
	done := make(chan struct{})
	go func() {
		u.jobs.Wait()
		close(done)
	}()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case f := <-q:
			f()
		case <-done:
			return
		case <-timeout:
			t.Fatal("background work did not finish")
		}
	}
}

// view returns the page showing, as the type the test expects.
func view[T screen](t *testing.T, u *UI) T {
	t.Helper()
	v, ok := u.view.(T)
	if !ok {
		t.Fatalf("showing %T, want %T", u.view, *new(T))
	}
	return v
}

// visit walks the visible objects in the window, the dialogs on top first
// (as a user's eye would), until see returns false. see also returns
// whether to look inside the object.
func visit(u *UI, see func(o fyne.CanvasObject) (inside, more bool)) {
	stop := false
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if stop || o == nil || !o.Visible() {
			return
		}
		inside, more := see(o)
		if stop = !more; stop || !inside {
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	overlays := u.w.Canvas().Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		walk(overlays[i])
	}
	walk(u.w.Canvas().Content())
}

// texts collects every visible piece of text in the window: labels,
// buttons and entries as whole strings (wrapped labels are drawn in several
// pieces), and any other drawn text.
func texts(u *UI) []string {
	var out []string
	visit(u, func(o fyne.CanvasObject) (bool, bool) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
			return false, true
		case *tapLabel:
			out = append(out, x.Text)
			return false, true
		case *widget.Button:
			out = append(out, x.Text)
		case *widget.Entry:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		}
		return true, true
	})
	return out
}

// button finds a visible button by its text.
func button(t *testing.T, u *UI, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	visit(u, func(o fyne.CanvasObject) (bool, bool) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
			return false, false
		}
		return true, true
	})
	if found == nil {
		t.Fatalf("no button %q; the window shows:\n%s", text, strings.Join(texts(u), "\n"))
	}
	return found
}

// shows reports whether some text in the window contains want.
func shows(u *UI, want string) bool {
	for _, s := range texts(u) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// mustShow fails unless the window shows want.
func mustShow(t *testing.T, u *UI, want string) {
	t.Helper()
	if !shows(u, want) {
		t.Fatalf("window does not show %q; it shows:\n%s", want, strings.Join(texts(u), "\n"))
	}
}

// mustNotShow fails if the window shows unwanted.
func mustNotShow(t *testing.T, u *UI, unwanted string) {
	t.Helper()
	if shows(u, unwanted) {
		t.Fatalf("window shows %q but should not", unwanted)
	}
}

// choose selects the option of a choice labelled with a value's name.
func choose[T comparable](t *testing.T, c *choice[T], v T) {
	t.Helper()
	c.set(v)
	if c.value() != v {
		t.Fatalf("could not choose %v", v)
	}
}

// pick selects a drop-down option by value.
func pick[T comparable](t *testing.T, p *picker[T], v T) {
	t.Helper()
	for i, x := range p.values {
		if x == v {
			p.sel.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("no option %v", v)
}
