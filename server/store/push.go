package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/hearth-app/hearth/api"
)

// A push runs in a handful of statements whatever its size: one to read
// the batch's earlier acknowledgements, one per scope and kind to read the
// records it touches, then multi-row writes of the changed records and the
// new acknowledgements. On PostgreSQL each statement is a round trip, so
// this is what keeps a push of 100 operations quick.

// recordColumns are the columns scanRecord reads, in order.
const recordColumns = `scope, kind, id, user_fields, la_fields, user_at, la_at, deleted, revision`

// rowsPerInsert bounds a multi-row INSERT to well under either database's
// limit on placeholders.
const rowsPerInsert = 100

type recKey struct {
	scope string
	kind  api.Kind
	id    string
}

type scanner interface{ Scan(dest ...any) error }

func scanRecord(row scanner) (recKey, record, error) {
	var k recKey
	var kind, user, la string
	var userAt, laAt, deleted int64
	var rec record
	if err := row.Scan(&k.scope, &kind, &k.id, &user, &la, &userAt, &laAt, &deleted, &rec.revision); err != nil {
		return k, rec, err
	}
	k.kind = api.Kind(kind)
	rec.exists, rec.deleted = true, deleted != 0
	rec.userAt, rec.laAt = fromNanos(userAt), fromNanos(laAt)
	if err := json.Unmarshal([]byte(user), &rec.user); err != nil {
		return k, rec, fmt.Errorf("record's carer fields are not valid JSON: %w", err)
	}
	if err := json.Unmarshal([]byte(la), &rec.la); err != nil {
		return k, rec, fmt.Errorf("record's LA fields are not valid JSON: %w", err)
	}
	return k, rec, nil
}

// placeholders returns "($from, ..., $from+n-1)".
func placeholders(from, n int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i))
	}
	b.WriteByte(')')
	return b.String()
}

func (s *sqlStore) Push(ctx context.Context, subject string, items []Item, auditAll bool, now time.Time) ([]api.Ack, error) {
	var acks []api.Ack
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var rev int64
		if err := tx.QueryRowContext(ctx, s.d.lockRevision).Scan(&rev); err != nil {
			return fmt.Errorf("read revision counter: %w", err)
		}
		seen, err := loadAcks(ctx, tx, s.lookup, subject, items)
		if err != nil {
			return err
		}
		recs, err := loadRecords(ctx, tx, s.lookup, items)
		if err != nil {
			return err
		}
		start := rev
		acks = make([]api.Ack, 0, len(items))
		var fresh []api.Ack
		var audits []Audit
		var dirty []recKey
		for _, it := range items {
			key := it.Op.IdempotencyKey
			if ack, ok := seen[key]; ok {
				acks = append(acks, ack)
				continue
			}
			ack := api.Ack{IdempotencyKey: key, Status: api.AckApplied}
			reason := it.Reject
			keep := api.ValidKey(key)
			if !keep && reason == "" {
				// Without a key it could keep, the store cannot apply
				// the operation exactly once.
				reason = fmt.Sprintf("idempotency_key must be 1 to %d characters, none of them control characters", api.MaxKeyLen)
			}
			if reason == "" {
				k := recKey{it.Scope, it.Op.Kind, it.Op.ID}
				rec := recs[k]
				next, changed, why := merge(rec, it)
				reason, ack.Revision = why, rec.revision
				if why == "" && changed {
					rev++
					next.revision, ack.Revision = rev, rev
					if !recs[k].exists || recs[k].revision <= start {
						dirty = append(dirty, k)
					}
					recs[k] = next
				}
			}
			outcome := OutcomeDone
			if reason != "" {
				ack = api.Ack{IdempotencyKey: key, Status: api.AckRejected, Reason: reason}
				outcome = OutcomeRefused
			}
			acks = append(acks, ack)
			if keep {
				// An unusable key is answered but not kept: PostgreSQL
				// cannot index a long one or store a NUL, and failing
				// the whole push over it would block the sender's queue
				// for good.
				seen[key] = ack
				fresh = append(fresh, ack)
			}
			if auditAll || reason != "" {
				audits = append(audits, Audit{At: now, Subject: subject, Action: auditAction(it), Scope: it.Scope, Outcome: outcome, Reason: reason})
			}
		}
		if err := saveRecords(ctx, tx, dirty, recs); err != nil {
			return err
		}
		if err := saveAcks(ctx, tx, subject, fresh); err != nil {
			return err
		}
		for _, a := range audits {
			if err := insertAudit(ctx, tx, a); err != nil {
				return err
			}
		}
		if rev != start {
			if _, err := tx.ExecContext(ctx, `UPDATE counters SET value = $1 WHERE name = 'revision'`, rev); err != nil {
				return fmt.Errorf("advance revision counter: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: push: %w", s.d.name, err)
	}
	return acks, nil
}

// lookup returns the arguments of one of a push's lookups by key. On
// PostgreSQL it puts pgx.QueryExecModeExec first, so the lookup is planned
// for the table as it is now, in the same single round trip. Otherwise pgx
// prepares the statement once per connection, and after five runs
// PostgreSQL keeps a generic plan costed for the table as it was then: one
// made while a new database was nearly empty reads every row of the scope
// or subject and compares each with every key of the batch, so each push
// took longer as the table grew (seeding 50,000 records took 64 s).
func (s *sqlStore) lookup(args []any) []any {
	if s.d.name != postgresDialect.name {
		return args
	}
	return append([]any{pgx.QueryExecModeExec}, args...)
}

// loadAcks reads the acknowledgements subject already has for the batch's
// idempotency keys.
func loadAcks(ctx context.Context, tx *sql.Tx, lookup func([]any) []any, subject string, items []Item) (map[string]api.Ack, error) {
	seen := map[string]api.Ack{}
	keys := make([]any, 0, len(items)+1)
	keys = append(keys, subject)
	for _, it := range items {
		if api.ValidKey(it.Op.IdempotencyKey) {
			keys = append(keys, it.Op.IdempotencyKey)
		}
	}
	if len(keys) == 1 {
		return seen, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT idempotency_key, status, reason, revision FROM acks WHERE subject = $1 AND idempotency_key IN `+placeholders(2, len(keys)-1), lookup(keys)...)
	if err != nil {
		return nil, fmt.Errorf("read acknowledgements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ack api.Ack
		var status string
		if err := rows.Scan(&ack.IdempotencyKey, &status, &ack.Reason, &ack.Revision); err != nil {
			return nil, fmt.Errorf("read acknowledgement: %w", err)
		}
		ack.Status = api.AckStatus(status)
		seen[ack.IdempotencyKey] = ack
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read acknowledgements: %w", err)
	}
	return seen, nil
}

// loadRecords reads every stored record the batch's operations touch, one
// query per scope and kind: naming the kind lets both databases find each
// id through the primary key (scope, kind, id) instead of reading every
// record of the scope.
func loadRecords(ctx context.Context, tx *sql.Tx, lookup func([]any) []any, items []Item) (map[recKey]record, error) {
	type group struct {
		scope string
		kind  api.Kind
	}
	var order []group
	ids := map[group][]any{}
	seen := map[recKey]bool{}
	for _, it := range items {
		k := recKey{it.Scope, it.Op.Kind, it.Op.ID}
		if it.Reject != "" || seen[k] {
			continue
		}
		seen[k] = true
		g := group{it.Scope, it.Op.Kind}
		if _, ok := ids[g]; !ok {
			order = append(order, g)
		}
		ids[g] = append(ids[g], it.Op.ID)
	}
	recs := map[recKey]record{}
	for _, g := range order {
		list := ids[g]
		args := append([]any{g.scope, string(g.kind)}, list...)
		rows, err := tx.QueryContext(ctx, `SELECT `+recordColumns+` FROM records WHERE scope = $1 AND kind = $2 AND id IN `+placeholders(3, len(list)), lookup(args)...)
		if err != nil {
			return nil, fmt.Errorf("read records: %w", err)
		}
		for rows.Next() {
			k, rec, err := scanRecord(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read record: %w", err)
			}
			recs[k] = rec
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read records: %w", err)
		}
	}
	return recs, nil
}

// saveRecords writes the changed records, many rows per statement.
func saveRecords(ctx context.Context, tx *sql.Tx, keys []recKey, recs map[recKey]record) error {
	for chunk := range slices.Chunk(keys, rowsPerInsert) {
		var q strings.Builder
		q.WriteString(`INSERT INTO records (` + recordColumns + `) VALUES `)
		args := make([]any, 0, 9*len(chunk))
		for i, k := range chunk {
			rec := recs[k]
			user, err := json.Marshal(rec.user)
			if err != nil {
				return fmt.Errorf("encode carer fields: %w", err)
			}
			la, err := json.Marshal(rec.la)
			if err != nil {
				return fmt.Errorf("encode LA fields: %w", err)
			}
			deleted := 0
			if rec.deleted {
				deleted = 1
			}
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(placeholders(len(args)+1, 9))
			args = append(args, k.scope, string(k.kind), k.id, string(user), string(la), nanos(rec.userAt), nanos(rec.laAt), deleted, rec.revision)
		}
		q.WriteString(` ON CONFLICT (scope, kind, id) DO UPDATE SET user_fields = excluded.user_fields, la_fields = excluded.la_fields,
			user_at = excluded.user_at, la_at = excluded.la_at, deleted = excluded.deleted, revision = excluded.revision`)
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("write records: %w", err)
		}
	}
	return nil
}

// saveAcks stores the batch's new acknowledgements, many rows per
// statement.
func saveAcks(ctx context.Context, tx *sql.Tx, subject string, acks []api.Ack) error {
	for chunk := range slices.Chunk(acks, rowsPerInsert) {
		var q strings.Builder
		q.WriteString(`INSERT INTO acks (subject, idempotency_key, status, reason, revision) VALUES `)
		args := make([]any, 0, 5*len(chunk))
		for i, ack := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(placeholders(len(args)+1, 5))
			args = append(args, subject, ack.IdempotencyKey, string(ack.Status), ack.Reason, ack.Revision)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("store acknowledgements: %w", err)
		}
	}
	return nil
}

// auditAction names what an operation tried to do: the operation, kind,
// record id and the names (never the values) of the fields it carried.
func auditAction(it Item) string {
	names := make([]string, 0, len(it.Op.Fields))
	for name := range it.Op.Fields {
		names = append(names, name)
	}
	slices.Sort(names)
	return fmt.Sprintf("%s %s %s [%s]", it.Op.Op, it.Op.Kind, it.Op.ID, strings.Join(names, ","))
}
