package screens

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hearth-app/hearth/translations"
)

// keyLiteral matches a string literal shaped like a translation key:
// dotted lower_snake words. File names (hearth.db) are not keys.
var (
	keyLiteral = regexp.MustCompile(`"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)
	fileName   = regexp.MustCompile(`\.(db|json|png|jpe?g|pdf|txt)$`)
)

// sourceKeys collects key literals from the non-test Go files of dirs.
func sourceKeys(t *testing.T, dirs ...string) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range keyLiteral.FindAllStringSubmatch(string(src), -1) {
				if !fileName.MatchString(m[1]) {
					keys[m[1]] = true
				}
			}
		}
	}
	return keys
}

func english(t *testing.T) map[string]string {
	t.Helper()
	raw, err := translations.Messages("en")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]string
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatalf("en.json: %v", err)
	}
	return en
}

// Every key in the code has English text, and every English text is used,
// so the Welsh translator translates exactly what is on screen.
func TestTranslationKeysMatchCode(t *testing.T) {
	en := english(t)
	used := sourceKeys(t, ".", "../app", "../report")
	for k := range used {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is used in code but missing from en.json", k)
		}
	}
	for k, v := range en {
		if !used[k] {
			t.Errorf("en.json key %q is not used in code", k)
		}
		if strings.TrimSpace(v) == "" {
			t.Errorf("en.json key %q has no text", k)
		}
	}
}

// The English fallbacks written in code agree with en.json, so nobody
// sees different words when a message file fails to load.
func TestFallbacksMatchEnglish(t *testing.T) {
	en := english(t)
	check := func(key, fallback string) {
		if en[key] != fallback {
			t.Errorf("%s: code says %q, en.json says %q", key, fallback, en[key])
		}
	}
	for _, m := range []map[string]string{tsdTitles, errorTexts} {
		for k, v := range m {
			check(k, v)
		}
	}
	for _, item := range navItems {
		check(item.label.key, item.label.en)
	}
	for _, m := range missionNames {
		check(m.key, m.en)
	}
	for _, m := range missionAims {
		check(m.key, m.en)
	}
}
