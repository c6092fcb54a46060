package data

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestMigrationsFromEmptyThenNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hearth.db")
	all, err := migrations()
	must(t, err)
	latest := all[len(all)-1].version

	s, err := Open(path)
	must(t, err)
	if got := s.MigrationsApplied(); got != len(all) {
		t.Errorf("first Open applied %d migrations, want %d", got, len(all))
	}
	v, err := s.SchemaVersion()
	must(t, err)
	if v != latest {
		t.Errorf("SchemaVersion = %d, want %d", v, latest)
	}
	must(t, s.Close())

	s = openAt(t, path)
	if got := s.MigrationsApplied(); got != 0 {
		t.Errorf("second Open applied %d migrations, want 0", got)
	}
	v2, err := s.SchemaVersion()
	must(t, err)
	if v2 != v {
		t.Errorf("SchemaVersion changed from %d to %d on reopen", v, v2)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hearth.db")
	s, err := Open(path)
	must(t, err)
	_, err = s.w.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')")
	must(t, err)
	must(t, s.Close())
	if s, err := Open(path); err == nil {
		_ = s.Close()
		t.Fatal("Open accepted a database with an unknown migration")
	} else if !strings.Contains(err.Error(), "9999") {
		t.Errorf("error does not say which migration: %v", err)
	}
}

// TestSchemaConventions holds every table (now and in future migrations)
// to the brief's rules: STRICT, a text id primary key and the lifecycle
// timestamps.
func TestSchemaConventions(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "hearth.db"))
	rows, err := s.r.Query("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")
	must(t, err)
	defer rows.Close()
	tables := 0
	for rows.Next() {
		var name string
		var strict bool
		must(t, rows.Scan(&name, &strict))
		tables++
		if !strict {
			t.Errorf("table %s is not STRICT", name)
		}
		cols := map[string]string{}
		pk := ""
		info, err := s.r.Query("SELECT name, type, pk FROM pragma_table_info(?)", name)
		must(t, err)
		for info.Next() {
			var col, typ string
			var isPK int
			must(t, info.Scan(&col, &typ, &isPK))
			cols[col] = typ
			if isPK == 1 {
				pk = col
			}
		}
		must(t, info.Close())
		if pk != "id" || cols["id"] != "TEXT" {
			t.Errorf("table %s: primary key is %q (%s), want id TEXT", name, pk, cols["id"])
		}
		for _, c := range []string{"created_at", "updated_at", "deleted_at"} {
			if cols[c] != "TEXT" {
				t.Errorf("table %s: %s is %q, want TEXT", name, c, cols[c])
			}
		}
	}
	must(t, rows.Err())
	if tables < 12 {
		t.Errorf("found %d tables, want at least 12", tables)
	}
}

func TestMigrationFileNames(t *testing.T) {
	all, err := migrations()
	must(t, err)
	for i, m := range all {
		if m.version != i+1 {
			t.Errorf("migration %s has number %d, want %d (no gaps)", m.name, m.version, i+1)
		}
	}
}
