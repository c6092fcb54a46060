package translations

import (
	"encoding/json"
	"strings"
	"testing"
)

// The area files are merged into the main file's messages, and a language
// with no files is an error rather than an empty screen.
func TestMessagesMergesAreaFiles(t *testing.T) {
	raw, err := Messages("en")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m["app.title"] != "Hearth" {
		t.Fatalf("app.title = %q, want Hearth", m["app.title"])
	}
	if _, err := Messages("fr"); err == nil || !strings.Contains(err.Error(), "fr") {
		t.Fatalf("Messages(fr) error = %v, want one naming fr", err)
	}
}
