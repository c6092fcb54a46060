package screens

import (
	"io"
	"log/slog"
	"net/http"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// attachmentField adds a photo or certificate to a record, shows it inside
// the app, and offers "Save a copy…". The stored file is encrypted; a
// decrypted copy is written only where the user chooses in that save
// dialog, and nowhere else.
type attachmentField struct {
	u       *UI
	id      string // the stored attachment, "" for none
	stored  *app.Attachment
	pending *app.File // a newly picked file, stored when the record is saved
	exts    []string
	add     string
	box     *fyne.Container
	problem *widget.Label
	preview *canvas.Image
}

// newAttachmentField makes the field for a record's attachment id. exts
// filters the file dialog; add labels the button that opens it.
func (u *UI) newAttachmentField(id string, exts []string, add string) *attachmentField {
	f := &attachmentField{u: u, id: id, exts: exts, add: add, box: container.NewVBox(), problem: problem()}
	if id != "" {
		att, err := u.a.Attachment(id)
		if err != nil {
			_, message := explain("load attachment", err)
			setProblem(f.problem, message)
		} else {
			f.stored = &att
		}
	}
	f.render()
	return f
}

// object is the field's widgets.
func (f *attachmentField) object() fyne.CanvasObject { return container.NewVBox(f.box, f.problem) }

// file is the newly picked file to store with the record, if any.
func (f *attachmentField) file() *app.File { return f.pending }

// render shows the current file (picked or stored) and the buttons.
func (f *attachmentField) render() {
	f.box.RemoveAll()
	f.preview = nil
	name, content := "", []byte(nil)
	switch {
	case f.pending != nil:
		name, content = f.pending.Name, f.pending.Content
	case f.stored != nil:
		name, content = f.stored.Name, f.stored.Content
	}
	buttons := container.NewHBox(widget.NewButtonWithIcon(f.add, theme.FolderOpenIcon(), f.choose))
	if content != nil {
		if isImage(content) {
			f.preview = canvas.NewImageFromResource(fyne.NewStaticResource(name, content))
			f.preview.FillMode = canvas.ImageFillContain
			f.preview.SetMinSize(fyne.NewSize(320, 240))
			f.box.Add(f.preview)
		}
		f.box.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), nil, para(name)))
	}
	if f.pending == nil && f.stored != nil {
		buttons.Add(widget.NewButtonWithIcon(lang.X("attachment.save_copy", "Save a copy…"), theme.DownloadIcon(), f.saveCopy))
		f.box.Add(buttons)
		f.box.Add(note(lang.X("attachment.copy_note", "Hearth keeps this file protected. A copy you save is not protected, so keep it somewhere safe.")))
		return
	}
	if f.pending != nil {
		f.box.Add(note(lang.X("attachment.pending", "This file will be added when you press Save.")))
	}
	f.box.Add(buttons)
}

// isImage reports whether bytes are a photo the app can show.
func isImage(b []byte) bool {
	t := http.DetectContentType(b)
	return strings.HasPrefix(t, "image/png") || strings.HasPrefix(t, "image/jpeg")
}

// choose opens a file dialog and keeps the picked file until Save.
func (f *attachmentField) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		content, err := io.ReadAll(io.LimitReader(r, app.MaxAttachment+1))
		if err != nil {
			slog.Error("could not read picked file", "err", err)
			setProblem(f.problem, lang.X("error.file_read", "Hearth couldn't open that file. Please try another."))
			return
		}
		f.setFile(app.File{Name: r.URI().Name(), Content: content})
	}, f.u.w)
	d.SetFilter(storage.NewExtensionFileFilter(f.exts))
	f.showLarge(d)
}

// setFile takes a picked file; it is stored with the record on Save.
func (f *attachmentField) setFile(file app.File) {
	f.pending = &file
	setProblem(f.problem, "")
	f.render()
}

// saveCopy writes a decrypted copy of the stored file where the user
// chooses: the only place Hearth ever writes one.
func (f *attachmentField) saveCopy() {
	att := f.stored
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		_, err = w.Write(att.Content)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			slog.Error("could not save a copy of an attachment", "err", err)
			setProblem(f.problem, lang.X("error.file_save", "Hearth couldn't save the copy there. Please try another place."))
			return
		}
		dialog.NewCustom(lang.X("attachment.saved_title", "Copy saved"), lang.X("action.ok", "OK"),
			para(lang.X("attachment.saved", "The copy was saved.")), f.u.w).Show()
	}, f.u.w)
	d.SetFileName(att.Name)
	f.showLarge(d)
}

// showLarge shows a file dialog nearly as big as the window: Fyne's
// default is small and cramped at large text sizes. A file dialog can only
// be resized once shown.
func (f *attachmentField) showLarge(d *dialog.FileDialog) {
	d.Show()
	d.Resize(f.u.w.Canvas().Size().Subtract(fyne.NewSize(80, 80)))
}

// File types the dialogs offer.
var (
	photoExts       = []string{".png", ".jpg", ".jpeg"}
	certificateExts = []string{".png", ".jpg", ".jpeg", ".pdf"}
)
