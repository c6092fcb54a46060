package screens

import (
	"bytes"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// setupRestoreButton offers, at first run, to set this computer up from a
// backup instead of answering the setup questions: how a carer moves to a
// new computer. The onboarding screen shows it.
func (u *UI) setupRestoreButton() fyne.CanvasObject {
	v := &backupView{u: u, problem: problem()}
	b := widget.NewButtonWithIcon(lang.X("backup.setup_button", "Restore from a backup instead…"), theme.FolderOpenIcon(), func() {
		v.chooseFileThen(v.askSetupPassphrases)
	})
	return container.NewVBox(container.NewHBox(b), v.problem)
}

// askSetupPassphrases asks for the backup's passphrase and, for this
// computer, a passphrase of its own: required when there is no keychain,
// optional otherwise (as at setup). Setting up happens in the background;
// when it is done the user's records open.
func (v *backupView) askSetupPassphrases(content []byte) {
	backupPass := widget.NewPasswordEntry()
	devicePass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	f := newForm()
	f.field("backup_passphrase", lang.X("backup.passphrase1", "Backup passphrase"),
		lang.X("backup.open_hint", "Type the passphrase chosen when this backup was made."), backupPass)
	hint := lang.X("backup.setup_device_hint", "A passphrase to open Hearth on this computer. It can be the same as the backup's.")
	if v.u.a.KeychainAvailable() {
		hint = lang.X("backup.setup_device_optional", "Optional: a passphrase to open Hearth on this computer if its keychain is lost.")
	}
	f.field("passphrase", lang.X("onboarding.passphrase1", "Passphrase"), hint, devicePass)
	f.field("backup_again", lang.X("onboarding.passphrase2", "Type it again"), "", again)
	wait := widget.NewProgressBarInfinite()
	wait.Hide()
	var dlg dialog.Dialog
	var start *widget.Button
	start = primary(lang.X("backup.setup_start", "Restore and open my records"), theme.ConfirmIcon(), func() {
		f.clear()
		if devicePass.Text != again.Text {
			f.fail("check passphrase", &app.UserError{Key: "error.passphrase_mismatch", Field: "backup_again"})
			return
		}
		start.Disable()
		wait.Show()
		var err error
		typedBackup, typedDevice := backupPass.Text, devicePass.Text
		v.u.background(func() {
			err = v.u.a.SetUpFromBackup(bytes.NewReader(content), typedBackup, v.u.lang, typedDevice)
		}, func() {
			start.Enable()
			wait.Hide()
			if err != nil {
				f.fail("set up from backup", err)
				return
			}
			dlg.Hide()
			v.u.showShell(route{page: pageHome})
		})
	})
	f.actions(start, widget.NewButton(lang.X("action.cancel", "Cancel"), func() { dlg.Hide() }))
	f.add(wait)
	dlg = dialog.NewCustomWithoutButtons(lang.X("backup.open_title", "Open a backup"), container.NewVScroll(f.box), v.u.w)
	v.show(dlg)
	v.u.w.Canvas().Focus(backupPass)
}
