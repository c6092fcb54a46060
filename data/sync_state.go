package data

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// What the device remembers about syncing: the server's revision cursor,
// when the last sync finished, and per record what the LA holds and when
// each owner last changed it there. None of it is sensitive, so it is
// readable while the store is locked.

// Settings keys for the sync state.
const (
	settingCursor     = "sync_cursor"
	settingLastSynced = "sync_last_synced"
	// SettingLARules holds the reminder rules document the LA published,
	// already checked by app.LoadRules before it was stored.
	SettingLARules = "la_rules"
)

// setSetting is SetSetting inside a batch, so a setting changes in the
// same transaction as the records it describes.
func (b *Batch) setSetting(key, value string) error {
	_, err := b.tx.ExecContext(bg, upsertSetting, uuid.NewString(), stamp(b.now), key, value)
	return wrap(fmt.Sprintf("save setting %q", key), err)
}

// SyncCursor is the server revision the device has applied changes up to;
// zero before the first pull.
func (s *Store) SyncCursor() (int64, error) {
	v, err := s.Setting(settingCursor)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("read sync cursor: %w", err)
	}
	return n, nil
}

// LastSynced is when a sync last finished; zero if never.
func (s *Store) LastSynced() (time.Time, error) {
	v, err := s.Setting(settingLastSynced)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("read last synced time: %w", err)
	}
	return t, nil
}

// SetLastSynced records when a sync finished.
func (s *Store) SetLastSynced(t time.Time) error {
	return s.SetSetting(settingLastSynced, stamp(t))
}

// syncNote is what one push acknowledgement or pulled change says about a
// record's copy at the LA. A zero time leaves the stored one alone.
type syncNote struct {
	onServer      bool
	laAt, carerAt time.Time
}

// noteRecord keeps sync_records up to date for one record.
func (b *Batch) noteRecord(kind, recordID string, n syncNote) error {
	_, err := b.tx.ExecContext(bg, `INSERT INTO sync_records (id, created_at, updated_at, kind, record_id, la_at, carer_at, on_server)
		VALUES (?, ?2, ?2, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, record_id) DO UPDATE SET updated_at = excluded.updated_at, on_server = excluded.on_server,
			la_at = coalesce(excluded.la_at, la_at), carer_at = coalesce(excluded.carer_at, carer_at)`,
		uuid.NewString(), stamp(b.now), kind, recordID, nullable(n.laAt, stamp), nullable(n.carerAt, stamp), n.onServer)
	return wrap("note sync state", err)
}

// LAChangedAt is when the local authority last changed its fields of a
// record (a need's status, a child's placement end), so a screen can say
// "set by your local authority on ..."; zero when it never has.
func (s *Store) LAChangedAt(kind, recordID string) (time.Time, error) {
	var at time.Time
	err := s.r.QueryRow("SELECT la_at FROM sync_records WHERE kind = ? AND record_id = ?", kind, recordID).Scan(stampCol(&at))
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return at, wrap("read LA change time", err)
}

// PlacementEndedByLA is the end date of a child's placement when the LA
// has set one; zero while the placement continues, or when only the carer
// has typed an end date (before the household synced).
func (s *Store) PlacementEndedByLA(childID string) (time.Time, error) {
	var end time.Time
	err := s.r.QueryRow(`SELECT c.placement_end FROM children c
		JOIN sync_records r ON r.kind = 'child' AND r.record_id = c.id AND r.la_at IS NOT NULL
		WHERE c.id = ? AND c.deleted_at IS NULL`, childID).Scan(dateCol(&end))
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return end, wrap("read placement end", err)
}

// PurgeEndedPlacements removes from the device every child whose placement
// the LA ended on or before cutoff (the app passes today less the 7 days
// of access the brief allows), as DeleteChild does: the child, their
// milestones and photos, recordings and reminders become tombstones whose
// sensitive columns are cleared, and secure delete and a checkpoint scrub
// the old bytes from the file and its log. Needs that name the child stay: they are the household's, like its
// training. Nothing is sent to the LA (it ended the placement), and
// entries still waiting to send the child's records are dropped. It
// returns the ids of the children removed.
func (s *Store) PurgeEndedPlacements(cutoff time.Time) ([]string, error) {
	var purged []string
	err := s.write("remove ended placements", func(b *Batch) error {
		b.quiet = true
		rows, err := b.tx.QueryContext(bg, `SELECT c.id FROM children c
			JOIN sync_records r ON r.kind = 'child' AND r.record_id = c.id AND r.la_at IS NOT NULL
			WHERE c.deleted_at IS NULL AND c.placement_end IS NOT NULL AND c.placement_end <= ?`, dateText(cutoff))
		ids, err := collect(rows, err, func(id *string) []any { return []any{id} })
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := b.tx.ExecContext(bg, `DELETE FROM outbox WHERE (kind = 'child' AND record_id = ?1)
				OR (kind = 'milestone' AND record_id IN (SELECT id FROM milestones WHERE child_id = ?1))
				OR (kind = 'recording' AND record_id IN (SELECT id FROM recordings WHERE child_id = ?1))`, id); err != nil {
				return err
			}
			if err := b.deleteChild(id); err != nil {
				return err
			}
		}
		purged = ids
		return nil
	})
	if err != nil || len(purged) == 0 {
		return purged, err
	}
	// As when erasing a child: until a checkpoint, the write-ahead log
	// still holds the pages from before the delete.
	return purged, s.checkpoint("remove ended placements")
}
