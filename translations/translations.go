// Package translations embeds Hearth's message files: en.json (English, the
// source) and cy.json (Welsh, complete under the Welsh Active Offer). Keys
// are stable dotted names such as "nav.home"; values use go-i18n templates
// ({{.Name}}) where a message carries data.
package translations

import "embed"

// FS holds every language's messages, one <code>.json per language.
//
//go:embed *.json
var FS embed.FS

// Messages returns the raw JSON for one language code.
func Messages(code string) ([]byte, error) { return FS.ReadFile(code + ".json") }
