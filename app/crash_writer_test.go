package app

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The crash harness's writer runs in a child process: the test binary
// started again with crashDirEnv set, running only TestCrashWriterProcess.
// It saves recordings through the real app and data code and, after each
// commit returns, prints one "saved <id> <seq>" line per recording, so
// every line the parent reads is a promise that the record is durable.
const (
	crashDirEnv   = "HEARTH_CRASH_DIR"   // the data directory to write to
	crashStartEnv = "HEARTH_CRASH_START" // the first sequence number to use
)

// crashPassphrase unlocks the harness's store. It uses a passphrase (with
// the cheap test KDF) rather than a keychain, so parent and child, being
// different processes, can both unlock it.
const crashPassphrase = "crash-harness-passphrase"

// crashDay is the day every harness recording is about; it is before
// fixedNow, so validation accepts it.
var crashDay = date(2026, 11, 1)

// crashText is the text recording seq must hold, so the parent can tell a
// record that decrypts to the wrong text, or a sequence saved twice. Its
// length varies so some records spill onto overflow pages.
func crashText(seq int) string {
	return fmt.Sprintf("crash record %d %s.", seq, strings.Repeat("w", seq%700))
}

// crashSeq reads the sequence number back from a recording's text.
func crashSeq(text string) (int, error) {
	f := strings.Fields(text)
	if len(f) < 3 || f[0] != "crash" || f[1] != "record" {
		return 0, fmt.Errorf("recording text %.40q is not a harness record", text)
	}
	return strconv.Atoi(f[2])
}

// crashWriterLimit stops a writer whose parent never killed it (the parent
// itself died), so no process is left writing for ever.
const crashWriterLimit = 30 * time.Second

// TestCrashWriterProcess is the writer. It does nothing in an ordinary run.
func TestCrashWriterProcess(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("the crash harness's writer process; TestCrash starts it")
	}
	if err := crashWrite(dir, os.Getenv(crashStartEnv)); err != nil {
		fmt.Fprintln(os.Stderr, "crash writer:", err)
		os.Exit(2)
	}
}

// crashWrite saves recordings until it is killed: singly (one transaction
// each), in batches of three (one transaction for all three) and as
// updates, so a kill can land inside any of them.
func crashWrite(dir, start string) error {
	seq, err := strconv.Atoi(start)
	if err != nil {
		return fmt.Errorf("start sequence %q: %w", start, err)
	}
	a, err := Open(Options{Dir: dir, Keychain: NoKeychain{}, KDF: &testKDF, Now: func() time.Time { return fixedNow }})
	if err != nil {
		return err
	}
	if err := a.Unlock(crashPassphrase); err != nil {
		return err
	}
	children, err := a.Children()
	if err != nil || len(children) != 1 {
		return fmt.Errorf("want the one harness child, got %d (%v)", len(children), err)
	}
	child := children[0].ID
	if _, err := os.Stdout.WriteString("ready\n"); err != nil {
		return err
	}
	deadline := time.Now().Add(crashWriterLimit)
	for n := 0; time.Now().Before(deadline); n++ {
		batch := make([]Recording, 1+2*(n%2))
		for i := range batch {
			batch[i] = Recording{ChildID: child, Day: crashDay, Text: crashText(seq), Significant: seq%5 == 0}
			seq++
		}
		if len(batch) == 1 {
			err = a.SaveRecording(&batch[0])
		} else {
			err = a.SaveRecordings(batch)
		}
		if err != nil {
			return err
		}
		// Every third round also updates a record just saved: the UPDATE
		// path, and its outbox entry coalescing, must survive a kill too.
		if n%3 == 2 {
			batch[0].Tags = []Tag{TagAchievement}
			if err := a.SaveRecording(&batch[0]); err != nil {
				return err
			}
		}
		var lines strings.Builder
		for _, r := range batch {
			s, _ := crashSeq(r.Text)
			fmt.Fprintf(&lines, "saved %s %d\n", r.ID, s)
		}
		if _, err := os.Stdout.WriteString(lines.String()); err != nil {
			return err
		}
	}
	return a.Close()
}
