package data

import (
	"bytes"
	"errors"
	"testing"
)

// fuzzLimits cap the Argon2id cost a mutated header may ask for at the
// test cost, so each input is cheap; the production limits are tested in
// TestBackupFileRefusesBadFiles.
var fuzzLimits = backupLimits{maxTime: testArgon2.Time, maxMemoryKiB: testArgon2.MemoryKiB, maxThreads: testArgon2.Threads}

// FuzzReadBackup feeds the backup reader arbitrary files. It must never
// panic, and whatever it accepts must be exactly what was sealed: a
// mutation that still opens would be a forgery.
func FuzzReadBackup(f *testing.F) {
	plain := []byte(`{"Format":1,"Children":[{"Name":"Jay"}]}`)
	good := sealBackup(f, plain, "pass")
	f.Add(good)
	f.Add(good[:backupHeaderSize])
	f.Add(good[:len(good)-1])
	f.Add(append(bytes.Clone(good), good[backupHeaderSize:]...))
	f.Add([]byte(backupMagic))
	f.Fuzz(func(t *testing.T, file []byte) {
		got, err := readBackup(bytes.NewReader(file), "pass", fuzzLimits)
		if err != nil {
			if got != nil {
				t.Fatal("contents returned with an error")
			}
			for _, known := range []error{ErrNotBackup, ErrBackupVersion, ErrBackupPassword, ErrBackupDamaged} {
				if errors.Is(err, known) {
					return
				}
			}
			t.Fatalf("error the app cannot explain to the user: %v", err)
		}
		if !bytes.Equal(got, plain) {
			t.Fatalf("accepted a changed backup: %q", got)
		}
	})
}
