package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/data"
)

// pngBytes is the start of a PNG file: enough for the type to be sniffed.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")

const backupPass = "long enough passphrase"

// backedUpApp is a carer's profile with a photo, a recording and a need,
// backed up to a file it returns.
func backedUpApp(t *testing.T) (*App, string) {
	t.Helper()
	a, c := readyApp(t)
	must(t, a.SaveMilestone(&Milestone{ChildID: c.ID, Mission: MissionRelationships, Title: "Joined the choir",
		Status: MilestoneAchieved, AchievedDate: date(2026, 1, 4)}, &File{Name: "choir.png", Content: pngBytes}))
	must(t, a.SaveRecording(&Recording{ChildID: c.ID, Day: date(2026, 2, 1), Text: "Sang a solo at assembly"}))
	must(t, a.SaveNeed(&Need{Category: NeedRespite, Description: "Weekend respite", Urgency: UrgencySoon, Status: NeedDraft}))
	must(t, a.SetRulesCountry(CountryWales))
	must(t, a.SetTheme(ThemeDark))
	path := filepath.Join(t.TempDir(), "hearth"+BackupExt)
	must(t, a.WriteBackup(path, backupPass))
	return a, path
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func openFile(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// records is every live record of a, for before-and-after comparisons.
func records(t *testing.T, a *App) *data.Snapshot {
	t.Helper()
	snap, err := a.store.Snapshot()
	must(t, err)
	snap.Made = snap.Made.AddDate(-snap.Made.Year(), 0, 0)
	return snap
}

// A backup opens on another machine (another keychain, another data key,
// a freshly set-up profile) with its own passphrase, and restores there.
func TestBackupRestoresOnAnotherMachine(t *testing.T) {
	src, path := backedUpApp(t)
	raw, err := os.ReadFile(path)
	must(t, err)
	for _, secret := range []string{"Test Child", "Joined the choir", "Sang a solo", "Ann Test"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("backup file holds %q in plain text", secret)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".hearth-backup-*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}

	dst := openTest(t, t.TempDir(), NoKeychain{})
	must(t, dst.CompleteSetup(Setup{Language: "cy", Kind: KindKinshipFoster, CarerNames: []string{"Other Carer"},
		ApprovalDate: date(2026, 5, 1), Passphrase: "another passphrase"}))
	b, err := dst.OpenBackup(openFile(t, path), backupPass)
	must(t, err)
	want := map[RecordType]RestoreCount{
		TypeHousehold: {DeviceNewer: 1}, TypeChildren: {Add: 1}, TypeMilestones: {Add: 1},
		TypeAttachments: {Add: 1}, TypeRecordings: {Add: 1}, TypeNeeds: {Add: 1}, TypeSettings: {Add: 1},
	}
	if !reflect.DeepEqual(b.Counts, want) {
		t.Fatalf("counts %+v, want %+v", b.Counts, want)
	}
	if len(b.Newer) != 1 || b.Newer[0].Type != TypeHousehold {
		t.Fatalf("newer: %+v", b.Newer)
	}

	must(t, dst.Restore(b, false))
	h, err := dst.Household()
	must(t, err)
	if h.Carers[0].Name != "Other Carer" {
		t.Fatalf("keep newer replaced the household: %+v", h.Carers)
	}
	must(t, dst.Restore(b, true))
	got, want2 := records(t, dst), records(t, src)
	got.Kind, want2.Kind = "", ""
	if !reflect.DeepEqual(got, want2) {
		t.Fatalf("restored records differ:\n got %+v\nwant %+v", got, want2)
	}
	hits, err := dst.Search("solo")
	if err != nil || len(hits) != 1 {
		t.Fatalf("restored recording not searchable: %v %v", hits, err)
	}
	if dst.RulesCountry() != CountryWales || dst.Theme() != ThemeLight {
		t.Fatalf("after restore: rules %q (want the backup's), theme %q (want this device's)", dst.RulesCountry(), dst.Theme())
	}
}

// Whoever made a backup file, it cannot set this device's own settings
// (its theme, its app lock).
func TestBackupCannotSetDeviceSettings(t *testing.T) {
	src, _ := readyApp(t)
	must(t, src.SetTheme(ThemeDark))
	snap, err := src.store.Snapshot("theme", settingCountry)
	must(t, err)
	snap.Kind = string(ProfileCarer)
	var file bytes.Buffer
	bw, err := data.NewBackupWriter(&file, backupPass, testKDF)
	must(t, err)
	must(t, json.NewEncoder(bw).Encode(snap))
	must(t, bw.Close())

	dst, _ := readyApp(t)
	b, err := dst.OpenBackup(&file, backupPass)
	must(t, err)
	if c, ok := b.Counts[TypeSettings]; ok {
		t.Fatalf("device settings offered for restore: %+v", c)
	}
	must(t, dst.Restore(b, true))
	if dst.Theme() != ThemeLight {
		t.Fatal("a backup set this device's theme")
	}
}

// A wrong passphrase, another kind of file, a truncated, corrupted or
// tampered backup, and a care leaver's backup in a carer's profile are
// each refused with their own message, and nothing changes.
func TestBadBackupsChangeNothing(t *testing.T) {
	_, path := backedUpApp(t)
	good, err := os.ReadFile(path)
	must(t, err)
	flip := func(at int, mask byte) []byte {
		b := bytes.Clone(good)
		b[at] ^= mask
		return b
	}
	leaver := leaverApp(t)
	leaverPath := filepath.Join(t.TempDir(), "leaver"+BackupExt)
	must(t, leaver.WriteBackup(leaverPath, backupPass))
	leaverFile, err := os.ReadFile(leaverPath)
	must(t, err)

	dst, c := readyApp(t)
	must(t, dst.SaveRecording(&Recording{ChildID: c.ID, Day: date(2026, 3, 1), Text: "Kept"}))
	before := records(t, dst)
	for _, tc := range []struct {
		name, pass, key string
		file            []byte
	}{
		{"wrong passphrase", "not the passphrase", "error.backup_passphrase", good},
		{"not a backup", backupPass, "error.backup_not_backup", []byte("name,date\nJay,2026-01-01\n")},
		{"truncated", backupPass, "error.backup_damaged", good[:len(good)-100]},
		{"corrupted", backupPass, "error.backup_damaged", flip(len(good)/2, 1)},
		{"tampered header", backupPass, "error.backup_passphrase", flip(30, 1)},
		{"newer format", backupPass, "error.backup_version", flip(9, 3)},
		{"care leaver's backup", backupPass, "error.backup_wrong_kind", leaverFile},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := dst.OpenBackup(bytes.NewReader(tc.file), tc.pass)
			wantUserError(t, err, tc.key)
			if b != nil {
				t.Fatal("a bad backup was opened")
			}
			if after := records(t, dst); !reflect.DeepEqual(after, before) {
				t.Fatal("records changed after a refused restore")
			}
		})
	}
}

func TestBackupPassphraseChecks(t *testing.T) {
	wantUserError(t, CheckBackupPassphrase("short", "short"), "error.passphrase_short")
	wantUserError(t, CheckBackupPassphrase("long enough one", "long enough two"), "error.passphrase_mismatch")
	must(t, CheckBackupPassphrase("long enough one", "long enough one"))
	a, _ := readyApp(t)
	dir := t.TempDir()
	wantUserError(t, a.WriteBackup(filepath.Join(dir, "b"+BackupExt), "short"), "error.passphrase_short")
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused backup left files: %v", entries)
	}
}

// A care leaver's backup restores into a care leaver's fresh profile on
// another machine: their profile, goals and steps.
func TestCareLeaverBackupRestores(t *testing.T) {
	src := leaverApp(t)
	must(t, src.SaveGoal(&Goal{Mission: MissionWork, Title: "Get a job", Steps: []Step{{Text: "Write a CV"}}}))
	var file bytes.Buffer
	must(t, src.BackupTo(&file, backupPass))

	dst := openTest(t, t.TempDir(), NoKeychain{})
	fresh := leaverSetup
	fresh.Name, fresh.Passphrase = "Fresh Start", "another passphrase"
	must(t, dst.CompleteLeaverSetup(fresh))
	b, err := dst.OpenBackup(&file, backupPass)
	must(t, err)
	if c := b.Counts[TypeLeaver]; c.DeviceNewer != 1 || b.Counts[TypeGoals].Add != 1 {
		t.Fatalf("counts %+v", b.Counts)
	}
	must(t, dst.Restore(b, true))
	p, err := dst.LeaverProfile()
	must(t, err)
	goals, err := dst.Goals()
	must(t, err)
	if p.Name != "Rhys Test" || len(goals) != 1 || goals[0].Steps[0].Text != "Write a CV" {
		t.Fatalf("restored profile %q, goals %+v", p.Name, goals)
	}
}

// "Use the backup's copies" replaces the newer records the user was shown,
// and no others: a record changed here after the summary was worked out
// is kept, since the user never saw it among those to be replaced.
func TestRestoreReplacesOnlyTheNewerRecordsShown(t *testing.T) {
	_, path := backedUpApp(t)
	var mu sync.Mutex
	now := fixedNow
	dst := clockedApp(t, t.TempDir(), NoKeychain{}, &now, &mu)
	must(t, dst.CompleteSetup(Setup{Language: "en", Kind: KindKinshipFoster, CarerNames: []string{"Other Carer"},
		ApprovalDate: date(2026, 5, 1), Passphrase: "another passphrase"}))
	b, err := dst.OpenBackup(openFile(t, path), backupPass)
	must(t, err)
	must(t, dst.Restore(b, true))

	b, err = dst.OpenBackup(openFile(t, path), backupPass)
	must(t, err)
	if len(b.Newer) != 0 {
		t.Fatalf("after a full restore the summary lists newer records: %+v", b.Newer)
	}
	// After the summary, before the user chooses: the child is renamed here.
	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	kids, err := dst.Children()
	must(t, err)
	kid := kids[0]
	kid.Name = "Renamed Here"
	must(t, dst.SaveChild(&kid))

	must(t, dst.Restore(b, true))
	got, err := dst.Child(kid.ID)
	must(t, err)
	if got.Name != "Renamed Here" {
		t.Fatalf("a change made after the summary was overwritten unasked: the child is %q", got.Name)
	}
}
