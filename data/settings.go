package data

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// Setting reads a preference such as the language, theme or text size; ""
// when it was never set. Settings are stored in plain text so the lock
// screen can use them: never put anything sensitive in one.
func (s *Store) Setting(key string) (string, error) {
	var v string
	err := s.r.QueryRow("SELECT value FROM settings WHERE key = ? AND deleted_at IS NULL", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %q: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a preference, replacing any earlier value.
func (s *Store) SetSetting(key, value string) error {
	if key == "" {
		return errors.New("save setting: empty key")
	}
	_, err := s.w.Exec(upsertSetting, uuid.NewString(), stamp(s.now()), key, value)
	return wrap(fmt.Sprintf("save setting %q", key), err)
}

// upsertSetting takes id, now, key and value; sync also runs it inside
// its own transactions (see sync_state.go).
const upsertSetting = `INSERT INTO settings (id, created_at, updated_at, key, value) VALUES (?, ?2, ?2, ?, ?)
	ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, deleted_at = NULL`
