package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
)

// A change whose fields cannot be decoded is the change's own fault: it is
// skipped and the cursor moves past it, or it would hold up every later
// change for ever.
func TestApplyChangesSkipsAChangeThatCannotBeDecoded(t *testing.T) {
	s := unlocked(t)
	bad := RemoteChange{Kind: SyncNeed, ID: "undecodable", Apply: func(rec any, user, la bool) error {
		return errors.New("field urgency: not a string")
	}}
	res, err := s.ApplyChanges([]RemoteChange{bad, needChange("good", day(2025, 3, 1), time.Time{}, "Pulled", "raised", "")}, 4)
	must(t, err)
	if res.Applied != 1 || res.Skipped != 1 {
		t.Errorf("result %+v, want the undecodable change skipped", res)
	}
	if _, err := s.Need("good"); err != nil {
		t.Errorf("the change after the bad one: %v", err)
	}
	if cur, _ := s.SyncCursor(); cur != 4 {
		t.Errorf("cursor %d, want 4", cur)
	}
}

// A change the store cannot write for its own reasons (here the disk is
// full) is not the change's fault: the page fails, nothing of it is kept,
// the cursor stays, and the same page applies whole once the store can
// write again.
func TestApplyChangesFailsThePageOnAStoreError(t *testing.T) {
	s := unlocked(t)
	_, err := s.ApplyChanges([]RemoteChange{needChange("first", day(2025, 3, 1), time.Time{}, "Pulled", "raised", "")}, 5)
	must(t, err)
	var pages int
	must(t, s.w.QueryRow("PRAGMA page_count").Scan(&pages))
	_, err = s.w.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)) // the disk is full
	must(t, err)
	big := strings.Repeat("Respite over the summer holidays. ", 2000) // needs new pages
	page := []RemoteChange{
		needChange("small", day(2025, 3, 2), time.Time{}, "Short", "raised", ""),
		needChange("big", day(2025, 3, 3), time.Time{}, big, "raised", ""),
	}
	res, err := s.ApplyChanges(page, 6)
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrFull {
		t.Fatalf("applying a page to a full disk: %+v, %v; want the disk-full error", res, err)
	}
	if cur, _ := s.SyncCursor(); cur != 5 {
		t.Errorf("cursor %d after a failed page, want it left at 5", cur)
	}
	for _, id := range []string{"small", "big"} {
		if _, err := s.Need(id); !errors.Is(err, ErrNotFound) {
			t.Errorf("need %s of the failed page: %v, want not stored", id, err)
		}
	}

	_, err = s.w.Exec("PRAGMA max_page_count = 1073741823") // space again
	must(t, err)
	res, err = s.ApplyChanges(page, 6)
	must(t, err)
	if res.Applied != 2 || res.Skipped != 0 {
		t.Errorf("retried page: %+v, want both applied", res)
	}
	if got, err := s.Need("big"); err != nil || got.Description != big {
		t.Errorf("the big need after the retry: %v", err)
	}
	if cur, _ := s.SyncCursor(); cur != 6 {
		t.Errorf("cursor %d after the retry, want 6", cur)
	}
}
