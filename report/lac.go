package report

import (
	"io"

	"github.com/hearth-app/hearth/app"
)

// LAC writes the carer's input to a child's looked-after child review:
// milestones by Mission since the last review with a chart, significant
// events, open support needs and what is coming up.
func LAC(w io.Writer, o Options, r app.LACReport) error {
	c := r.Child
	d, err := newDoc(o, o.T("report.lac.title", nil))
	if err != nil {
		return err
	}
	d.subheading(d.childName(c))
	d.para(d.t("report.lac.dob", map[string]any{"Date": d.date(c.DateOfBirth)}))
	d.para(d.t("report.lac.placed", map[string]any{"Date": d.date(c.PlacementStart)}))
	d.para(d.t("report.period", map[string]any{"From": d.date(r.Since), "To": d.date(r.Today)}))

	d.heading(d.t("report.lac.milestones", nil))
	d.para(d.t("report.lac.milestones_count", map[string]any{"Count": len(r.Milestones)}))
	d.chart(d.t("report.lac.chart", nil), r.Missions)
	for _, mc := range r.Missions {
		if mc.Achieved == 0 {
			continue
		}
		d.subheading(d.t(missionKeys[mc.Mission], nil))
		for _, m := range r.Milestones {
			if m.Mission == mc.Mission {
				d.item(d.date(m.AchievedDate)+"  "+m.Title, m.Notes)
				d.gap()
			}
		}
	}

	d.heading(d.t("report.lac.significant", nil))
	d.para(d.t("report.lac.significant_count", map[string]any{"Count": len(r.Significant)}))
	for _, rec := range r.Significant {
		d.item(d.date(rec.Day), rec.Text)
		d.gap()
	}

	d.heading(d.t("report.lac.needs", nil))
	if len(r.OpenNeeds) == 0 {
		d.none()
	}
	for _, n := range r.OpenNeeds {
		d.need(n)
	}

	d.heading(d.t("report.lac.coming_up", nil))
	d.subheading(d.t("report.lac.due", nil))
	d.para(d.t("report.lac.due_note", map[string]any{"Days": app.ReminderDays}))
	if len(r.Due) == 0 {
		d.none()
	}
	for _, rem := range r.Due {
		key, ok := reminderKeys[rem.Kind]
		if !ok {
			key = "report.due.other"
		}
		d.item(d.date(rem.Due)+"  "+d.t(key, nil), d.daysLeft(rem.DaysLeft))
		d.gap()
	}
	d.subheading(d.t("report.lac.planned", nil))
	d.para(d.t("report.lac.coming_up_note", map[string]any{"Days": app.ReportComingUpDays}))
	if len(r.ComingUp) == 0 {
		d.none()
	}
	for _, m := range r.ComingUp {
		d.item(d.t("report.lac.target", map[string]any{"Date": d.date(m.TargetDate)})+"  "+m.Title, d.t(missionKeys[m.Mission], nil))
		d.gap()
	}
	return d.write(w)
}

// reminderKeys name each series of statutory dates. Keyed by value, so a
// series added to the timetable later is named "something due" until it
// has words of its own.
var reminderKeys = map[app.ReminderKind]string{
	"placement_plan": "report.due.placement_plan",
	"care_plan":      "report.due.care_plan",
	"review":         "report.due.review",
	"health":         "report.due.health",
	"dental":         "report.due.dental",
	"pep":            "report.due.pep",
	"visit":          "report.due.visit",
	"pathway":        "report.due.pathway",
	"carer_review":   "report.due.carer_review",
	"tsd":            "report.due.tsd",
}

// chart draws a labelled horizontal bar for each Mission's achieved
// milestones, scaled to the largest count.
func (d *doc) chart(title string, counts []app.MissionCount) {
	p := d.pdf
	const (
		labelW = 55.0
		barH   = 6.0
		gap    = 2.5
	)
	_, pageH := p.GetPageSize()
	need := float64(len(counts))*(barH+gap) + 12
	if p.GetY()+need > pageH-margin {
		p.AddPage()
	}
	p.Ln(2)
	p.SetFont(fontName, "B", 10)
	p.MultiCell(0, lineH, title, "", "L", false)
	p.Ln(1)
	pageW, _ := p.GetPageSize()
	maxW := pageW - 2*margin - labelW - 12
	most := 1
	for _, c := range counts {
		most = max(most, c.Achieved)
	}
	p.SetFont(fontName, "", 9)
	for i, c := range counts {
		y := p.GetY()
		p.SetXY(margin, y)
		p.CellFormat(labelW, barH, d.t(missionKeys[c.Mission], nil), "", 0, "L", false, 0, "")
		w := maxW * float64(c.Achieved) / float64(most)
		col := barColours[i%len(barColours)]
		p.SetFillColor(col[0], col[1], col[2])
		if w > 0 {
			p.Rect(margin+labelW, y+0.75, w, barH-1.5, "F")
		}
		p.SetXY(margin+labelW+w+2, y)
		p.CellFormat(10, barH, itoa(c.Achieved), "", 0, "L", false, 0, "")
		p.SetXY(margin, y+barH+gap)
	}
	p.Ln(2)
}

// barColours tell the Missions apart; dark enough to print in greyscale.
var barColours = [][3]int{{46, 125, 50}, {21, 101, 192}, {191, 54, 12}, {106, 27, 154}, {0, 121, 107}}

func itoa(n int) string { return hours(float64(n)) }
