package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/hearth-app/hearth/data"
)

// Restore summary types, re-exported for the screens.
type (
	RecordType      = data.RecordType
	RestoreCount    = data.RestoreCount
	RestoreConflict = data.RestoreConflict
)

// RecordTypes lists every record type in the order summaries show them.
var RecordTypes = data.RecordTypes

// Record types, as the screens name them.
const (
	TypeHousehold   = data.TypeHousehold
	TypeLeaver      = data.TypeLeaver
	TypeChildren    = data.TypeChildren
	TypeAttachments = data.TypeAttachments
	TypeMilestones  = data.TypeMilestones
	TypeRecordings  = data.TypeRecordings
	TypeNeeds       = data.TypeNeeds
	TypeTraining    = data.TypeTraining
	TypeSignOffs    = data.TypeSignOffs
	TypeGoals       = data.TypeGoals
	TypeReminders   = data.TypeReminders
	TypeSettings    = data.TypeSettings
)

// profileSettings are the settings that belong with the records (they move
// the reminders) and so travel in a backup and an export. The rest are this
// device's: its language, theme, text size and app lock.
var profileSettings = []string{settingTerms, settingCountry}

// BackupExt is the file extension of a Hearth backup.
const BackupExt = ".hearthbackup"

// CheckBackupPassphrase checks the passphrase typed twice for a new
// backup. It is separate from the profile's own passphrase: the backup must
// open on a machine that has neither this keychain nor this store.
func CheckBackupPassphrase(passphrase, again string) error {
	if len(passphrase) < MinPassphrase {
		return invalid("backup_passphrase", "error.passphrase_short")
	}
	if passphrase != again {
		return invalid("backup_again", "error.passphrase_mismatch")
	}
	return nil
}

// WriteBackup writes everything in the open profile to path as one
// encrypted file. It writes to a temporary name in the same folder and
// renames it into place once complete and synced, so an interrupted backup
// never leaves a half-written file under the chosen name (and, being
// ciphertext from the first byte, never leaves plain text behind either).
func (a *App) WriteBackup(path, passphrase string) error {
	if err := CheckBackupPassphrase(passphrase, passphrase); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".hearth-backup-*.tmp")
	if err != nil {
		return fmt.Errorf("write backup: %w", err)
	}
	err = a.BackupTo(tmp, passphrase)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write backup: %w", err)
	}
	return nil
}

// BackupTo writes the backup to w. WriteBackup is the safer choice for a
// file on disk; this is for destinations that are not one (a tablet's
// document provider), where there is no folder to rename within.
func (a *App) BackupTo(w io.Writer, passphrase string) error {
	if err := CheckBackupPassphrase(passphrase, passphrase); err != nil {
		return err
	}
	snap, err := a.store.Snapshot(profileSettings...)
	if err != nil {
		return fmt.Errorf("write backup: %w", err)
	}
	snap.Kind = string(a.ProfileKind())
	buf := bufio.NewWriter(w)
	bw, err := data.NewBackupWriter(buf, passphrase, a.kdf)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(bw).Encode(snap); err != nil {
		return fmt.Errorf("write backup: %w", err)
	}
	if err := bw.Close(); err != nil {
		return err
	}
	return buf.Flush()
}

// BackupHeadSize is how much of a file CheckBackupFile needs.
const BackupHeadSize = 8

// CheckBackupFile refuses, from its first BackupHeadSize bytes, a file that
// is not a backup at all, before the screens read it whole.
func CheckBackupFile(head []byte) error {
	if !data.LooksLikeBackup(head) {
		return invalid("backup_file", "error.backup_not_backup")
	}
	return nil
}

// Backup is an opened, checked backup and what restoring it would do.
type Backup struct {
	snap *data.Snapshot
	// Counts says, per record type, how many records would be added,
	// replaced (the device's copy is older), left alone (the same) and
	// how many the device holds a newer copy of.
	Counts map[RecordType]RestoreCount
	// Newer lists the records whose copy on this device is newer than
	// the backup's; they are replaced only if the user chooses to.
	Newer []RestoreConflict
}

// OpenBackup decrypts and checks a backup and works out what restoring it
// into this profile would change. Nothing is written. A file that is not a
// backup, was made by a newer Hearth, was damaged or changed, or was made
// with another passphrase gives a UserError saying which.
func (a *App) OpenBackup(r io.Reader, passphrase string) (*Backup, error) {
	snap, err := readSnapshot(r, passphrase)
	if err != nil {
		return nil, err
	}
	if ProfileKind(snap.Kind) != a.ProfileKind() {
		return nil, invalid("backup_file", "error.backup_wrong_kind")
	}
	plan, err := a.store.PlanRestore(snap)
	if err != nil {
		return nil, backupError(err)
	}
	return &Backup{snap: snap, Counts: plan.Counts, Newer: plan.Newer}, nil
}

// readSnapshot decrypts, checks and decodes a backup's contents.
func readSnapshot(r io.Reader, passphrase string) (*data.Snapshot, error) {
	plain, err := data.ReadBackup(r, passphrase)
	if err != nil {
		return nil, backupError(err)
	}
	var snap data.Snapshot
	dec := json.NewDecoder(bytes.NewReader(plain))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&snap); err != nil {
		// The contents opened, so they are what Hearth wrote; a decode
		// failure means a layout this version does not know.
		return nil, invalid("backup_file", "error.backup_version")
	}
	if snap.Format != data.SnapshotFormat {
		return nil, invalid("backup_file", "error.backup_version")
	}
	// A backup can only bring back the profile's own settings, never
	// this device's (its app lock, say), whoever made the file.
	snap.Settings = slices.DeleteFunc(snap.Settings, func(s data.SettingRecord) bool {
		return !slices.Contains(profileSettings, s.Key)
	})
	return &snap, nil
}

// Restore writes b into this profile in one transaction: records this
// device lacks are added and older copies replaced. With replaceNewer, the
// records listed in b.Newer (the ones the user was shown) are replaced
// too, but only as they were then: a record that became newer here since,
// or changed again, is kept, since the user never saw it. Not calling
// Restore (the user cancelled) changes nothing.
func (a *App) Restore(b *Backup, replaceNewer bool) error {
	var replace func(RestoreConflict) bool
	if replaceNewer {
		type seen struct {
			typ    RecordType
			id     string
			device int64
		}
		shown := make(map[seen]bool, len(b.Newer))
		for _, c := range b.Newer {
			shown[seen{c.Type, c.ID, c.Device.UnixNano()}] = true
		}
		replace = func(c RestoreConflict) bool { return shown[seen{c.Type, c.ID, c.Device.UnixNano()}] }
	}
	if err := a.store.Restore(b.snap, replace); err != nil {
		return backupError(err)
	}
	return nil
}

// backupError turns the data package's backup errors into messages the
// user can act on; anything else passes through as unexpected.
func backupError(err error) error {
	for _, m := range []struct {
		err        error
		field, key string
	}{
		{data.ErrBackupPassword, "backup_passphrase", "error.backup_passphrase"},
		{data.ErrNotBackup, "backup_file", "error.backup_not_backup"},
		{data.ErrBackupVersion, "backup_file", "error.backup_version"},
		{data.ErrBackupDamaged, "backup_file", "error.backup_damaged"},
	} {
		if errors.Is(err, m.err) {
			return invalid(m.field, m.key)
		}
	}
	return err
}
