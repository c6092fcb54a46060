// Package translations embeds Hearth's message files. English is the
// source and Welsh is complete under the Welsh Active Offer. Each language
// has a main file, <code>.json, and may have area files, <area>.<code>.json
// (for example sync.cy.json), so a feature's messages live beside each
// other and two features never edit the same file. Keys are stable dotted
// names such as "nav.home"; values use go-i18n templates ({{.Name}}) where
// a message carries data.
package translations

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// FS holds every language's message files.
//
//go:embed *.json
var FS embed.FS

// Messages returns one language's messages as a single flat JSON object,
// merged from its main file and its area files. A key defined in two files
// is an error, so one area cannot silently override another.
func Messages(code string) ([]byte, error) {
	names, err := fs.Glob(FS, "*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	merged := map[string]string{}
	from := map[string]string{}
	found := false
	for _, name := range names {
		if name != code+".json" && !strings.HasSuffix(name, "."+code+".json") {
			continue
		}
		found = true
		raw, err := FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("messages %s: %w", name, err)
		}
		for k, v := range m {
			if prev, dup := from[k]; dup {
				return nil, fmt.Errorf("messages: key %q is in both %s and %s", k, prev, name)
			}
			merged[k], from[k] = v, name
		}
	}
	if !found {
		return nil, fmt.Errorf("messages: no files for language %q", code)
	}
	return json.Marshal(merged)
}
