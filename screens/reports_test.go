package screens

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
)

// pdfText reads a PDF's text back with pdftotext (poppler-utils). CI
// installs it, so there a missing pdftotext fails the test; on a
// developer's machine without it the test is skipped.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing: install poppler-utils (scripts/deps.sh does)")
		}
		t.Skip("pdftotext is not installed (poppler-utils); CI runs this test")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// demoReportUI is the demo household in the given language.
func demoReportUI(t *testing.T, language string) (*UI, *app.App) {
	t.Helper()
	a := newApp(t)
	if err := a.CompleteSetup(a.DemoSetup(language)); err != nil {
		t.Fatal(err)
	}
	if err := a.LoadDemo(); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	return u, a
}

// demoChild finds a demo child by the name they like to be called.
func demoChild(t *testing.T, a *app.App, preferred string) app.Child {
	t.Helper()
	children, err := a.Children()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range children {
		if c.PreferredName == preferred {
			return c
		}
	}
	t.Fatalf("no demo child %q", preferred)
	return app.Child{}
}

// render makes a report and returns its text.
func render(t *testing.T, draw func(io.Writer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := draw(&buf); err != nil {
		t.Fatalf("make report: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("report is not a PDF")
	}
	return pdfText(t, buf.Bytes())
}

// contains fails for each wanted text the report lacks, and checks how
// often some texts appear.
func contains(t *testing.T, text string, want []string, counts map[string]int) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("report lacks %q", w)
		}
	}
	for w, n := range counts {
		if got := strings.Count(text, w); got != n {
			t.Errorf("report has %q %d times, want %d", w, got, n)
		}
	}
	if t.Failed() {
		t.Logf("report text:\n%s", text)
	}
}

// The demo's six months before 15 June 2025 hold four of Jay's milestones
// (one in each of four Missions), one significant event (the trip to A&E)
// and three open needs (two for the household, one for Jay); two planned
// milestones fall due within 90 days.
func TestLACReport(t *testing.T) {
	for _, tc := range []struct {
		language string
		want     []string
		counts   map[string]int
	}{
		{"en", []string{
			"Input to the looked-after child review",
			"Jayden Okafor (likes to be called Jay)",
			"Period: 15/12/2024 to 15/06/2025",
			"Milestones by Mission", "Milestones achieved in this period: 4",
			"Milestones achieved in each Mission",
			"Loving relationships", "Quality education", "Fulfilling work", "Good health",
			"Sleepover at Callum's house", "Swim 25 metres",
			"Significant events", "Recordings flagged as significant events in this period: 1", "A&E",
			"Open support needs", "Jay is struggling after family time",
			"Coming up", "Reviews, assessments and visits", "Due in the next 30 days, or overdue.",
			"Planned milestones", "Annual health assessment", "Reading age at or above",
		}, map[string]int{"(status: ": 3, "By ": 2, "A decent home": 1, "Millie": 0}},
		{"cy", []string{
			"Cyfraniad at adolygiad y plentyn sy'n derbyn gofal",
			"Jayden Okafor (enw dewisol: Jay)",
			"Cerrig milltir fesul Cenhadaeth", "Cerrig milltir a gyflawnwyd yn y cyfnod hwn: 4",
			"Perthnasoedd cariadus", "Gwaith boddhaus",
			"Digwyddiadau arwyddocaol", "Anghenion cymorth sy'n dal ar agor", "Ar y gorwel",
			"Adolygiadau, asesiadau ac ymweliadau", "Cerrig milltir wedi'u cynllunio",
			"â dyddiad targed",
		}, map[string]int{"(statws: ": 3, "Erbyn ": 2}},
	} {
		t.Run(tc.language, func(t *testing.T) {
			u, a := demoReportUI(t, tc.language)
			jay := demoChild(t, a, "Jay")
			text := render(t, func(w io.Writer) error { return u.lacReport(w, jay.ID, time.Time{}) })
			contains(t, text, tc.want, tc.counts)
		})
	}
}

// The demo household is approved nine months ago: all seven standards
// have evidence, two are signed off, and 92 days are left.
func TestTSDReport(t *testing.T) {
	for _, tc := range []struct {
		language string
		want     []string
		counts   map[string]int
	}{
		{"en", []string{
			"TSD portfolio", "Training, Support and Development Standards",
			"Carers: Siân Rowlands, Dafydd Rowlands",
			"Deadline: 15/09/2025 (92 days left)",
			"You have evidence for 7 of 7 standards.", "2 of 7 signed off",
			"Standard 1: Understand the principles", "Standard 7: Develop yourself.",
			"Skills to Foster", "18 hours", "Completed the three-day preparation course",
		}, map[string]int{"Training linked to this standard": 7, "Signed off on": 2, "Not signed off yet.": 5}},
		{"cy", []string{
			"Portffolio TSD", "Gofalwyr: Siân Rowlands, Dafydd Rowlands",
			"Safon 1: Deall yr egwyddorion", "Safon 2: Deall eich rôl fel gofalwr maeth.",
			"(92 diwrnod ar ôl)",
		}, map[string]int{"Hyfforddiant sy'n gysylltiedig â'r safon hon": 7, "Grŵp cymheiriaid": 1}},
	} {
		t.Run(tc.language, func(t *testing.T) {
			u, _ := demoReportUI(t, tc.language)
			contains(t, render(t, u.tsdReport), tc.want, tc.counts)
		})
	}
}

// In the demo's year, seven pieces of training come to 42.5 hours; the LA
// met one need and three still wait; Jay and Millie both lived with the
// household.
func TestAnnualReport(t *testing.T) {
	for _, tc := range []struct {
		language string
		want     []string
		counts   map[string]int
	}{
		{"en", []string{
			"Carer's annual review", "Carers: Siân Rowlands, Dafydd Rowlands",
			"Period: 15/06/2024 to 15/06/2025",
			"Training this year", "Training records: 7. Total hours: 42.5.",
			"Support received", "Approved and delivered.",
			"Support still needed", "A weekend of respite",
			"Children who lived with you this year", "Jayden Okafor", "Amelia Hart (likes to be called Millie)",
		}, map[string]int{"(status: Met)": 1, "(status: ": 4, "Living with you since": 2}},
		{"cy", []string{
			"Adolygiad blynyddol y gofalwr", "Gofalwyr: Siân Rowlands",
			"Hyfforddiant eleni", "Cofnodion hyfforddiant: 7. Cyfanswm yr oriau: 42.5.",
			"Cymorth a gafwyd", "Cymorth sydd ei angen o hyd", "Plant a fu'n byw gyda chi eleni",
		}, map[string]int{"(statws: ": 4, "Yn byw gyda chi ers": 2}},
	} {
		t.Run(tc.language, func(t *testing.T) {
			u, _ := demoReportUI(t, tc.language)
			contains(t, render(t, u.annualReport), tc.want, tc.counts)
		})
	}
}

// Each report is offered where the carer would look for it, and making
// one asks where to save it.
func TestReportButtons(t *testing.T) {
	u, a := demoReportUI(t, "en")
	jay := demoChild(t, a, "Jay")
	u.open(route{page: pageChild, id: jay.ID, tab: tabDetails})
	mustShow(t, u, "Reports")
	button(t, u, "Make the review report (PDF)…").OnTapped()
	mustNotShow(t, u, "Hearth couldn't make the report")
	u.open(route{page: pageTraining, tab: 1})
	button(t, u, "Save the TSD portfolio (PDF)…")
	u.open(route{page: pageSettings})
	button(t, u, "My annual review (PDF)…")
}
