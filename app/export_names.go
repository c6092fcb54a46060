package app

import (
	"path/filepath"
	"strings"
	"unicode"
)

// maxNameRunes keeps exported file names well inside every file system's
// limit, with room for the id prefix and extension.
const maxNameRunes = 80

// typeExt is the extension for each type an attachment can have (see
// photoTypes and certificateTypes).
var typeExt = map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "application/pdf": ".pdf"}

// safeFileName makes an attachment's file name safe to write: the first
// eight characters of its id (so two "photo.jpg" never collide), then its
// own name with anything but letters, digits, spaces, dots, dashes and
// underscores replaced, no path separators, no leading dots, and the
// extension of its type.
func safeFileName(id, name, mimeType string) string {
	base := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	clean := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), strings.ContainsRune(" ._-", r):
			return r
		}
		return '_'
	}, base)
	// Leading dots hide a file; trailing dots and spaces trouble Windows.
	clean = strings.TrimSpace(strings.Trim(strings.TrimSpace(clean), "."))
	ext := filepath.Ext(clean)
	if len([]rune(ext)) > 8 {
		ext = "" // not an extension, just a dot in a long name
	}
	if e, ok := typeExt[mimeType]; ok && !strings.EqualFold(ext, e) && !(e == ".jpg" && strings.EqualFold(ext, ".jpeg")) {
		// The type was sniffed from the content, so it is the truer
		// guide to which program opens the file.
		ext, clean = e, clean+e
	}
	if r := []rune(clean); len(r) > maxNameRunes {
		clean = string(r[:maxNameRunes-len([]rune(ext))]) + ext
	}
	if strings.TrimSuffix(clean, ext) == "" {
		clean = "attachment" + ext
	}
	prefix := id
	if len(prefix) > 8 {
		prefix = prefix[:8]
	}
	return prefix + "-" + clean
}
