package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// unlockView asks for the passphrase when the keychain could not open the
// records (no keychain on this computer, or it was cleared), and for the
// app lock's PIN or passphrase when Hearth is locked.
type unlockView struct {
	u       *UI
	pass    *widget.Entry
	button  *widget.Button
	problem *widget.Label
	wait    *widget.ProgressBarInfinite
}

// showUnlock shows the passphrase screen.
func (u *UI) showUnlock() {
	v := &unlockView{u: u}
	u.unlock = v
	u.redraw = v.render
	v.render()
}

func (v *unlockView) render() {
	typed := ""
	if v.pass != nil {
		typed = v.pass.Text
	}
	v.pass = widget.NewPasswordEntry()
	v.pass.SetText(typed)
	v.pass.OnSubmitted = func(string) { v.submit() }
	v.button = primary(lang.X("unlock.button", "Open my records"), theme.LoginIcon(), v.submit)
	v.problem = problem()
	v.wait = widget.NewProgressBarInfinite()
	v.wait.Hide()
	v.u.w.SetContent(column(append(v.prompt(),
		v.pass,
		v.problem,
		container.NewHBox(v.button),
		v.wait,
		v.u.otherProfiles(),
	)...))
	if w := v.u.a.LockWait(); w > 0 {
		_, message := lockProblem("unlock", &app.WaitError{UserError: app.UserError{Key: "lock.error.wait"}, Wait: w})
		setProblem(v.problem, message)
	}
	v.u.w.Canvas().Focus(v.pass)
}

// prompt is what the screen says above the box: what to type and, with an
// app lock, the honest truth about forgetting it.
func (v *unlockView) prompt() []fyne.CanvasObject {
	a := v.u.a
	switch a.LockKind() {
	case app.LockPIN, app.LockPassphrase:
		intro, label := lang.X("lock.unlock_pin", "Type your PIN to open your records."), lang.X("lock.pin", "PIN")
		if a.LockKind() == app.LockPassphrase {
			intro, label = lang.X("unlock.intro", "Type your passphrase to open your records."), lang.X("onboarding.passphrase1", "Passphrase")
		}
		objs := []fyne.CanvasObject{heading(lang.X("lock.locked", "Hearth is locked")), para(intro)}
		if a.HasPassphrase() {
			objs = append(objs, note(lang.X("lock.setup_passphrase_too", "The passphrase you chose when you set up Hearth opens it too.")))
		}
		return append(objs, forgotNote(), bold(label))
	}
	return []fyne.CanvasObject{
		heading(lang.X("unlock.title", "Welcome back")),
		para(lang.X("unlock.intro", "Type your passphrase to open your records.")),
		forgotNote(),
		bold(lang.X("onboarding.passphrase1", "Passphrase")),
	}
}

// forgotNote says plainly what forgetting the PIN or passphrase means.
func forgotNote() fyne.CanvasObject {
	return note(lang.X("lock.forgot", "If you have forgotten it, nobody can open these records, not even us. The only other way back is a backup file and the passphrase you gave the backup."))
}

// submit tries the passphrase. Deriving the key takes a moment, so it runs
// in the background with a progress bar; the passphrase stays typed if it
// is wrong, so a slip can be corrected.
//
// Enter in the box still calls it while a try is being checked; that press
// is ignored, because a second try started then would pass the wait check
// before the first was counted, getting guesses past the wait.
func (v *unlockView) submit() {
	if v.button.Disabled() {
		return
	}
	setProblem(v.problem, "")
	v.button.Disable()
	v.wait.Show()
	pass := v.pass.Text
	var err error
	v.u.background(func() { err = v.u.a.Unlock(pass) }, func() {
		v.button.Enable()
		v.wait.Hide()
		if err != nil {
			_, message := lockProblem("unlock", err)
			setProblem(v.problem, message)
			return
		}
		// The PIN or passphrase has done its work; it should not stay in
		// a widget for the rest of the session.
		v.pass.SetText("")
		v.u.start()
	})
}
