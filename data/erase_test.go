package data

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// rawBlob reads one stored column as the bytes on disk (ciphertext).
func rawBlob(t *testing.T, s *Store, table, col, id string) []byte {
	t.Helper()
	var b []byte
	if err := s.r.QueryRow("SELECT "+col+" FROM "+table+" WHERE id = ?", id).Scan(&b); err != nil {
		t.Fatalf("read %s.%s of %s: %v", table, col, id, err)
	}
	if len(b) == 0 {
		t.Fatalf("%s.%s of %s is empty", table, col, id)
	}
	return b
}

// fileBytes is everything SQLite has on disk for the store at path: the
// database and, when there is one, its write-ahead log.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

func TestPurgeChildLeavesNoCiphertextOrRowsBehind(t *testing.T) {
	s, _, path := newStore(t)
	photo := Attachment{Name: "photo.png", MIME: "image/png", Content: bytes.Repeat([]byte("pixels"), 200)}
	must(t, s.SaveAttachment(&photo))
	gone := Child{Name: "Erased Child", Arrangement: ArrangementFoster, DateOfBirth: day(2015, 1, 2), LAReference: "LA-77"}
	kept := Child{Name: "Kept Child", Arrangement: ArrangementFoster}
	must(t, s.SaveChild(&gone))
	must(t, s.SaveChild(&kept))
	m := Milestone{ChildID: gone.ID, Mission: MissionEducation, Title: "Started Year 7", Status: MilestonePlanned, PhotoID: photo.ID}
	must(t, s.SaveMilestone(&m))
	r := Recording{ChildID: gone.ID, Day: day(2025, 2, 1), Text: "A quiet day at the park"}
	must(t, s.SaveRecording(&r))
	old := Recording{ChildID: gone.ID, Day: day(2025, 1, 1), Text: "An older note, deleted before"}
	must(t, s.SaveRecording(&old))
	n := Need{ChildID: gone.ID, Category: NeedTherapeutic, Description: "Play therapy", Urgency: UrgencySoon, Status: NeedDraft}
	must(t, s.SaveNeed(&n))
	keptRec := Recording{ChildID: kept.ID, Day: day(2025, 2, 1), Text: "Kept note"}
	must(t, s.SaveRecording(&keptRec))

	secrets := map[string][]byte{
		"child name":      rawBlob(t, s, "children", "name", gone.ID),
		"milestone title": rawBlob(t, s, "milestones", "title", m.ID),
		"recording text":  rawBlob(t, s, "recordings", "text", r.ID),
		"older recording": rawBlob(t, s, "recordings", "text", old.ID),
		"need":            rawBlob(t, s, "needs", "description", n.ID),
		"photo":           rawBlob(t, s, "attachments", "content", photo.ID),
	}
	keptBlob := rawBlob(t, s, "recordings", "text", keptRec.ID)
	// A recording deleted earlier is only a tombstone; the purge removes it
	// too.
	must(t, s.DeleteRecording(old.ID))

	must(t, s.PurgeChild(gone.ID))

	disk := fileBytes(t, path)
	for what, b := range secrets {
		if bytes.Contains(disk, b) {
			t.Errorf("the %s's ciphertext is still in the file", what)
		}
	}
	// The scan can fail: what was kept is still found the same way.
	if !bytes.Contains(disk, keptBlob) {
		t.Fatal("the kept child's recording is not found in the file, so the scan proves nothing")
	}
	for table, id := range map[string]string{"milestones": m.ID, "recordings": r.ID, "needs": n.ID, "attachments": photo.ID} {
		var count int
		must(t, s.r.QueryRow("SELECT count(*) FROM "+table+" WHERE id = ?", id).Scan(&count))
		if count != 0 {
			t.Errorf("%s still has row %s", table, id)
		}
	}
	var name []byte
	var dob, ref *string
	must(t, s.r.QueryRow("SELECT name, date_of_birth, la_reference FROM children WHERE id = ? AND deleted_at IS NOT NULL", gone.ID).Scan(&name, &dob, &ref))
	if name != nil || dob != nil || ref != nil {
		t.Errorf("the child's tombstone keeps name %x, date of birth %v, reference %v", name, dob, ref)
	}
	if _, err := s.Child(gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Child after purge: %v, want not found", err)
	}
	if hits, err := s.Search("park", 10); err != nil || len(hits) != 0 {
		t.Errorf("search after purge: %v hits, %v", hits, err)
	}
	// The LA still hears of the delete: the outbox holds it, though the
	// rows are gone.
	queued, err := s.Outbox(100)
	must(t, err)
	deletes := map[string]bool{}
	for _, e := range queued {
		if e.Op == OpDelete {
			deletes[e.RecordID] = true
		}
	}
	for _, id := range []string{gone.ID, m.ID, r.ID, n.ID} {
		if !deletes[id] {
			t.Errorf("no delete queued for sync for %s", id)
		}
	}
	if got, err := s.Recordings(kept.ID, 0, 10); err != nil || len(got) != 1 || got[0].Text != "Kept note" {
		t.Errorf("the other child's recordings after purge: %+v, %v", got, err)
	}
}

func TestPurgeChildUnknownIsNotFound(t *testing.T) {
	s := unlocked(t)
	if err := s.PurgeChild("no-such-child"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("PurgeChild of unknown id: %v, want ErrNotFound", err)
	}
}

func TestPathIsTheDatabaseFile(t *testing.T) {
	s, _, path := newStore(t)
	got, err := s.Path()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.Abs(path)
	if got != want {
		t.Fatalf("Path = %q, want %q", got, want)
	}
}

func TestWrapLoadedKeyNeedsUnlockAndWrapsTheDataKey(t *testing.T) {
	s, key, _ := newStore(t)
	kek, err := NewKey()
	must(t, err)
	wrapped, err := s.WrapLoadedKey(kek)
	must(t, err)
	got, err := UnwrapKey(wrapped, kek)
	must(t, err)
	if !bytes.Equal(got, key) {
		t.Fatal("WrapLoadedKey wrapped some other key")
	}
	s.Lock()
	if _, err := s.WrapLoadedKey(kek); !errors.Is(err, ErrLocked) {
		t.Fatalf("WrapLoadedKey while locked: %v, want ErrLocked", err)
	}
}

// Removing a deleted profile's file leaves its bytes on the disk until they
// are reused; ForgetKeys must first scrub every wrap of the data key (the
// PIN's can be guessed offline) and the key check, from the database and
// from the write-ahead log.
func TestForgetKeysScrubsEveryWrapFromTheFile(t *testing.T) {
	s, key, path := newStore(t)
	kek, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	pinWrap, err := WrapKey(key, kek)
	if err != nil {
		t.Fatal(err)
	}
	must(t, s.SaveKeyWrap(KeyWrap{Method: "lock", Salt: []byte("0123456789abcdef"), Params: Argon2Params{Time: 1, MemoryKiB: 64, Threads: 1}, Wrapped: pinWrap}))
	must(t, s.SaveKeyWrap(KeyWrap{Method: "keychain", Wrapped: bytes.Repeat([]byte{0xA5}, 72)}))
	check := rawBlob(t, s, "key_check", "sealed", func() string {
		var id string
		must(t, s.r.QueryRow("SELECT id FROM key_check").Scan(&id))
		return id
	}())
	if !bytes.Contains(fileBytes(t, path), pinWrap) {
		t.Fatal("the test's wrap is not on disk to begin with")
	}

	must(t, s.ForgetKeys())

	wraps, err := s.KeyWraps()
	if err != nil || len(wraps) != 0 {
		t.Fatalf("wraps left: %v %v", wraps, err)
	}
	disk := fileBytes(t, path)
	for what, b := range map[string][]byte{"PIN wrap": pinWrap, "keychain wrap": bytes.Repeat([]byte{0xA5}, 72), "key check": check} {
		if bytes.Contains(disk, b) {
			t.Errorf("the %s is still in the file after ForgetKeys", what)
		}
	}
}
