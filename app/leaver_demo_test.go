package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// assertNoPlainText searches the raw bytes of every file under dir for
// each of secrets.
func assertNoPlainText(t *testing.T, dir string, secrets []string) {
	t.Helper()
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("%s contains %q in plain text", filepath.Base(path), s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLeaverDemo loads the demo care leaver and checks it shows every part
// of the mode, then that none of its text reached the disk.
func TestLeaverDemo(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir, NoKeychain{})
	if err := a.CompleteLeaverSetup(a.LeaverDemoSetup("cy")); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadLeaverDemo(); err != nil {
		t.Fatal(err)
	}
	p, err := a.LeaverProfile()
	if err != nil || yearsOld(p.DateOfBirth, a.Today()) != 19 || p.AdviserName == "" || a.Language() != "cy" {
		t.Fatalf("demo profile %+v, %v, language %q", p, err, a.Language())
	}
	summary, err := a.MissionProgress()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range summary {
		if m.Goals == 0 || m.StepsDone == 0 || m.StepsDone == m.StepsTotal {
			t.Errorf("%s: %+v; want goals, with some steps done", m.Mission, m)
		}
	}
	shared, err := a.Shared()
	if err != nil || len(shared.Goals) == 0 || len(shared.Milestones) == 0 || len(shared.Goals) == len(demoGoals) {
		t.Fatalf("demo shares %d of %d goals and %d milestones (%v); want some, not all", len(shared.Goals), len(demoGoals), len(shared.Milestones), err)
	}
	upcoming, err := a.LeaverComingUp()
	if err != nil {
		t.Fatal(err)
	}
	var review, overdue bool
	for _, u := range upcoming {
		review = review || u.Kind == UpcomingPathwayReview && !u.Overdue() && u.DaysLeft <= 31
		overdue = overdue || u.Kind == UpcomingGoal && u.Overdue()
	}
	if !review || !overdue {
		t.Errorf("coming up %+v; want the review within a month and an overdue goal", upcoming)
	}
	if hits, err := a.Search("kettle"); err != nil || len(hits) != 1 || hits[0].Kind != HitGoal {
		t.Errorf("search kettle: %+v, %v", hits, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	secrets := []string{"Leah Morgan", demoAdviserName, "07700 900461", "Cerys", "Saturday job", "bank account", "payslip", "Mrs Hughes"}
	assertNoPlainText(t, dir, secrets)
}

func TestLeaverDemoIsDeterministic(t *testing.T) {
	var titles [2][]string
	for i := range titles {
		a := openTest(t, t.TempDir(), NoKeychain{})
		if err := a.CompleteLeaverSetup(a.LeaverDemoSetup("en")); err != nil {
			t.Fatal(err)
		}
		if err := a.LoadLeaverDemo(); err != nil {
			t.Fatal(err)
		}
		goals, err := a.Goals()
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range goals {
			done, total := Progress(g)
			titles[i] = append(titles[i], fmt.Sprint(g.Title, g.TargetDate, g.Shared, done, total))
		}
	}
	if len(titles[0]) != len(demoGoals) || !slices.Equal(titles[0], titles[1]) {
		t.Errorf("two demo loads differ:\n%v\n%v", titles[0], titles[1])
	}
}
