package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/hearth-app/hearth/app"
)

// logLevelEnv names the environment variable that sets how much Hearth
// logs: debug, info (the default), warn or error. The --log-level flag
// overrides it.
const logLevelEnv = "HEARTH_LOG_LEVEL"

// newLogger is Hearth's logger: slog's text format, one line per event, to
// w (stderr in the app). Every package logs through slog's default logger,
// so this is the one place the format and level are chosen. What is logged
// is decided where it is logged, under one rule: events, counts, kinds and
// errors, never names, record text, passphrases or tokens.
func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.TrimSpace(level))); err != nil && level != "" {
		return slog.New(slog.NewTextHandler(w, nil)), fmt.Errorf("log level %q is not debug, info, warn or error", level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// setupLogging installs newLogger as slog's default. A bad level is
// reported and the default (info) is used, because a typo in a setting
// should not stop a carer opening their records.
func setupLogging(w io.Writer, level string) {
	logger, err := newLogger(w, level)
	slog.SetDefault(logger)
	if err != nil {
		slog.Warn("using log level info", "err", err)
	}
}

// logOpen logs how opening a profile went: whether it needs setup, the
// passphrase or nothing, and whether the keychain answered, which is what
// a support call needs to know about "it keeps asking for my passphrase".
// It logs the state, never the folder (the path can hold the user's name).
func logOpen(a *app.App, err error) (*app.App, error) {
	if err != nil {
		slog.Error("could not open a profile", "err", err)
		return nil, err
	}
	state := map[app.State]string{app.StateNew: "new", app.StateLocked: "locked", app.StateReady: "unlocked"}[a.State()]
	slog.Info("profile opened", "state", state, "keychain", a.KeychainAvailable())
	return a, nil
}
