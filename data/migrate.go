package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// migrationFiles holds the schema history. Files are never edited once
// released: a device may already have applied them, so every change is a new
// numbered file.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

var migrationName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in version order.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migration file %s: name must look like 0001_name.sql", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		v, _ := strconv.Atoi(m[1])
		if len(out) > 0 && out[len(out)-1].version == v {
			return nil, fmt.Errorf("migration %04d: two files share the number", v)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	return out, nil
}

// migrate applies every embedded migration the database has not seen, each
// in its own transaction so a failure leaves the last good schema in place.
// It refuses a database that has migrations this build does not know: an
// older app writing to a newer schema could corrupt it.
func migrate(ctx context.Context, db *sql.DB) (int, error) {
	all, err := migrations()
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	return migrateTo(ctx, db, all)
}

// migrateTo applies the migrations in all; tests pass a prefix of the
// history to make a database as an older Hearth left it.
func migrateTo(ctx context.Context, db *sql.DB, all []migration) (int, error) {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		return 0, fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	done, err := appliedVersions(ctx, db)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	for v := range done {
		if !slices.ContainsFunc(all, func(m migration) bool { return m.version == v }) {
			return 0, fmt.Errorf("migrate: database has migration %04d, which this version of Hearth does not know; update Hearth", v)
		}
	}
	applied := 0
	for _, m := range all {
		if done[m.version] {
			continue
		}
		if err := apply(ctx, db, m); err != nil {
			return applied, fmt.Errorf("migrate %s: %w", m.name, err)
		}
		applied++
	}
	return applied, nil
}

func appliedVersions(ctx context.Context, db *sql.DB) (map[int]bool, error) {
	rows, err := db.QueryContext(ctx, "SELECT version FROM schema_migrations")
	versions, err := collect(rows, err, func(v *int) []any { return []any{v} })
	done := map[int]bool{}
	for _, v := range versions {
		done[v] = true
	}
	return done, err
}

// apply runs one migration the way SQLite documents for changing a table's
// shape (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of
// Table Schema Changes"): foreign keys are turned off on a pinned connection
// before the transaction, because the pragma does nothing inside one, and
// with them on, dropping the old table of a rebuild first deletes its rows,
// which fails when another table refers to them; the transaction checks the
// keys itself before it commits; and they are turned back on whatever
// happened.
func apply(ctx context.Context, db *sql.DB, m migration) (err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer func() {
		// A connection left without foreign keys would let every later
		// write break them, so failing to restore them fails the open.
		if _, fkErr := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err == nil {
			err = fkErr
		}
	}()
	return applyTx(ctx, conn, m)
}

func applyTx(ctx context.Context, conn *sql.Conn, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	// A migration that rebuilds a table could leave dangling references
	// that SQLite only reports when asked.
	var (
		table, parent string
		rowid         sql.NullInt64
		fkid          int
	)
	switch err := tx.QueryRowContext(ctx, "PRAGMA foreign_key_check").Scan(&table, &rowid, &parent, &fkid); err {
	case sql.ErrNoRows:
	case nil:
		return fmt.Errorf("leaves rows in %s pointing at missing %s rows", table, parent)
	default:
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, stamp(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion reports the highest migration applied to the database.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	if err := s.r.QueryRow("SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// MigrationsApplied reports how many migrations this Open applied; zero
// means the file was already up to date.
func (s *Store) MigrationsApplied() int { return s.applied }
