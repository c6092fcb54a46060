package screens

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

// A new computer is set up from a backup from the first-run screen: a
// wrong passphrase says so and sets nothing up; the right one opens the
// backup's records.
func TestSetUpFromBackupScreen(t *testing.T) {
	content := backupOf(t, "Ffion Jones")

	a := newApp(t)
	u := newUI(t, a)
	mustShow(t, u, "Welcome to Hearth")
	button(t, u, "Restore from a backup instead…") // offered on the first-run welcome page
	v := &backupView{u: u, problem: problem()}

	v.askSetupPassphrases(content)
	mustShow(t, u, "Optional: a passphrase to open Hearth on this computer")
	test.Type(passwordEntries(u)[0], "not the passphrase")
	test.Tap(button(t, u, "Restore and open my records"))
	waitIdle(t, u)
	mustShow(t, u, "That passphrase doesn't open this backup")
	if a.State() != app.StateNew {
		t.Fatalf("a refused backup set the profile up: state %v", a.State())
	}

	pass := passwordEntries(u)[0]
	pass.SetText("")
	test.Type(pass, testBackupPass)
	test.Tap(button(t, u, "Restore and open my records"))
	waitIdle(t, u)
	if a.State() != app.StateReady {
		t.Fatalf("state %v after setting up from a backup", a.State())
	}
	if got := childNames(t, a); len(got) != 1 || got[0] != "Ffion Jones" {
		t.Fatalf("children after setup from a backup: %v", got)
	}
	mustNotShow(t, u, "Restore and open my records")
	mustShow(t, u, "Ffion")
}
