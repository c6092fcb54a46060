package app

import (
	"net/http"
	"slices"
	"strings"
)

// File is a file the user picked to attach.
type File struct {
	Name    string
	Content []byte
}

// MaxAttachment caps an attachment at 10 MiB: enough for a phone photo or a
// scanned certificate, small enough to keep the store and backups light.
const MaxAttachment = 10 << 20

// Accepted content types, sniffed from the bytes rather than trusted from
// the file name.
var (
	photoTypes       = []string{"image/png", "image/jpeg"}
	certificateTypes = []string{"image/png", "image/jpeg", "application/pdf"}
)

// attach validates and stores a file encrypted, returning its id.
func (a *App) attach(f *File, allowed []string) (string, error) {
	if len(f.Content) > MaxAttachment {
		return "", invalid("attachment", "error.attachment_too_big")
	}
	mime := http.DetectContentType(f.Content)
	if i := strings.IndexByte(mime, ';'); i >= 0 {
		mime = mime[:i]
	}
	if len(f.Content) == 0 || !slices.Contains(allowed, mime) {
		return "", invalid("attachment", "error.attachment_type")
	}
	att := Attachment{Name: f.Name, MIME: mime, Content: f.Content}
	if err := a.store.SaveAttachment(&att); err != nil {
		return "", err
	}
	return att.ID, nil
}

// Attachment returns a decrypted attachment, to show in the app or to save a
// copy where the user chooses. Nothing decrypted is written anywhere else.
func (a *App) Attachment(id string) (Attachment, error) { return a.store.Attachment(id) }
