package data

import (
	"errors"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"
)

// testArgon2 keeps key derivation quick under -race; production uses
// DefaultArgon2.
var testArgon2 = Argon2Params{Time: 1, MemoryKiB: 64, Threads: 1}

// day is a calendar date as the store returns it (midnight UTC).
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// tickingClock starts at a fixed instant and moves on a millisecond per
// call, so orderings by creation time are deterministic.
func tickingClock() func() time.Time {
	t0 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	var n atomic.Int64
	return func() time.Time { return t0.Add(time.Duration(n.Add(1)) * time.Millisecond) }
}

// openAt opens (and closes at the end of the test) the store at path.
func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.SetClock(tickingClock())
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// newStore opens a fresh store in a temp dir and unlocks it; it returns the
// key and file path for tests that reopen.
func newStore(t testing.TB) (*Store, []byte, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hearth.db")
	s := openAt(t, path)
	key, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Unlock(key); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	return s, key, path
}

func unlocked(t testing.TB) *Store {
	s, _, _ := newStore(t)
	return s
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func same(t testing.TB, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

func wantErr(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("got error %v, want %v", err, target)
	}
}

func addChild(t testing.TB, s *Store, name string) Child {
	t.Helper()
	c := Child{Name: name, Arrangement: ArrangementFoster, PlacementStart: day(2024, 9, 1)}
	must(t, s.SaveChild(&c))
	return c
}

// assertTombstone checks on disk that row id of table is marked deleted and
// that the named columns were cleared.
func assertTombstone(t testing.TB, s *Store, table, id string, cols ...string) {
	t.Helper()
	var deleted *string
	must(t, s.r.QueryRow("SELECT deleted_at FROM "+table+" WHERE id = ?", id).Scan(&deleted))
	if deleted == nil {
		t.Fatalf("%s %s: deleted_at is NULL", table, id)
	}
	for _, c := range cols {
		var isNull bool
		must(t, s.r.QueryRow("SELECT "+c+" IS NULL FROM "+table+" WHERE id = ?", id).Scan(&isNull))
		if !isNull {
			t.Errorf("%s %s: %s kept its value after delete", table, id, c)
		}
	}
}
