package app

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f := openFile(t, path)
	rows, err := csv.NewReader(f).ReadAll()
	must(t, err)
	return rows
}

// column returns the values of the named column, header excluded.
func column(t *testing.T, rows [][]string, name string) []string {
	t.Helper()
	i := slices.Index(rows[0], name)
	if i < 0 {
		t.Fatalf("no column %q in %v", name, rows[0])
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

// The export holds every record type as JSON and CSV, with formulas
// defused and attachments under safe names, in a new folder each time.
func TestExportWritesEveryRecordType(t *testing.T) {
	a, c := readyApp(t)
	must(t, a.SaveNeed(&Need{Category: NeedOther, Description: "=HYPERLINK(\"http://evil\")", Urgency: UrgencySoon, Status: NeedDraft}))
	must(t, a.SaveMilestone(&Milestone{ChildID: c.ID, Mission: MissionHealth, Title: "+Dentist", Status: MilestonePlanned},
		&File{Name: `..\..\.hidden photo`, Content: pngBytes}))
	must(t, a.SaveRecording(&Recording{ChildID: c.ID, Day: date(2026, 2, 1), Text: "@home, line one\nline two", Tags: []Tag{TagHealth, TagEducation}}))
	dir := t.TempDir()

	out, err := a.Export(dir)
	must(t, err)
	if filepath.Base(out) != "hearth-export-2026-11-25" {
		t.Fatalf("export folder %s", out)
	}
	for _, name := range []string{"household", "carers", "care_leaver", "children", "milestones", "recordings", "needs",
		"training", "sign_offs", "goals", "goal_steps", "reminders", "attachments", "settings"} {
		for _, ext := range []string{".json", ".csv"} {
			if _, err := os.Stat(filepath.Join(out, name+ext)); err != nil {
				t.Errorf("missing %s%s: %v", name, ext, err)
			}
		}
	}
	needs := readCSV(t, filepath.Join(out, "needs.csv"))
	if got := column(t, needs, "Description"); !slices.Equal(got, []string{"'=HYPERLINK(\"http://evil\")"}) {
		t.Errorf("need description in CSV: %q", got)
	}
	if got := column(t, readCSV(t, filepath.Join(out, "milestones.csv")), "Title"); !slices.Equal(got, []string{"'+Dentist"}) {
		t.Errorf("milestone title in CSV: %q", got)
	}
	recs := readCSV(t, filepath.Join(out, "recordings.csv"))
	if got := column(t, recs, "Text"); !slices.Equal(got, []string{"'@home, line one\nline two"}) {
		t.Errorf("recording text in CSV: %q", got)
	}
	if got := column(t, recs, "Day"); !slices.Equal(got, []string{"2026-02-01"}) {
		t.Errorf("recording day in CSV: %q", got)
	}
	if got := column(t, recs, "Tags"); !slices.Equal(got, []string{"health; education"}) {
		t.Errorf("recording tags in CSV: %q", got)
	}
	if got := column(t, readCSV(t, filepath.Join(out, "carers.csv")), "Name"); !slices.Equal(got, []string{"Ann Test"}) {
		t.Errorf("carers in CSV: %q", got)
	}

	// JSON keeps the text exactly as typed.
	var children []Child
	raw, err := os.ReadFile(filepath.Join(out, "children.json"))
	must(t, err)
	must(t, json.Unmarshal(raw, &children))
	if len(children) != 1 || children[0].Name != "Test Child" || !children[0].DateOfBirth.Equal(date(2018, 6, 1)) {
		t.Fatalf("children.json: %+v", children)
	}
	var atts []exportAttachment
	raw, err = os.ReadFile(filepath.Join(out, "attachments.json"))
	must(t, err)
	must(t, json.Unmarshal(raw, &atts))
	if len(atts) != 1 || !strings.HasPrefix(atts[0].File, "attachments/") || strings.Contains(atts[0].File, "..") {
		t.Fatalf("attachments.json: %+v", atts)
	}
	content, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(atts[0].File)))
	must(t, err)
	if !bytes.Equal(content, pngBytes) {
		t.Fatal("attachment content differs")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("export wrote outside its folder: %v", entries)
	}

	again, err := a.Export(dir)
	must(t, err)
	if filepath.Base(again) != "hearth-export-2026-11-25-2" {
		t.Fatalf("second export went to %s", again)
	}
}

// A care leaver's export has their profile, goals and steps.
func TestExportCareLeaver(t *testing.T) {
	a := leaverApp(t)
	must(t, a.SaveGoal(&Goal{Mission: MissionWork, Title: "Get a job", Steps: []Step{{Text: "-Write a CV"}, {Text: "Apply"}}}))
	out, err := a.Export(t.TempDir())
	must(t, err)
	if got := column(t, readCSV(t, filepath.Join(out, "care_leaver.csv")), "Name"); !slices.Equal(got, []string{"Rhys Test"}) {
		t.Errorf("care leaver name: %q", got)
	}
	steps := readCSV(t, filepath.Join(out, "goal_steps.csv"))
	if got := column(t, steps, "Text"); !slices.Equal(got, []string{"'-Write a CV", "Apply"}) {
		t.Errorf("steps: %q", got)
	}
	goals := readCSV(t, filepath.Join(out, "goals.csv"))
	if got := column(t, steps, "GoalID"); got[0] != column(t, goals, "ID")[0] {
		t.Errorf("step's goal %q is not the goal %q", got[0], column(t, goals, "ID"))
	}
	if slices.Contains(goals[0], "Steps") {
		t.Error("goals.csv repeats the steps")
	}
}

func TestSafeFileName(t *testing.T) {
	for _, c := range []struct{ name, mime, want string }{
		{"photo.jpg", "image/jpeg", "12345678-photo.jpg"},
		{"photo.JPEG", "image/jpeg", "12345678-photo.JPEG"},
		{"../../etc/passwd", "image/png", "12345678-passwd.png"},
		{`C:\Users\x\cert`, "application/pdf", "12345678-cert.pdf"},
		{"...", "image/png", "12345678-attachment.png"},
		{"", "application/octet-stream", "12345678-attachment"},
		{"a<b>:c|d?.png", "image/png", "12345678-a_b__c_d_.png"},
		{strings.Repeat("é", 200) + ".pdf", "application/pdf", "12345678-" + strings.Repeat("é", 76) + ".pdf"},
		{"x." + strings.Repeat("a", 100), "", "12345678-x." + strings.Repeat("a", 78)},
	} {
		if got := safeFileName("1234567890ab", c.name, c.mime); got != c.want {
			t.Errorf("safeFileName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
