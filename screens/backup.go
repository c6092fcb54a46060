package screens

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// backupView is the "Back up and restore" section of Settings and the
// dialogs it opens. Every step that takes time (deriving the backup key,
// reading every record) runs in the background behind a progress dialog.
type backupView struct {
	u       *UI
	problem *widget.Label
}

// backupCard is the Settings section for backing up and restoring.
func (u *UI) backupCard() fyne.CanvasObject {
	v := &backupView{u: u, problem: problem()}
	backup := primary(lang.X("backup.make", "Make a backup…"), theme.DocumentSaveIcon(), v.askPassphrase)
	restore := widget.NewButtonWithIcon(lang.X("backup.restore", "Restore from a backup…"), theme.FolderOpenIcon(), v.chooseFile)
	return card(subheading(lang.X("backup.section", "Back up and restore")),
		note(lang.X("backup.intro", "A backup is one file with all your records, locked with a passphrase of its own. Keep it somewhere other than this computer, such as a USB stick. You can restore it here or on another computer.")),
		container.NewHBox(backup), container.NewHBox(restore), v.problem)
}

// askPassphrase asks for the backup's passphrase twice, then where to
// save the file.
func (v *backupView) askPassphrase() {
	setProblem(v.problem, "")
	pass1, pass2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	f := newForm()
	f.field("backup_passphrase", lang.X("backup.passphrase1", "Backup passphrase"),
		lang.X("backup.passphrase_hint", "Use at least {{.Min}} characters. You will need it to restore the backup. If it is lost, nobody can open the backup, not even us.", map[string]any{"Min": app.MinPassphrase}), pass1)
	f.field("backup_again", lang.X("backup.passphrase2", "Type it again"), "", pass2)
	var dlg dialog.Dialog
	next := primary(lang.X("backup.continue", "Choose where to save…"), theme.DocumentSaveIcon(), func() {
		if err := app.CheckBackupPassphrase(pass1.Text, pass2.Text); err != nil {
			f.fail("check backup passphrase", err)
			return
		}
		dlg.Hide()
		v.chooseDestination(pass1.Text)
	})
	f.actions(next, widget.NewButton(lang.X("action.cancel", "Cancel"), func() { dlg.Hide() }))
	dlg = dialog.NewCustomWithoutButtons(lang.X("backup.passphrase_title", "Choose a passphrase for this backup"), f.box, v.u.w)
	v.show(dlg)
	v.u.w.Canvas().Focus(pass1)
}

// show opens a dialog nearly as big as the window, so a form fits at 200%
// text on a tablet.
func (v *backupView) show(d dialog.Dialog) {
	d.Show()
	d.Resize(v.u.w.Canvas().Size().Subtract(fyne.NewSize(80, 80)))
}

// chooseDestination asks where to save the backup and writes it there.
func (v *backupView) chooseDestination(passphrase string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		v.writeBackup(w, passphrase)
	}, v.u.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{app.BackupExt}))
	d.SetFileName("hearth-" + v.u.a.Today().Format("2006-01-02") + app.BackupExt)
	v.show(d)
}

// writeBackup writes the backup to the chosen file in the background. A
// file on disk is written beside it and renamed into place; other
// destinations are written directly.
func (v *backupView) writeBackup(w fyne.URIWriteCloser, passphrase string) {
	wait := v.progress(lang.X("backup.working", "Making the backup…"))
	var err error
	v.u.background(func() {
		if w.URI().Scheme() == "file" {
			// The dialog has made an empty file; WriteBackup replaces it
			// whole once the backup is complete.
			_ = w.Close()
			err = v.u.a.WriteBackup(w.URI().Path(), passphrase)
			return
		}
		err = v.u.a.BackupTo(w, passphrase)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}, func() {
		wait.Hide()
		if err != nil {
			slog.Error("could not write a backup", fileErr(err))
			setProblem(v.problem, lang.X("error.file_save", "Hearth couldn't save the copy there. Please try another place."))
			return
		}
		dialog.NewCustom(lang.X("backup.saved_title", "Backup saved"), lang.X("action.ok", "OK"),
			para(lang.X("backup.saved", "Your backup was saved. Keep the file and its passphrase in different safe places.")), v.u.w).Show()
	})
}

// progress shows a dialog with a moving bar while work runs.
func (v *backupView) progress(title string) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(title, widget.NewProgressBarInfinite(), v.u.w)
	d.Show()
	return d
}

// chooseFile asks which backup to restore. A file that does not start
// like a backup is refused at once; a backup is read whole, so that a
// mistyped passphrase can be tried again without choosing it again.
func (v *backupView) chooseFile() { v.chooseFileThen(v.askRestorePassphrase) }

// chooseFileThen asks for a backup file and hands its contents to next.
func (v *backupView) chooseFileThen(next func(content []byte)) {
	setProblem(v.problem, "")
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		var content []byte
		v.u.background(func() {
			content, err = readBackupFile(r)
			_ = r.Close()
		}, func() {
			if err != nil {
				_, message := explain("read backup file", err)
				setProblem(v.problem, message)
				return
			}
			next(content)
		})
	}, v.u.w)
	v.show(d)
}

// readBackupFile reads a chosen file that starts like a backup.
func readBackupFile(r io.Reader) ([]byte, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(app.BackupHeadSize)
	if err := app.CheckBackupFile(head); err != nil {
		return nil, err
	}
	content, err := io.ReadAll(br)
	if err != nil {
		slog.Error("could not read a backup file", fileErr(err))
		return nil, &app.UserError{Key: "error.file_read"}
	}
	return content, nil
}

// fileErr is err for the log without the file paths it may carry: a path
// can hold the user's name (C:\Users\Siân\...) or a child's, in the name
// they gave the file.
func fileErr(err error) slog.Attr {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return slog.String("err", pe.Op+": "+pe.Err.Error())
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return slog.String("err", le.Op+": "+le.Err.Error())
	}
	return slog.Any("err", err)
}
