package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	// The SQLite driver, registered as "sqlite3".
	_ "github.com/mattn/go-sqlite3"
)

var sqliteDialect = dialect{
	name: "sqlite",
	// The transaction is BEGIN IMMEDIATE (see OpenSQLite), so it already
	// holds the write lock when it reads the counter.
	lockRevision: `SELECT value FROM counters WHERE name = 'revision'`,
	oneWriter:    true,
}

// OpenSQLite opens (creating if needed) the server's SQLite file at path,
// in WAL mode with foreign keys and a busy timeout, and migrates it.
// Transactions begin IMMEDIATE so two pushes queue for the write lock
// instead of failing when one upgrades from reading to writing.
func OpenSQLite(ctx context.Context, path string) (Store, error) {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "NORMAL")
	db, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := migrate(ctx, db, sqliteDialect); err != nil {
		_ = db.Close()
		return nil, err
	}
	return &sqlStore{db: db, d: sqliteDialect}, nil
}
