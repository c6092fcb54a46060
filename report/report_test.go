package report

import (
	"bytes"
	"testing"
	"time"

	"github.com/hearth-app/hearth/app"
)

// The reports' text is read back from real PDFs in the screens package,
// which has the app's font. Here: without a font there is no report, and
// nothing half-written reaches the writer.
func TestNoFontNoReport(t *testing.T) {
	o := Options{T: func(k string, _ map[string]any) string { return k }, Date: func(time.Time) string { return "" }}
	var buf bytes.Buffer
	if err := LAC(&buf, o, app.LACReport{}); err == nil {
		t.Fatal("made a report without a font")
	}
	if err := TSD(&buf, o, app.Household{}, app.TSDProgress{}); err == nil {
		t.Fatal("made a portfolio without a font")
	}
	if err := Annual(&buf, o, app.AnnualReport{}); err == nil {
		t.Fatal("made an annual review without a font")
	}
	if buf.Len() != 0 {
		t.Fatal("wrote to the writer despite failing")
	}
}

// A font that is not a TrueType font is refused with an error rather
// than a broken PDF.
func TestBadFont(t *testing.T) {
	o := Options{T: func(k string, _ map[string]any) string { return k }, Date: func(time.Time) string { return "" }, Regular: []byte("not a font")}
	var buf bytes.Buffer
	if err := Annual(&buf, o, app.AnnualReport{}); err == nil || buf.Len() != 0 {
		t.Fatalf("bad font: err %v, wrote %d bytes", err, buf.Len())
	}
}
