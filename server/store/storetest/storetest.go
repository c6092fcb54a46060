// Package storetest opens real, empty server stores for tests: a SQLite
// file in the test's temp dir, or a fresh database in the PostgreSQL
// cluster named by HEARTH_TEST_POSTGRES (scripts/postgres.sh starts one).
// Without that variable the PostgreSQL tests skip, unless
// HEARTH_REQUIRE_POSTGRES=1 (CI), when they fail instead.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/hearth-app/hearth/server/store"
)

// Backend opens one kind of empty store for a test.
type Backend struct {
	Name string
	Open func(t testing.TB) store.Store
}

// Backends are both implementations, for suites that run against each.
var Backends = []Backend{{"sqlite", SQLite}, {"postgres", Postgres}}

// SQLite opens an empty SQLite store in t's temp dir, closed at cleanup.
func SQLite(t testing.TB) store.Store {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "server.db"))
	if err != nil {
		t.Fatalf("open SQLite store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// Postgres creates a new database in the HEARTH_TEST_POSTGRES cluster and
// opens an empty store on it; the database is dropped at cleanup.
func Postgres(t testing.TB) store.Store {
	t.Helper()
	dsn := os.Getenv("HEARTH_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("HEARTH_REQUIRE_POSTGRES") == "1" {
			t.Fatal("HEARTH_REQUIRE_POSTGRES=1 but HEARTH_TEST_POSTGRES is not set; start a cluster with scripts/postgres.sh")
		}
		t.Skip("HEARTH_TEST_POSTGRES is not set; run scripts/postgres.sh to test the PostgreSQL store")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("open PostgreSQL admin connection: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	name := "hearth_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("HEARTH_TEST_POSTGRES is not a URL: %v", err)
	}
	u.Path = "/" + name
	st, err := store.OpenPostgres(context.Background(), u.String())
	if err != nil {
		t.Fatalf("open PostgreSQL store: %v", err)
	}
	t.Cleanup(func() {
		_ = st.Close()
		if admin, err := sql.Open("pgx", dsn); err == nil {
			_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			_ = admin.Close()
		}
	})
	return st
}
