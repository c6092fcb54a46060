package data

import (
	"os"
	"strings"
	"testing"
)

func TestIntegrityCheckPassesOnAHealthyStore(t *testing.T) {
	s := unlocked(t)
	must(t, s.SaveChild(&Child{Name: "Ada", Arrangement: ArrangementSGO, DateOfBirth: day(2015, 12, 10)}))
	if err := s.IntegrityCheck(); err != nil {
		t.Fatalf("healthy store: %v", err)
	}
}

// A store whose pages have been overwritten must fail the check, or the
// crash harness that relies on it would pass a corrupt file.
func TestIntegrityCheckFindsACorruptPage(t *testing.T) {
	s, key, path := newStore(t)
	c := Child{Name: "Ada", Arrangement: ArrangementSGO, DateOfBirth: day(2015, 12, 10)}
	must(t, s.SaveChild(&c))
	for i := range 200 {
		must(t, s.SaveRecording(&Recording{ChildID: c.ID, Day: day(2025, 2, 1+i%28), Text: strings.Repeat("note ", 40)}))
	}
	must(t, s.Close())

	const pageSize = 4096
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	must(t, err)
	fi, err := f.Stat()
	must(t, err)
	pages := fi.Size() / pageSize
	if pages < 10 {
		t.Fatalf("store has only %d pages; the test needs a table spread over many", pages)
	}
	// Scribble over a page in the second half: past the schema, inside the
	// recordings table or its indexes.
	junk := []byte(strings.Repeat("\xa5", pageSize))
	_, err = f.WriteAt(junk, (pages*3/4)*pageSize)
	must(t, err)
	must(t, f.Close())

	s2 := openAt(t, path)
	must(t, s2.Unlock(key))
	// SQLite either lists the damage or refuses the page as malformed;
	// both must come back as an error.
	err = s2.IntegrityCheck()
	if err == nil || !strings.Contains(err.Error(), "integrity check") {
		t.Fatalf("corrupt store: got %v, want an integrity check failure", err)
	}
}
