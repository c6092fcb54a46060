package app

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hearth-app/hearth/data"
)

// ProfileKind says whose a profile is. A carer keeps a household and its
// children; a care leaver keeps their own goals. One profile is only ever
// one kind, and the kind decides which screens appear.
type ProfileKind string

// Profile kinds.
const (
	ProfileCarer      ProfileKind = "carer"
	ProfileCareLeaver ProfileKind = "care_leaver"
)

// settingProfileKind is a plain setting, so the kind is known while the
// store is locked (the unlock screen and the profile list need it).
const settingProfileKind = "profile_kind"

// ProfileKind is the kind chosen at setup, or "" before setup.
func (a *App) ProfileKind() ProfileKind {
	k, _ := profileKind(a.store)
	return k
}

// profileKind reads a store's kind. Stores set up before care leavers had
// a mode of their own have a data key but no kind; they are all carers'.
// (Setup stores the kind before it makes the key, so a store with a key
// and no kind cannot come from anything else.)
func profileKind(s *data.Store) (ProfileKind, error) {
	k, err := s.Setting(settingProfileKind)
	if err != nil || k != "" {
		return ProfileKind(k), err
	}
	wraps, err := s.KeyWraps()
	if err != nil || len(wraps) == 0 {
		return "", err
	}
	return ProfileCarer, nil
}

// ProfilesDir is the folder, under the root data directory, that holds one
// folder per profile.
const ProfilesDir = "profiles"

// ProfileInfo describes one profile on this installation.
type ProfileInfo struct {
	Dir  string // the profile's data directory, for Options.Dir
	Kind ProfileKind
}

// ListProfiles lists the profiles under root: a store directly in root
// first (where Hearth kept its only profile before there could be several,
// so existing users keep their records), then each folder of
// root/profiles that holds a store, by folder name. Each store is opened
// just long enough to read its kind, so call this before opening one.
func ListProfiles(root string) ([]ProfileInfo, error) {
	dirs := []string{root}
	entries, err := os.ReadDir(filepath.Join(root, ProfilesDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("list profiles: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(root, ProfilesDir, e.Name()))
		}
	}
	var out []ProfileInfo
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, DBFile)); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		kind, err := readProfileKind(dir)
		if err != nil {
			return nil, fmt.Errorf("list profiles: %s: %w", dir, err)
		}
		out = append(out, ProfileInfo{Dir: dir, Kind: kind})
	}
	return out, nil
}

func readProfileKind(dir string) (ProfileKind, error) {
	s, err := data.Open(filepath.Join(dir, DBFile))
	if err != nil {
		return "", err
	}
	kind, err := profileKind(s)
	return kind, errors.Join(err, s.Close())
}

// NewProfileDir makes an empty folder for a new profile under root and
// returns it; Open then creates the store there. The folder name is random,
// so it says nothing about whose profile it is, and a fresh store in it
// makes its own data key and its own keychain entry: no profile can read
// another's records.
func NewProfileDir(root string) (string, error) {
	parent := filepath.Join(root, ProfilesDir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return "", fmt.Errorf("new profile: %w", err)
	}
	dir := filepath.Join(parent, strings.ToLower(rand.Text()))
	// Mkdir, not MkdirAll: it fails rather than reuse a folder that exists.
	if err := os.Mkdir(dir, 0o700); err != nil {
		return "", fmt.Errorf("new profile: %w", err)
	}
	return dir, nil
}
