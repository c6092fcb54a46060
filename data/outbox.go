package data

import (
	"crypto/cipher"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// The outbox is how a change reaches the local authority: every save or
// delete of a record that syncs writes an outbox entry in the same
// transaction (see Batch.put and Batch.tombstoneRows), so a change is never
// stored without the note that it must travel, nor the note without the
// change. The entry holds no field values, only which record changed: the
// values would otherwise sit on disk in plain text.

// Kinds of record that sync, named as the api package names them. The data
// package does not import api; app's tests check that the names agree.
const (
	SyncChild     = "child"
	SyncNeed      = "need"
	SyncTraining  = "training"
	SyncMilestone = "milestone"
	SyncRecording = "recording"
	SyncGoal      = "goal"
	SyncGoalStep  = "goal_step"
	SyncSignOff   = "tsd_signoff"
	SyncRules     = "rules"
)

// Outbox operations, as the api package names them.
const (
	OpUpsert = "upsert"
	OpDelete = "delete"
)

// syncKinds maps each table whose rows travel to its kind.
var syncKinds = map[*tableDef]string{
	childrenTable:   SyncChild,
	needsTable:      SyncNeed,
	trainingsTable:  SyncTraining,
	milestonesTable: SyncMilestone,
	recordingsTable: SyncRecording,
	goalsTable:      SyncGoal,
	stepsTable:      SyncGoalStep,
}

// priorityOf puts significant-event recordings first: the LA must hear
// about a missing child or an allegation before a training log.
func priorityOf(e entity) int {
	if r, ok := e.(*Recording); ok && r.Significant {
		return 1
	}
	return 0
}

// enqueue notes that row id of t changed. Changes to one record coalesce
// while none has been sent: the entry keeps its place in the queue (so a
// child still goes before the recordings written about them) and its
// idempotency key, and takes the newest op and priority. Once an entry is
// marked sent, a further change gets an entry of its own, because the
// server may already have applied the first under its key.
func (b *Batch) enqueue(t *tableDef, id, op string, priority int) error {
	kind, ok := syncKinds[t]
	if !ok || b.quiet {
		return nil
	}
	_, err := b.tx.ExecContext(bg, `INSERT INTO outbox (id, created_at, updated_at, seq, kind, record_id, op, priority)
		VALUES (?, ?2, ?2, (SELECT coalesce(max(seq), 0) + 1 FROM outbox), ?, ?, ?, ?)
		ON CONFLICT (kind, record_id) WHERE sent_at IS NULL
		DO UPDATE SET op = excluded.op, priority = excluded.priority, updated_at = excluded.updated_at`,
		uuid.NewString(), stamp(b.now), kind, id, op, priority)
	if err != nil {
		return fmt.Errorf("queue %s %s for sync: %w", kind, id, err)
	}
	return nil
}

// OutboxEntry is one change waiting for the LA's acknowledgement.
type OutboxEntry struct {
	Key         string // the idempotency key, fixed when the entry was written
	Seq         int64
	Kind        string
	RecordID    string
	Op          string    // OpUpsert or OpDelete, the newest change's
	Updated     time.Time // when the newest change was made
	Significant bool      // a significant-event recording: sent first
	Sent        bool      // sent at least once without an acknowledgement
	OnServer    bool      // the LA holds a copy of the record
}

// Outbox lists up to limit entries in the order they are to be sent:
// significant-event recordings first, then the order changes were made.
// Entries hold no sensitive values, so this works while locked.
func (s *Store) Outbox(limit int) ([]OutboxEntry, error) {
	rows, err := s.r.Query(`SELECT o.id, o.seq, o.kind, o.record_id, o.op, o.updated_at, o.priority = 1,
			o.sent_at IS NOT NULL, coalesce(r.on_server, 0)
		FROM outbox o LEFT JOIN sync_records r ON r.kind = o.kind AND r.record_id = o.record_id
		ORDER BY o.priority DESC, o.seq LIMIT ?`, max(limit, 0))
	out, err := collect(rows, err, func(e *OutboxEntry) []any {
		return []any{&e.Key, &e.Seq, &e.Kind, &e.RecordID, &e.Op, stampCol(&e.Updated), &e.Significant, &e.Sent, &e.OnServer}
	})
	return out, wrap("list outbox", err)
}

// OutboxLen counts the changes still to reach the LA.
func (s *Store) OutboxLen() (int, error) {
	var n int
	err := s.r.QueryRow("SELECT count(*) FROM outbox").Scan(&n)
	return n, wrap("count outbox", err)
}

// MarkSent records that the entries are about to go out. It must happen
// before the records are read for sending: a change made after it gets a
// new entry, and so is sent again rather than lost behind a key the server
// has already applied.
func (s *Store) MarkSent(keys []string) error {
	list, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	_, err = s.w.Exec("UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND id IN (SELECT value FROM json_each(?))",
		stamp(s.now()), string(list))
	return wrap("mark outbox entries sent", err)
}

// Discard drops entries that the app decided not to send, such as a care
// leaver's goal that was never shared and so was never at the LA.
func (s *Store) Discard(keys []string) error {
	list, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	_, err = s.w.Exec("DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))", string(list))
	return wrap("discard outbox entries", err)
}

// Ack is the LA's answer to one sent operation.
type Ack struct {
	Key      string
	Op       string // the operation as sent (OpUpsert or OpDelete)
	Rejected bool
	Reason   string // why it was rejected; sealed on disk
}

// Acknowledge removes acknowledged entries from the outbox in one
// transaction, notes which records the LA now holds, and keeps rejected
// operations with their reason for the user to see. An acknowledgement for
// an entry that is no longer there (acknowledged before a crash, or purged)
// is ignored. It returns how many entries it removed.
func (s *Store) Acknowledge(acks []Ack) (int, error) {
	removed := 0
	err := s.write("acknowledge outbox entries", func(b *Batch) error {
		for _, a := range acks {
			var kind, recordID string
			err := b.tx.QueryRowContext(bg, "DELETE FROM outbox WHERE id = ? RETURNING kind, record_id", a.Key).Scan(&kind, &recordID)
			if err == sql.ErrNoRows {
				continue
			}
			if err != nil {
				return err
			}
			removed++
			if a.Rejected {
				if err := b.reject(a, kind, recordID); err != nil {
					return err
				}
				continue
			}
			// NoteSending already marked an upsert's record as held at
			// the LA; an applied delete means it holds it no more.
			if a.Op == OpDelete {
				if err := b.noteRecord(kind, recordID, syncNote{}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return removed, err
}

var rejectedTable = &tableDef{"sync_rejected", "rejected change"}

func (b *Batch) reject(a Ack, kind, recordID string) error {
	var reason any
	if a.Reason != "" {
		reason = seal(b.aead, []byte(a.Reason), fieldAD(rejectedTable.name, a.Key, "reason"))
	}
	_, err := b.tx.ExecContext(bg, `INSERT INTO sync_rejected (id, created_at, updated_at, kind, record_id, op, reason)
		VALUES (?, ?2, ?2, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, a.Key, stamp(b.now), kind, recordID, a.Op, reason)
	return err
}

// Rejection is a change the LA did not accept, and why.
type Rejection struct {
	Key      string
	Kind     string
	RecordID string
	Op       string
	Reason   string
	At       time.Time
}

// Rejections lists what the LA did not accept, newest first.
func (s *Store) Rejections() ([]Rejection, error) {
	var out []Rejection
	err := s.read("list rejected changes", func(aead cipher.AEAD) error {
		type row struct {
			Rejection
			sealed []byte
		}
		rows, err := s.r.Query(`SELECT id, kind, record_id, op, reason, created_at FROM sync_rejected
			WHERE deleted_at IS NULL ORDER BY created_at DESC, id`)
		got, err := collect(rows, err, func(r *row) []any {
			return []any{&r.Key, &r.Kind, &r.RecordID, &r.Op, &r.sealed, stampCol(&r.At)}
		})
		for _, r := range got {
			if len(r.sealed) > 0 {
				plain, err := open(aead, r.sealed, fieldAD(rejectedTable.name, r.Key, "reason"))
				if err != nil {
					return fmt.Errorf("rejected change %s: %w", r.Key, err)
				}
				r.Reason = string(plain)
			}
			out = append(out, r.Rejection)
		}
		return err
	})
	return out, err
}

// DismissRejection removes a rejection from the list once the user has
// read it; secure delete scrubs its reason.
func (s *Store) DismissRejection(key string) error {
	_, err := s.w.Exec("DELETE FROM sync_rejected WHERE id = ?", key)
	return wrap("dismiss rejected change", err)
}

// RecordRef names one record that syncs.
type RecordRef struct{ Kind, ID string }

// NoteSending records, before a batch goes out, that the LA may hold the
// records about to be upserted, even if the acknowledgement is then lost:
// a later unsharing or delete must then be sent, not quietly dropped.
func (s *Store) NoteSending(refs []RecordRef) error {
	return s.write("note records being sent", func(b *Batch) error {
		for _, r := range refs {
			if err := b.noteRecord(r.Kind, r.ID, syncNote{onServer: true}); err != nil {
				return err
			}
		}
		return nil
	})
}
