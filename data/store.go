package data

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Sentinel errors. Callers test them with errors.Is; the store always wraps
// them with what was being done, e.g. "get child 1234: not found".
var (
	ErrNotFound = errors.New("not found")
	ErrLocked   = errors.New("store is locked")
	ErrWrongKey = errors.New("wrong key")
)

// driverName is a private registration of go-sqlite3 whose connect hook keeps
// SQLite's temporary tables and sort spills in memory: a temp file could
// otherwise hold decrypted search text or ciphertext outside the database.
const driverName = "hearth-sqlite3"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
			return err
		},
	})
}

// Store is the on-device database. It is safe for concurrent use.
//
// Writes go through one connection so SQLite never has to arbitrate between
// writers (no SQLITE_BUSY surprises); reads use a separate read-only pool so
// a long list query never blocks a save, and a bug in a read path cannot
// modify data.
type Store struct {
	w, r    *sql.DB
	applied int
	clock   atomic.Pointer[func() time.Time]

	// wmu serialises write transactions together with the search-index
	// update that follows each commit, so the index never applies two
	// saves in the opposite order to the database. It also guards closed.
	wmu    sync.Mutex
	closed bool
	gate   <-chan struct{} // see SetIndexGate; guarded by wmu

	// mu guards the unlocked state below. Sensitive reads and writes hold
	// it for reading; Lock and Unlock hold it for writing.
	mu    sync.RWMutex
	aead  cipher.AEAD
	index *index
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. The store starts locked.
func Open(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := createPrivate(abs); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{}
	if err := s.open(abs); err != nil {
		s.closeDBs()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// createPrivate makes the file (and its folder) readable by the user only
// before SQLite first touches it; SQLite gives the -wal and -shm files the
// same permissions as the database file.
func createPrivate(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}

func (s *Store) open(path string) error {
	// FULL rather than NORMAL synchronous: in WAL mode NORMAL may lose the
	// last commits on power loss, and a carer's notes must not vanish.
	w, err := sql.Open(driverName, dsn(path, "mode=rwc&_txlock=immediate&_journal_mode=WAL&_synchronous=FULL&_fk=1&_secure_delete=on&_busy_timeout=5000"))
	if err != nil {
		return err
	}
	s.w = w
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	var mode string
	if err := w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("check journal mode: %w", err)
	}
	if mode != "wal" {
		return fmt.Errorf("journal mode is %q, want wal", mode)
	}
	if s.applied, err = migrate(bg, w); err != nil {
		return err
	}
	// The reader opens after migrations so it never sees a half-made schema.
	r, err := sql.Open(driverName, dsn(path, "mode=ro&_query_only=1&_busy_timeout=5000"))
	if err != nil {
		return err
	}
	s.r = r
	r.SetMaxOpenConns(4)
	return r.Ping()
}

// dsn builds a SQLite URI; only a "file:" name makes SQLite honour mode=ro.
// The characters that are special in a URI path are escaped, and Windows
// paths get the leading slash SQLite expects ("file:///C:/...").
func dsn(path, params string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file://" + p + "?" + params
}

// Close locks the store, folds the write-ahead log back into the database
// file (so a copied or backed-up file is complete on its own) and closes it.
// Closing again does nothing.
func (s *Store) Close() error {
	s.Lock()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if _, err := s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		errs = append(errs, fmt.Errorf("checkpoint: %w", err))
	}
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

func (s *Store) closeDBs() {
	for _, db := range []*sql.DB{s.r, s.w} {
		if db != nil {
			_ = db.Close()
		}
	}
}

// SetClock replaces the time source; tests use it to get stable timestamps.
func (s *Store) SetClock(now func() time.Time) { s.clock.Store(&now) }

// now is the current time in UTC without a monotonic reading, so a value
// filled back into a struct equals the value read back from disk.
func (s *Store) now() time.Time {
	now := time.Now
	if f := s.clock.Load(); f != nil {
		now = *f
	}
	return now().UTC().Round(0)
}

// bg is the context for database calls: the public API has no contexts
// because every call is a short local query.
var bg = context.Background()
