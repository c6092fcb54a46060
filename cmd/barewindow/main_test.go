package main

import (
	"regexp"
	"testing"
	"time"
)

// The benchmark script parses this line from both programs.
func TestFirstFrameLine(t *testing.T) {
	start := time.Unix(100, 0)
	got := firstFrameLine(start.Add(1234*time.Millisecond), start)
	if !regexp.MustCompile(`^hearth: first frame 1234 ms \(unix_ns 101234000000\)$`).MatchString(got) {
		t.Fatalf("marker = %q", got)
	}
}
