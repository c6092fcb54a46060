package report

import (
	"io"

	"github.com/hearth-app/hearth/app"
)

// Annual writes the carer's own input to their annual review: training
// and hours in the year, support received and still needed, and the
// children who lived with them.
func Annual(w io.Writer, o Options, r app.AnnualReport) error {
	d, err := newDoc(o, o.T("report.annual.title", nil))
	if err != nil {
		return err
	}
	d.para(d.t("report.carers", map[string]any{"Names": carerNames(r.Household)}))
	if !r.Household.ApprovalDate.IsZero() {
		d.para(d.t("report.approved", map[string]any{"Date": d.date(r.Household.ApprovalDate)}))
	}
	d.para(d.t("report.period", map[string]any{"From": d.date(r.From), "To": d.date(r.Today)}))

	d.heading(d.t("report.annual.training", nil))
	d.para(d.t("report.annual.training_total", map[string]any{"Count": len(r.Training), "Hours": hours(r.Hours)}))
	for _, t := range r.Training {
		d.item(t.Title, d.t("report.training.line", map[string]any{
			"Date": d.date(t.Date), "Hours": hours(t.Hours), "Format": d.t(formatKeys[t.Format], nil),
		}))
		d.gap()
	}
	if r.TSD.Applies {
		total := len(r.TSD.Standards)
		d.subheading(d.t("report.annual.tsd", nil))
		d.para(d.t("tsd.evidenced", map[string]any{"Evidenced": r.TSD.Evidenced, "Total": total}))
		d.para(d.t("tsd.signed_off_count", map[string]any{"SignedOff": r.TSD.SignedOff, "Total": total}))
	}

	d.heading(d.t("report.annual.received", nil))
	if len(r.Received) == 0 {
		d.none()
	}
	for _, n := range r.Received {
		d.need(n)
	}
	d.heading(d.t("report.annual.needed", nil))
	if len(r.Needed) == 0 {
		d.none()
	}
	for _, n := range r.Needed {
		d.need(n)
	}

	d.heading(d.t("report.annual.children", nil))
	if len(r.Children) == 0 {
		d.none()
	}
	for _, c := range r.Children {
		line := d.t("report.annual.placed_since", map[string]any{"Date": d.date(c.PlacementStart)})
		if !c.PlacementEnd.IsZero() {
			line = d.t("report.annual.placed_between", map[string]any{"From": d.date(c.PlacementStart), "To": d.date(c.PlacementEnd)})
		}
		d.item(d.childName(c), line)
		d.gap()
	}
	return d.write(w)
}
