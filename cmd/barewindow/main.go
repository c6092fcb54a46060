// Command barewindow is the baseline for scripts/bench.sh: the smallest
// Fyne app that opens a window of Hearth's size, with the same first-frame
// marker as Hearth (see startup.go in the repository root, which this
// copies because a command cannot import another command's package).
package main

import (
	"flag"
	"fmt"
	"image"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

var mainStart = time.Now()

func main() {
	marker := flag.Bool("startup-marker", false, "print the first-frame marker")
	exit := flag.Bool("exit-after-first-frame", false, "quit after the first frame")
	flag.Parse()
	fa := fyneapp.NewWithID("uk.hearth.barewindow")
	w := fa.NewWindow("Bare window")
	w.Resize(fyne.NewSize(1280, 800))
	w.SetContent(widget.NewLabel("Hello"))
	if *marker {
		watch(fa, w, *exit)
	}
	w.Show()
	fa.Run()
}

func watch(fa fyne.App, w fyne.Window, exit bool) {
	done := false
	var probe *canvas.Raster
	probe = canvas.NewRaster(func(int, int) image.Image {
		if !done {
			done = true
			drawnAt := time.Now() // as Hearth's startup.go, and for the same reason
			fyne.Do(func() {
				fmt.Println(firstFrameLine(drawnAt, mainStart))
				w.Canvas().Overlays().Remove(probe)
				if exit {
					fa.Quit()
				}
			})
		}
		return image.NewUniform(image.Transparent)
	})
	w.Canvas().Overlays().Add(probe)
}

// firstFrameLine matches Hearth's marker, so the benchmark parses both.
func firstFrameLine(now, start time.Time) string {
	return fmt.Sprintf("hearth: first frame %d ms (unix_ns %d)", now.Sub(start).Milliseconds(), now.UnixNano())
}
