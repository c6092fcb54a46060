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

// recordTypeNames name each kind of record in a restore summary.
var recordTypeNames = map[app.RecordType]msg{
	app.TypeHousehold:   {"backup.type.household", "Your household"},
	app.TypeLeaver:      {"backup.type.care_leaver", "Your profile"},
	app.TypeChildren:    {"backup.type.children", "Children"},
	app.TypeAttachments: {"backup.type.attachments", "Photos and certificates"},
	app.TypeMilestones:  {"backup.type.milestones", "Milestones"},
	app.TypeRecordings:  {"backup.type.recordings", "Daily recordings"},
	app.TypeNeeds:       {"backup.type.needs", "Support needs"},
	app.TypeTraining:    {"backup.type.training", "Training"},
	app.TypeSignOffs:    {"backup.type.sign_offs", "Training standards signed off"},
	app.TypeGoals:       {"backup.type.goals", "Goals"},
	app.TypeReminders:   {"backup.type.reminders", "Reminders marked done or snoozed"},
	app.TypeSettings:    {"backup.type.settings", "Settings for reminders (school terms, England or Wales)"},
}

// maxNewerShown caps the list of newer records in the summary; the rest
// are counted.
const maxNewerShown = 10

// askRestorePassphrase asks for the passphrase of the chosen backup, then
// opens it in the background and shows what restoring it would do.
func (v *backupView) askRestorePassphrase(content []byte) {
	pass := widget.NewPasswordEntry()
	f := newForm()
	f.field("backup_passphrase", lang.X("backup.passphrase1", "Backup passphrase"),
		lang.X("backup.open_hint", "Type the passphrase chosen when this backup was made."), pass)
	var dlg dialog.Dialog
	wait := widget.NewProgressBarInfinite()
	wait.Hide()
	var open *widget.Button
	open = primary(lang.X("backup.open", "Open the backup"), theme.FolderOpenIcon(), func() {
		f.clear()
		open.Disable()
		wait.Show()
		var b *app.Backup
		var err error
		typed := pass.Text
		v.u.background(func() {
			b, err = v.u.a.OpenBackup(bytes.NewReader(content), typed)
		}, func() {
			open.Enable()
			wait.Hide()
			if err != nil {
				f.fail("open backup", err)
				return
			}
			dlg.Hide()
			v.showSummary(b)
		})
	})
	pass.OnSubmitted = func(string) {
		// Enter still reaches here while the backup is being opened; a
		// second opening would show a second summary over the first.
		if !open.Disabled() {
			open.OnTapped()
		}
	}
	f.actions(open, widget.NewButton(lang.X("action.cancel", "Cancel"), func() { dlg.Hide() }))
	f.add(wait)
	dlg = dialog.NewCustomWithoutButtons(lang.X("backup.open_title", "Open a backup"), f.box, v.u.w)
	v.show(dlg)
	v.u.w.Canvas().Focus(pass)
}

// showSummary says what restoring would add, update and leave, lists the
// records this device holds newer copies of, and asks what to do. Only
// the restore buttons change anything.
func (v *backupView) showSummary(b *app.Backup) {
	body := container.NewVBox(para(lang.X("backup.summary_intro", "Nothing has changed yet. Here is what is in the backup compared with this device.")))
	for _, t := range app.RecordTypes {
		c, ok := b.Counts[t]
		if !ok {
			continue
		}
		body.Add(bold(recordTypeNames[t].text()))
		body.Add(note(lang.X("backup.summary_line", "{{.Add}} new, {{.Replace}} to update, {{.Same}} already here, {{.Newer}} newer on this device",
			map[string]any{"Add": c.Add, "Replace": c.Replace, "Same": c.Same, "Newer": c.DeviceNewer})))
	}
	var dlg dialog.Dialog
	cancel := widget.NewButton(lang.X("action.cancel", "Cancel"), func() { dlg.Hide() })
	restore := func(replaceNewer bool) func() {
		return func() {
			dlg.Hide()
			v.restore(b, replaceNewer)
		}
	}
	var buttons []fyne.CanvasObject
	if len(b.Newer) > 0 {
		body.Add(para(lang.X("backup.newer_intro", "These records were changed on this device after the backup was made. Keep the newer copies, or use the older ones from the backup?")))
		for i, n := range b.Newer {
			if i == maxNewerShown {
				body.Add(note(lang.X("backup.newer_more", "…and {{.Count}} more.", map[string]any{"Count": len(b.Newer) - maxNewerShown})))
				break
			}
			line := recordTypeNames[n.Type].text()
			if n.Label != "" {
				line += ": " + n.Label
			}
			body.Add(note(line))
		}
		buttons = []fyne.CanvasObject{
			primary(lang.X("backup.keep_newer", "Restore, keep the newer copies"), theme.ConfirmIcon(), restore(false)),
			widget.NewButton(lang.X("backup.replace_newer", "Restore, use the backup's copies"), restore(true)),
			cancel,
		}
	} else {
		buttons = []fyne.CanvasObject{primary(lang.X("backup.restore_button", "Restore"), theme.ConfirmIcon(), restore(false)), cancel}
	}
	body.Add(container.NewVBox(buttons...))
	dlg = dialog.NewCustomWithoutButtons(lang.X("backup.summary_title", "Restore from this backup?"), container.NewVScroll(body), v.u.w)
	v.show(dlg)
}

// restore writes the backup in the background, then redraws the page so
// the restored records show.
func (v *backupView) restore(b *app.Backup, replaceNewer bool) {
	wait := v.progress(lang.X("backup.restoring", "Restoring…"))
	var err error
	v.u.background(func() { err = v.u.a.Restore(b, replaceNewer) }, func() {
		wait.Hide()
		if err != nil {
			_, message := explain("restore backup", err)
			dialog.NewCustom(lang.X("error.title", "Sorry"), lang.X("action.ok", "OK"), para(message), v.u.w).Show()
			return
		}
		v.u.redraw()
		dialog.NewCustom(lang.X("backup.restored_title", "Restore finished"), lang.X("action.ok", "OK"),
			para(lang.X("backup.restored", "Your records were restored from the backup.")), v.u.w).Show()
	})
}
