package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/hearth-app/hearth/data"
)

// ExportDirName is the start of the folder an export creates, followed by
// the date (and a number when one from the same day is already there).
const ExportDirName = "hearth-export-"

// exportAttachment is an attachment as the export lists it: its details,
// and the name of the file beside the JSON that holds its content.
type exportAttachment struct {
	data.Record
	Name string
	MIME string
	File string
}

// exportStep is one step of a goal's checklist, with the goal it belongs
// to, so goal_steps.csv stands on its own.
type exportStep struct {
	GoalID string
	data.Step
}

// exportHousehold is the household without its carers, which have a file
// of their own.
type exportHousehold struct {
	data.Record
	Kind         data.CarerKind
	ApprovalDate time.Time
}

// exportCarer is one carer of the household.
type exportCarer struct {
	HouseholdID string
	data.Carer
}

// Export writes every record of the open profile, decrypted, into a new
// folder inside dir: one JSON and one CSV file per record type, and the
// attachments (photos, certificates) as files in attachments/. It is the
// user's right of access, so the files are deliberately readable and NOT
// encrypted; the screen says so before the user chooses the folder. It
// returns the folder it made; on failure it removes it, so no partial copy
// of the records is left behind.
func (a *App) Export(dir string) (string, error) {
	snap, err := a.store.Snapshot(profileSettings...)
	if err != nil {
		return "", fmt.Errorf("export: %w", err)
	}
	out, err := newExportDir(dir, ExportDirName+a.Today().Format("2006-01-02"))
	if err != nil {
		return "", fmt.Errorf("export: %w", err)
	}
	if err := writeExport(out, snap); err != nil {
		_ = os.RemoveAll(out)
		return "", fmt.Errorf("export: %w", err)
	}
	return out, nil
}

// newExportDir makes a fresh folder named base (or base-2, base-3…) so an
// export never writes into, or over, an earlier one.
func newExportDir(dir, base string) (string, error) {
	for n := 1; n < 1000; n++ {
		name := base
		if n > 1 {
			name += "-" + strconv.Itoa(n)
		}
		path := filepath.Join(dir, name)
		err := os.Mkdir(path, 0o700)
		if err == nil {
			return path, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("too many exports named %s in %s", base, dir)
}

func writeExport(out string, snap *data.Snapshot) error {
	files, err := writeAttachments(out, snap.Attachments)
	if err != nil {
		return err
	}
	var household []exportHousehold
	var leaver []data.LeaverProfile
	var carers []exportCarer
	if h := snap.Household; h != nil {
		household = []exportHousehold{{h.Record, h.Kind, h.ApprovalDate}}
		for _, c := range h.Carers {
			carers = append(carers, exportCarer{h.ID, c})
		}
	}
	if p := snap.Leaver; p != nil {
		leaver = []data.LeaverProfile{*p}
	}
	var steps []exportStep
	for _, g := range snap.Goals {
		for _, st := range g.Steps {
			steps = append(steps, exportStep{g.ID, st})
		}
	}
	for _, t := range []struct {
		name string
		rows any
	}{
		{string(data.TypeHousehold), household},
		{"carers", carers},
		{string(data.TypeLeaver), leaver},
		{string(data.TypeChildren), snap.Children},
		{string(data.TypeMilestones), snap.Milestones},
		{string(data.TypeRecordings), snap.Recordings},
		{string(data.TypeNeeds), snap.Needs},
		{string(data.TypeTraining), snap.Trainings},
		{string(data.TypeSignOffs), snap.SignOffs},
		{string(data.TypeGoals), snap.Goals},
		{"goal_steps", steps},
		{string(data.TypeReminders), snap.Reminders},
		{string(data.TypeAttachments), files},
		{string(data.TypeSettings), snap.Settings},
	} {
		if err := writeJSON(filepath.Join(out, t.name+".json"), t.rows); err != nil {
			return err
		}
		if err := writeCSV(filepath.Join(out, t.name+".csv"), t.rows); err != nil {
			return err
		}
	}
	return nil
}

// writeAttachments writes each attachment's content to attachments/ under
// a safe, unique name and lists them.
func writeAttachments(out string, atts []data.Attachment) ([]exportAttachment, error) {
	list := make([]exportAttachment, 0, len(atts))
	if len(atts) == 0 {
		return list, nil
	}
	dir := filepath.Join(out, "attachments")
	if err := os.Mkdir(dir, 0o700); err != nil {
		return nil, err
	}
	for _, at := range atts {
		name := safeFileName(at.ID, at.Name, at.MIME)
		if err := os.WriteFile(filepath.Join(dir, name), at.Content, 0o600); err != nil {
			return nil, err
		}
		list = append(list, exportAttachment{Record: at.Record, Name: at.Name, MIME: at.MIME, File: "attachments/" + name})
	}
	return list, nil
}

func writeJSON(path string, rows any) error {
	b, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		return err
	}
	if string(b) == "null" {
		b = []byte("[]")
	}
	return os.WriteFile(path, append(b, '\n'), 0o600)
}
