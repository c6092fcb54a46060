package report

import (
	"io"

	"github.com/hearth-app/hearth/app"
)

// TSD writes the household's TSD portfolio: each standard with its
// evidence and sign-off, and the deadline. It is only offered to carers the
// standards apply to.
func TSD(w io.Writer, o Options, h app.Household, p app.TSDProgress) error {
	d, err := newDoc(o, o.T("report.tsd.title", nil))
	if err != nil {
		return err
	}
	d.subheading(d.t("report.tsd.subtitle", nil))
	d.para(d.t("report.carers", map[string]any{"Names": carerNames(h)}))
	d.para(d.t("report.approved", map[string]any{"Date": d.date(h.ApprovalDate)}))
	d.para(d.t("tsd.deadline", map[string]any{"Date": d.date(p.Deadline), "Left": d.daysLeft(p.DaysLeft)}))
	total := len(p.Standards)
	d.para(d.t("tsd.evidenced", map[string]any{"Evidenced": p.Evidenced, "Total": total}))
	d.para(d.t("tsd.signed_off_count", map[string]any{"SignedOff": p.SignedOff, "Total": total}))
	for _, s := range p.Standards {
		d.heading(d.t("report.tsd.standard", map[string]any{"Number": s.Number, "Title": d.t(s.TitleKey, nil)}))
		if s.SignedOff() {
			d.para(d.t("tsd.signed_off_on", map[string]any{"Date": d.date(s.SignedOn)}))
		} else {
			d.para(d.t("tsd.not_signed_off", nil))
		}
		d.subheading(d.t("report.tsd.evidence", nil))
		if len(s.Evidence) == 0 {
			d.para(d.t("report.tsd.no_evidence", nil))
		}
		for _, t := range s.Evidence {
			d.item(t.Title, d.t("report.training.line", map[string]any{
				"Date": d.date(t.Date), "Hours": hours(t.Hours), "Format": d.t(formatKeys[t.Format], nil),
			}))
			if t.Evidence != "" {
				d.item("", t.Evidence)
			}
			d.gap()
		}
	}
	return d.write(w)
}
