package e2e

import (
	"log/slog"
	"os"
	"testing"
)

// TestMain silences the app's own log lines (one per sync, hundreds in
// the fault test) so a failure's output is readable.
func TestMain(m *testing.M) {
	slog.SetDefault(quiet)
	os.Exit(m.Run())
}
