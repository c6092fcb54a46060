package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Auto-lock. Fyne has no hook that sees every input event (each goes
// straight to the widget under the pointer or with the focus), so activity
// is noticed in two ways: every page opened counts at once, and every
// idleTick the watcher compares what input changes (the focused widget,
// the text and cursor of a focused entry, how far each page is scrolled)
// with the last look. Reading one page without touching anything for the
// whole idle time does lock Hearth; that is the point of the lock.
//
// Leaving the foreground locks Hearth too, after hiddenGrace. On a desktop
// Fyne reports losing the window's focus as leaving the foreground, so
// locking at once would lock whenever the carer glanced at a letter in
// another window; half a minute is long enough for that and short enough
// that a minimised Hearth does not stay open. On a tablet the same grace
// is checked when the app comes back, since a suspended app runs no timer.
//
// Both apply only with an app lock (with the keychain alone there is
// nothing to type) and an idle time other than "never".
const (
	idleTick    = 10 * time.Second
	hiddenGrace = 30 * time.Second
)

// lockWatcher decides when Hearth locks itself. Its fields are used on the
// UI thread only: the ticker hands each check over with toUI (fyne.Do).
type lockWatcher struct {
	u        *UI
	now      func() time.Time
	lastSeen time.Time // the last activity
	hiddenAt time.Time // when Hearth left the foreground; zero while in it
	seen     activity  // what input looked like at the last check
	ticking  bool
	// card is the app lock's Settings card when Settings was last built,
	// so a test can reach its inputs.
	card *lockSettings
}

// lockWatch is the UI's watcher, made and hooked to the app's lifecycle
// on first use.
func (u *UI) lockWatch() *lockWatcher {
	if u.locker == nil {
		w := &lockWatcher{u: u, now: time.Now}
		u.locker = w
		w.lastSeen = w.now()
		lc := u.fa.Lifecycle()
		lc.SetOnExitedForeground(w.hidden)
		lc.SetOnEnteredForeground(w.shown)
	}
	return u.locker
}

// touched records activity: the user did something.
func (u *UI) touched() { u.lockWatch().lastSeen = u.lockWatch().now() }

// arm starts the ticker when Hearth may lock itself. The ticker runs until
// the window closes; with no lock or no idle time its checks do nothing.
func (w *lockWatcher) arm() {
	w.lastSeen = w.now()
	if w.ticking || w.u.a == nil || w.u.a.AutoLock() == 0 {
		return
	}
	w.ticking = true
	stop := make(chan struct{})
	w.u.w.SetOnClosed(func() { close(stop) })
	go func() {
		t := time.NewTicker(idleTick)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				w.u.toUI(w.check)
			case <-stop:
				return
			}
		}
	}()
}

// check locks Hearth when it has been idle, or out of the foreground,
// for long enough.
func (w *lockWatcher) check() {
	u := w.u
	if u.a == nil || u.view == nil {
		return // not in the shell: nothing to lock
	}
	idle := u.a.AutoLock()
	if idle == 0 {
		return
	}
	now := w.now()
	if a := w.look(); a != w.seen {
		w.seen, w.lastSeen = a, now
	}
	if !w.hiddenAt.IsZero() && now.Sub(w.hiddenAt) >= hiddenGrace || now.Sub(w.lastSeen) >= idle {
		u.lockApp()
	}
}

// hidden notes when Hearth left the foreground.
func (w *lockWatcher) hidden() {
	if w.hiddenAt.IsZero() {
		w.hiddenAt = w.now()
	}
}

// shown locks at once if Hearth was away for longer than the grace (a
// tablet app is suspended meanwhile, so no check ran), and otherwise
// counts coming back as activity.
func (w *lockWatcher) shown() {
	away := !w.hiddenAt.IsZero() && w.now().Sub(w.hiddenAt) >= hiddenGrace
	w.hiddenAt = time.Time{}
	if away && w.u.a != nil && w.u.view != nil && w.u.a.AutoLock() > 0 {
		w.u.lockApp()
		return
	}
	w.lastSeen = w.now()
}

// activity is what the watcher compares between checks.
type activity struct {
	focused  fyne.Focusable
	text     int
	row, col int
	scrolled float32
}

func (w *lockWatcher) look() activity {
	c := w.u.w.Canvas()
	a := activity{focused: c.Focused()}
	if e, ok := a.focused.(*widget.Entry); ok {
		a.text, a.row, a.col = len(e.Text), e.CursorRow, e.CursorColumn
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			a.scrolled += x.Offset.X + x.Offset.Y
			walk(x.Content)
		case *container.AppTabs:
			if t := x.Selected(); t != nil {
				walk(t.Content)
			}
		case *widget.List:
			a.scrolled += x.GetScrollOffset()
		}
	}
	walk(c.Content())
	return a
}

// lockApp locks the open profile, if it has an app lock, and replaces the
// whole window with the unlock screen: the pages, their widgets and any
// dialog go, so no decrypted text stays in the widget tree. The store has
// forgotten the key and dropped the search index by then.
func (u *UI) lockApp() {
	if u.a == nil || !u.a.Lock() {
		return
	}
	u.locks.Add(1)
	for _, o := range u.w.Canvas().Overlays().List() {
		u.w.Canvas().Overlays().Remove(o)
	}
	u.view, u.body, u.cur = nil, nil, route{}
	u.nav, u.tiles = nil, nil
	// The Settings sections the UI keeps a hold on go too: the lock's
	// form may hold a PIN typed and not saved, the sync section the LA's
	// reasons for refusing a change.
	u.lockWatch().card = nil
	if u.sync != nil {
		u.sync.panel, u.sync.card = nil, nil
	}
	u.showUnlock()
}
