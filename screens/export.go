package screens

import (
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// exportCard is the Settings section for exporting all of the profile's
// data: the user's right of access. It says before anything is written,
// and again after, that the exported files are not encrypted.
func (u *UI) exportCard() fyne.CanvasObject {
	p := problem()
	warning := widget.NewLabel(lang.X("export.warning", "These files are NOT encrypted. Anyone who can open the folder can read them. Keep them somewhere safe, and delete them when you no longer need them."))
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.WarningImportance
	warning.TextStyle = fyne.TextStyle{Bold: true}
	b := widget.NewButtonWithIcon(lang.X("export.button", "Choose a folder and export…"), theme.FolderIcon(), func() {
		setProblem(p, "")
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				return
			}
			u.exportTo(dir.Path(), p)
		}, u.w)
		d.Show()
		d.Resize(u.w.Canvas().Size().Subtract(fyne.NewSize(80, 80)))
	})
	return card(subheading(lang.X("export.section", "Export my data")),
		note(lang.X("export.intro", "Save a copy of all your records in a folder you choose: files you can open in a spreadsheet or text editor (CSV and JSON), with your photos and certificates. You have a right to a copy of your data.")),
		warning, container.NewHBox(b), p)
}

// exportTo writes the export into a new folder inside dir in the
// background, with a progress dialog, and says where it went.
func (u *UI) exportTo(dir string, p *widget.Label) {
	wait := dialog.NewCustomWithoutButtons(lang.X("export.working", "Exporting…"), widget.NewProgressBarInfinite(), u.w)
	wait.Show()
	var out string
	var err error
	u.background(func() { out, err = u.a.Export(dir) }, func() {
		wait.Hide()
		if err != nil {
			slog.Error("could not export", fileErr(err))
			setProblem(p, lang.X("error.file_save", "Hearth couldn't save the copy there. Please try another place."))
			return
		}
		dialog.NewCustom(lang.X("export.done_title", "Export finished"), lang.X("action.ok", "OK"),
			para(lang.X("export.done", "Your records were saved in the folder {{.Folder}}. Remember: these files are not encrypted.", map[string]any{"Folder": out})), u.w).Show()
	})
}
