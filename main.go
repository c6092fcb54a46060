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

// windowIcon is the window's icon: Icon.png scaled to 128 pixels. Fyne
// decodes the window icon and hands every pixel to the window system while
// it makes the window, before the first frame, and at 512 pixels that cost
// 3-4 ms; a window's icon is shown small (taskbars, window lists). The
// installed app's icon, which launchers show large, is still Icon.png,
// which `fyne package` takes from FyneApp.toml.
//
//go:embed WindowIcon.png
var windowIcon []byte

func main() {
	demo := flag.Bool("demo", false, "start on a fresh data folder with a fictional carer household")
	demoLeaver := flag.Bool("demo-leaver", false, "start on a fresh data folder with a fictional care leaver")
	dir := flag.String("data-dir", "", "the folder that holds every profile's data (default: the per-user app data folder)")
	flag.BoolVar(&startup.marker, "startup-marker", false, "print \"hearth: first frame <ms>\" once the first frame is drawn (for benchmarks)")
	flag.BoolVar(&startup.exit, "exit-after-first-frame", false, "with --startup-marker, quit once the first frame is drawn")
	logLevel := flag.String("log-level", os.Getenv(logLevelEnv), "how much to log to stderr: debug, info, warn or error (default info, or $"+logLevelEnv+")")
	flag.Parse()
	setupLogging(os.Stderr, *logLevel)
	slog.Info("hearth starting", "os", runtime.GOOS, "demo", *demo || *demoLeaver, "data-dir-given", *dir != "")
	if err := run(*demo, *demoLeaver, *dir); err != nil {
		slog.Error("hearth stopped", "err", err)
		os.Exit(1)
	}
}

func run(demo, demoLeaver bool, root string) error {
	var keychain app.Keychain // nil: the operating system's keychain
	if demo || demoLeaver {
		if root == "" {
			tmp, err := os.MkdirTemp("", "hearth-demo-")
			if err != nil {
				return fmt.Errorf("demo: %w", err)
			}
			defer os.RemoveAll(tmp)
			root = tmp
		}
		// The demo is fictional and throwaway: keep it out of the real keychain.
		keychain = app.NoKeychain{}
	} else if benchKeychain != nil {
		keychain = benchKeychain()
	}
	if root == "" {
		d, err := defaultDataDir()
		if err != nil {
			return err
		}
		root = d
	}
	// The search index waits for the first frame (or the fallback), so the
	// window appears sooner. The timer starts now, not when the window does:
	// nothing before the window may wait on the gate for ever.
	startup.startFallback()
	profiles := screens.Profiles{Root: root, Open: func(dir string) (*app.App, error) {
		return logOpen(app.Open(app.Options{Dir: dir, Keychain: keychain, IndexAfter: startup.drawn}))
	}}
	fa := fyneapp.NewWithID("uk.hearth.app")
	fa.SetIcon(fyne.NewStaticResource("WindowIcon.png", windowIcon))
	var ui *screens.UI
	if demo || demoLeaver {
		// The demo fills its store before the window exists, and every save
		// updates the search index, so its store must not wait for the
		// first frame.
		demoProfiles := profiles
		demoProfiles.Open = openUngated(keychain)
		a, err := openDemo(demoProfiles, demoLeaver)
		if err != nil {
			return err
		}
		startup.pauseGC()
		ui = screens.New(fa, a)
		ui.UseProfiles(profiles)
	} else {
		var err error
		startup.pauseGC()
		if ui, err = screens.Open(fa, profiles); err != nil {
			return err
		}
	}
	defer ui.Close()
	// The home page's first frame holds only what fits on screen; the rest
	// follows once that frame is drawn.
	ui.HomeRestAfter(startup.drawn)
	startup.watch(fa, ui.Window())
	ui.Show()
	fa.Run()
	return nil
}

// openUngated opens stores whose search index fills at once, for the demo,
// which saves its records before any window exists.
func openUngated(keychain app.Keychain) func(dir string) (*app.App, error) {
	return func(dir string) (*app.App, error) {
		return logOpen(app.Open(app.Options{Dir: dir, Keychain: keychain}))
	}
}

// openDemo makes a new profile in an empty root and fills it with the
// fictional household, or with the fictional care leaver.
func openDemo(p screens.Profiles, leaver bool) (*app.App, error) {
	existing, err := app.ListProfiles(p.Root)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if len(existing) > 0 {
		return nil, fmt.Errorf("demo: the data folder already holds profiles; give an empty --data-dir")
	}
	dir, err := app.NewProfileDir(p.Root)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	a, err := p.Open(dir)
	if err != nil {
		return nil, err
	}
	if leaver {
		err = a.CompleteLeaverSetup(a.LeaverDemoSetup("en"))
		if err == nil {
			err = a.LoadLeaverDemo()
		}
	} else if err = a.CompleteSetup(a.DemoSetup("en")); err == nil {
		err = a.LoadDemo()
	}
	if err != nil {
		a.Close()
		return nil, fmt.Errorf("demo: %w", err)
	}
	slog.Info("demo loaded", "data-dir", p.Root, "care-leaver", leaver)
	return a, nil
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
