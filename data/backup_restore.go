package data

import (
	"crypto/cipher"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// RecordType names a kind of record in a restore summary and an export.
type RecordType string

// Record types, in the order a restore writes them (parents before the
// rows that refer to them) and a summary lists them.
const (
	TypeHousehold   RecordType = "household"
	TypeLeaver      RecordType = "care_leaver"
	TypeChildren    RecordType = "children"
	TypeAttachments RecordType = "attachments"
	TypeMilestones  RecordType = "milestones"
	TypeRecordings  RecordType = "recordings"
	TypeNeeds       RecordType = "needs"
	TypeTraining    RecordType = "training"
	TypeSignOffs    RecordType = "sign_offs"
	TypeGoals       RecordType = "goals"
	TypeReminders   RecordType = "reminders"
	TypeSettings    RecordType = "settings"
)

// RecordTypes lists every record type in restore order.
var RecordTypes = []RecordType{TypeHousehold, TypeLeaver, TypeChildren, TypeAttachments, TypeMilestones,
	TypeRecordings, TypeNeeds, TypeTraining, TypeSignOffs, TypeGoals, TypeReminders, TypeSettings}

// Restore outcomes for one record, decided by comparing Updated times.
type restoreAction int

const (
	restoreAdd     restoreAction = iota // not on this device
	restoreReplace                      // the device's copy is older
	restoreSame                         // the device has this very copy
	restoreNewer                        // the device's copy (or its deletion) is newer
)

// RestoreCount says, for one record type, what a restore would do.
type RestoreCount struct {
	Add, Replace, Same, DeviceNewer int
}

// RestoreConflict is a record whose copy on this device is newer than the
// backup's; a restore only replaces it if the user says so.
type RestoreConflict struct {
	Type   RecordType
	ID     string
	Label  string    // the backup copy's title or name, to show the user
	Device time.Time // when the device's copy was last changed (or deleted)
	Backup time.Time // when the backup's copy was last changed
}

// RestorePlan is what restoring a snapshot would change, worked out before
// anything is written.
type RestorePlan struct {
	Counts map[RecordType]RestoreCount
	Newer  []RestoreConflict
}

// deviceRow is what the store holds for one id.
type deviceRow struct {
	updated time.Time
	deleted bool
}

// restoreItem is one record of a snapshot as a restore sees it.
type restoreItem struct {
	typ     RecordType
	rec     Record
	label   string
	single  *tableDef // set for a one-per-profile table (household, care leaver)
	table   *tableDef
	write   func(b *Batch) error
	version string // for sign-offs and settings, keyed by standard or key rather than id
	// child is the child whose deletion takes this record with it (see
	// DeleteChild): their milestones, milestone photos, recordings and
	// reminders.
	child string
}

// PlanRestore compares snap with the store, record by record, without
// changing anything.
func (s *Store) PlanRestore(snap *Snapshot) (*RestorePlan, error) {
	if err := checkSnapshot(snap); err != nil {
		return nil, fmt.Errorf("plan restore: %w", err)
	}
	var plan *RestorePlan
	err := s.read("plan restore", func(cipher.AEAD) error {
		tx, err := s.r.BeginTx(bg, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }()
		plan, _, err = planRestore(tx, snap, nil)
		return err
	})
	return plan, err
}

// Restore writes snap into the store in one transaction: records the device
// lacks are added and records whose device copy is older are replaced.
// A record whose device copy is newer is replaced only when replace says
// so (nil replaces none). The decision is taken again inside the
// transaction, and replace sees the conflict as it stands then, so a
// record changed since PlanRestore, which the user was not shown, is not
// overwritten unasked.
func (s *Store) Restore(snap *Snapshot, replace func(RestoreConflict) bool) error {
	if err := checkSnapshot(snap); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return s.write("restore", func(b *Batch) error {
		_, items, err := planRestore(b.tx, snap, replace)
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := it.write(b); err != nil {
				return fmt.Errorf("%s %s: %w", it.typ, it.rec.ID, err)
			}
		}
		// The backup's copies carry the LA's fields as they were when it
		// was made: an older need status, no placement end. The next sync
		// pulls everything again from the start, and the LA's fields,
		// which always win on the device, put back what the LA decided
		// since; the restored records' own edits are pending in the
		// outbox, so the pull leaves them alone.
		return b.setSetting(settingCursor, "0")
	})
}

// checkSnapshot refuses a snapshot this version cannot restore or whose
// records lack the identity every row needs.
func checkSnapshot(snap *Snapshot) error {
	if snap == nil || snap.Format != SnapshotFormat {
		return fmt.Errorf("snapshot format: %w", ErrBackupVersion)
	}
	for _, it := range restoreItems(snap) {
		if it.rec.ID == "" || it.rec.Updated.IsZero() || it.rec.Created.IsZero() {
			return fmt.Errorf("%s without id or times: %w", it.typ, ErrBackupDamaged)
		}
	}
	return nil
}

// planRestore decides every record's outcome against q and returns the
// summary and the records to write, with the newer ones that replace
// approves.
func planRestore(q querier, snap *Snapshot, replace func(RestoreConflict) bool) (*RestorePlan, []restoreItem, error) {
	plan := &RestorePlan{Counts: map[RecordType]RestoreCount{}}
	var write []restoreItem
	devices := map[string]map[string]deviceRow{}
	// gone holds the children deleted on this device after the backup was
	// made and staying deleted: what went with them stays gone too, or it
	// would come back (and into search) without its child.
	gone := map[string]bool{}
	ended, err := endedByLA(q)
	if err != nil {
		return nil, nil, fmt.Errorf("read ended placements: %w", err)
	}
	for _, it := range restoreItems(snap) {
		rows, ok := devices[it.table.name]
		if !ok {
			var err error
			if rows, err = deviceRows(q, it.table); err != nil {
				return nil, nil, fmt.Errorf("read %s: %w", it.table.name, err)
			}
			devices[it.table.name] = rows
		}
		key := it.rec.ID
		if it.version != "" {
			key = it.version
		}
		dev, found := rows[key]
		other := false
		if !found && it.single != nil {
			dev, found = liveSingle(rows)
			other = found
		}
		act := decide(it.rec.Updated, dev, found)
		if other && act == restoreSame {
			// Another profile's record made at the same instant is not
			// this one: ask rather than count it as the same.
			act = restoreNewer
		}
		conflict := RestoreConflict{Type: it.typ, ID: it.rec.ID, Label: it.label, Device: dev.updated, Backup: it.rec.Updated}
		replaceNewer := act == restoreNewer && replace != nil && replace(conflict)
		endedHere := it.typ == TypeChildren && ended[it.rec.ID]
		if endedHere || it.typ == TypeChildren && act == restoreNewer && dev.deleted && !replaceNewer {
			gone[it.rec.ID] = true
		}
		c := plan.Counts[it.typ]
		if endedHere || gone[it.child] && act != restoreSame {
			// Kept as the device has it whatever the user chooses (for a
			// placement the LA ended, access has ended), or as long as
			// the child stays deleted. Counted with the newer records but
			// not listed: the child's own entry stands for what went
			// with them.
			c.DeviceNewer++
			plan.Counts[it.typ] = c
			continue
		}
		switch act {
		case restoreAdd:
			c.Add++
		case restoreReplace:
			c.Replace++
		case restoreSame:
			c.Same++
		case restoreNewer:
			c.DeviceNewer++
			plan.Newer = append(plan.Newer, conflict)
		}
		plan.Counts[it.typ] = c
		if act == restoreAdd || act == restoreReplace || replaceNewer {
			write = append(write, it)
		}
	}
	return plan, write, nil
}

// ReplaceNewer approves replacing every newer record: for setting up a new
// device from a backup, where nothing on the device is the user's yet.
func ReplaceNewer(RestoreConflict) bool { return true }

// endedByLA lists the children removed from this device whose placement
// the LA ended (see PurgeEndedPlacements).
func endedByLA(q querier) (map[string]bool, error) {
	rows, err := q.QueryContext(bg, `SELECT c.id FROM children c
		JOIN sync_records r ON r.kind = 'child' AND r.record_id = c.id AND r.la_at IS NOT NULL
		WHERE c.deleted_at IS NOT NULL AND c.placement_end IS NOT NULL`)
	ids, err := collect(rows, err, func(id *string) []any { return []any{id} })
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

func decide(backup time.Time, dev deviceRow, found bool) restoreAction {
	switch {
	case !found:
		return restoreAdd
	case dev.updated.Equal(backup) && !dev.deleted:
		return restoreSame
	case dev.updated.Before(backup):
		return restoreReplace
	}
	return restoreNewer
}

// liveKey marks the live row of a one-per-profile table in deviceRows.
const liveKey = "\x00live"

func liveSingle(rows map[string]deviceRow) (deviceRow, bool) {
	r, ok := rows[liveKey]
	return r, ok
}

// deviceRows reads every row's update time and tombstone flag, keyed by
// id (by standard for sign-offs, by key for settings), plus the live row under liveKey.
func deviceRows(q querier, t *tableDef) (map[string]deviceRow, error) {
	key := "id"
	switch t {
	case signOffsTable:
		key = "standard"
	case settingsTable:
		key = "key"
	}
	rows, err := q.QueryContext(bg, "SELECT CAST("+key+" AS TEXT), updated_at, deleted_at IS NOT NULL FROM "+t.name)
	type row struct {
		id string
		deviceRow
	}
	all, err := collect(rows, err, func(r *row) []any { return []any{&r.id, stampCol(&r.updated), &r.deleted} })
	if err != nil {
		return nil, err
	}
	out := make(map[string]deviceRow, len(all)+1)
	for _, r := range all {
		out[r.id] = r.deviceRow
		if !r.deleted {
			if live, ok := out[liveKey]; !ok || r.updated.After(live.updated) {
				out[liveKey] = r.deviceRow
			}
		}
	}
	return out, nil
}

var (
	signOffsTable = &tableDef{"sign_offs", "sign-off"}
	settingsTable = &tableDef{"settings", "setting"}
)

// restoreItems lists snap's records in restore order, each with how to
// write it.
func restoreItems(snap *Snapshot) []restoreItem {
	var out []restoreItem
	add := func(typ RecordType, e entity, label string, write func(b *Batch) error) {
		out = append(out, restoreItem{typ: typ, rec: *e.record(), label: label, table: e.table(), write: write})
	}
	if h := snap.Household; h != nil {
		add(TypeHousehold, h, "", func(b *Batch) error { return b.restoreSingle(h, "household_id", h.Carers) })
		out[len(out)-1].single = householdsTable
	}
	if p := snap.Leaver; p != nil {
		add(TypeLeaver, p, p.Name, func(b *Batch) error { return b.restoreSingle(p, "", []Carer(nil)) })
		out[len(out)-1].single = leaverTable
	}
	for i := range snap.Children {
		c := &snap.Children[i]
		add(TypeChildren, c, c.Name, func(b *Batch) error { return b.restoreRow(c) })
	}
	photoOf := map[string]string{}
	for _, m := range snap.Milestones {
		if m.PhotoID != "" {
			photoOf[m.PhotoID] = m.ChildID
		}
	}
	for i := range snap.Attachments {
		a := &snap.Attachments[i]
		add(TypeAttachments, a, a.Name, func(b *Batch) error { return b.restoreRow(a) })
		out[len(out)-1].child = photoOf[a.ID]
	}
	for i := range snap.Milestones {
		m := &snap.Milestones[i]
		add(TypeMilestones, m, m.Title, func(b *Batch) error { return b.restoreIndexed(m) })
		out[len(out)-1].child = m.ChildID
	}
	for i := range snap.Recordings {
		r := &snap.Recordings[i]
		add(TypeRecordings, r, dateText(r.Day), func(b *Batch) error { return b.restoreIndexed(r) })
		out[len(out)-1].child = r.ChildID
	}
	for i := range snap.Needs {
		n := &snap.Needs[i]
		add(TypeNeeds, n, shorten(n.Description, 60), func(b *Batch) error { return b.restoreIndexed(n) })
	}
	for i := range snap.Trainings {
		t := &snap.Trainings[i]
		add(TypeTraining, t, t.Title, func(b *Batch) error {
			if err := b.restoreIndexed(t); err != nil {
				return err
			}
			return b.setStandards(t.ID, t.Standards)
		})
	}
	for i := range snap.SignOffs {
		o := &snap.SignOffs[i]
		out = append(out, restoreItem{typ: TypeSignOffs, rec: o.Record, label: strconv.Itoa(o.Standard),
			table: signOffsTable, version: strconv.Itoa(o.Standard), write: func(b *Batch) error { return b.restoreSignOff(o) }})
	}
	for i := range snap.Goals {
		g := &snap.Goals[i]
		add(TypeGoals, g, g.Title, func(b *Batch) error {
			if err := restoreOwned(b, g, "goal_id", g.Steps); err != nil {
				return err
			}
			d := g.doc()
			b.ops = append(b.ops, indexOp{id: g.ID, doc: &d})
			return nil
		})
	}
	for i := range snap.Reminders {
		e := &snap.Reminders[i]
		add(TypeReminders, e, e.Kind, func(b *Batch) error { return b.restoreRow(e) })
		out[len(out)-1].child = e.ChildID
	}
	for i := range snap.Settings {
		st := &snap.Settings[i]
		out = append(out, restoreItem{typ: TypeSettings, rec: st.Record, label: st.Key,
			table: settingsTable, version: st.Key, write: func(b *Batch) error { return b.restoreSetting(st) }})
	}
	return out
}

// restoreRow inserts e with its own id and times, or overwrites the row
// with that id (reviving it if it was deleted), and queues it for sync.
func (b *Batch) restoreRow(e entity, extra ...column) error {
	rec, t := e.record(), e.table()
	w := &writer{seal: func(col string, plain []byte) []byte {
		return seal(b.aead, plain, fieldAD(t.name, rec.ID, col))
	}}
	e.bind(w)
	for _, c := range extra {
		w.set(c.name, c.value)
	}
	cols := append([]string{"id", "created_at", "updated_at", "deleted_at"}, w.cols...)
	vals := append([]any{rec.ID, stamp(rec.Created), stamp(rec.Updated), nil}, w.vals...)
	set := make([]string, 0, len(cols)-1)
	for _, c := range cols[1:] {
		set = append(set, c+" = excluded."+c)
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (?%s) ON CONFLICT (id) DO UPDATE SET %s",
		t.name, strings.Join(cols, ", "), strings.Repeat(", ?", len(cols)-1), strings.Join(set, ", "))
	if _, err := b.tx.ExecContext(bg, q, vals...); err != nil {
		return err
	}
	// What the device holds has changed, so the LA must hear of it like
	// any other save; the server's field ownership still decides.
	return b.enqueue(t, rec.ID, OpUpsert, priorityOf(e))
}

// restoreIndexed is restoreRow for a record search covers.
func (b *Batch) restoreIndexed(e searchable) error {
	if err := b.restoreRow(e); err != nil {
		return err
	}
	d := e.doc()
	b.ops = append(b.ops, indexOp{id: d.rec.ID, doc: &d})
	return nil
}

// restoreOwned restores a parent row and its ordered child rows, deleting
// the parent's child rows the backup does not list.
func restoreOwned[T any, P ptrEntity[T]](b *Batch, parent entity, parentCol string, rows []T) error {
	if err := b.restoreRow(parent); err != nil {
		return err
	}
	kept := make([]string, 0, len(rows))
	for i := range rows {
		e := P(&rows[i])
		if err := b.restoreRow(e, column{parentCol, parent.record().ID}, column{"position", i}); err != nil {
			return err
		}
		kept = append(kept, e.record().ID)
	}
	ids, err := json.Marshal(kept)
	if err != nil {
		return err
	}
	_, err = b.tombstone(P(new(T)), parentCol+" = ? AND id NOT IN (SELECT value FROM json_each(?))", parent.record().ID, string(ids))
	return err
}

// restoreSingle restores a one-per-profile row (the household with its
// carers, or the care leaver's profile). Another live row in its place,
// from the profile's own setup, is deleted first: there can be only one.
func (b *Batch) restoreSingle(e entity, ownedCol string, carers []Carer) error {
	id := e.record().ID
	others, err := b.tombstone(e, "id <> ?", id)
	if err != nil {
		return err
	}
	if ownedCol == "" {
		return b.restoreRow(e)
	}
	for _, other := range others {
		if _, err := b.tombstone(&Carer{}, ownedCol+" = ?", other); err != nil {
			return err
		}
	}
	return restoreOwned(b, e, ownedCol, carers)
}

// restoreSignOff writes the LA's sign-off of one standard with its times.
func (b *Batch) restoreSignOff(o *SignOffRecord) error {
	if o.Standard < 1 || o.Standard > maxStandard {
		return fmt.Errorf("no TSD standard %d", o.Standard)
	}
	_, err := b.tx.ExecContext(bg, `INSERT INTO sign_offs (id, created_at, updated_at, standard, signed_on) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (standard) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at,
			deleted_at = NULL, signed_on = excluded.signed_on`,
		o.ID, stamp(o.Created), stamp(o.Updated), o.Standard, nullable(o.SignedOn, dateText))
	return err
}

// restoreSetting writes one setting with its times.
func (b *Batch) restoreSetting(st *SettingRecord) error {
	if st.Key == "" {
		return errors.New("setting without a key")
	}
	_, err := b.tx.ExecContext(bg, `INSERT INTO settings (id, created_at, updated_at, key, value) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at,
			deleted_at = NULL, value = excluded.value`,
		st.ID, stamp(st.Created), stamp(st.Updated), st.Key, st.Value)
	return err
}
