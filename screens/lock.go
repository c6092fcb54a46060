package screens

import (
	"errors"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// lockErrorTexts are the English messages for the app lock's problems.
// They carry numbers ({{.MinPIN}}, {{.Wait}}) the general error messages do
// not, so lockProblem fills them.
var lockErrorTexts = map[string]string{
	"lock.error.pin_short":             "Your PIN needs at least {{.MinPIN}} numbers.",
	"lock.error.pin_digits":            "A PIN can only have numbers in it, 0 to 9.",
	"lock.error.mismatch":              "The two are not the same. Please type them again.",
	"lock.error.kind":                  "Please choose a PIN or a passphrase.",
	"lock.error.wrong_pin":             "That PIN is not right. Please check it and try again.",
	"lock.error.wrong_pin_wait":        "That PIN is not right. To keep your records safe, please wait {{.Wait}} before you try again.",
	"lock.error.wrong_passphrase_wait": "That passphrase is not right. To keep your records safe, please wait {{.Wait}} before you try again.",
	"lock.error.wait":                  "There have been too many wrong tries. Please wait {{.Wait}} and try again.",
	"lock.error.last_way":              "Hearth can't turn the lock off on this computer: it has no keychain and you set no passphrase at the start, so the lock is the only way to open your records.",
}

// lockProblem turns an error from the app lock into a message, with the
// wait or the PIN length filled in.
func lockProblem(what string, err error) (field, message string) {
	var ue *app.UserError
	if !errors.As(err, &ue) {
		return explain(what, err)
	}
	fallback, ok := lockErrorTexts[ue.Key]
	if !ok {
		return explain(what, err)
	}
	data := map[string]any{"MinPIN": app.MinPIN}
	var we *app.WaitError
	if errors.As(err, &we) {
		data["Wait"] = waitText(we.Wait)
	}
	return ue.Field, lang.X(ue.Key, fallback, data)
}

// waitText says how long to wait in words: seconds under a minute, then
// whole minutes, rounded up so the user never tries a moment too soon.
func waitText(d time.Duration) string {
	if d < time.Minute {
		return lang.X("lock.wait.seconds", "{{.Count}} seconds", map[string]any{"Count": int(math.Ceil(d.Seconds()))})
	}
	n := int(math.Ceil(d.Minutes()))
	if n == 1 {
		return lang.X("lock.wait.minute", "1 minute")
	}
	return lang.X("lock.wait.minutes", "{{.Count}} minutes", map[string]any{"Count": n})
}

// failWith shows a problem next to its field and by the form's buttons.
func failWith(f *form, field, message string) {
	f.clear()
	if p, ok := f.problems[field]; ok {
		setProblem(p, message)
	}
	setProblem(f.summary, message)
}

var lockKindNames = map[app.LockKind]msg{
	app.LockPIN:        {"lock.kind.pin", "A PIN: at least 6 numbers"},
	app.LockPassphrase: {"lock.kind.passphrase", "A passphrase: a few words (safer)"},
}

var autoLockNames = map[int]msg{
	0:  {"lock.auto.off", "Never: only when I lock it"},
	1:  {"lock.auto.1", "After 1 minute"},
	5:  {"lock.auto.5", "After 5 minutes"},
	15: {"lock.auto.15", "After 15 minutes"},
}

// lockSettings is the Settings card for the app lock: turn it on, change
// it, turn it off, and choose when Hearth locks itself.
type lockSettings struct {
	u        *UI
	f        *form
	current  *widget.Entry // the PIN or passphrase in use; only with a lock
	kind     *choice[app.LockKind]
	secret   *widget.Entry
	confirm  *widget.Entry
	keychain *widget.Check
	done     *widget.Label
}

// lockCard builds the card. It is rebuilt after every change, since what
// it offers depends on whether a lock is set.
func (u *UI) lockCard() fyne.CanvasObject {
	v := &lockSettings{u: u, f: newForm(), done: widget.NewLabel("")}
	v.done.Importance = widget.SuccessImportance
	box := container.NewVBox()
	v.build(box)
	u.lockWatch().card = v
	return card(subheading(lang.X("lock.title", "App lock")), box)
}

// build lays the card out: what is set now, and (when a lock is set) when
// Hearth locks itself, always in view; the form for a new, changed or
// removed lock opens with a button, so Settings does not greet everyone
// with password boxes.
func (v *lockSettings) build(box *fyne.Container) {
	a := v.u.a
	on := a.LockEnabled()
	shown := []fyne.CanvasObject{}
	reveal := lang.X("lock.set_up", "Set up an app lock")
	if on {
		status := lang.X("lock.on_pin", "Hearth is locked with a PIN.")
		if a.LockKind() == app.LockPassphrase {
			status = lang.X("lock.on_passphrase", "Hearth is locked with a passphrase.")
		}
		autoProblem := problem()
		auto := newChoice(app.AutoLockChoices, autoLockNames, a.AutoLockMinutes(), func(n int) {
			if err := a.SetAutoLockMinutes(n); err != nil {
				_, m := explain("set auto-lock", err)
				setProblem(autoProblem, m)
				return
			}
			setProblem(autoProblem, "")
			v.u.lockWatch().arm()
		})
		shown = append(shown, para(status),
			tight(bold(lang.X("lock.auto", "Lock Hearth by itself")), note(lang.X("lock.auto_hint", "When nobody has used Hearth for this long, or about half a minute after you switch to another window, Hearth locks and asks for your PIN or passphrase again."))),
			auto.obj, autoProblem,
			container.NewHBox(widget.NewButtonWithIcon(lang.X("lock.now", "Lock now"), theme.VisibilityOffIcon(), v.u.lockApp)))
		reveal = lang.X("lock.change_or_off", "Change the lock or turn it off")
	} else {
		shown = append(shown, note(lang.X("lock.intro", "An app lock asks for a PIN or passphrase before anyone can see your records, and locks Hearth when you leave it. Use it if other people use this computer or tablet.")))
	}
	v.f = newForm()
	f := v.f
	if on {
		v.current = widget.NewPasswordEntry()
		f.field("current", lang.X("lock.current", "Your PIN or passphrase now"), lang.X("lock.current_hint", "Needed to change the lock or turn it off."), v.current)
	}
	v.kind = newChoice([]app.LockKind{app.LockPIN, app.LockPassphrase}, lockKindNames, a.LockKind(), nil)
	if !on {
		v.kind.set(app.LockPIN)
	}
	f.field("kind", lang.X("lock.kind", "Lock with"), "", v.kind.obj)
	v.secret, v.confirm = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	f.field("secret", lang.X("lock.secret", "New PIN or passphrase"), "", v.secret)
	f.field("confirm", lang.X("lock.confirm", "Type it again"), "", v.confirm)
	var row fyne.CanvasObject
	v.keychain, row = wrapCheck(lang.X("lock.keychain", "Let this computer's login open Hearth when it starts. Hearth then asks for your PIN or passphrase only after it locks itself."), !on || a.KeychainOpens())
	if a.KeychainAvailable() {
		f.field("", lang.X("lock.keychain_title", "Opening Hearth"), lang.X("lock.keychain_hint", "Untick this to need the PIN or passphrase every time. That is safer on a shared computer, but if you forget it nobody can get your records back."), row)
	}
	f.add(para(lang.X("lock.warning", "Write your PIN or passphrase down and keep it somewhere safe. Without it, or a backup and the backup's passphrase, nobody can open your records, not even us.")))
	if on {
		f.actions(primary(lang.X("lock.change", "Change the lock"), theme.ConfirmIcon(), func() { v.save(box) }),
			dangerButton(lang.X("lock.turn_off", "Turn off the lock"), func() { v.remove(box) }))
	} else {
		f.actions(primary(lang.X("lock.turn_on", "Turn on the lock"), theme.ConfirmIcon(), func() { v.save(box) }))
	}
	f.box.Hide()
	var open *widget.Button
	open = widget.NewButtonWithIcon(reveal, theme.MenuExpandIcon(), func() {
		open.Hide()
		f.box.Show()
	})
	box.Objects = append(shown, container.NewHBox(open), f.box, v.done)
	box.Refresh()
}

// save turns the lock on or changes it; the Argon2id derivation takes a
// moment, so it runs off the UI thread.
func (v *lockSettings) save(box *fyne.Container) {
	s := app.LockSetup{Kind: v.kind.value(), Secret: v.secret.Text, Confirm: v.confirm.Text, KeychainToo: v.keychain.Checked}
	current := ""
	if v.current != nil {
		current = v.current.Text
	}
	v.run(box, func() error { return v.u.a.SetLock(current, s) }, lang.X("lock.saved", "The lock is on."))
}

// remove turns the lock off with the current PIN or passphrase.
func (v *lockSettings) remove(box *fyne.Container) {
	current := v.current.Text
	v.run(box, func() error { return v.u.a.RemoveLock(current) }, lang.X("lock.removed", "The lock is off."))
}

func (v *lockSettings) run(box *fyne.Container, work func() error, done string) {
	v.f.clear()
	var err error
	v.u.background(func() { err = work() }, func() {
		if err != nil {
			field, message := lockProblem("set app lock", err)
			failWith(v.f, field, message)
			return
		}
		v.build(box)
		v.done.SetText(done)
		v.u.lockWatch().arm()
	})
}
