package data

import (
	"database/sql"
	"errors"
	"time"
)

var needsTable = &tableDef{"needs", "need"}

func (n *Need) table() *tableDef { return needsTable }

func (n *Need) bind(f fieldMap) {
	f.text("child_id", &n.ChildID)
	f.text("category", (*string)(&n.Category))
	f.secret("description", &n.Description)
	f.text("urgency", (*string)(&n.Urgency))
	f.text("status", (*string)(&n.Status))
	f.secret("response", &n.Response)
	f.stamp("status_set_at", &n.StatusSetAt)
}

func (n *Need) doc() doc {
	return doc{kind: HitNeed, rec: n.Record, childID: n.ChildID, parts: []string{n.Description, n.Response}}
}

// Needs lists the live support needs, newest first.
func (s *Store) Needs() ([]Need, error) {
	return list[Need](s, "list needs", "ORDER BY created_at DESC, id")
}

// Need reads one live need.
func (s *Store) Need(id string) (Need, error) { return get[Need](s, "get need", id) }

// SaveNeed inserts or updates n. StatusSetAt is the store's to keep: it
// becomes now whenever the status differs from the stored one.
func (s *Store) SaveNeed(n *Need) error {
	return s.write("save need", func(b *Batch) error { return b.saveNeed(n) })
}

func (b *Batch) saveNeed(n *Need) error {
	if err := check(required(n.Description, "description"), oneOf(n.Category, NeedCategories, "need category"),
		oneOf(n.Urgency, Urgencies, "urgency"), oneOf(n.Status, NeedStatuses, "need status")); err != nil {
		return err
	}
	if n.ChildID != "" {
		if err := b.mustBeLive(childrenTable, n.ChildID); err != nil {
			return err
		}
	}
	saved := n.StatusSetAt
	b.undo = append(b.undo, func() { n.StatusSetAt = saved })
	if err := b.stampStatus(n); err != nil {
		return err
	}
	return b.putIndexed(n)
}

// stampStatus keeps the stored StatusSetAt unless the status changes.
func (b *Batch) stampStatus(n *Need) error {
	n.StatusSetAt = b.now
	if n.ID == "" {
		return nil
	}
	var status string
	var setAt time.Time
	err := b.tx.QueryRowContext(bg, "SELECT status, status_set_at FROM needs WHERE id = ? AND deleted_at IS NULL", n.ID).
		Scan(&status, stampCol(&setAt))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil // put reports the missing row
	case err != nil:
		return err
	case status == string(n.Status):
		n.StatusSetAt = setAt
	}
	return nil
}

// DeleteNeed tombstones a need.
func (s *Store) DeleteNeed(id string) error {
	return s.write("delete need", func(b *Batch) error { return b.deleteIndexed(&Need{}, id) })
}
