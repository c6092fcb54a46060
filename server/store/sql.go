package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hearth-app/hearth/api"
)

// dialect is what differs between the two databases. Every query uses
// numbered placeholders ($1, $2, ...) in order of first use, which both
// SQLite and PostgreSQL read the same way.
type dialect struct {
	name string
	// lockRevision reads the revision counter at the start of a push and
	// holds writers off until the push commits, so revisions are handed
	// out and become visible in order and an idempotency key cannot be
	// applied twice by two racing pushes.
	lockRevision string
	// oneWriter queues writes in the process instead of in the database:
	// SQLite has one writer at a time, and a writer that finds the lock
	// taken sleeps in its busy handler for milliseconds at a time, far
	// longer than the write it waits for.
	oneWriter bool
}

// sqlStore implements Store over database/sql for both dialects.
type sqlStore struct {
	db      *sql.DB
	d       dialect
	writeMu sync.Mutex // held around writes when d.oneWriter
}

// lockWrites holds off other writers when the dialect has one writer, and
// returns the unlock.
func (s *sqlStore) lockWrites() func() {
	if !s.d.oneWriter {
		return func() {}
	}
	s.writeMu.Lock()
	return s.writeMu.Unlock
}

func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

func (s *sqlStore) Close() error { return s.db.Close() }

func (s *sqlStore) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	defer s.lockWrites()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin transaction: %w", s.d.name, err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", s.d.name, err)
	}
	return nil
}

func (s *sqlStore) IssueCode(ctx context.Context, codeHash, scope string, kind api.ScopeKind, expires time.Time, a Audit) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var have string
		err := tx.QueryRowContext(ctx, `SELECT kind FROM scopes WHERE id = $1`, scope).Scan(&have)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `INSERT INTO scopes (id, kind, created_at) VALUES ($1, $2, $3)`, scope, string(kind), nanos(a.At)); err != nil {
				return fmt.Errorf("create scope: %w", err)
			}
		case err != nil:
			return fmt.Errorf("look up scope: %w", err)
		case have != string(kind):
			return ErrScopeKind
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO enrol_codes (code_hash, scope, expires_at) VALUES ($1, $2, $3)`, codeHash, scope, nanos(expires)); err != nil {
			return fmt.Errorf("store enrolment code: %w", err)
		}
		return insertAudit(ctx, tx, a)
	})
}

func (s *sqlStore) Redeem(ctx context.Context, codeHash, subject string, now time.Time) (string, api.ScopeKind, error) {
	var scope, kind string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// Claiming the code with one conditional UPDATE makes it single
		// use even when two devices race with the same code.
		res, err := tx.ExecContext(ctx, `UPDATE enrol_codes SET used_at = $1, used_by = $2 WHERE code_hash = $3 AND used_at = 0 AND expires_at > $4`, nanos(now), subject, codeHash, nanos(now))
		if err != nil {
			return fmt.Errorf("claim enrolment code: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			// The same subject sending the code it already used is a retry
			// whose answer was lost: answer it the same way, so enrolling
			// is safe to repeat. Anyone else is refused.
			var again int
			err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM enrol_codes c JOIN enrolments e ON e.subject = c.used_by AND e.scope = c.scope WHERE c.code_hash = $1 AND c.used_by = $2`, codeHash, subject).Scan(&again)
			if err != nil || again != 1 {
				return ErrCodeInvalid
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT c.scope, s.kind FROM enrol_codes c JOIN scopes s ON s.id = c.scope WHERE c.code_hash = $1`, codeHash).Scan(&scope, &kind); err != nil {
			return fmt.Errorf("read enrolment code: %w", err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO enrolments (subject, scope, enrolled_at) VALUES ($1, $2, $3)
			ON CONFLICT (subject) DO UPDATE SET scope = excluded.scope, enrolled_at = excluded.enrolled_at`, subject, scope, nanos(now))
		if err != nil {
			return fmt.Errorf("store enrolment: %w", err)
		}
		return nil
	})
	return scope, api.ScopeKind(kind), err
}

func (s *sqlStore) Enrolment(ctx context.Context, subject string) (string, api.ScopeKind, bool, error) {
	var scope, kind string
	err := s.db.QueryRowContext(ctx, `SELECT e.scope, s.kind FROM enrolments e JOIN scopes s ON s.id = e.scope WHERE e.subject = $1`, subject).Scan(&scope, &kind)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	if err != nil {
		return "", "", false, fmt.Errorf("%s: look up enrolment: %w", s.d.name, err)
	}
	return scope, api.ScopeKind(kind), true, nil
}

func (s *sqlStore) ScopeKind(ctx context.Context, scope string) (api.ScopeKind, error) {
	var kind string
	err := s.db.QueryRowContext(ctx, `SELECT kind FROM scopes WHERE id = $1`, scope).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNoScope
	}
	if err != nil {
		return "", fmt.Errorf("%s: look up scope: %w", s.d.name, err)
	}
	return api.ScopeKind(kind), nil
}

func (s *sqlStore) Changes(ctx context.Context, f Filter) ([]api.Change, bool, error) {
	if f.Limit <= 0 || f.Limit > api.MaxPage {
		f.Limit = api.MaxPage
	}
	q := strings.Builder{}
	q.WriteString(`SELECT ` + recordColumns + ` FROM records WHERE revision > $1`)
	args := []any{f.Since}
	if f.Kind != "" {
		args = append(args, string(f.Kind))
		q.WriteString(` AND kind = $2`)
	}
	if f.Scopes != nil {
		q.WriteString(` AND (`)
		if f.Kind == "" {
			q.WriteString(`scope = '' OR `)
		}
		q.WriteString(`scope IN (NULL`) // matches nothing; keeps an empty list valid SQL
		for _, sc := range f.Scopes {
			args = append(args, sc)
			q.WriteString(`, $` + strconv.Itoa(len(args)))
		}
		q.WriteString(`))`)
	}
	args = append(args, f.Limit+1)
	q.WriteString(` ORDER BY revision LIMIT $` + strconv.Itoa(len(args)))
	rows, err := s.db.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return nil, false, fmt.Errorf("%s: read changes: %w", s.d.name, err)
	}
	defer rows.Close()
	var out []api.Change
	for rows.Next() {
		k, rec, err := scanRecord(rows)
		if err != nil {
			return nil, false, fmt.Errorf("%s: read change: %w", s.d.name, err)
		}
		out = append(out, change(k.scope, k.kind, k.id, rec))
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("%s: read changes: %w", s.d.name, err)
	}
	more := len(out) > f.Limit
	if more {
		out = out[:f.Limit]
	}
	return out, more, nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// insertAudit writes one entry. Its text can come from a refused request
// (a path, a scope, field names), so NULs, which PostgreSQL text cannot
// hold, are replaced: a refusal must be recorded, not fail with a 500.
func insertAudit(ctx context.Context, db execer, a Audit) error {
	_, err := db.ExecContext(ctx, `INSERT INTO audit (at, subject, action, scope, outcome, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
		nanos(a.At), noNUL(a.Subject), noNUL(a.Action), noNUL(a.Scope), a.Outcome, noNUL(a.Reason))
	if err != nil {
		return fmt.Errorf("write audit entry: %w", err)
	}
	return nil
}

func (s *sqlStore) Audit(ctx context.Context, a Audit) error {
	defer s.lockWrites()()
	if err := insertAudit(ctx, s.db, a); err != nil {
		return fmt.Errorf("%s: %w", s.d.name, err)
	}
	return nil
}

func (s *sqlStore) AuditLog(ctx context.Context, limit int) ([]Audit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, subject, action, scope, outcome, reason FROM audit ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: read audit log: %w", s.d.name, err)
	}
	defer rows.Close()
	var out []Audit
	for rows.Next() {
		var a Audit
		var at int64
		if err := rows.Scan(&at, &a.Subject, &a.Action, &a.Scope, &a.Outcome, &a.Reason); err != nil {
			return nil, fmt.Errorf("%s: read audit entry: %w", s.d.name, err)
		}
		a.At = fromNanos(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

func noNUL(s string) string { return strings.ReplaceAll(s, "\x00", "\uFFFD") }
