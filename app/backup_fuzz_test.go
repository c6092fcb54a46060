package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/hearth-app/hearth/data"
)

// FuzzOpenBackup feeds the restore path backups whose encryption is sound
// but whose contents are anything at all, as a file made by someone who
// shares its passphrase could be. Opening and restoring must never panic;
// a refused restore must change nothing.
func FuzzOpenBackup(f *testing.F) {
	src, c := carerApp(f)
	must(f, src.SaveMilestone(&Milestone{ChildID: c.ID, Mission: MissionHealth, Title: "Dentist", Status: MilestonePlanned}, nil))
	must(f, src.SaveGoal(&Goal{Mission: MissionWork, Title: "Job", Steps: []Step{{Text: "CV"}}}))
	must(f, src.SaveTraining(&Training{Title: "First aid", Date: date(2026, 2, 2), Format: FormatCourse, Hours: 2, Standards: []int{3}}, nil))
	snap, err := src.store.Snapshot(profileSettings...)
	must(f, err)
	snap.Kind = string(ProfileCarer)
	seed, err := json.Marshal(snap)
	must(f, err)
	f.Add(seed)
	f.Add([]byte(`{"Format":1,"Kind":"carer","Children":[{"ID":"x"}]}`))
	f.Add([]byte(`{"Format":1,"Kind":"carer","Trainings":[{"ID":"t","Created":"2026-01-01T00:00:00Z","Updated":"2026-01-01T00:00:00Z","Title":"x","Format":"course","Standards":[99]}]}`))

	dst, _ := carerApp(f)
	f.Fuzz(func(t *testing.T, plain []byte) {
		var file bytes.Buffer
		bw, err := data.NewBackupWriter(&file, backupPass, testKDF)
		must(t, err)
		_, err = bw.Write(plain)
		must(t, err)
		must(t, bw.Close())
		before := records(t, dst)
		b, err := dst.OpenBackup(&file, backupPass)
		if err != nil {
			var ue *UserError
			if !errors.As(err, &ue) {
				t.Fatalf("error the user cannot be told about: %v", err)
			}
			return
		}
		if err := dst.Restore(b, true); err != nil {
			if after := records(t, dst); !reflect.DeepEqual(after, before) {
				t.Fatalf("a failed restore changed records: %v", err)
			}
		}
	})
}

// carerApp is readyApp for a fuzz target, which has a testing.F.
func carerApp(tb testing.TB) (*App, Child) {
	tb.Helper()
	a, err := Open(Options{Dir: tb.TempDir(), Keychain: newMemKeychain(), KDF: &testKDF, Now: func() time.Time { return fixedNow }})
	must(tb, err)
	tb.Cleanup(func() { a.Close() })
	must(tb, a.CompleteSetup(Setup{Language: "en", Kind: KindFoster, CarerNames: []string{"Ann Test"}, ApprovalDate: date(2026, 3, 1)}))
	c := Child{Name: "Test Child", DateOfBirth: date(2018, 6, 1), Arrangement: ArrangementFoster, PlacementStart: date(2025, 9, 1)}
	must(tb, a.SaveChild(&c))
	return a, c
}
