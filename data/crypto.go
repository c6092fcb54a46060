package data

import (
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// KeySize is the length of the data key and of every key-encryption key.
const KeySize = chacha20poly1305.KeySize

// keyWrapAD binds a wrapped key to its purpose, so a sealed field can never
// be passed off as a wrapped key or the other way round.
var keyWrapAD = []byte("hearth/key-wrap/v1")

// Argon2Params are the Argon2id cost parameters used to turn a passphrase
// into a key-encryption key. They are stored next to each wrapped key so
// they can be raised later without locking anyone out.
type Argon2Params struct {
	Time      uint32
	MemoryKiB uint32
	Threads   uint8
}

// DefaultArgon2 is RFC 9106's second recommended option (t=3, 64 MiB, p=4),
// meant for machines where the first option's 2 GiB is too much — the
// family PCs and tablets Hearth runs on. It is well above OWASP's minimum
// for Argon2id (19 MiB, t=2, p=1) and takes well under a second to derive.
var DefaultArgon2 = Argon2Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

// NewKey returns a fresh random 32-byte data key.
func NewKey() ([]byte, error) { return random(KeySize) }

// NewSalt returns a fresh random 16-byte salt for DeriveKey.
func NewSalt() ([]byte, error) { return random(16) }

func random(n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("read random bytes: %w", err)
	}
	return b, nil
}

// DeriveKey stretches a passphrase into a 32-byte key-encryption key with
// Argon2id. Zero Time or Threads (which Argon2 rejects) count as 1, so a
// damaged parameter row still derives deterministically instead of
// crashing; the wrong key it yields is then refused by UnwrapKey.
func DeriveKey(passphrase string, salt []byte, p Argon2Params) []byte {
	p.Time = max(p.Time, 1)
	p.Threads = max(p.Threads, 1)
	return argon2.IDKey([]byte(passphrase), salt, p.Time, p.MemoryKiB, p.Threads, KeySize)
}

// WrapKey seals the data key under a key-encryption key (from the OS
// keychain or from DeriveKey).
func WrapKey(dataKey, kek []byte) ([]byte, error) {
	if len(dataKey) != KeySize {
		return nil, fmt.Errorf("wrap key: data key is %d bytes, want %d", len(dataKey), KeySize)
	}
	aead, err := newAEAD(kek)
	if err != nil {
		return nil, fmt.Errorf("wrap key: %w", err)
	}
	return seal(aead, dataKey, keyWrapAD), nil
}

// UnwrapKey opens a key sealed by WrapKey. A key-encryption key that does
// not fit (a mistyped passphrase, say) gives ErrWrongKey.
func UnwrapKey(wrapped, kek []byte) ([]byte, error) {
	aead, err := newAEAD(kek)
	if err != nil {
		return nil, fmt.Errorf("unwrap key: %w", err)
	}
	key, err := open(aead, wrapped, keyWrapAD)
	if err != nil {
		return nil, fmt.Errorf("unwrap key: %w", ErrWrongKey)
	}
	if len(key) != KeySize {
		return nil, fmt.Errorf("unwrap key: wrapped key is %d bytes, want %d", len(key), KeySize)
	}
	return key, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("key is %d bytes, want %d", len(key), KeySize)
	}
	return chacha20poly1305.NewX(key)
}

// seal encrypts with a fresh random nonce and returns nonce||ciphertext.
// XChaCha20's 24-byte nonce makes random nonces safe for any number of
// messages under one key.
func seal(aead cipher.AEAD, plain, ad []byte) []byte {
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
	// crypto/rand.Read never fails: it crashes the program rather than
	// return an error, so there is nothing to handle here.
	_, _ = rand.Read(nonce)
	return aead.Seal(nonce, nonce, plain, ad)
}

var errShort = errors.New("ciphertext too short")

// open reverses seal; it fails if the key, the associated data or a single
// byte of the ciphertext differ.
func open(aead cipher.AEAD, sealed, ad []byte) ([]byte, error) {
	n := aead.NonceSize()
	if len(sealed) < n+aead.Overhead() {
		return nil, errShort
	}
	return aead.Open(nil, sealed[:n], sealed[n:], ad)
}

// fieldAD is the associated data for one sealed column of one row, so a
// ciphertext copied to another row, column or table does not open.
func fieldAD(table, id, column string) []byte {
	return []byte(table + "\x00" + id + "\x00" + column)
}
