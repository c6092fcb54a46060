package data

import (
	"fmt"
	"strings"
)

// IntegrityCheck runs SQLite's full integrity check (every page, index and
// constraint) and returns nil only when SQLite answers "ok". The crash
// harness runs it after every kill: a torn write would show up here before
// it showed up as a missing record. It needs no key, so it works locked.
func (s *Store) IntegrityCheck() error {
	rows, err := s.w.QueryContext(bg, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	return fmt.Errorf("integrity check failed: %s", strings.Join(problems, "; "))
}
