package translations

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sameInWelsh lists keys whose Welsh is rightly identical to the English:
// proper nouns and words Welsh borrows unchanged. Keep it short; everything
// else must be real Welsh, because the Welsh Active Offer means Welsh
// without having to ask.
var sameInWelsh = map[string]bool{
	"app.title":   true, // "Hearth" is the product's name
	"language.en": true, // each language is named in itself: "English"
	"language.cy": true, // and "Cymraeg"
}

// sourceDirs are the folders whose Go code may use translation keys.
var sourceDirs = []string{"../screens", "../app", "../report", ".."}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)
var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func load(t *testing.T, code string) map[string]string {
	t.Helper()
	raw, err := Messages(code)
	if err != nil {
		t.Fatalf("read %s.json: %v", code, err)
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s.json is not a flat object of strings: %v", code, err)
	}
	return m
}

// codeLiterals returns every string literal in the non-test Go files of
// sourceDirs (the root only for its own files, not recursively).
func codeLiterals(t *testing.T) map[string]bool {
	t.Helper()
	lits := map[string]bool{}
	fset := token.NewFileSet()
	for _, dir := range sourceDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatalf("parse %s: %v", f, err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
					if s, err := strconv.Unquote(bl.Value); err == nil {
						lits[s] = true
					}
				}
				return true
			})
		}
	}
	return lits
}

func TestEveryLanguageHasEveryKey(t *testing.T) {
	en, cy := load(t, "en"), load(t, "cy")
	if len(en) == 0 {
		t.Fatal("en.json is empty")
	}
	for k := range en {
		if _, ok := cy[k]; !ok {
			t.Errorf("cy.json is missing %q", k)
		}
	}
	for k := range cy {
		if _, ok := en[k]; !ok {
			t.Errorf("cy.json has %q, which en.json does not", k)
		}
	}
}

func TestKeysUsedInCodeExistAndAllKeysAreUsed(t *testing.T) {
	en := load(t, "en")
	prefixes := map[string]bool{}
	for k := range en {
		prefixes[strings.SplitN(k, ".", 2)[0]] = true
	}
	lits := codeLiterals(t)
	for lit := range lits {
		if keyPattern.MatchString(lit) && prefixes[strings.SplitN(lit, ".", 2)[0]] {
			if _, ok := en[lit]; !ok {
				t.Errorf("code uses key %q, missing from en.json", lit)
			}
		}
	}
	for k := range en {
		if !lits[k] {
			t.Errorf("en.json key %q is not used in code", k)
		}
	}
}

func TestWelshIsTranslated(t *testing.T) {
	en, cy := load(t, "en"), load(t, "cy")
	for k, e := range en {
		w, ok := cy[k]
		if !ok {
			continue // reported by TestEveryLanguageHasEveryKey
		}
		if strings.TrimSpace(w) == "" {
			t.Errorf("cy %q is empty", k)
		}
		if w == e && !sameInWelsh[k] {
			t.Errorf("cy %q is the English text %q; translate it or add it to sameInWelsh with a reason", k, e)
		}
		if got, want := placeholders(w), placeholders(e); !slices.Equal(got, want) {
			t.Errorf("cy %q has placeholders %v, English has %v", k, got, want)
		}
	}
}

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

// TestSourceDirsExist guards the scan itself: a renamed folder must not make
// the unused-key test pass vacuously.
func TestSourceDirsExist(t *testing.T) {
	for _, d := range sourceDirs {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("source folder %s: %v", d, err)
		}
	}
}
