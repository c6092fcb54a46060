// Package store keeps the reference server's state: scopes, enrolments,
// one-time enrolment codes, the synced records with their revisions, the
// acknowledgement of every operation by idempotency key, and the audit
// log. One interface, Store, has two implementations over the same SQL:
// SQLite (one file, the default) and PostgreSQL (for an LA that outgrows
// one machine). Authorisation is the server's job; the store applies what
// it is given, exactly once.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/hearth-app/hearth/api"
)

// Errors the server turns into answers the caller can act on.
var (
	// ErrCodeInvalid: the enrolment code is unknown, used or expired.
	ErrCodeInvalid = errors.New("the enrolment code is not valid: it is unknown, already used or expired")
	// ErrNoScope: the scope does not exist.
	ErrNoScope = errors.New("no such household or care leaver")
	// ErrScopeKind: a code was asked for an existing scope of another kind.
	ErrScopeKind = errors.New("the scope exists with another kind")
)

// Item is one operation to push, after the server has decided whose it is.
type Item struct {
	Op api.Operation
	// Scope is the record's scope: the sender's enrolment, or the scope
	// a staff operation names.
	Scope string
	// Owner is the side writing; it picks which fields and which
	// last-change time the operation touches.
	Owner api.Owner
	// Reject, when set, is the reason the server refused the operation;
	// the store records the refusal once under its idempotency key.
	Reject string
}

// Audit is one audit log entry. It never holds field values.
type Audit struct {
	At      time.Time
	Subject string
	Action  string // e.g. "push", "enrol", "staff.push need"
	Scope   string
	Outcome string // OutcomeDone or OutcomeRefused
	Reason  string
}

// Audit outcomes.
const (
	OutcomeDone    = "done"
	OutcomeRefused = "refused"
)

// Filter selects which records a pull returns.
type Filter struct {
	// Scopes the caller may read; nil means every scope (staff with no
	// caseload list). The LA's rules record is always included.
	Scopes []string
	// Kind, when set, returns only records of that kind (without rules).
	Kind api.Kind
	// Since and Limit page through revisions.
	Since int64
	Limit int
}

// Store is the server's storage. Every method is safe for concurrent use.
type Store interface {
	// IssueCode stores a one-time enrolment code by its hash for scope,
	// creating the scope when it does not exist yet.
	IssueCode(ctx context.Context, codeHash, scope string, kind api.ScopeKind, expires time.Time, audit Audit) error
	// Redeem uses the code with hash codeHash once, binding subject to its
	// scope, and returns that scope.
	Redeem(ctx context.Context, codeHash, subject string, now time.Time) (scope string, kind api.ScopeKind, err error)
	// Enrolment returns the scope subject is enrolled in; ok is false
	// when they are not enrolled.
	Enrolment(ctx context.Context, subject string) (scope string, kind api.ScopeKind, ok bool, err error)
	// ScopeKind returns the kind of an existing scope, or ErrNoScope.
	ScopeKind(ctx context.Context, scope string) (api.ScopeKind, error)

	// Push applies items in order, in one transaction with their
	// acknowledgements. An item whose (subject, idempotency key) was
	// seen before gets the stored acknowledgement and is not applied
	// again. An item whose key fails api.ValidKey is rejected and its
	// acknowledgement is not kept. Refused items, and every item when
	// auditAll is set (staff), are written to the audit log in the same
	// transaction.
	Push(ctx context.Context, subject string, items []Item, auditAll bool, now time.Time) ([]api.Ack, error)
	// Changes returns records changed after f.Since, oldest first, and
	// whether more follow.
	Changes(ctx context.Context, f Filter) (changes []api.Change, more bool, err error)

	// Audit appends one entry to the audit log.
	Audit(ctx context.Context, a Audit) error
	// AuditLog returns the newest limit entries, newest first.
	AuditLog(ctx context.Context, limit int) ([]Audit, error)

	Close() error
}
