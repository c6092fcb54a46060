package app

import (
	"testing"
)

// TestDemoLeavesNoPlainTextOnDisk loads the demo household, closes the store
// and searches the raw bytes of every file in the data directory for the
// demo's names and recording texts.
func TestDemoLeavesNoPlainTextOnDisk(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir, NoKeychain{})
	if err := a.CompleteSetup(a.DemoSetup("en")); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadDemo(); err != nil {
		t.Fatal(err)
	}
	d, err := a.Dashboard()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Children) != 2 || len(d.RecentRecordings) == 0 || len(d.OpenNeeds) < 2 || d.TSD.Evidenced != 7 || d.TSD.SignedOff != 2 {
		t.Fatalf("demo dashboard: %d children, %d recordings, %d open needs, TSD %d/%d",
			len(d.Children), len(d.RecentRecordings), len(d.OpenNeeds), d.TSD.Evidenced, d.TSD.SignedOff)
	}
	jay := d.Children[0].Child
	if n, _ := a.CountRecordings(jay.ID); n < 365 {
		t.Errorf("Jay has %d recordings, want a year's worth", n)
	}
	hits, err := a.Search("footb")
	if err != nil || len(hits) == 0 {
		t.Fatalf("search footb: %d hits, %v", len(hits), err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	secrets := []string{"Siân Rowlands", "Dafydd", "Jayden Okafor", "Amelia Hart", "Millie", "Glan Afon",
		"Riverside Surgery", "contact centre", "Pebbles", "therapeutic team", "Skills to Foster", "parental controls"}
	for _, d := range demoJayDays {
		secrets = append(secrets, d.text[:30])
	}
	assertNoPlainText(t, dir, secrets)
}

// TestDemoHouseholdHasKeptUp checks the demo shows a realistic timetable:
// nothing overdue (its past reviews are recorded as done) and the household's
// next dates still ahead.
func TestDemoHouseholdHasKeptUp(t *testing.T) {
	a := openTest(t, t.TempDir(), NoKeychain{})
	if err := a.CompleteSetup(a.DemoSetup("en")); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadDemo(); err != nil {
		t.Fatal(err)
	}
	all, events, err := a.Timetable()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 || len(events) == 0 {
		t.Fatalf("demo timetable has %d series and %d done events; want both", len(all), len(events))
	}
	for _, r := range all {
		if r.Overdue() {
			t.Errorf("demo reminder %s for %q is overdue by %d days", r.Kind, r.ChildID, -r.DaysLeft)
		}
	}
}
