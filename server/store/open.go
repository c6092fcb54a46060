package store

import (
	"context"
	"strings"
)

// Open picks the implementation from database: a postgres:// or
// postgresql:// URL opens PostgreSQL, anything else is a SQLite file path.
func Open(ctx context.Context, database string) (Store, error) {
	if strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://") {
		return OpenPostgres(ctx, database)
	}
	return OpenSQLite(ctx, database)
}
