package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// EraseChild removes a child and everything kept about them (milestones
// and their photos, daily recordings, support needs, reminders) from the
// file for good, overwritten by SQLite's secure delete. Only a tombstone of
// the child, holding no name, text or date of birth, stays, so that a sync
// can tell the local authority the child was removed.
func (a *App) EraseChild(id string) error { return a.store.PurgeChild(id) }

// DeleteProfile erases this whole profile: it scrubs every wrap of the data
// key from the file, closes the store, deletes the database file with its
// -wal and -shm files and the profile's folder, and removes the profile's
// key from the keychain. The App is closed
// afterwards, even when deleting fails, and must not be used again.
//
// With an app lock, current must be its PIN or passphrase (counted like any
// other try): someone who finds Hearth open cannot wipe it. Nothing is
// closed or deleted when it is wrong, or when whether there is a lock
// cannot be read (refusing then is safer than skipping the PIN).
//
// A profile kept directly in the data folder (from before there could be
// several) shares that folder with the others, so only its files go.
func (a *App) DeleteProfile(current string) error {
	if on, err := a.lockEnabled(); err != nil {
		return fmt.Errorf("delete profile: %w", err)
	} else if on {
		if _, err := a.checkLock(current); err != nil {
			return err
		}
	}
	path, err := a.store.Path()
	if err != nil {
		return fmt.Errorf("delete profile: %w", errors.Join(err, a.Close()))
	}
	// A profile whose setup never began has no install id and so no
	// keychain entry.
	account, accountErr := a.keychainAccount()
	var errs []error
	// The LA sign-in is the profile's too: it leaves the keychain with it,
	// so nobody can sync as this carer from this computer afterwards.
	if on, err := a.flag(settingLASignedIn); err != nil || on {
		if err := errors.Join(err, a.laTokens().Clear()); err != nil {
			errs = append(errs, err)
		}
	}
	// Removing the files leaves their bytes on the disk until they are
	// reused; with every wrap of the key scrubbed first, those bytes can
	// no longer be decrypted, even by guessing the PIN.
	if err := a.store.ForgetKeys(); err != nil {
		errs = append(errs, err)
	}
	if err := a.Close(); err != nil {
		return fmt.Errorf("delete profile: %w", errors.Join(append(errs, err)...))
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	dir := filepath.Dir(path)
	if len(errs) == 0 && filepath.Base(filepath.Dir(dir)) == ProfilesDir {
		errs = append(errs, os.RemoveAll(dir))
	}
	if accountErr == nil {
		if err := a.keychain.Delete(account); err != nil {
			errs = append(errs, fmt.Errorf("remove key from keychain: %w", err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("delete profile: %w", err)
	}
	return nil
}
