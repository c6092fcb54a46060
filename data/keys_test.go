package data

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestKeyWrapsUpsertAndDelete(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "hearth.db"))
	wraps, err := s.KeyWraps()
	must(t, err)
	if len(wraps) != 0 {
		t.Fatalf("new store has %d key wraps", len(wraps))
	}
	chain := KeyWrap{Method: "keychain", Wrapped: []byte{1, 2, 3}}
	pass := KeyWrap{Method: "passphrase", Salt: []byte{9, 9}, Params: testArgon2, Wrapped: []byte{4, 5}}
	must(t, s.SaveKeyWrap(chain))
	must(t, s.SaveKeyWrap(pass))
	pass.Wrapped = []byte{6, 7}
	must(t, s.SaveKeyWrap(pass)) // replaces, by method
	wraps, err = s.KeyWraps()
	must(t, err)
	same(t, wraps, []KeyWrap{chain, pass})

	must(t, s.DeleteKeyWrap("keychain"))
	wraps, err = s.KeyWraps()
	must(t, err)
	same(t, wraps, []KeyWrap{pass})
	var wrapped []byte
	must(t, s.r.QueryRow("SELECT wrapped FROM key_wraps WHERE method = 'keychain'").Scan(&wrapped))
	if wrapped != nil {
		t.Error("deleted key wrap kept its wrapped key")
	}
	must(t, s.SaveKeyWrap(chain)) // a deleted method can come back
	wraps, err = s.KeyWraps()
	must(t, err)
	if len(wraps) != 2 {
		t.Errorf("after re-adding, %d wraps", len(wraps))
	}
	if err := s.SaveKeyWrap(KeyWrap{Method: "empty"}); err == nil {
		t.Error("saved a key wrap without a wrapped key")
	}
}

// TestPassphraseUnlockAcrossOpens walks the real flow: first run makes a
// data key, wraps it under a passphrase, unlocks; a later run unwraps it.
func TestPassphraseUnlockAcrossOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hearth.db")
	s, err := Open(path)
	must(t, err)
	dataKey, err := NewKey()
	must(t, err)
	salt, err := NewSalt()
	must(t, err)
	wrapped, err := WrapKey(dataKey, DeriveKey("open sesame", salt, testArgon2))
	must(t, err)
	must(t, s.SaveKeyWrap(KeyWrap{Method: "passphrase", Salt: salt, Params: testArgon2, Wrapped: wrapped}))
	must(t, s.Unlock(dataKey))
	c := addChild(t, s, "Ada")
	must(t, s.Close())

	s = openAt(t, path)
	if s.Unlocked() {
		t.Fatal("a freshly opened store is unlocked")
	}
	wraps, err := s.KeyWraps()
	must(t, err)
	w := wraps[0]
	_, err = UnwrapKey(w.Wrapped, DeriveKey("open sesame?", w.Salt, w.Params))
	wantErr(t, err, ErrWrongKey)
	key, err := UnwrapKey(w.Wrapped, DeriveKey("open sesame", w.Salt, w.Params))
	must(t, err)
	must(t, s.Unlock(key))
	got, err := s.Child(c.ID)
	must(t, err)
	same(t, got.Name, "Ada")
}

func TestUnlockWithWrongKey(t *testing.T) {
	s, _, _ := newStore(t)
	addChild(t, s, "Ada")
	s.Lock()
	wrong, err := NewKey()
	must(t, err)
	wantErr(t, s.Unlock(wrong), ErrWrongKey)
	if s.Unlocked() {
		t.Fatal("store unlocked with the wrong key")
	}
	if err := s.Unlock(wrong[:5]); err == nil {
		t.Fatal("Unlock accepted a 5-byte key")
	}
}

func TestLockedStoreRefusesSensitiveCalls(t *testing.T) {
	s, key, _ := newStore(t)
	c := addChild(t, s, "Ada")
	must(t, s.SetSetting("theme", "dark"))
	s.Lock()
	if s.Unlocked() {
		t.Fatal("Unlocked after Lock")
	}
	calls := map[string]func() error{
		"Household":        func() error { _, err := s.Household(); return err },
		"Children":         func() error { _, err := s.Children(); return err },
		"Child":            func() error { _, err := s.Child(c.ID); return err },
		"Milestones":       func() error { _, err := s.Milestones(c.ID); return err },
		"Recordings":       func() error { _, err := s.Recordings(c.ID, 0, 10); return err },
		"RecentRecordings": func() error { _, err := s.RecentRecordings(10); return err },
		"Needs":            func() error { _, err := s.Needs(); return err },
		"Trainings":        func() error { _, err := s.Trainings(); return err },
		"Attachment":       func() error { _, err := s.Attachment("x"); return err },
		"Search":           func() error { _, err := s.Search("ada", 10); return err },
		"SaveChild":        func() error { return s.SaveChild(&Child{Name: "Bea", Arrangement: ArrangementFoster}) },
		"SaveHousehold":    func() error { return s.SaveHousehold(&Household{Kind: KindFoster}) },
		"SaveAttachment":   func() error { return s.SaveAttachment(&Attachment{Name: "a"}) },
		"DeleteChild":      func() error { return s.DeleteChild(c.ID) },
		"SaveBatch":        func() error { return s.SaveBatch(func(*Batch) error { return nil }) },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrLocked) {
			t.Errorf("%s while locked: %v, want ErrLocked", name, err)
		}
	}
	// Non-sensitive reads still work.
	theme, err := s.Setting("theme")
	must(t, err)
	same(t, theme, "dark")
	n, err := s.CountRecordings(c.ID)
	must(t, err)
	same(t, n, 0)

	must(t, s.Unlock(key))
	got, err := s.Child(c.ID)
	must(t, err)
	same(t, got, c)
}
