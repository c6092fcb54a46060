package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// Helpers for aggregates stored over more than one row: a profile table
// that holds a single live row, and child rows kept in order under a parent
// (a household's carers, a goal's steps).

// onlyOne refuses to insert e when its table already has a live row: a
// profile is edited, never added to, and two would leave the app unsure
// whose it is.
func (b *Batch) onlyOne(e entity) error {
	if e.record().ID != "" {
		return nil
	}
	var one int
	err := b.tx.QueryRowContext(bg, "SELECT 1 FROM "+e.table().name+" WHERE deleted_at IS NULL").Scan(&one)
	switch {
	case err == nil:
		return fmt.Errorf("a %s already exists; update it instead", e.table().noun)
	case errors.Is(err, sql.ErrNoRows):
		return nil
	}
	return err
}

// putOwned saves rows as the children of one parent row, in the order
// given (parentCol names the parent, position the place in the list), and
// tombstones the parent's rows that are no longer listed. A row that belongs
// to another parent is refused rather than silently moved.
func putOwned[T any, P ptrEntity[T]](b *Batch, parentCol, parentID string, rows []T) error {
	kept := make([]string, 0, len(rows))
	for i := range rows {
		e := P(&rows[i])
		if id := e.record().ID; id != "" {
			if err := b.mustBeLiveWhere(e.table(), id, parentCol+" = ?", parentID); err != nil {
				return err
			}
		}
		if err := b.put(e, column{parentCol, parentID}, column{"position", i}); err != nil {
			return err
		}
		kept = append(kept, e.record().ID)
	}
	ids, err := json.Marshal(kept)
	if err != nil {
		return err
	}
	_, err = b.tombstone(P(new(T)), parentCol+" = ? AND id NOT IN (SELECT value FROM json_each(?))", parentID, string(ids))
	return err
}
