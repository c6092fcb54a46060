package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/hearth-app/hearth/"

// importsByDir parses every non-test Go file under the repository and
// returns, per folder, the import paths its code uses. Test files and
// test-support packages (apptest, connecttest, storetest) are left out: a
// test may stand up the other side (the dev OpenID provider, the reference
// server) to exercise the real thing.
func importsByDir(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), "test") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[dir] = append(out[dir], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func under(dir, top string) bool { return dir == top || strings.HasPrefix(dir, top+"/") }

// TestDependencyRule keeps ARCHITECTURE.md true: who may import Fyne, who
// may speak SQL, and that the client and the server meet only in api/.
func TestDependencyRule(t *testing.T) {
	sqlDrivers := []string{"database/sql", "github.com/mattn/go-sqlite3", "github.com/jackc/pgx"}
	for dir, imps := range importsByDir(t) {
		for _, p := range imps {
			fyne := strings.HasPrefix(p, "fyne.io/fyne")
			if fyne && dir != "." && !under(dir, "screens") && dir != "cmd/barewindow" {
				t.Errorf("%s imports %s: only screens/ and main.go may import Fyne", dir, p)
			}
			for _, d := range sqlDrivers {
				if strings.HasPrefix(p, d) && !under(dir, "data") && !under(dir, "server") {
					t.Errorf("%s imports %s: only data/ and server/ contain SQL", dir, p)
				}
			}
			own := strings.TrimPrefix(p, module)
			if own == p {
				continue
			}
			switch {
			case under(dir, "authority") && under(own, "server"),
				under(dir, "server") && under(own, "authority"):
				t.Errorf("%s imports %s: authority/ and server/ share only api/", dir, own)
			case under(dir, "app") && under(own, "screens"),
				under(dir, "data") && (under(own, "app") || under(own, "screens") || under(own, "authority")),
				under(dir, "screens") && under(own, "data"),
				under(dir, "screens") && under(own, "server"),
				under(dir, "app") && under(own, "server"):
				t.Errorf("%s imports %s, against the dependency rule in ARCHITECTURE.md", dir, own)
			}
		}
	}
}
