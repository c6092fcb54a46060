package main

import (
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/screens"
)

// scripts/bench.sh parses this line; cmd/barewindow prints the same.
func TestFirstFrameLine(t *testing.T) {
	start := time.Unix(100, 0)
	if got, want := firstFrameLine(start.Add(1234*time.Millisecond), start), "hearth: first frame 1234 ms (unix_ns 101234000000)"; got != want {
		t.Fatalf("marker = %q, want %q", got, want)
	}
}

// The first frame and the fallback timer may both open the gate.
func TestFirstFrameDrawnOpensTheGateOnce(t *testing.T) {
	m := &startupMarker{drawn: make(chan struct{})}
	m.firstFrameDrawn()
	m.firstFrameDrawn()
	select {
	case <-m.drawn:
	default:
		t.Fatal("gate still shut")
	}
}

// TestDemoLoadsBeforeAnyFrame guards against a deadlock: the demo saves its
// records before the window exists, so its store must not wait for the
// first frame to fill the search index that every save updates.
func TestDemoLoadsBeforeAnyFrame(t *testing.T) {
	p := screens.Profiles{Root: t.TempDir(), Open: openUngated(app.NoKeychain{})}
	done := make(chan error, 1)
	go func() {
		a, err := openDemo(p, false)
		if err == nil {
			_, err = a.Search("swim")
			a.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the demo did not load: it is waiting for a first frame that never comes")
	}
}
