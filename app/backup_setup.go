package app

import (
	"io"

	"github.com/hearth-app/hearth/data"
)

// SetUpFromBackup is first-run setup from a backup, for a new computer:
// the profile takes the backup's kind (a carer's or a care leaver's), a
// new data key is made and wrapped as CompleteSetup does (by the keychain,
// and by devicePassphrase when given; it is required without a keychain),
// and every record in the backup is restored. The backup is opened and
// checked first, so a wrong backup passphrase or a damaged file changes
// nothing and the user can still set up afresh.
func (a *App) SetUpFromBackup(r io.Reader, backupPassphrase, language, devicePassphrase string) error {
	if a.State() == StateReady {
		return nil
	}
	snap, err := readSnapshot(r, backupPassphrase)
	if err != nil {
		return err
	}
	kind := ProfileKind(snap.Kind)
	switch {
	case kind == ProfileCarer && snap.Household != nil, kind == ProfileCareLeaver && snap.Leaver != nil:
	default:
		// Sealed by Hearth yet without the profile it needs: not a
		// backup this version can set up from.
		return invalid("backup_file", "error.backup_version")
	}
	if err := a.finishSetup(kind, language, devicePassphrase, func() error {
		return backupError(a.store.Restore(snap, data.ReplaceNewer))
	}); err != nil {
		return err
	}
	return nil
}
