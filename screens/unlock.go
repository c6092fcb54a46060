package screens

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// unlockView asks for the passphrase when the keychain could not open the
// records (no keychain on this computer, or it was cleared).
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
	v.u.w.SetContent(column(
		heading(lang.X("unlock.title", "Welcome back")),
		para(lang.X("unlock.intro", "Type your passphrase to open your records.")),
		bold(lang.X("onboarding.passphrase1", "Passphrase")),
		v.pass,
		v.problem,
		container.NewHBox(v.button),
		v.wait,
		v.u.otherProfiles(),
	))
	v.u.w.Canvas().Focus(v.pass)
}

// submit tries the passphrase. Deriving the key takes a moment, so it runs
// in the background with a progress bar; the passphrase stays typed if it
// is wrong, so a slip can be corrected.
func (v *unlockView) submit() {
	setProblem(v.problem, "")
	v.button.Disable()
	v.wait.Show()
	pass := v.pass.Text
	var err error
	v.u.background(func() { err = v.u.a.Unlock(pass) }, func() {
		v.button.Enable()
		v.wait.Hide()
		if err != nil {
			_, message := explain("unlock", err)
			setProblem(v.problem, message)
			return
		}
		v.u.start()
	})
}
