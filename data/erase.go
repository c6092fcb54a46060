package data

import (
	"errors"
	"fmt"
)

// PurgeChild erases a child for good: their milestones (and milestone
// photos), daily recordings, support needs and reminder events are removed
// from the file, not only tombstoned, and so are any of those rows deleted
// earlier. SQLite's secure delete zeroes the freed bytes, and a checkpoint
// afterwards folds the write-ahead log into the database and truncates it,
// so the old pages do not linger in the -wal file either.
//
// It deletes first as DeleteChild does (deleteChild), plus the child's
// needs, so the outbox records a delete for every record that syncs; a
// push sends a delete for a record that is no longer on the device, so
// removing the rows afterwards loses nothing the LA must hear. The child's
// own row stays as a tombstone (its id and dates, every sensitive and
// identifying column cleared), as every delete leaves one for sync.
func (s *Store) PurgeChild(id string) error {
	err := s.write("erase child", func(b *Batch) error {
		var photos []string
		rows, err := b.tx.QueryContext(bg, "SELECT photo_id FROM milestones WHERE child_id = ? AND photo_id IS NOT NULL", id)
		if photos, err = collect(rows, err, func(p *string) []any { return []any{p} }); err != nil {
			return fmt.Errorf("find photos: %w", err)
		}
		if err := b.deleteChild(id); err != nil {
			return err
		}
		needs, err := b.tombstone(&Need{}, "child_id = ?", id)
		if err != nil {
			return err
		}
		b.unindex(needs...)
		for _, t := range []*tableDef{milestonesTable, recordingsTable, needsTable, remindersTable} {
			if err := b.remove(t, "child_id = ?", id); err != nil {
				return err
			}
		}
		// The milestones that pointed at the photos are gone, so the
		// photos can go too.
		for _, p := range photos {
			if err := b.remove(attachmentsTable, "id = ?", p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.checkpoint("erase child")
}

// remove deletes the rows of t that match where, live or tombstoned.
func (b *Batch) remove(t *tableDef, where string, args ...any) error {
	if _, err := b.tx.ExecContext(bg, "DELETE FROM "+t.name+" WHERE "+where, args...); err != nil {
		return fmt.Errorf("erase from %s: %w", t.name, err)
	}
	return nil
}

// checkpoint copies every page in the write-ahead log into the database
// file and truncates the log. Erasing needs it: until then the log still
// holds copies of pages from before the delete.
func (s *Store) checkpoint(op string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var busy, logPages, done int
	if err := s.w.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logPages, &done); err != nil {
		return fmt.Errorf("%s: checkpoint: %w", op, err)
	}
	if busy != 0 {
		return fmt.Errorf("%s: checkpoint: the database was busy, so the log still holds old pages", op)
	}
	return nil
}

// Path is the database file's absolute path, as SQLite opened it. The
// files to remove when the whole store is erased are this and the same
// name with "-wal" and "-shm" added.
func (s *Store) Path() (string, error) {
	rows, err := s.r.Query("PRAGMA database_list")
	if err != nil {
		return "", fmt.Errorf("store path: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int
		var name, file string
		if err := rows.Scan(&seq, &name, &file); err != nil {
			return "", fmt.Errorf("store path: %w", err)
		}
		if name == "main" {
			return file, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("store path: %w", err)
	}
	return "", errors.New("store path: no main database")
}

// ForgetKeys removes every wrap of the data key and the key check from the
// file, and checkpoints the log. Deleting a profile calls it before it
// removes the files: a removed file's bytes stay on the disk until they are
// reused, and a wrap under a PIN or passphrase could then still be guessed
// offline. With the wraps overwritten by secure delete and the keychain
// entry gone, what is left of the file can no longer be decrypted. The
// store cannot be unlocked again afterwards.
func (s *Store) ForgetKeys() error {
	err := func() error {
		s.wmu.Lock()
		defer s.wmu.Unlock()
		tx, err := s.w.BeginTx(bg, nil)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }()
		for _, table := range []string{"key_wraps", "key_check"} {
			if _, err := tx.ExecContext(bg, "DELETE FROM "+table); err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
		}
		return tx.Commit()
	}()
	if err != nil {
		return fmt.Errorf("forget keys: %w", err)
	}
	return s.checkpoint("forget keys")
}
