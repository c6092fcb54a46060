package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestLoggerLevels(t *testing.T) {
	for _, c := range []struct {
		level       string
		debug, info bool
	}{
		{"", false, true},
		{"info", false, true},
		{"debug", true, true},
		{"DEBUG", true, true},
		{"warn", false, false},
		{"error", false, false},
	} {
		var buf bytes.Buffer
		l, err := newLogger(&buf, c.level)
		if err != nil {
			t.Fatalf("level %q: %v", c.level, err)
		}
		l.Debug("d-line")
		l.Info("i-line")
		l.Error("e-line", "err", "boom")
		out := buf.String()
		if strings.Contains(out, "d-line") != c.debug || strings.Contains(out, "i-line") != c.info {
			t.Errorf("level %q logged:\n%s", c.level, out)
		}
		if !strings.Contains(out, `level=ERROR msg=e-line err=boom`) {
			t.Errorf("level %q: error line missing or not in slog's text format:\n%s", c.level, out)
		}
	}
}

func TestSetupLoggingFallsBackToInfoOnABadLevel(t *testing.T) {
	old := slog.Default()
	t.Cleanup(func() { slog.SetDefault(old) })
	var buf bytes.Buffer
	setupLogging(&buf, "chatty")
	slog.Debug("d-line")
	slog.Info("i-line")
	out := buf.String()
	if !strings.Contains(out, `log level \"chatty\" is not debug`) || !strings.Contains(out, "i-line") || strings.Contains(out, "d-line") {
		t.Fatalf("bad level: logged\n%s", out)
	}
}
