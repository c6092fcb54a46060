package screens

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

const testBackupPass = "a long backup passphrase"

// passwordEntries finds the visible passphrase boxes, the dialog's first.
func passwordEntries(u *UI) []*widget.Entry {
	var out []*widget.Entry
	visit(u, func(o fyne.CanvasObject) (bool, bool) {
		if e, ok := o.(*widget.Entry); ok && e.Password {
			out = append(out, e)
			return false, true
		}
		return true, true
	})
	return out
}

func childNames(t *testing.T, a *app.App) []string {
	t.Helper()
	kids, err := a.Children()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range kids {
		out = append(out, c.Name)
	}
	return out
}

// backupOf is the bytes of a backup, under testBackupPass, of a foster
// carer's profile with the named children.
func backupOf(t *testing.T, children ...string) []byte {
	t.Helper()
	src := newApp(t)
	setUp(t, src, app.KindFoster)
	for _, name := range children {
		addChild(t, src, name)
	}
	path := filepath.Join(t.TempDir(), "b"+app.BackupExt)
	if err := src.WriteBackup(path, testBackupPass); err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return content
}

func TestBackupPassphrasesMustMatch(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	u.open(route{page: pageSettings})
	mustShow(t, u, "Back up and restore")
	button(t, u, "Make a backup…").OnTapped()
	mustShow(t, u, "Choose a passphrase for this backup")
	pass := passwordEntries(u)
	if len(pass) != 2 {
		t.Fatalf("%d passphrase boxes, want 2", len(pass))
	}
	test.Type(pass[0], "long enough one")
	test.Type(pass[1], "long enough two")
	test.Tap(button(t, u, "Choose where to save…"))
	mustShow(t, u, "The two passphrases are not the same")
	test.Type(pass[1], "x")
	test.Tap(button(t, u, "Cancel"))
	mustNotShow(t, u, "Choose a passphrase for this backup")
}

// The backup is written to the file the save dialog hands back, and opens
// with its passphrase.
func TestBackupWritesTheChosenFile(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	addChild(t, a, "Ffion Jones")
	u := newUI(t, a)
	path := filepath.Join(t.TempDir(), "mine"+app.BackupExt)
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	(&backupView{u: u, problem: problem()}).writeBackup(w, testBackupPass)
	waitIdle(t, u)
	mustShow(t, u, "Backup saved")
	raw, err := os.ReadFile(path)
	if err != nil || bytes.Contains(raw, []byte("Ffion")) {
		t.Fatalf("backup file: %d bytes, %v, or holds the name in plain text", len(raw), err)
	}
	if _, err := a.OpenBackup(bytes.NewReader(raw), testBackupPass); err != nil {
		t.Fatalf("written backup does not open: %v", err)
	}
}

// The summary shows what a restore would do; Cancel changes nothing, a
// wrong passphrase says so, and restoring adds the backup's records.
func TestRestoreSummary(t *testing.T) {
	content := backupOf(t, "Ffion Jones")

	a := newApp(t)
	setUp(t, a, app.KindFoster)
	addChild(t, a, "Osian Evans")
	u := newUI(t, a)
	u.open(route{page: pageSettings})
	v := &backupView{u: u, problem: problem()}

	v.askRestorePassphrase(content)
	test.Type(passwordEntries(u)[0], "not the passphrase")
	test.Tap(button(t, u, "Open the backup"))
	waitIdle(t, u)
	mustShow(t, u, "That passphrase doesn't open this backup")
	pass := passwordEntries(u)[0]
	pass.SetText("")
	test.Type(pass, testBackupPass)
	test.Tap(button(t, u, "Open the backup"))
	waitIdle(t, u)
	mustShow(t, u, "Restore from this backup?")
	mustShow(t, u, "Children")
	mustShow(t, u, "1 new, 0 to update, 0 already here, 0 newer on this device")
	// This device's household was set up separately and counts as newer.
	mustShow(t, u, "0 new, 0 to update, 0 already here, 1 newer on this device")
	mustShow(t, u, "These records were changed on this device after the backup was made")

	test.Tap(button(t, u, "Cancel"))
	mustNotShow(t, u, "Restore from this backup?")
	if got := childNames(t, a); len(got) != 1 || got[0] != "Osian Evans" {
		t.Fatalf("cancel changed the children: %v", got)
	}

	v.askRestorePassphrase(content)
	test.Type(passwordEntries(u)[0], testBackupPass)
	test.Tap(button(t, u, "Open the backup"))
	waitIdle(t, u)
	test.Tap(button(t, u, "Restore, keep the newer copies"))
	waitIdle(t, u)
	mustShow(t, u, "Your records were restored from the backup.")
	if got := childNames(t, a); len(got) != 2 {
		t.Fatalf("after restore the children are %v", got)
	}
	h, err := a.Household()
	if err != nil || h.Carers[0].Name != "Sam Carer" {
		t.Fatalf("keep newer changed the household: %+v %v", h, err)
	}
}

func TestExportSaysNotEncryptedAndWrites(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	addChild(t, a, "Ffion Jones")
	u := newUI(t, a)
	u.open(route{page: pageSettings})
	mustShow(t, u, "Export my data")
	mustShow(t, u, "These files are NOT encrypted")
	button(t, u, "Choose a folder and export…")

	dir := t.TempDir()
	u.exportTo(dir, problem())
	waitIdle(t, u)
	mustShow(t, u, "Export finished")
	mustShow(t, u, "these files are not encrypted")
	matches, _ := filepath.Glob(filepath.Join(dir, app.ExportDirName+"*", "children.csv"))
	if len(matches) != 1 {
		t.Fatalf("children.csv not exported: %v", matches)
	}
	raw, err := os.ReadFile(matches[0])
	if err != nil || !bytes.Contains(raw, []byte("Ffion Jones")) {
		t.Fatalf("children.csv: %q %v", raw, err)
	}
}

// A file that is not a backup is refused from its first bytes, in words
// the user understands.
func TestReadBackupFile(t *testing.T) {
	_, err := readBackupFile(bytes.NewReader([]byte("%PDF-1.7 a report")))
	var ue *app.UserError
	if !errors.As(err, &ue) || ue.Key != "error.backup_not_backup" {
		t.Fatalf("got %v, want the not-a-backup message", err)
	}
	if _, message := explain("read backup file", err); !strings.Contains(message, "not a Hearth backup") {
		t.Fatalf("message %q", message)
	}
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	var buf bytes.Buffer
	if err := a.BackupTo(&buf, testBackupPass); err != nil {
		t.Fatal(err)
	}
	got, err := readBackupFile(bytes.NewReader(buf.Bytes()))
	if err != nil || !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("a real backup was not read whole: %d of %d bytes, %v", len(got), buf.Len(), err)
	}
}

// Logged file errors keep what failed and why, but not the path, which
// can hold a name.
func TestFileErrDropsPaths(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "Ffion Jones backup.hearthbackup"))
	attr := fileErr(fmt.Errorf("write backup: %w", err))
	if s := attr.Value.String(); strings.Contains(s, "Ffion") || !strings.Contains(s, "no such file") {
		t.Fatalf("logged %q", s)
	}
	if err := os.Rename(filepath.Join(t.TempDir(), "Ffion a"), filepath.Join(t.TempDir(), "Ffion b")); err == nil {
		t.Fatal("rename of a missing file succeeded")
	} else if s := fileErr(err).Value.String(); strings.Contains(s, "Ffion") {
		t.Fatalf("logged %q", s)
	}
}

// A backup that finishes opening after Hearth locked itself must not put
// its summary (with the names of this device's newer records) over the
// unlock screen.
func TestRestoreSummaryNotShownOnceLocked(t *testing.T) {
	content := backupOf(t)

	a, u := pinUI(t)
	u.open(route{page: pageSettings})
	v := &backupView{u: u, problem: problem()}
	v.askRestorePassphrase(content)
	test.Type(passwordEntries(u)[0], testBackupPass)
	test.Tap(button(t, u, "Open the backup"))
	// The backup opens in the background; Hearth locks before its result
	// reaches the UI thread.
	q, _ := uiQueues.Load(u)
	apply := <-q.(chan func())
	u.lockApp()
	apply()
	waitIdle(t, u)
	if a.State() != app.StateLocked {
		t.Fatal("Hearth did not lock")
	}
	mustNotShow(t, u, "Restore from this backup?")
	mustNotShow(t, u, "Sam Carer")
	if n := len(u.w.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d dialogs open over the unlock screen", n)
	}
}

// Enter pressed again while the backup is being opened starts no second
// opening, so one summary appears, not two stacked.
func TestRestoreEnterTwiceOpensOnce(t *testing.T) {
	content := backupOf(t)
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	u.open(route{page: pageSettings})
	v := &backupView{u: u, problem: problem()}
	v.askRestorePassphrase(content)
	pass := passwordEntries(u)[0]
	test.Type(pass, testBackupPass)
	pass.OnSubmitted(pass.Text)
	pass.OnSubmitted(pass.Text)
	waitIdle(t, u)
	summaries := 0
	for _, text := range texts(u) {
		if text == "Restore from this backup?" {
			summaries++
		}
	}
	if summaries != 1 {
		t.Fatalf("%d restore summaries open, want 1", summaries)
	}
}
