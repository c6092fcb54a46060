package data

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"fmt"
	"strings"
)

// querier is satisfied by both the read pool and a write transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ptrEntity lets the generic readers allocate a T and use it as an entity.
type ptrEntity[T any] interface {
	*T
	entity
}

// queryAll reads the live rows of T's table; tail continues the WHERE
// clause ("AND child_id = ? ORDER BY ..."). A row that does not decrypt
// fails the whole read: showing a partial diary as if it were complete
// would be worse than an error.
func queryAll[T any, P ptrEntity[T]](q querier, aead cipher.AEAD, tail string, args ...any) ([]T, error) {
	var probe T
	t := P(&probe).table()
	query := fmt.Sprintf("SELECT %s FROM %s WHERE deleted_at IS NULL %s",
		strings.Join(newReader(P(&probe), nil).cols, ", "), t.name, tail)
	rows, err := q.QueryContext(bg, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	opener := func(ad, sealed []byte) ([]byte, error) { return open(aead, sealed, ad) }
	var out []T
	for rows.Next() {
		var v T
		r := newReader(P(&v), opener)
		if err := rows.Scan(r.dests...); err != nil {
			return nil, err
		}
		if err := r.finish(); err != nil {
			return nil, fmt.Errorf("%s %s: %w", t.noun, P(&v).record().ID, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// read runs fn with the data key, holding the lock state steady so Lock
// cannot drop the key half-way through a read.
func (s *Store) read(op string, fn func(aead cipher.AEAD) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.aead == nil {
		return wrap(op, ErrLocked)
	}
	return wrap(op, fn(s.aead))
}

// snapshot runs fn with the data key inside one read transaction, so rows
// read by several queries (a goal and its steps) agree with each other.
func (s *Store) snapshot(op string, fn func(q querier, aead cipher.AEAD) error) error {
	return s.read(op, func(aead cipher.AEAD) error {
		tx, err := s.r.BeginTx(bg, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }()
		return fn(tx, aead)
	})
}

// list reads live rows of T through the read pool.
func list[T any, P ptrEntity[T]](s *Store, op, tail string, args ...any) ([]T, error) {
	var out []T
	err := s.read(op, func(aead cipher.AEAD) (err error) {
		out, err = queryAll[T, P](s.r, aead, tail, args...)
		return err
	})
	return out, err
}

// get reads one live row of T by id, or reports ErrNotFound.
func get[T any, P ptrEntity[T]](s *Store, op, id string) (T, error) {
	var zero T
	got, err := list[T, P](s, op, "AND id = ?", id)
	if err != nil {
		return zero, err
	}
	if len(got) == 0 {
		return zero, fmt.Errorf("%s: %s %s: %w", op, P(&zero).table().noun, id, ErrNotFound)
	}
	return got[0], nil
}

// collect reads every row of a plain query; dests gives the scan
// destinations for one value. It takes the query's error too, so callers
// can pass a Query call's results straight through.
func collect[T any](rows *sql.Rows, err error, dests func(*T) []any) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(dests(&v)...); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
