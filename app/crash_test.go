package app

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crashKills is how many times TestCrash kills the writer. The default
// keeps `go test` quick; scripts/crash.sh (run by CI) asks for 1,000:
//
//	go test ./app -run '^TestCrash$' -crash.kills=1000
var crashKills = flag.Int("crash.kills", 25, "how many times TestCrash kills the writer process")

// crashKillsPerStore bounds how many kills one store lives through before
// the harness starts a fresh one, so checking every record stays cheap as
// the count grows.
const crashKillsPerStore = 100

// crashMaxDelay is the longest the parent lets the writer run before the
// kill. The delay is random and uniform, so kills land before, inside and
// after commits; a few kills are timed from process start instead, to land
// in opening the store (WAL recovery, migrations, unlock).
const crashMaxDelay = 40 * time.Millisecond

// TestCrash starts the writer, kills it with SIGKILL at a random moment,
// reopens the store and checks it: SQLite's integrity check passes, every
// record the writer reported as saved is there and decrypts to the text it
// was saved with, no record is there twice, and every record has its sync
// outbox entry (written in the same transaction). Then it goes again.
func TestCrash(t *testing.T) {
	if os.Getenv(crashDirEnv) != "" {
		t.Skip("inside the writer process")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("find the test binary to run as the writer: %v", err)
	}
	var h *crashStore
	kills, clean, stores, saved := 0, 0, 0, 0
	for kills < *crashKills {
		if kills%crashKillsPerStore == 0 && (h == nil || h.kills > 0) {
			if h != nil {
				saved += len(h.saved)
			}
			h, stores = newCrashStore(t), stores+1
		}
		killed := h.runOnce(t, exe)
		if killed {
			kills++
			h.kills++
		} else {
			clean++
		}
		if clean > *crashKills {
			t.Fatalf("the writer exited by itself %d times; it should run until killed", clean)
		}
	}
	saved += len(h.saved)
	if saved == 0 {
		t.Fatalf("%d kills, but the writer never reported a saved record: the harness tested nothing", kills)
	}
	t.Logf("%d kills (%d clean exits) on %d stores; %d records reported saved, all present and decrypting", kills, clean, stores, saved)
}

// crashStore is one store under test and what the writers have promised
// about it so far.
type crashStore struct {
	dir   string
	child string
	saved map[string]int // record id -> sequence number, as reported
	next  int            // the next sequence number a writer should use
	kills int
}

// newCrashStore sets up a carer profile with one child, protected by the
// harness passphrase, and closes it.
func newCrashStore(t *testing.T) *crashStore {
	t.Helper()
	dir := t.TempDir()
	a, err := Open(Options{Dir: dir, Keychain: NoKeychain{}, KDF: &testKDF, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatalf("open a new harness store: %v", err)
	}
	defer a.Close()
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindSpecialGuardian, CarerNames: []string{"Harness Carer"}, Passphrase: crashPassphrase}); err != nil {
		t.Fatalf("set up the harness store: %v", err)
	}
	c := Child{Name: "Harness Child", DateOfBirth: date(2016, 4, 1), Arrangement: ArrangementSGO, PlacementStart: date(2024, 1, 8)}
	if err := a.SaveChild(&c); err != nil {
		t.Fatalf("save the harness child: %v", err)
	}
	return &crashStore{dir: dir, child: c.ID, saved: map[string]int{}}
}

// runOnce runs one writer, kills it after a random delay and checks the
// store. It reports whether the writer was really killed (rather than
// having stopped on its own).
func (h *crashStore) runOnce(t *testing.T, exe string) bool {
	t.Helper()
	cmd := exec.Command(exe, "-test.run=^TestCrashWriterProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+h.dir, crashStartEnv+"="+strconv.Itoa(h.next))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("writer's stdout: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the writer: %v", err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var reported []string
	if rand.IntN(8) != 0 {
		// Wait until the writer has the store open and is saving.
		for l := range lines {
			if l == "ready" {
				break
			}
			reported = append(reported, l)
		}
	}
	time.Sleep(rand.N(crashMaxDelay))
	killErr := cmd.Process.Kill()
	for l := range lines {
		reported = append(reported, l)
	}
	waitErr := cmd.Wait()
	killed := killErr == nil && !cmd.ProcessState.Success() && cmd.ProcessState.ExitCode() == -1
	if !killed && !strings.Contains(stderr.String(), "crash writer:") && waitErr == nil {
		// It finished its run limit before the kill: no harm, not a kill.
		h.check(t, reported)
		return false
	}
	if !killed {
		t.Fatalf("the writer failed before it was killed: %v\n%s", waitErr, stderr.String())
	}
	h.check(t, reported)
	return true
}

// check records what the writer reported and then verifies the store.
func (h *crashStore) check(t *testing.T, reported []string) {
	t.Helper()
	for _, l := range reported {
		f := strings.Fields(l)
		if len(f) != 3 || f[0] != "saved" {
			continue // the test framework's own output
		}
		seq, err := strconv.Atoi(f[2])
		if err != nil {
			t.Fatalf("writer reported %q: %v", l, err)
		}
		h.saved[f[1]] = seq
	}
	if err := h.verify(); err != nil {
		t.Fatalf("after kill %d of this store: %v", h.kills+1, err)
	}
}

// verify reopens the store and checks everything the writers promised.
func (h *crashStore) verify() error {
	a, err := Open(Options{Dir: h.dir, Keychain: NoKeychain{}, KDF: &testKDF, Now: func() time.Time { return fixedNow }})
	if err != nil {
		return fmt.Errorf("reopen: %w", err)
	}
	defer a.Close()
	if err := a.store.IntegrityCheck(); err != nil {
		return err
	}
	if err := a.Unlock(crashPassphrase); err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	all, err := a.Recordings(h.child, 0, 1<<30)
	if err != nil {
		return fmt.Errorf("list recordings: %w", err)
	}
	seen := map[int]string{}
	for _, r := range all {
		seq, err := crashSeq(r.Text)
		if err != nil {
			return fmt.Errorf("recording %s: %w", r.ID, err)
		}
		if r.Text != crashText(seq) {
			return fmt.Errorf("recording %s decrypts to the wrong text for sequence %d", r.ID, seq)
		}
		if other, dup := seen[seq]; dup {
			return fmt.Errorf("sequence %d is stored twice, as %s and %s", seq, other, r.ID)
		}
		seen[seq] = r.ID
		h.next = max(h.next, seq+1)
	}
	for id, seq := range h.saved {
		if seen[seq] != id {
			return fmt.Errorf("recording %s (sequence %d) was reported saved but is missing", id, seq)
		}
		r, err := a.Recording(id)
		if err != nil {
			return fmt.Errorf("recording %s was reported saved: %w", id, err)
		}
		if r.Text != crashText(seq) {
			return fmt.Errorf("recording %s decrypts to the wrong text", id)
		}
	}
	return h.verifyOutbox(a, seen)
}
