// Command hearth is the Hearth app for foster carers, kinship carers and care
// leavers. main only wires the pieces together: it parses flags, opens the
// store through the app package and hands it to the screens.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/screens"
)

// icon is embedded so `go run .` shows it too; `fyne package` takes the same
// file from FyneApp.toml.
//
//go:embed Icon.png
var icon []byte

func main() {
	demo := flag.Bool("demo", false, "start on a fresh data directory filled with a fictional household")
	dir := flag.String("data-dir", "", "where Hearth keeps its data (default: the per-user app data folder)")
	flag.Parse()
	if err := run(*demo, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "hearth:", err)
		os.Exit(1)
	}
}

func run(demo bool, dir string) error {
	// The Fyne app comes first: Fyne packages expect a current app as soon
	// as they are used, even before the window exists.
	fa := fyneapp.NewWithID("uk.hearth.app")
	fa.SetIcon(fyne.NewStaticResource("Icon.png", icon))
	opts := app.Options{Dir: dir}
	if demo {
		if dir == "" {
			tmp, err := os.MkdirTemp("", "hearth-demo-")
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			defer os.RemoveAll(tmp)
			opts.Dir = tmp
		}
		// The demo is fictional and throwaway: keep it out of the real keychain.
		opts.Keychain = app.NoKeychain{}
	} else if opts.Dir == "" {
		d, err := defaultDataDir()
		if err != nil {
			return err
		}
		opts.Dir = d
	}
	a, err := app.Open(opts)
	if err != nil {
		return err
	}
	defer a.Close()
	if demo {
		if err := loadDemo(a); err != nil {
			return err
		}
		slog.Info("demo household loaded", "data-dir", opts.Dir)
	}
	screens.New(fa, a).Show()
	fa.Run()
	return nil
}

// loadDemo sets up the fictional household on a fresh store.
func loadDemo(a *app.App) error {
	if a.State() != app.StateNew {
		return fmt.Errorf("demo: the data directory already holds records; give an empty --data-dir")
	}
	if err := a.CompleteSetup(a.DemoSetup("en")); err != nil {
		return fmt.Errorf("demo setup: %w", err)
	}
	return a.LoadDemo()
}

// defaultDataDir is the OS's per-user application data folder: %AppData% on
// Windows, ~/Library/Application Support on macOS, and $XDG_DATA_HOME (or
// ~/.local/share) on Linux, because the store is data, not configuration.
func defaultDataDir() (string, error) {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		if x := os.Getenv("XDG_DATA_HOME"); x != "" {
			return filepath.Join(x, "hearth"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find data folder: %w", err)
		}
		return filepath.Join(home, ".local", "share", "hearth"), nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find data folder: %w", err)
	}
	return filepath.Join(base, "Hearth"), nil
}
