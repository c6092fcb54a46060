package data

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestOpenSetsPragmas(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "hearth.db"))
	for pragma, want := range map[string]string{
		"journal_mode":  "wal",
		"foreign_keys":  "1",
		"secure_delete": "1",
		"synchronous":   "2", // FULL
		"temp_store":    "2", // MEMORY
		"busy_timeout":  "5000",
	} {
		var got string
		must(t, s.w.QueryRow("PRAGMA "+pragma).Scan(&got))
		if got != want {
			t.Errorf("writer PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	if got := s.w.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("writer allows %d connections, want 1", got)
	}
	if _, err := s.r.Exec("INSERT INTO settings (id, created_at, updated_at, key, value) VALUES ('a', 'b', 'c', 'd', 'e')"); err == nil {
		t.Error("the read pool accepted a write")
	}
}

func TestOpenPathNeedingEscapes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd dir #1 ?100%", "hearth.db")
	s := openAt(t, path)
	must(t, s.SetSetting("language", "cy"))
	got, err := s.Setting("language")
	must(t, err)
	same(t, got, "cy")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not created at the given path: %v", err)
	}
}

func TestFileIsPrivateAndCheckpointedOnClose(t *testing.T) {
	s, _, path := newStore(t)
	addChild(t, s, "Ada")
	must(t, s.Close())
	if runtime.GOOS != "windows" {
		info, err := os.Stat(path)
		must(t, err)
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("database file mode %v, want 0600", perm)
		}
	}
	if info, err := os.Stat(path + "-wal"); err == nil && info.Size() != 0 {
		t.Errorf("WAL still holds %d bytes after Close", info.Size())
	}
	must(t, s.Close()) // twice is fine
}

func TestSaveFillsRecordAndKeepsCreated(t *testing.T) {
	s := unlocked(t)
	t0 := time.Date(2025, 5, 1, 8, 0, 0, 123000000, time.UTC)
	s.SetClock(func() time.Time { return t0 })
	c := Child{Name: "Ada", Arrangement: ArrangementSGO}
	must(t, s.SaveChild(&c))
	if c.ID == "" || !c.Created.Equal(t0) || !c.Updated.Equal(t0) {
		t.Fatalf("insert filled %+v", c.Record)
	}
	t1 := t0.Add(time.Hour)
	s.SetClock(func() time.Time { return t1 })
	c.Created = time.Time{} // a caller that lost it gets it back
	must(t, s.SaveChild(&c))
	if !c.Created.Equal(t0) || !c.Updated.Equal(t1) {
		t.Fatalf("update filled created %v updated %v", c.Created, c.Updated)
	}
	got, err := s.Child(c.ID)
	must(t, err)
	same(t, got, c)
}
