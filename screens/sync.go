package screens

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"github.com/hearth-app/hearth/app"
)

// Background sync timing: a sync soon after the user saves something (once
// they have paused, so a burst of edits goes together), and one every few
// minutes to bring the local authority's changes in.
const (
	syncDebounce = 5 * time.Second
	syncEvery    = 5 * time.Minute
)

// syncLoop syncs with the local authority in the background while the
// profile is connected: when the shell opens, shortly after a save, and
// every syncEvery. It skips quietly when the device is offline. Its state
// is touched only on the UI thread; the sync itself runs in a goroutine
// and hands every change of the screen back through u.toUI (fyne.Do).
type syncLoop struct {
	u        *UI
	started  bool
	debounce time.Duration
	kick     chan struct{}
	pending  bool // a debounced sync is due; counted in u.jobs
	// pull is set when the due sync must run even with nothing to send:
	// at start, to bring the LA's changes in.
	pull bool

	running bool
	done    int // progress of the running sync
	total   int
	// last is the outcome of the latest sync: nil, or the error to show.
	last error
	// offline is set when the latest background attempt found no network.
	offline bool

	// panel is the sync section on screen, if any, redrawn as sync runs;
	// card is the latest "Your local authority" section built.
	panel *syncPanel
	card  *connectCard

	// openURL opens the system browser for signing in (fyne's OpenURL).
	openURL func(*url.URL) error
}

// syncer is the UI's sync loop, made on first use.
func (u *UI) syncer() *syncLoop {
	if u.sync == nil {
		u.sync = &syncLoop{u: u, debounce: syncDebounce, kick: make(chan struct{}, 1), openURL: u.fa.OpenURL}
	}
	return u.sync
}

// startSync starts the background loop once the profile is connected and
// enrolled, and syncs at once. Calling it again does nothing more than
// one sync.
func (u *UI) startSync() {
	if u.a == nil || u.a.State() != app.StateReady {
		return
	}
	conn, err := u.a.Connection()
	if err != nil || !conn.Ready() {
		return
	}
	l := u.syncer()
	if !l.started {
		l.started = true
		go l.loop()
	}
	l.pull = true
	l.soon()
}

// syncSoon asks for a sync shortly, after a save; nothing happens unless
// the loop runs, nor when nothing waits to be sent (moving between pages
// saves nothing).
func (u *UI) syncSoon() {
	if u.sync != nil {
		u.sync.soon()
	}
}

// soon schedules a debounced sync.
func (l *syncLoop) soon() {
	if !l.started {
		return
	}
	if !l.pending {
		l.pending = true
		l.u.jobs.Add(1)
	}
	select {
	case l.kick <- struct{}{}:
	default:
	}
}

// loop waits for the timer or a kick and hands the sync to the UI thread.
// It lives as long as the window.
func (l *syncLoop) loop() {
	tick := time.NewTicker(syncEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			l.u.toUI(func() { l.run(false, nil) })
		case <-l.kick:
			t := time.NewTimer(l.debounce)
		wait:
			for {
				select {
				case <-l.kick:
					t.Reset(l.debounce)
				case <-t.C:
					break wait
				}
			}
			l.u.toUI(func() {
				// Kicks that came while this one waited share its count.
				finished := func() {}
				if l.pending {
					l.pending = false
					finished = l.u.jobs.Done
				}
				if !l.pull && !l.waiting() {
					finished()
					return
				}
				l.pull = false
				l.run(false, finished)
			})
		}
	}
}

// run starts one sync unless one is running, the profile is locked or not
// connected. A sync the user asked for (byUser) retries harder, and when
// the device is offline says so at once rather than skipping quietly. finished, if not nil,
// is called on the UI thread when all is done.
func (l *syncLoop) run(byUser bool, finished func()) {
	done := func() {
		if finished != nil {
			finished()
		}
	}
	a := l.u.a
	if l.running || a == nil || a.State() != app.StateReady || l.u.body == nil {
		done()
		return
	}
	if conn, err := a.Connection(); err != nil || !conn.Ready() {
		done()
		return
	}
	l.running, l.done, l.total = true, 0, 0
	l.redraw()
	policy := app.SyncPolicy{MaxRetries: 1}
	if byUser {
		policy = app.SyncPolicy{}
	}
	var err error
	offline := false
	l.u.background(func() {
		ctx := context.Background()
		if !a.Online(ctx) {
			// Retrying with backoff would only keep the user waiting.
			if byUser {
				err = &app.UserError{Key: "connect.error.unreachable", Field: "sync"}
			} else {
				offline = true
			}
			return
		}
		_, err = a.SyncNowWith(ctx, func(d, t int) {
			l.u.toUI(func() {
				l.done, l.total = d, t
				l.redraw()
			})
		}, policy)
	}, func() {
		defer done()
		l.running = false
		l.offline = offline
		if !offline {
			l.last = err
		}
		if err != nil {
			if _, ok := err.(*app.UserError); !ok {
				slog.Warn("sync with the local authority failed", "error", err)
			}
		}
		l.redraw()
	})
}

// redraw updates the sync section on screen, if one shows.
func (l *syncLoop) redraw() {
	if l.panel != nil {
		l.panel.show()
	}
}

// waiting reports whether changes wait to be sent.
func (l *syncLoop) waiting() bool {
	a := l.u.a
	if a == nil || a.State() != app.StateReady {
		return false
	}
	n, err := a.PendingChanges()
	return err == nil && n > 0
}
