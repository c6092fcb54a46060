package data

import (
	"path/filepath"
	"testing"
)

func TestSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hearth.db")
	s := openAt(t, path) // locked: settings must still work
	v, err := s.Setting("language")
	must(t, err)
	same(t, v, "")
	must(t, s.SetSetting("language", "cy"))
	must(t, s.SetSetting("text_size", "150"))
	must(t, s.SetSetting("language", "en-GB"))
	for key, want := range map[string]string{"language": "en-GB", "text_size": "150", "theme": ""} {
		got, err := s.Setting(key)
		must(t, err)
		if got != want {
			t.Errorf("Setting(%q) = %q, want %q", key, got, want)
		}
	}
	if err := s.SetSetting("", "x"); err == nil {
		t.Error("empty key accepted")
	}
	must(t, s.Close())
	s = openAt(t, path)
	v, err = s.Setting("language")
	must(t, err)
	same(t, v, "en-GB")
}
