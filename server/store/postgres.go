package store

import (
	"context"
	"database/sql"
	"fmt"

	// The PostgreSQL driver, registered as "pgx".
	_ "github.com/jackc/pgx/v5/stdlib"
)

var postgresDialect = dialect{
	name: "postgres",
	// FOR UPDATE holds the counter row until commit: pushes run one after
	// another, so revisions commit in order and a pull never skips one
	// that commits late.
	lockRevision: `SELECT value FROM counters WHERE name = 'revision' FOR UPDATE`,
}

// OpenPostgres connects to the PostgreSQL database at dsn (a postgres://
// URL) and migrates it.
func OpenPostgres(ctx context.Context, dsn string) (Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	db.SetMaxOpenConns(20)
	if err := migrate(ctx, db, postgresDialect); err != nil {
		_ = db.Close()
		return nil, err
	}
	return &sqlStore{db: db, d: postgresDialect}, nil
}
