package data

import (
	"crypto/cipher"
	"encoding/json"
	"time"
)

// SnapshotFormat is the version of the Snapshot layout inside a backup.
const SnapshotFormat = 1

// Snapshot is every live record of one profile, decrypted: what a backup
// carries (sealed again under the backup's own key) and what an export
// writes out. Carers ride with the household, steps with their goal and
// standards with their training record.
type Snapshot struct {
	Format      int
	Made        time.Time
	Kind        string         // the profile kind (a carer's or a care leaver's), set by the app
	Household   *Household     `json:",omitempty"`
	Leaver      *LeaverProfile `json:",omitempty"`
	Children    []Child
	Milestones  []Milestone
	Recordings  []Recording
	Needs       []Need
	Trainings   []Training
	SignOffs    []SignOffRecord
	Goals       []Goal
	Reminders   []ReminderEvent
	Attachments []Attachment
	Settings    []SettingRecord
}

// SignOffRecord is a sign-off with its lifecycle times, which a restore
// needs to tell an older copy from a newer one.
type SignOffRecord struct {
	Record
	SignOff
}

// SettingRecord is one stored setting with its lifecycle times.
type SettingRecord struct {
	Record
	Key, Value string
}

// Snapshot reads every live record in one read transaction, so what it
// returns is consistent (no milestone without its child), together with
// the named settings: those that belong to the profile's records (its
// school terms, say) rather than to this device (its theme).
func (s *Store) Snapshot(settings ...string) (*Snapshot, error) {
	snap := &Snapshot{Format: SnapshotFormat, Made: s.now()}
	err := s.snapshot("read snapshot", func(q querier, aead cipher.AEAD) error {
		if err := readSnapshot(q, aead, snap); err != nil {
			return err
		}
		keys, err := json.Marshal(settings)
		if err != nil {
			return err
		}
		rows, err := q.QueryContext(bg, `SELECT id, created_at, updated_at, key, value FROM settings
			WHERE deleted_at IS NULL AND key IN (SELECT value FROM json_each(?)) ORDER BY key`, string(keys))
		snap.Settings, err = collect(rows, err, func(r *SettingRecord) []any {
			return []any{&r.ID, stampCol(&r.Created), stampCol(&r.Updated), &r.Key, &r.Value}
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return snap, nil
}

const oldestFirst = "ORDER BY created_at, id"

func readSnapshot(q querier, aead cipher.AEAD, snap *Snapshot) error {
	hs, err := queryAll[Household](q, aead, oldestFirst)
	if err != nil {
		return err
	}
	if len(hs) > 0 {
		h := hs[0]
		if h.Carers, err = queryAll[Carer](q, aead, "AND household_id = ? ORDER BY position", h.ID); err != nil {
			return err
		}
		snap.Household = &h
	}
	ls, err := queryAll[LeaverProfile](q, aead, oldestFirst)
	if err != nil {
		return err
	}
	if len(ls) > 0 {
		snap.Leaver = &ls[0]
	}
	if snap.Children, err = queryAll[Child](q, aead, oldestFirst); err != nil {
		return err
	}
	if snap.Attachments, err = queryAll[Attachment](q, aead, oldestFirst); err != nil {
		return err
	}
	if snap.Milestones, err = queryAll[Milestone](q, aead, oldestFirst); err != nil {
		return err
	}
	if snap.Recordings, err = queryAll[Recording](q, aead, "ORDER BY day, created_at, id"); err != nil {
		return err
	}
	if snap.Needs, err = queryAll[Need](q, aead, oldestFirst); err != nil {
		return err
	}
	if snap.Trainings, err = queryAll[Training](q, aead, oldestFirst); err != nil {
		return err
	}
	if err := fillStandards(q, snap.Trainings); err != nil {
		return err
	}
	if snap.Goals, err = queryGoals(q, aead, oldestFirst); err != nil {
		return err
	}
	if snap.Reminders, err = queryAll[ReminderEvent](q, aead, oldestFirst); err != nil {
		return err
	}
	rows, err := q.QueryContext(bg, `SELECT id, created_at, updated_at, standard, signed_on
		FROM sign_offs WHERE deleted_at IS NULL ORDER BY standard`)
	snap.SignOffs, err = collect(rows, err, func(o *SignOffRecord) []any {
		return []any{&o.ID, stampCol(&o.Created), stampCol(&o.Updated), &o.Standard, dateCol(&o.SignedOn)}
	})
	return err
}
