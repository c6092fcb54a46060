package main

import (
	"fmt"
	"image"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/hearth-app/hearth/app"
)

// mainStart is taken as the program's variables are initialised, the
// earliest moment Go code runs. The kernel's start time (/proc/self/stat)
// has only 10 ms resolution and disagreed with the wall clock by hundreds of
// milliseconds in a container, so scripts/bench.sh measures from its own
// clock just before exec, using the marker's unix_ns.
var mainStart = time.Now()

// startup is the --startup-marker and --exit-after-first-frame flags.
var startup = &startupMarker{drawn: make(chan struct{})}

type startupMarker struct {
	marker, exit bool
	// drawn closes once the first frame is on screen (or after
	// drawnFallback, should that never be seen); stores opened with it
	// (app.Options.IndexAfter) wait for it before filling their search
	// index, which would otherwise compete with the first frame for CPU.
	drawn     chan struct{}
	closeOnce sync.Once
}

// drawnFallback opens the index gate even if no frame is seen (a window
// that starts minimised), so search never waits for long.
const drawnFallback = 3 * time.Second

func (m *startupMarker) firstFrameDrawn() { m.closeOnce.Do(func() { close(m.drawn) }) }

// pauseGC turns the garbage collector off until the first frame is drawn
// (or drawnFallback passes). Most of what start-up allocates (fonts, the
// window, the first page, about 35 MB) is kept, so collecting on the way
// freed little, and its five collections ran on the same two cores that
// were making the window; the first frame came 5-10 ms later with them.
func (m *startupMarker) pauseGC() {
	before := debug.SetGCPercent(-1)
	go func() {
		<-m.drawn
		debug.SetGCPercent(before)
	}()
}

// startFallback opens the gate after drawnFallback whatever happens.
func (m *startupMarker) startFallback() { time.AfterFunc(drawnFallback, m.firstFrameDrawn) }

// watch notices the first frame: it opens the search-index gate and, with
// --startup-marker, prints the marker. Call it before anything is drawn.
// Fyne has no "frame drawn" callback, so a transparent raster is laid over
// the window: the GL painter calls a raster's generator while it draws a
// frame, after everything else in it (overlays are drawn last), so the
// time taken there is when the first frame has been drawn, all but the
// buffer swap that puts it on screen. The fyne.Do queued from there runs
// on the event loop's next turn; it removes the overlay, since an overlay
// takes the window's clicks.
//
// The time is taken in the generator, not in that fyne.Do, because a
// frame drawn by Window.Show before the event loop runs (as the bare
// window's is) would otherwise be timed when the loop starts, one frame
// and a loop start-up later.
func (m *startupMarker) watch(fa fyne.App, w fyne.Window) {
	done := false
	var probe *canvas.Raster
	probe = canvas.NewRaster(func(int, int) image.Image {
		if !done {
			done = true
			drawnAt := time.Now()
			fyne.Do(func() {
				m.firstFrameDrawn()
				w.Canvas().Overlays().Remove(probe)
				if !m.marker {
					return
				}
				fmt.Println(firstFrameLine(drawnAt, mainStart))
				if m.exit {
					fa.Quit()
				}
			})
		}
		return image.NewUniform(image.Transparent)
	})
	w.Canvas().Overlays().Add(probe)
}

// firstFrameLine is the marker: milliseconds from process start to the
// first frame (from mainStart, so without exec, dynamic linking and Go
// runtime start), and the wall clock (Unix nanoseconds) at that moment so a
// benchmark can measure from its own clock instead.
func firstFrameLine(now, start time.Time) string {
	return fmt.Sprintf("hearth: first frame %d ms (unix_ns %d)", now.Sub(start).Milliseconds(), now.UnixNano())
}

// benchKeychain replaces the OS keychain in `-tags bench` builds; nil
// otherwise (see bench_keychain.go).
var benchKeychain func() app.Keychain
