package data

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Applying what the local authority sends back. Who may change what is
// decided by field ownership: the LA's fields (a need's status, a child's
// placement end, TSD sign-offs, the reminder rules) always apply; the
// user's own fields apply only to a record this device does not have yet,
// or one another device of the household changed later than this one did
// while this device has nothing of its own waiting to send. The app turns
// each api.Change into a RemoteChange, whose Apply copies the fields; the
// store decides which owners' fields to ask for.

// RemoteChange is one change pulled from the LA.
type RemoteChange struct {
	Kind    string // one of the Sync* kinds
	ID      string
	Deleted bool      // a tombstone
	CarerAt time.Time // when the user's fields last changed at the LA
	LAAt    time.Time // when the LA's fields last changed
	// Apply copies the change's fields onto rec: the user's when user is
	// true, the LA's when la is true. rec is the local record (a *Child,
	// *Need, *Training, *Milestone, *Recording, *Goal, *SyncStep, *SignOff
	// or *RulesDoc), or a zero one when the record is new here. An error
	// means the change's fields cannot be decoded: it skips this change
	// (and keeps the record as it was) without stopping the page.
	Apply func(rec any, user, la bool) error
}

// SyncStep is a goal step with the columns that place it under its goal.
type SyncStep struct {
	Step
	GoalID   string
	Position int
}

// RulesDoc is the reminder rules file the LA published.
type RulesDoc struct{ Document string }

// ApplyResult counts what one page did.
type ApplyResult struct {
	Applied int // changes stored
	Skipped int // changes that could not be applied (see the log)
}

// ApplyChanges stores one page of changes and the cursor after it in one
// transaction, so a sync cut off half-way resumes from the last whole page
// and never applies a page twice or skips one. Nothing it writes goes back
// into the outbox.
//
// Nearly every page applies whole, so the page is first written with no
// savepoints at all: an open savepoint makes SQLite keep the old content
// of every page it changes, which tripled the cost of each insert. Only if
// a change fails is that transaction rolled back and the page applied
// again in a new one with a savepoint per change (applyIsolated), so the
// bad change alone is skipped. Any other error (the disk full, the file
// busy) fails the page with the cursor where it was, so the sync engine
// fetches it again next time and no change of the LA's is lost.
func (s *Store) ApplyChanges(changes []RemoteChange, cursor int64) (ApplyResult, error) {
	res, err := s.applyChanges(changes, cursor, false)
	if errors.Is(err, errBadChange) {
		res, err = s.applyChanges(changes, cursor, true)
	}
	if err != nil {
		return ApplyResult{}, err
	}
	return res, nil
}

// errBadChange stops the first, unisolated attempt at a page.
var errBadChange = errors.New("a change could not be applied")

// applyChanges is one attempt at a page: isolated, each change in its own
// savepoint; otherwise all or nothing, failing with errBadChange.
func (s *Store) applyChanges(changes []RemoteChange, cursor int64, isolated bool) (ApplyResult, error) {
	var res ApplyResult
	err := s.write("apply changes from the local authority", func(b *Batch) error {
		b.quiet = true
		for _, c := range changes {
			if !isolated {
				if err := b.applyRemote(c); err != nil {
					if isBadChange(err) {
						return errBadChange
					}
					return fmt.Errorf("%s %s: %w", c.Kind, c.ID, err)
				}
				res.Applied++
				continue
			}
			ok, err := b.applyIsolated(c)
			if err != nil {
				return err
			}
			if ok {
				res.Applied++
			} else {
				res.Skipped++
			}
		}
		return b.setSetting(settingCursor, strconv.FormatInt(cursor, 10))
	})
	return res, err
}

// applyIsolated applies one change inside a savepoint: a change that is
// invalid (fields that cannot be decoded, or that the table's constraints
// refuse: an unknown mission from a newer server, say) is rolled back and
// logged, so one bad record cannot hold up every later change for ever.
// Any other error fails the page (see ApplyChanges): skipping the change
// would lose it for good, as the cursor moves past it.
func (b *Batch) applyIsolated(c RemoteChange) (bool, error) {
	if _, err := b.tx.ExecContext(bg, "SAVEPOINT remote_change"); err != nil {
		return false, err
	}
	ops := len(b.ops)
	err := b.applyRemote(c)
	if err == nil {
		_, err = b.tx.ExecContext(bg, "RELEASE remote_change")
		return err == nil, err
	}
	if !isBadChange(err) {
		return false, fmt.Errorf("%s %s: %w", c.Kind, c.ID, err)
	}
	b.ops = b.ops[:ops]
	// Only the kind and id are logged: the error may quote field values.
	slog.Warn("sync: skipped a change from the local authority", "kind", c.Kind, "id", c.ID)
	if _, rbErr := b.tx.ExecContext(bg, "ROLLBACK TO remote_change"); rbErr != nil {
		return false, fmt.Errorf("%s %s: %w (undo: %w)", c.Kind, c.ID, err, rbErr)
	}
	_, relErr := b.tx.ExecContext(bg, "RELEASE remote_change")
	return false, relErr
}

// invalidChange is an error that lies in the change itself, so applying it
// again would fail the same way.
type invalidChange struct{ err error }

func (e invalidChange) Error() string { return e.err.Error() }
func (e invalidChange) Unwrap() error { return e.err }

// isBadChange reports whether err is the change's own fault and so may be
// skipped: it was marked invalidChange, or the table's constraints refused
// its values. Everything else is the store's and may pass if tried again.
func isBadChange(err error) bool {
	var ic invalidChange
	var se sqlite3.Error
	return errors.As(err, &ic) || errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}

func (b *Batch) applyRemote(c RemoteChange) error {
	if c.Apply == nil && !c.Deleted {
		return invalidChange{errors.New("the change has no field mapping")}
	}
	switch c.Kind {
	case SyncSignOff:
		return b.applySignOff(c)
	case SyncRules:
		return b.applyRules(c)
	}
	t := kindTable(c.Kind)
	if t == nil {
		return invalidChange{fmt.Errorf("unknown kind %q", c.Kind)}
	}
	var updated time.Time
	var deleted bool
	err := b.tx.QueryRowContext(bg, "SELECT updated_at, deleted_at IS NOT NULL FROM "+t.name+" WHERE id = ?", c.ID).
		Scan(stampCol(&updated), &deleted)
	known := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	note := syncNote{onServer: !c.Deleted, laAt: c.LAAt, carerAt: c.CarerAt}
	switch {
	case c.Deleted:
		// The record was deleted elsewhere; a change still waiting here
		// would only bring it back.
		if _, err := b.tx.ExecContext(bg, "DELETE FROM outbox WHERE kind = ? AND record_id = ? AND sent_at IS NULL", c.Kind, c.ID); err != nil {
			return err
		}
		// A tombstone of a record this device withdrew itself (a care
		// leaver unsharing a goal) is only the echo of that withdrawal:
		// the record stays here, private.
		var held bool
		if err := b.tx.QueryRowContext(bg, "SELECT EXISTS (SELECT 1 FROM sync_records WHERE kind = ? AND record_id = ? AND on_server = 1)",
			c.Kind, c.ID).Scan(&held); err != nil {
			return err
		}
		if known && !deleted && held {
			if err := b.deleteRemote(c.Kind, c.ID); err != nil {
				return err
			}
		}
		return b.noteRecord(c.Kind, c.ID, note)
	case deleted:
		// Deleted here (the delete is on its way) or purged after the
		// placement ended: nothing to bring back.
		return b.noteRecord(c.Kind, c.ID, note)
	}
	pending := false
	if known {
		if err := b.tx.QueryRowContext(bg, "SELECT EXISTS (SELECT 1 FROM outbox WHERE kind = ? AND record_id = ?)", c.Kind, c.ID).Scan(&pending); err != nil {
			return err
		}
	}
	user := !known || (c.CarerAt.After(updated) && !pending)
	if !user && !laFieldKinds[c.Kind] {
		// Nothing of the LA's to apply: most often the echo of this
		// device's own push.
		return b.noteRecord(c.Kind, c.ID, note)
	}
	rec, err := b.loadLive(c.Kind, c.ID, known)
	if err != nil {
		return err
	}
	if err := c.Apply(rec, user, true); err != nil {
		return invalidChange{err}
	}
	switch {
	case user && !c.CarerAt.IsZero():
		updated = c.CarerAt
	case !known:
		updated = b.now
	}
	if err := b.putRemote(rec, updated); err != nil {
		return err
	}
	return b.noteRecord(c.Kind, c.ID, note)
}

// laFieldKinds are the kinds of stored record with fields the LA owns (a
// child's reference and placement end, a need's status and response).
var laFieldKinds = map[string]bool{SyncChild: true, SyncNeed: true}

// kindTable is the table that holds records of a kind, or nil.
func kindTable(kind string) *tableDef {
	for t, k := range syncKinds {
		if k == kind {
			return t
		}
	}
	return nil
}

// loadLive reads a live record of kind by id inside the batch, or returns
// a zero one carrying the id when there is none. known says whether the
// record's table has a row with that id: when it has not (every record of
// a first sync), there is nothing to read.
func (b *Batch) loadLive(kind, id string, known bool) (entity, error) {
	if known {
		rec, found, err := readLive(b.tx, b.aead, kind, id)
		if err != nil || found {
			e, _ := rec.(entity)
			return e, err
		}
	}
	var e entity
	switch kind {
	case SyncChild:
		e = &Child{}
	case SyncNeed:
		e = &Need{}
	case SyncMilestone:
		e = &Milestone{}
	case SyncRecording:
		e = &Recording{}
	case SyncTraining:
		e = &Training{}
	case SyncGoal:
		e = &Goal{}
	case SyncGoalStep:
		e = &SyncStep{}
	}
	e.record().ID = id
	return e, nil
}

// putRemote writes e as the LA sent it (inserting it under its own id when
// it is new here), with updated as its change time, and queues its text
// for search. Nothing goes into the outbox: the batch is quiet.
func (b *Batch) putRemote(e entity, updated time.Time) error {
	rec, t := e.record(), e.table()
	if rec.Created.IsZero() {
		rec.Created = b.now
	}
	rec.Updated = updated
	w := &writer{seal: func(col string, plain []byte) []byte {
		return seal(b.aead, plain, fieldAD(t.name, rec.ID, col))
	}}
	e.bind(w)
	if st, ok := e.(*SyncStep); ok {
		w.set("goal_id", st.GoalID)
		w.set("position", st.Position)
	}
	set := make([]string, len(w.cols))
	for i, c := range w.cols {
		set[i] = c + " = excluded." + c
	}
	q := fmt.Sprintf("INSERT INTO %s (id, created_at, updated_at, %s) VALUES (?, ?, ?%s) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, %s",
		t.name, strings.Join(w.cols, ", "), strings.Repeat(", ?", len(w.cols)), strings.Join(set, ", "))
	if _, err := b.tx.ExecContext(bg, q, append([]any{rec.ID, stamp(rec.Created), stamp(updated)}, w.vals...)...); err != nil {
		return err
	}
	if tr, ok := e.(*Training); ok {
		if err := b.setStandards(tr.ID, tr.Standards); err != nil {
			return err
		}
	}
	if s, ok := e.(searchable); ok {
		d := s.doc()
		b.ops = append(b.ops, indexOp{id: d.rec.ID, doc: &d})
	}
	return nil
}

// deleteRemote applies the LA's tombstone as the user's own delete would.
func (b *Batch) deleteRemote(kind, id string) error {
	switch kind {
	case SyncChild:
		return b.deleteChild(id)
	case SyncTraining:
		return b.deleteTraining(id)
	case SyncMilestone:
		return b.deleteMilestone(id)
	case SyncGoal:
		return b.deleteGoal(id)
	case SyncGoalStep:
		return b.deleteByID(&Step{}, id)
	case SyncNeed:
		return b.deleteIndexed(&Need{}, id)
	case SyncRecording:
		return b.deleteIndexed(&Recording{}, id)
	}
	return fmt.Errorf("unknown kind %q", kind)
}

func (b *Batch) applySignOff(c RemoteChange) error {
	note := syncNote{onServer: !c.Deleted, laAt: c.LAAt}
	if c.Deleted {
		if _, err := b.tombstoneRows(signOffRows, nil, "id = ?", c.ID); err != nil {
			return err
		}
		return b.noteRecord(c.Kind, c.ID, note)
	}
	var o SignOff
	if err := c.Apply(&o, false, true); err != nil {
		return invalidChange{err}
	}
	if o.Standard < 1 || o.Standard > maxStandard {
		return invalidChange{fmt.Errorf("no TSD standard %d", o.Standard)}
	}
	_, err := b.tx.ExecContext(bg, `INSERT INTO sign_offs (id, created_at, updated_at, standard, signed_on) VALUES (?, ?2, ?2, ?, ?)
		ON CONFLICT (standard) DO UPDATE SET id = excluded.id, signed_on = excluded.signed_on,
			updated_at = excluded.updated_at, deleted_at = NULL`,
		c.ID, stamp(b.now), o.Standard, nullable(o.SignedOn, dateText))
	if err != nil {
		return err
	}
	return b.noteRecord(c.Kind, c.ID, note)
}

var signOffRows = &tableDef{"sign_offs", "sign-off"}

func (b *Batch) applyRules(c RemoteChange) error {
	note := syncNote{onServer: !c.Deleted, laAt: c.LAAt}
	if c.Deleted {
		if _, err := b.tx.ExecContext(bg, "UPDATE settings SET deleted_at = ?, updated_at = ?1 WHERE key = ? AND deleted_at IS NULL",
			stamp(b.now), SettingLARules); err != nil {
			return err
		}
		return b.noteRecord(c.Kind, c.ID, note)
	}
	var doc RulesDoc
	if err := c.Apply(&doc, false, true); err != nil {
		return invalidChange{err}
	}
	if err := b.setSetting(SettingLARules, doc.Document); err != nil {
		return err
	}
	return b.noteRecord(c.Kind, c.ID, note)
}
