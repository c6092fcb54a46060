package data

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestWrapUnwrapKey(t *testing.T) {
	dataKey, err := NewKey()
	must(t, err)
	kek, err := NewKey()
	must(t, err)
	wrapped, err := WrapKey(dataKey, kek)
	must(t, err)
	if bytes.Contains(wrapped, dataKey) {
		t.Fatal("wrapped key contains the key")
	}
	got, err := UnwrapKey(wrapped, kek)
	must(t, err)
	same(t, got, dataKey)

	other, err := NewKey()
	must(t, err)
	_, err = UnwrapKey(wrapped, other)
	wantErr(t, err, ErrWrongKey)

	wrapped[len(wrapped)-1] ^= 1
	_, err = UnwrapKey(wrapped, kek)
	wantErr(t, err, ErrWrongKey)
	_, err = UnwrapKey(wrapped[:10], kek)
	wantErr(t, err, ErrWrongKey)

	if _, err := WrapKey(dataKey[:16], kek); err == nil {
		t.Error("WrapKey accepted a short data key")
	}
	if _, err := UnwrapKey(wrapped, kek[:16]); err == nil {
		t.Error("UnwrapKey accepted a short key-encryption key")
	}
}

func TestWrappedKeyIsNotAField(t *testing.T) {
	kek, err := NewKey()
	must(t, err)
	aead, err := newAEAD(kek)
	must(t, err)
	field := seal(aead, bytes.Repeat([]byte{7}, KeySize), fieldAD("children", "x", "name"))
	_, err = UnwrapKey(field, kek)
	wantErr(t, err, ErrWrongKey)
}

func TestDeriveKeyRoundTrip(t *testing.T) {
	salt, err := NewSalt()
	must(t, err)
	if len(salt) != 16 {
		t.Fatalf("salt is %d bytes", len(salt))
	}
	k1 := DeriveKey("correct horse battery staple", salt, testArgon2)
	k2 := DeriveKey("correct horse battery staple", salt, testArgon2)
	if len(k1) != KeySize || !bytes.Equal(k1, k2) {
		t.Fatal("DeriveKey is not a deterministic 32-byte key")
	}
	other, err := NewSalt()
	must(t, err)
	if bytes.Equal(k1, DeriveKey("correct horse battery staple", other, testArgon2)) {
		t.Error("a different salt gave the same key")
	}
	// Zero Time/Threads must not panic.
	_ = DeriveKey("x", salt, Argon2Params{MemoryKiB: 64})

	dataKey, err := NewKey()
	must(t, err)
	wrapped, err := WrapKey(dataKey, k1)
	must(t, err)
	got, err := UnwrapKey(wrapped, DeriveKey("correct horse battery staple", salt, testArgon2))
	must(t, err)
	same(t, got, dataKey)
	_, err = UnwrapKey(wrapped, DeriveKey("correct horse battery stapler", salt, testArgon2))
	wantErr(t, err, ErrWrongKey)
}

// secrets are distinctive strings put in every sensitive field.
var secrets = []string{
	"ZZcarerOneZZ", "ZZchildNameZZ", "ZZpreferredZZ", "ZZschoolZZ", "ZZdoctorZZ", "ZZdentistZZ",
	"ZZmilestoneTitleZZ", "ZZmilestoneNotesZZ", "ZZdiaryTextZZ", "ZZneedDescriptionZZ", "ZZlaResponseZZ",
	"ZZtrainingTitleZZ", "ZZproviderZZ", "ZZevidenceZZ", "ZZphoto.jpgZZ", "ZZphotoBytesZZ",
}

// saveSecrets stores one of every aggregate with the secrets above.
func saveSecrets(t *testing.T, s *Store) Child {
	t.Helper()
	h := Household{Kind: KindFoster, Carers: []Carer{{Name: secrets[0]}}}
	must(t, s.SaveHousehold(&h))
	c := Child{Name: secrets[1], PreferredName: secrets[2], Arrangement: ArrangementFoster,
		School: secrets[3], GP: secrets[4], Dentist: secrets[5]}
	must(t, s.SaveChild(&c))
	a := Attachment{Name: secrets[14], MIME: "image/jpeg", Content: []byte(secrets[15])}
	must(t, s.SaveAttachment(&a))
	must(t, s.SaveMilestone(&Milestone{ChildID: c.ID, Mission: MissionHealth, Status: MilestonePlanned,
		Title: secrets[6], Notes: secrets[7], PhotoID: a.ID}))
	must(t, s.SaveRecording(&Recording{ChildID: c.ID, Day: day(2025, 2, 3), Text: secrets[8]}))
	must(t, s.SaveNeed(&Need{Category: NeedRespite, Urgency: UrgencySoon, Status: NeedRaised,
		Description: secrets[9], Response: secrets[10]}))
	must(t, s.SaveTraining(&Training{Title: secrets[11], Provider: secrets[12], Evidence: secrets[13],
		Format: FormatCourse, Hours: 3, Standards: []int{1, 2}}))
	return c
}

func TestNothingSensitiveOnDisk(t *testing.T) {
	s, _, path := newStore(t)
	saveSecrets(t, s)
	hits, err := s.Search("ZZdiary", 5)
	must(t, err)
	if len(hits) != 1 {
		t.Fatalf("search found %d hits before close", len(hits))
	}
	// Check the WAL while it still holds the writes, then the file after
	// Close folded them in.
	assertNoSecrets(t, path)
	must(t, s.Close())
	assertNoSecrets(t, path)
}

func assertNoSecrets(t *testing.T, path string) {
	t.Helper()
	assertNotOnDisk(t, path, secrets)
}

// assertNotOnDisk fails if the database at path, or its WAL, journal or
// shared-memory file, holds any of secrets in plain text.
func assertNotOnDisk(t *testing.T, path string, secrets []string) {
	t.Helper()
	for _, f := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		raw, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		must(t, err)
		for _, secret := range secrets {
			// Also look for a stripped-down form, in case of a
			// case-folding index or tokenizer.
			if bytes.Contains(raw, []byte(secret)) || bytes.Contains(bytes.ToLower(raw), []byte(strings.ToLower(secret))) {
				t.Errorf("%s contains %q in plain text", f, secret)
			}
		}
	}
}

func TestCiphertextMovedElsewhereDoesNotOpen(t *testing.T) {
	s := unlocked(t)
	a := addChild(t, s, "Ada")
	b := addChild(t, s, "Bea")
	// Another row, same column.
	_, err := s.w.Exec("UPDATE children SET name = (SELECT name FROM children WHERE id = ?) WHERE id = ?", a.ID, b.ID)
	must(t, err)
	if _, err := s.Child(b.ID); err == nil {
		t.Fatal("a name copied from another child decrypted")
	}
	if _, err := s.Children(); err == nil {
		t.Fatal("listing children hid the tampered row")
	}
	// Same row, another column.
	_, err = s.w.Exec("UPDATE children SET school = name WHERE id = ?", a.ID)
	must(t, err)
	if _, err := s.Child(a.ID); err == nil {
		t.Fatal("a name copied into the school column decrypted")
	}
}

func TestEmptySensitiveFieldsStoredAsNull(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	var nulls int
	must(t, s.r.QueryRow("SELECT (preferred_name IS NULL) + (school IS NULL) + (gp IS NULL) + (dentist IS NULL) FROM children WHERE id = ?", c.ID).Scan(&nulls))
	if nulls != 4 {
		t.Errorf("%d of 4 empty sensitive columns are NULL", nulls)
	}
	var typ string
	must(t, s.r.QueryRow("SELECT typeof(name) FROM children WHERE id = ?", c.ID).Scan(&typ))
	same(t, typ, "blob")
}
