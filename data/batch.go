package data

import (
	"context"
	"crypto/cipher"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Batch is one write transaction. SaveBatch hands it out so that many
// records (a year of demo recordings, say) are written with one commit
// instead of one fsync each; the single-record Save methods run through the
// same code with a batch of one.
//
// A Batch is only valid inside the function given to SaveBatch, and that
// function must not call Store methods: the store's only writer connection
// is busy with the batch.
type Batch struct {
	tx   *stmtTx
	aead cipher.AEAD
	now  time.Time
	undo []func()  // restores caller structs if the transaction fails
	ops  []indexOp // search-index changes, applied after commit
	// quiet marks changes that must not travel to the LA: ones that came
	// from it, and the purge of an ended placement (see outbox.go).
	quiet bool
}

// SaveChild saves c as part of the batch; see Store.SaveChild.
func (b *Batch) SaveChild(c *Child) error { return wrap("save child", b.saveChild(c)) }

// SaveMilestone saves m as part of the batch; see Store.SaveMilestone.
func (b *Batch) SaveMilestone(m *Milestone) error {
	return wrap("save milestone", b.saveMilestone(m))
}

// SaveRecording saves r as part of the batch; see Store.SaveRecording.
func (b *Batch) SaveRecording(r *Recording) error {
	return wrap("save recording", b.saveRecording(r))
}

// SaveNeed saves n as part of the batch; see Store.SaveNeed.
func (b *Batch) SaveNeed(n *Need) error { return wrap("save need", b.saveNeed(n)) }

// SaveTraining saves t as part of the batch; see Store.SaveTraining.
func (b *Batch) SaveTraining(t *Training) error { return wrap("save training", b.saveTraining(t)) }

// SaveGoal saves g and its steps as part of the batch; see Store.SaveGoal.
func (b *Batch) SaveGoal(g *Goal) error { return wrap("save goal", b.saveGoal(g)) }

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}

// SaveBatch runs fn in one write transaction: everything fn saves is kept,
// or (if fn or the commit fails) nothing is, and the structs fn saved get
// their IDs and timestamps back as they were.
func (s *Store) SaveBatch(fn func(tx *Batch) error) error {
	return s.write("save batch", fn)
}

// write runs fn in a write transaction with the data key, then brings the
// search index up to date.
func (s *Store) write(op string, fn func(b *Batch) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.aead == nil {
		return wrap(op, ErrLocked)
	}
	tx, err := s.w.BeginTx(bg, nil)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", op, err)
	}
	b := &Batch{tx: &stmtTx{Tx: tx}, aead: s.aead, now: s.now()}
	if err := fn(b); err != nil {
		_ = tx.Rollback()
		b.rollback()
		return wrap(op, err)
	}
	if err := tx.Commit(); err != nil {
		b.rollback()
		return fmt.Errorf("%s: commit: %w", op, err)
	}
	s.index.apply(b.ops)
	return nil
}

// stmtTx is a write transaction that prepares each statement once and
// reuses it for the rest of the transaction. A page of pulled changes runs
// the same few statements thousands of times, and preparing them afresh
// each time took a fifth of a first sync's CPU. The transaction closes the
// statements when it ends. Multi-row queries are not cached: a caller
// iterating one could run the same query again before closing it, and a
// shared statement would reset the open rows.
type stmtTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

// prepared is q's statement, prepared on first use, or nil for text that
// may hold more than one statement (a prepared statement runs only the
// first), which then runs unprepared.
func (t *stmtTx) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := t.stmts[q]; ok {
		return st, nil
	}
	if strings.Contains(q, ";") {
		return nil, nil
	}
	st, err := t.Tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[q] = st
	return st, nil
}

// ExecContext runs q through its prepared statement.
func (t *stmtTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := t.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return t.Tx.ExecContext(ctx, q, args...)
	}
	return st.ExecContext(ctx, args...)
}

// QueryRowContext runs q through its prepared statement. A statement that
// cannot be prepared runs unprepared, so the *sql.Row carries its error.
func (t *stmtTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := t.prepared(ctx, q)
	if err != nil || st == nil {
		return t.Tx.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (b *Batch) rollback() {
	for i := len(b.undo) - 1; i >= 0; i-- {
		b.undo[i]()
	}
}

// column is an extra value written next to an entity's own fields.
type column struct {
	name  string
	value any
}

// put inserts e when it has no ID and updates it otherwise, filling the ID
// and timestamps back into e.
func (b *Batch) put(e entity, extra ...column) error {
	rec, t := e.record(), e.table()
	saved := *rec
	b.undo = append(b.undo, func() { *rec = saved })
	insert := rec.ID == ""
	if insert {
		rec.ID, rec.Created = uuid.NewString(), b.now
	}
	rec.Updated = b.now
	w := &writer{seal: func(col string, plain []byte) []byte {
		return seal(b.aead, plain, fieldAD(t.name, rec.ID, col))
	}}
	e.bind(w)
	for _, c := range extra {
		w.set(c.name, c.value)
	}
	if insert {
		q := fmt.Sprintf("INSERT INTO %s (id, created_at, updated_at, %s) VALUES (?, ?, ?%s)",
			t.name, strings.Join(w.cols, ", "), strings.Repeat(", ?", len(w.cols)))
		if _, err := b.tx.ExecContext(bg, q, append([]any{rec.ID, stamp(b.now), stamp(b.now)}, w.vals...)...); err != nil {
			return err
		}
		return b.enqueue(t, rec.ID, OpUpsert, priorityOf(e))
	}
	q := fmt.Sprintf("UPDATE %s SET updated_at = ?, %s = ? WHERE id = ? AND deleted_at IS NULL RETURNING created_at",
		t.name, strings.Join(w.cols, " = ?, "))
	args := append(append([]any{stamp(b.now)}, w.vals...), rec.ID)
	var created string
	err := b.tx.QueryRowContext(bg, q, args...).Scan(&created)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %s: %w", t.noun, rec.ID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if rec.Created, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return err
	}
	return b.enqueue(t, rec.ID, OpUpsert, priorityOf(e))
}

// tombstone marks the live rows of e's table that match where as deleted,
// clears their sensitive columns (secure_delete then scrubs the old bytes
// from the file) and returns their ids.
func (b *Batch) tombstone(e entity, where string, args ...any) ([]string, error) {
	return b.tombstoneRows(e.table(), newReader(e, nil).scrub, where, args...)
}

func (b *Batch) tombstoneRows(t *tableDef, scrub []string, where string, args ...any) ([]string, error) {
	set := "deleted_at = ?, updated_at = ?"
	for _, c := range scrub {
		set += ", " + c + " = NULL"
	}
	q := fmt.Sprintf("UPDATE %s SET %s WHERE deleted_at IS NULL AND (%s) RETURNING id", t.name, set, where)
	rows, err := b.tx.QueryContext(bg, q, append([]any{stamp(b.now), stamp(b.now)}, args...)...)
	ids, err := collect(rows, err, func(id *string) []any { return []any{id} })
	if err != nil {
		return nil, fmt.Errorf("delete from %s: %w", t.name, err)
	}
	for _, id := range ids {
		if err := b.enqueue(t, id, OpDelete, 0); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// deleteByID tombstones one live row, or reports ErrNotFound.
func (b *Batch) deleteByID(e entity, id string) error {
	ids, err := b.tombstone(e, "id = ?", id)
	if err == nil && len(ids) == 0 {
		err = fmt.Errorf("%s %s: %w", e.table().noun, id, ErrNotFound)
	}
	return err
}

// mustBeLive reports ErrNotFound unless id is a live row of t; it gives a
// clear error where a foreign key would only say "constraint failed", and
// it also refuses rows that are tombstoned.
func (b *Batch) mustBeLive(t *tableDef, id string) error { return b.mustBeLiveWhere(t, id, "TRUE") }

// mustBeLiveWhere is mustBeLive for a row that must also match cond.
func (b *Batch) mustBeLiveWhere(t *tableDef, id, cond string, args ...any) error {
	var one int
	err := b.tx.QueryRowContext(bg, "SELECT 1 FROM "+t.name+" WHERE id = ? AND deleted_at IS NULL AND ("+cond+")",
		append([]any{id}, args...)...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %s: %w", t.noun, id, ErrNotFound)
	}
	return err
}
