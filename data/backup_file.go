package data

import (
	"bytes"
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// A backup file is a stream of XChaCha20-Poly1305 chunks under a key
// derived from the backup's own passphrase with Argon2id, so it opens on any
// machine without the keychain of the one that made it. Layout (all
// integers big-endian):
//
//	offset size  field
//	0      8     magic "HEARTHBK"
//	8      2     format version (1)
//	10     1     KDF (1 = Argon2id)
//	11     4     Argon2id time (passes)
//	15     4     Argon2id memory in KiB
//	19     1     Argon2id threads
//	20     16    salt (random per file)
//	36     16    nonce prefix (random per file)
//	52     4     chunk size (plaintext bytes per chunk, 65536)
//	56     16    header tag: AEAD seal of nothing, nonce = prefix||FF×8,
//	             associated data = bytes 0..56
//	72     ...   chunks, each: flag (1 byte: 0 more follow, 1 final),
//	             length (4 bytes, ciphertext length), ciphertext
//
// Chunk i is sealed with nonce prefix||uint64(i) and associated data
// header (bytes 0..72) || uint64(i) || flag. The header tag proves the
// passphrase (and the header) before any chunk is read; the chunk index
// and final flag in the associated data make a dropped, repeated, reordered
// or truncated chunk fail to open, and a byte after the final chunk is
// refused. Nothing is trusted until every chunk has opened.

const (
	backupMagic      = "HEARTHBK"
	backupVersion    = 1
	backupKDF        = 1
	backupChunkSize  = 64 * 1024
	backupHeaderBody = 56
	backupHeaderSize = backupHeaderBody + 16
)

// Errors a backup can fail to open with. Each means something different
// to the user: the wrong file, a newer Hearth, the wrong passphrase, or a
// file that was damaged or changed.
var (
	ErrNotBackup      = errors.New("not a Hearth backup")
	ErrBackupVersion  = errors.New("backup made by a newer Hearth")
	ErrBackupPassword = errors.New("wrong backup passphrase")
	ErrBackupDamaged  = errors.New("backup is damaged or was changed")
)

// backupLimits bounds the Argon2id cost a header may ask for, so a crafted
// file cannot make the reader allocate gigabytes or spin for minutes.
type backupLimits struct {
	maxTime      uint32
	maxMemoryKiB uint32
	maxThreads   uint8
}

// defaultBackupLimits allow sixteen times the default cost in memory.
var defaultBackupLimits = backupLimits{maxTime: 16, maxMemoryKiB: 1 << 20, maxThreads: 64}

type backupHeader struct {
	params Argon2Params
	salt   [16]byte
	prefix [16]byte
	chunk  uint32
}

func (h *backupHeader) body() []byte {
	b := make([]byte, 0, backupHeaderBody)
	b = append(b, backupMagic...)
	b = binary.BigEndian.AppendUint16(b, backupVersion)
	b = append(b, backupKDF)
	b = binary.BigEndian.AppendUint32(b, h.params.Time)
	b = binary.BigEndian.AppendUint32(b, h.params.MemoryKiB)
	b = append(b, h.params.Threads)
	b = append(b, h.salt[:]...)
	b = append(b, h.prefix[:]...)
	return binary.BigEndian.AppendUint32(b, h.chunk)
}

func (h *backupHeader) nonce(i uint64) []byte {
	return binary.BigEndian.AppendUint64(bytes.Clone(h.prefix[:]), i)
}

// headerNonce is never a chunk's nonce: chunk indexes stop well short.
const headerNonce = ^uint64(0)

func chunkAD(header []byte, i uint64, final byte) []byte {
	ad := binary.BigEndian.AppendUint64(bytes.Clone(header), i)
	return append(ad, final)
}

// backupWriter seals what is written to it chunk by chunk.
type backupWriter struct {
	w      io.Writer
	aead   cipher.AEAD
	h      *backupHeader
	header []byte
	buf    []byte
	n      uint64
	err    error
}

// NewBackupWriter writes a backup header to w and returns a writer that
// encrypts everything written to it. Close writes the final chunk; a file
// without it is refused as truncated.
func NewBackupWriter(w io.Writer, passphrase string, p Argon2Params) (io.WriteCloser, error) {
	h := &backupHeader{params: p, chunk: backupChunkSize}
	salt, err := NewSalt()
	if err != nil {
		return nil, err
	}
	prefix, err := random(16)
	if err != nil {
		return nil, err
	}
	copy(h.salt[:], salt)
	copy(h.prefix[:], prefix)
	aead, err := newAEAD(DeriveKey(passphrase, h.salt[:], p))
	if err != nil {
		return nil, err
	}
	body := h.body()
	header := aead.Seal(body, h.nonce(headerNonce), nil, body)
	if _, err := w.Write(header); err != nil {
		return nil, fmt.Errorf("write backup header: %w", err)
	}
	return &backupWriter{w: w, aead: aead, h: h, header: header}, nil
}

func (bw *backupWriter) Write(p []byte) (int, error) {
	if bw.err != nil {
		return 0, bw.err
	}
	bw.buf = append(bw.buf, p...)
	// Keep at least one byte back, so the last chunk is always the one
	// Close writes with the final flag.
	for len(bw.buf) > backupChunkSize {
		if err := bw.flush(bw.buf[:backupChunkSize], 0); err != nil {
			return 0, err
		}
		bw.buf = bw.buf[backupChunkSize:]
	}
	return len(p), nil
}

func (bw *backupWriter) flush(plain []byte, final byte) error {
	sealed := bw.aead.Seal(nil, bw.h.nonce(bw.n), plain, chunkAD(bw.header, bw.n, final))
	frame := binary.BigEndian.AppendUint32([]byte{final}, uint32(len(sealed)))
	if _, err := bw.w.Write(append(frame, sealed...)); err != nil {
		bw.err = fmt.Errorf("write backup chunk %d: %w", bw.n, err)
		return bw.err
	}
	bw.n++
	return nil
}

// Close seals the last (possibly empty) chunk as final.
func (bw *backupWriter) Close() error {
	if bw.err != nil {
		return bw.err
	}
	err := bw.flush(bw.buf, 1)
	bw.buf = nil
	bw.err = errors.New("backup writer is closed")
	return err
}

// LooksLikeBackup reports whether a file starting with head could be a
// backup, so a wrong file is refused before it is read whole.
func LooksLikeBackup(head []byte) bool {
	return len(head) >= len(backupMagic) && string(head[:len(backupMagic)]) == backupMagic
}

// ReadBackup checks and decrypts a whole backup and returns its contents.
// It returns nothing unless every chunk opened, in order, up to a final
// chunk with nothing after it.
func ReadBackup(r io.Reader, passphrase string) ([]byte, error) {
	return readBackup(r, passphrase, defaultBackupLimits)
}

func readBackup(r io.Reader, passphrase string, lim backupLimits) ([]byte, error) {
	header := make([]byte, backupHeaderSize)
	n, err := io.ReadFull(r, header)
	if !LooksLikeBackup(header[:n]) {
		return nil, ErrNotBackup
	}
	if err != nil {
		return nil, fmt.Errorf("read header: %w", ErrBackupDamaged)
	}
	h, err := parseBackupHeader(header, lim)
	if err != nil {
		return nil, err
	}
	aead, err := newAEAD(DeriveKey(passphrase, h.salt[:], h.params))
	if err != nil {
		return nil, err
	}
	body := header[:backupHeaderBody]
	if _, err := aead.Open(nil, h.nonce(headerNonce), header[backupHeaderBody:], body); err != nil {
		return nil, ErrBackupPassword
	}
	var out []byte
	frame := make([]byte, 5)
	for i := uint64(0); ; i++ {
		if _, err := io.ReadFull(r, frame); err != nil {
			return nil, fmt.Errorf("chunk %d missing: %w", i, ErrBackupDamaged)
		}
		final, size := frame[0], binary.BigEndian.Uint32(frame[1:])
		if final > 1 || size < uint32(aead.Overhead()) || size > h.chunk+uint32(aead.Overhead()) {
			return nil, fmt.Errorf("chunk %d frame: %w", i, ErrBackupDamaged)
		}
		sealed := make([]byte, size)
		if _, err := io.ReadFull(r, sealed); err != nil {
			return nil, fmt.Errorf("chunk %d cut short: %w", i, ErrBackupDamaged)
		}
		out, err = aead.Open(out, h.nonce(i), sealed, chunkAD(header, i, final))
		if err != nil {
			return nil, fmt.Errorf("chunk %d does not open: %w", i, ErrBackupDamaged)
		}
		if final == 1 {
			break
		}
	}
	if n, _ := r.Read(make([]byte, 1)); n > 0 {
		return nil, fmt.Errorf("data after the final chunk: %w", ErrBackupDamaged)
	}
	return out, nil
}

func parseBackupHeader(b []byte, lim backupLimits) (*backupHeader, error) {
	if v := binary.BigEndian.Uint16(b[8:]); v != backupVersion {
		if v > backupVersion {
			return nil, ErrBackupVersion
		}
		return nil, fmt.Errorf("format version %d: %w", v, ErrBackupDamaged)
	}
	h := &backupHeader{
		params: Argon2Params{
			Time:      binary.BigEndian.Uint32(b[11:]),
			MemoryKiB: binary.BigEndian.Uint32(b[15:]),
			Threads:   b[19],
		},
		chunk: binary.BigEndian.Uint32(b[52:]),
	}
	copy(h.salt[:], b[20:36])
	copy(h.prefix[:], b[36:52])
	p := h.params
	switch {
	case b[10] != backupKDF:
		return nil, fmt.Errorf("key derivation %d: %w", b[10], ErrBackupDamaged)
	case p.Time < 1 || p.Time > lim.maxTime, p.Threads < 1 || p.Threads > lim.maxThreads,
		p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > lim.maxMemoryKiB:
		return nil, fmt.Errorf("key derivation cost %+v out of range: %w", p, ErrBackupDamaged)
	case h.chunk < 1024 || h.chunk > 1<<20:
		return nil, fmt.Errorf("chunk size %d: %w", h.chunk, ErrBackupDamaged)
	}
	return h, nil
}
