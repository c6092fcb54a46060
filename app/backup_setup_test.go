package app

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

// A new computer is set up straight from a backup: same records, same
// kind, a key of its own; a wrong passphrase first changes nothing.
func TestSetUpFromBackup(t *testing.T) {
	src, path := backedUpApp(t)
	raw, err := os.ReadFile(path)
	must(t, err)

	dir := t.TempDir()
	dst := openTest(t, dir, NoKeychain{})
	wantUserError(t, dst.SetUpFromBackup(bytes.NewReader(raw), "not the passphrase", "cy", "device passphrase"), "error.backup_passphrase")
	if dst.State() != StateNew || dst.HasPassphrase() || dst.ProfileKind() != "" {
		t.Fatalf("a refused backup changed the new profile: state %v, kind %q", dst.State(), dst.ProfileKind())
	}
	wantUserError(t, dst.SetUpFromBackup(bytes.NewReader(raw), backupPass, "cy", ""), "error.passphrase_required")

	must(t, dst.SetUpFromBackup(bytes.NewReader(raw), backupPass, "cy", "device passphrase"))
	if dst.State() != StateReady || dst.ProfileKind() != ProfileCarer || dst.Language() != "cy" {
		t.Fatalf("state %v, kind %q, language %q", dst.State(), dst.ProfileKind(), dst.Language())
	}
	got, want := records(t, dst), records(t, src)
	got.Kind, want.Kind = "", ""
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("records differ after setting up from a backup")
	}

	// It opens again on this computer with the device passphrase alone.
	must(t, dst.Close())
	again := openTest(t, dir, NoKeychain{})
	must(t, again.Unlock("device passphrase"))
	if again.State() != StateReady {
		t.Fatalf("reopened state %v", again.State())
	}
}

// A care leaver's backup sets up a care leaver's profile.
func TestSetUpFromCareLeaverBackup(t *testing.T) {
	src := leaverApp(t)
	var file bytes.Buffer
	must(t, src.BackupTo(&file, backupPass))
	dst := openTest(t, t.TempDir(), newMemKeychain())
	must(t, dst.SetUpFromBackup(&file, backupPass, "en", ""))
	p, err := dst.LeaverProfile()
	must(t, err)
	if dst.ProfileKind() != ProfileCareLeaver || p.Name != "Rhys Test" {
		t.Fatalf("kind %q, profile %q", dst.ProfileKind(), p.Name)
	}
}
