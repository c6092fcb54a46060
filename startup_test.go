package main

import (
	"testing"
	"time"
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
