// Package report draws Hearth's review-ready PDF reports: the input to a
// child's looked-after child review, the TSD portfolio and the carer's own
// annual review. It takes plain data gathered by the app package, a
// translator and a TrueType font, and writes a PDF; it knows nothing of
// windows or storage, so the screens decide where a report is saved.
package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/hearth-app/hearth/app"
)

// Translator returns the message for a translation key in the user's
// language, filled in from data.
type Translator func(key string, data map[string]any) string

// Options are what every report needs besides its data.
type Options struct {
	T       Translator
	Date    func(time.Time) string // how dates are written
	Regular []byte                 // a TrueType font with the Welsh letters (ŵ, ŷ, â)
	Bold    []byte                 // its bold face; Regular is used when empty
	Today   time.Time              // the date the report was made
}

const (
	fontName = "hearth"
	margin   = 18.0 // mm
	lineH    = 5.5  // mm, body text
)

// doc is one report being drawn.
type doc struct {
	pdf *fpdf.Fpdf
	o   Options
}

func newDoc(o Options, title string) (*doc, error) {
	if len(o.Regular) == 0 {
		return nil, fmt.Errorf("report: no font")
	}
	if len(o.Bold) == 0 {
		o.Bold = o.Regular
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, margin)
	p.AddUTF8FontFromBytes(fontName, "", o.Regular)
	p.AddUTF8FontFromBytes(fontName, "B", o.Bold)
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("report: font: %w", err)
	}
	p.SetTitle(title, true)
	p.SetCreator("Hearth", true)
	d := &doc{pdf: p, o: o}
	p.SetFooterFunc(func() {
		p.SetY(-margin + 4)
		p.SetFont(fontName, "", 8)
		p.SetTextColor(90, 90, 90)
		p.CellFormat(0, 4, d.t("report.footer", map[string]any{"Date": o.Date(o.Today), "Page": p.PageNo()}), "", 0, "C", false, 0, "")
		p.SetTextColor(0, 0, 0)
	})
	p.AddPage()
	p.SetFont(fontName, "B", 18)
	p.MultiCell(0, 9, title, "", "L", false)
	p.Ln(2)
	return d, nil
}

// t translates a key.
func (d *doc) t(key string, data map[string]any) string { return d.o.T(key, data) }

// date writes a date, or nothing for the zero date.
func (d *doc) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return d.o.Date(t)
}

// heading starts a section, on a new page when too little room is left.
func (d *doc) heading(s string) {
	_, h := d.pdf.GetPageSize()
	if d.pdf.GetY() > h-margin-30 {
		d.pdf.AddPage()
	}
	d.pdf.Ln(4)
	d.pdf.SetFont(fontName, "B", 14)
	d.pdf.MultiCell(0, 7, s, "", "L", false)
	d.pdf.Ln(1)
}

// subheading titles a part of a section.
func (d *doc) subheading(s string) {
	d.pdf.Ln(1)
	d.pdf.SetFont(fontName, "B", 11)
	d.pdf.MultiCell(0, lineH+0.5, s, "", "L", false)
}

// para is a paragraph of body text.
func (d *doc) para(s string) {
	d.pdf.SetFont(fontName, "", 10)
	d.pdf.MultiCell(0, lineH, s, "", "L", false)
}

// item is an indented line of a list, with a bold lead when given.
func (d *doc) item(lead, s string) {
	d.pdf.SetX(margin + 4)
	if lead != "" {
		d.pdf.SetFont(fontName, "B", 10)
		d.pdf.MultiCell(0, lineH, lead, "", "L", false)
		if s == "" {
			return
		}
		d.pdf.SetX(margin + 4)
	}
	d.pdf.SetFont(fontName, "", 10)
	d.pdf.MultiCell(0, lineH, s, "", "L", false)
}

// none says a section has nothing in it.
func (d *doc) none() { d.para(d.t("report.none", nil)) }

// gap separates list items.
func (d *doc) gap() { d.pdf.Ln(1.5) }

// write finishes the PDF into w.
func (d *doc) write(w io.Writer) error {
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Enumerations are named through maps of literal keys, the same keys the
// screens use, so the translation checks can see every one.
var missionKeys = map[app.Mission]string{
	app.MissionRelationships: "mission.relationships",
	app.MissionEducation:     "mission.education",
	app.MissionHome:          "mission.home",
	app.MissionWork:          "mission.work",
	app.MissionHealth:        "mission.health",
}

var needCategoryKeys = map[app.NeedCategory]string{
	app.NeedFinancial:   "need.category.financial",
	app.NeedLegal:       "need.category.legal",
	app.NeedTherapeutic: "need.category.therapeutic",
	app.NeedRespite:     "need.category.respite",
	app.NeedTraining:    "need.category.training",
	app.NeedEquipment:   "need.category.equipment",
	app.NeedEducation:   "need.category.education",
	app.NeedHealth:      "need.category.health",
	app.NeedHousing:     "need.category.housing",
	app.NeedPeer:        "need.category.peer",
	app.NeedOther:       "need.category.other",
}

var needStatusKeys = map[app.NeedStatus]string{
	app.NeedDraft:        "need.status.draft",
	app.NeedRaised:       "need.status.raised",
	app.NeedAcknowledged: "need.status.acknowledged",
	app.NeedInProgress:   "need.status.in_progress",
	app.NeedMet:          "need.status.met",
	app.NeedDeclined:     "need.status.declined",
}

var formatKeys = map[app.TrainingFormat]string{
	app.FormatCourse:      "format.course",
	app.FormatELearning:   "format.elearning",
	app.FormatReading:     "format.reading",
	app.FormatSupervision: "format.supervision",
	app.FormatPeerGroup:   "format.peer_group",
}

// hours writes hours without needless decimals: 2, 1.5.
func hours(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) }

// carerNames joins the household's carers' names.
func carerNames(h app.Household) string {
	var names []string
	for _, c := range h.Carers {
		if c.Name != "" {
			names = append(names, c.Name)
		}
	}
	return strings.Join(names, ", ")
}

// childName is the child's full name, with the name they like to be
// called when it differs.
func (d *doc) childName(c app.Child) string {
	if c.PreferredName == "" || c.PreferredName == c.Name {
		return c.Name
	}
	return d.t("report.lac.name_preferred", map[string]any{"Name": c.Name, "Preferred": c.PreferredName})
}

// need lists one support need: its category and status, what is needed,
// and the local authority's response when there is one.
func (d *doc) need(n app.Need) {
	lead := d.t("report.need.line", map[string]any{
		"Category": d.t(needCategoryKeys[n.Category], nil), "Status": d.t(needStatusKeys[n.Status], nil),
	})
	d.item(lead, n.Description)
	if n.Response != "" {
		d.item("", d.t("report.need.response", map[string]any{"Response": n.Response}))
	}
	d.gap()
}

// daysLeft says how long is left before a deadline, or how long ago it
// passed.
func (d *doc) daysLeft(days int) string {
	switch {
	case days > 1:
		return d.t("tsd.days_left", map[string]any{"Days": days})
	case days == 1:
		return d.t("tsd.day_left", nil)
	case days == 0:
		return d.t("tsd.due_today", nil)
	case days == -1:
		return d.t("tsd.day_overdue", nil)
	}
	return d.t("tsd.days_overdue", map[string]any{"Days": -days})
}
