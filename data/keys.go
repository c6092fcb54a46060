package data

import (
	"crypto/cipher"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/google/uuid"
)

// KeyWrap is the data key sealed under one unlock method's key-encryption
// key: "keychain" (a random secret held by the OS keychain) or
// "passphrase" (Argon2id over the user's passphrase, with Salt and Params).
// Several wraps of the same key let the user unlock either way.
type KeyWrap struct {
	Method  string
	Salt    []byte
	Params  Argon2Params
	Wrapped []byte
}

// KeyWraps lists the stored wraps. They are ciphertext and public
// parameters, so they are readable while locked (they are how one unlocks).
func (s *Store) KeyWraps() ([]KeyWrap, error) {
	rows, err := s.r.Query(`SELECT method, salt, argon_time, argon_memory_kib, argon_threads, wrapped
		FROM key_wraps WHERE deleted_at IS NULL ORDER BY created_at`)
	out, err := collect(rows, err, func(w *KeyWrap) []any {
		return []any{&w.Method, &w.Salt, &w.Params.Time, &w.Params.MemoryKiB, &w.Params.Threads, &w.Wrapped}
	})
	return out, wrap("list key wraps", err)
}

// SaveKeyWrap stores w, replacing any wrap with the same Method.
func (s *Store) SaveKeyWrap(w KeyWrap) error {
	if w.Method == "" || len(w.Wrapped) == 0 {
		return errors.New("save key wrap: method and wrapped key are required")
	}
	_, err := s.w.Exec(`INSERT INTO key_wraps (id, created_at, updated_at, method, salt, argon_time, argon_memory_kib, argon_threads, wrapped)
		VALUES (?, ?2, ?2, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (method) DO UPDATE SET updated_at = excluded.updated_at, deleted_at = NULL, salt = excluded.salt,
			argon_time = excluded.argon_time, argon_memory_kib = excluded.argon_memory_kib,
			argon_threads = excluded.argon_threads, wrapped = excluded.wrapped`,
		uuid.NewString(), stamp(s.now()), w.Method, w.Salt, w.Params.Time, w.Params.MemoryKiB, w.Params.Threads, w.Wrapped)
	return wrap("save key wrap "+w.Method, err)
}

// DeleteKeyWrap removes an unlock method (the wrapped key is scrubbed).
// Deleting a method that is not stored is not an error.
func (s *Store) DeleteKeyWrap(method string) error {
	_, err := s.w.Exec("UPDATE key_wraps SET deleted_at = ?1, updated_at = ?1, salt = NULL, wrapped = NULL WHERE method = ?2 AND deleted_at IS NULL",
		stamp(s.now()), method)
	return wrap("delete key wrap "+method, err)
}

// keyCheck is the value sealed at first unlock; opening it proves a key is
// the one the data was written with.
var keyCheck = []byte("hearth/key-check/v1")

// Unlock makes the data key available to reads and writes and starts
// building the in-memory search index in the background. The first unlock
// ever records a check value; later ones refuse (ErrWrongKey) a key that does not open it, before
// anything is written with it.
func (s *Store) Unlock(dataKey []byte) error {
	aead, err := newAEAD(dataKey)
	if err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.checkKey(aead); err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	idx, err := newIndex()
	if err != nil {
		return fmt.Errorf("unlock: make search index: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropKey()
	s.aead, s.index = keyedAEAD{aead, slices.Clone(dataKey)}, idx
	// Filling the index decrypts every record (a quarter of a second for
	// ten years of diary), so it runs in the background and the window
	// opens at once. The fill holds the index's lock, taken here before
	// anyone can see the index: a search waits for the fill to finish, a
	// save's index update waits and then applies on top of it, and Lock
	// waits before dropping the index.
	idx.mu.Lock()
	gate := s.gate
	if gate == nil {
		gate = openGate
	}
	go func() {
		select {
		case <-gate:
		case <-idx.quit: // locked before the gate opened
			idx.mu.Unlock()
			return
		}
		if err := s.fill(idx, aead); err != nil {
			idx.stale = true // the next search tries again
		}
		idx.mu.Unlock()
		// The fill decrypted every record into memory that is garbage
		// now; hand it back to the system rather than keep it for the
		// whole session (about 18 MB of resident memory on ten years).
		debug.FreeOSMemory()
	}()
	return nil
}

func (s *Store) checkKey(aead cipher.AEAD) error {
	tx, err := s.w.BeginTx(bg, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	var id string
	var sealed []byte
	err = tx.QueryRowContext(bg, "SELECT id, sealed FROM key_check WHERE deleted_at IS NULL").Scan(&id, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		id, now := uuid.NewString(), stamp(s.now())
		sealed = seal(aead, keyCheck, fieldAD("key_check", id, "sealed"))
		if _, err := tx.ExecContext(bg, "INSERT INTO key_check (id, created_at, updated_at, sealed) VALUES (?, ?2, ?2, ?)", id, now, sealed); err != nil {
			return err
		}
		return tx.Commit()
	}
	if err != nil {
		return err
	}
	if _, err := open(aead, sealed, fieldAD("key_check", id, "sealed")); err != nil {
		return ErrWrongKey
	}
	return nil
}

// SetIndexGate makes every later Unlock wait until gate is closed before it
// fills the search index, so the app can keep that work off the CPU until
// its first frame is on screen. Searches wait meanwhile. Nil fills at once.
func (s *Store) SetIndexGate(gate <-chan struct{}) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.gate = gate
}

// openGate is a gate that is always open.
var openGate = func() <-chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// Lock forgets the data key and drops the search index; sensitive reads and
// writes then fail with ErrLocked until the next Unlock. The store keeps the
// key only inside its AEAD, which the garbage collector reclaims (Go offers
// no way to wipe it); callers should clear their own copy after Unlock.
func (s *Store) Lock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropKey()
}

func (s *Store) dropKey() {
	if k, ok := s.aead.(keyedAEAD); ok {
		clear(k.key)
	}
	s.aead = nil
	s.index.close()
	s.index = nil
}

// keyedAEAD is the store's AEAD together with the data key it was made
// from, so that while unlocked the key can be wrapped for a new unlock
// method (an app lock, a changed PIN) without asking for an old secret and
// without re-encrypting any record. The AEAD holds the same key internally,
// so keeping this copy alongside it exposes nothing more; both go when the
// store locks.
type keyedAEAD struct {
	cipher.AEAD
	key []byte
}

// WrapLoadedKey seals the loaded data key under kek, as WrapKey does. It
// fails with ErrLocked while the store is locked.
func (s *Store) WrapLoadedKey(kek []byte) ([]byte, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.aead.(keyedAEAD)
	if !ok {
		return nil, fmt.Errorf("wrap loaded key: %w", ErrLocked)
	}
	return WrapKey(k.key, kek)
}

// Unlocked reports whether the data key is loaded.
func (s *Store) Unlocked() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.aead != nil
}
