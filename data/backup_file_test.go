package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// sealBackup writes plain into a backup under pass with the test KDF cost.
func sealBackup(t testing.TB, plain []byte, pass string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewBackupWriter(&buf, pass, testArgon2)
	if err != nil {
		t.Fatal(err)
	}
	// Two writes that straddle a chunk boundary, as an encoder's would.
	half := len(plain) / 2
	if _, err := w.Write(plain[:half]); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(plain[half:]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// frames returns the offset of each chunk frame in a backup.
func frames(t *testing.T, file []byte) []int {
	t.Helper()
	var at []int
	for off := backupHeaderSize; off < len(file); {
		at = append(at, off)
		off += 5 + int(binary.BigEndian.Uint32(file[off+1:]))
	}
	return at
}

func TestBackupFileRoundTrip(t *testing.T) {
	for _, size := range []int{0, 1, backupChunkSize - 1, backupChunkSize, backupChunkSize + 1, 3*backupChunkSize + 17} {
		plain := bytes.Repeat([]byte("diary text "), size/11+1)[:size]
		file := sealBackup(t, plain, "correct horse")
		if bytes.Contains(file, []byte("diary text")) {
			t.Fatalf("size %d: plaintext visible in the backup file", size)
		}
		got, err := ReadBackup(bytes.NewReader(file), "correct horse")
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("size %d: read back %d bytes, want %d", size, len(got), len(plain))
		}
		if want := max(size-1, 0)/backupChunkSize + 1; len(frames(t, file)) != want {
			t.Fatalf("size %d: %d chunks, want %d", size, len(frames(t, file)), want)
		}
	}
}

// Every way of damaging a backup is refused with the error that tells the
// user what happened.
func TestBackupFileRefusesBadFiles(t *testing.T) {
	plain := bytes.Repeat([]byte("x"), 2*backupChunkSize+100)
	good := sealBackup(t, plain, "correct horse")
	at := frames(t, good)
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(good)) }
	cases := []struct {
		name string
		file []byte
		pass string
		want error
	}{
		{"wrong passphrase", good, "wrong horse", ErrBackupPassword},
		{"not a backup", []byte("%PDF-1.7 hello"), "correct horse", ErrNotBackup},
		{"empty", nil, "correct horse", ErrNotBackup},
		{"newer version", edit(func(b []byte) []byte { b[9] = 2; return b }), "correct horse", ErrBackupVersion},
		{"header cut", good[:40], "correct horse", ErrBackupDamaged},
		{"header changed", edit(func(b []byte) []byte { b[25] ^= 1; return b }), "correct horse", ErrBackupPassword},
		{"cost raised past limit", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[15:], 1<<30); return b }), "correct horse", ErrBackupDamaged},
		{"no chunks", good[:backupHeaderSize], "correct horse", ErrBackupDamaged},
		{"truncated mid-chunk", good[:len(good)-10], "correct horse", ErrBackupDamaged},
		{"final chunk dropped", good[:at[2]], "correct horse", ErrBackupDamaged},
		{"flipped byte", edit(func(b []byte) []byte { b[at[1]+100] ^= 0x40; return b }), "correct horse", ErrBackupDamaged},
		{"final flag set early", edit(func(b []byte) []byte { b[at[0]] = 1; return b[:at[1]] }), "correct horse", ErrBackupDamaged},
		{"chunks swapped", append(append(append([]byte{}, good[:at[0]]...), good[at[1]:at[2]]...), append(good[at[0]:at[1]], good[at[2]:]...)...), "correct horse", ErrBackupDamaged},
		{"chunk repeated", append(append(append([]byte{}, good[:at[1]]...), good[at[0]:at[1]]...), good[at[1]:]...), "correct horse", ErrBackupDamaged},
		{"trailing bytes", append(bytes.Clone(good), 0), "correct horse", ErrBackupDamaged},
		{"huge length", edit(func(b []byte) []byte { binary.BigEndian.PutUint32(b[at[0]+1:], 1<<31); return b }), "correct horse", ErrBackupDamaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadBackup(bytes.NewReader(c.file), c.pass)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if got != nil {
				t.Fatal("returned contents from a bad file")
			}
		})
	}
}
