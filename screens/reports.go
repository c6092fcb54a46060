package screens

import (
	"bytes"
	"io"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/report"
)

// reportOptions are the report package's translator, date style and font,
// in the language the app is in. The font is Fyne's own (Noto Sans), which
// has every Welsh letter (ŵ, ŷ, â), so a report reads as the screen does.
func reportOptions(today time.Time) report.Options {
	return report.Options{
		T: func(key string, data map[string]any) string {
			if data == nil {
				return lang.X(key, key)
			}
			return lang.X(key, key, data)
		},
		Date:    formatDate,
		Regular: theme.DefaultTextFont().Content(),
		Bold:    theme.DefaultTextBoldFont().Content(),
		Today:   today,
	}
}

// The three reports, each drawn from one snapshot of the store.

func (u *UI) lacReport(w io.Writer, childID string, since time.Time) error {
	r, err := u.a.LACReport(childID, since)
	if err != nil {
		return err
	}
	return report.LAC(w, reportOptions(u.a.Today()), r)
}

func (u *UI) tsdReport(w io.Writer) error {
	h, err := u.a.Household()
	if err != nil {
		return err
	}
	p, err := u.a.TSD()
	if err != nil {
		return err
	}
	return report.TSD(w, reportOptions(u.a.Today()), h, p)
}

func (u *UI) annualReport(w io.Writer) error {
	r, err := u.a.AnnualReport()
	if err != nil {
		return err
	}
	return report.Annual(w, reportOptions(u.a.Today()), r)
}

// saveReport makes a report in memory and then asks where to save it: the
// save dialog is the only place a report is ever written, because a PDF
// on disk is not protected. Problems are shown on problem.
func (u *UI) saveReport(name string, problem *widget.Label, draw func(io.Writer) error) {
	var buf bytes.Buffer
	if err := draw(&buf); err != nil {
		slog.Error("could not make a report", "err", err)
		setProblem(problem, lang.X("error.report", "Hearth couldn't make the report. Please try again."))
		return
	}
	setProblem(problem, "")
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		_, err = w.Write(buf.Bytes())
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			slog.Error("could not save a report", "err", err)
			setProblem(problem, lang.X("error.file_save", "Hearth couldn't save the copy there. Please try another place."))
			return
		}
		dialog.NewCustom(lang.X("report.saved_title", "Report saved"), lang.X("action.ok", "OK"),
			para(lang.X("report.saved", "The report was saved. It is not protected, so keep it somewhere safe.")), u.w).Show()
	}, u.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	d.SetFileName(name + "-" + u.a.Today().Format("2006-01-02") + ".pdf")
	d.Show()
	d.Resize(u.w.Canvas().Size().Subtract(fyne.NewSize(80, 80)))
}

// lacReportCard is the "Reports" section of a child's page: the input to
// their looked-after child review, from a date the carer can change
// (usually the last review).
func (u *UI) lacReportCard(c app.Child) fyne.CanvasObject {
	problem := problem()
	since := newDateField(u.w, "since", u.a.Today().AddDate(0, -app.LACReportMonths, 0))
	f := newForm()
	f.field("since", lang.X("report.since", "Include records since"), lang.X("report.since_hint", "Usually the date of the last review."), since.obj)
	gen := primary(lang.X("report.lac.button", "Make the review report (PDF)…"), theme.DocumentSaveIcon(), func() {
		var from time.Time
		if err := readDates(dateInto{since, &from}); err != nil {
			f.fail("read report date", err)
			return
		}
		f.clear()
		u.saveReport("lac-review", problem, func(w io.Writer) error { return u.lacReport(w, c.ID, from) })
	})
	f.actions(gen)
	return card(subheading(lang.X("report.section", "Reports")),
		note(lang.X("report.lac.hint", "A report for the child's looked-after child review: milestones, significant events, open support needs and what is coming up.")),
		f.box, problem)
}

// tsdReportButton saves the TSD portfolio.
func (u *UI) tsdReportButton() fyne.CanvasObject {
	problem := problem()
	b := widget.NewButtonWithIcon(lang.X("report.tsd.button", "Save the TSD portfolio (PDF)…"), theme.DocumentSaveIcon(), func() {
		u.saveReport("tsd-portfolio", problem, u.tsdReport)
	})
	return container.NewVBox(container.NewHBox(b), problem)
}

// annualReportCard offers the carer's own annual review report.
func (u *UI) annualReportCard() fyne.CanvasObject {
	problem := problem()
	b := widget.NewButtonWithIcon(lang.X("report.annual.button", "My annual review (PDF)…"), theme.DocumentSaveIcon(), func() {
		u.saveReport("annual-review", problem, u.annualReport)
	})
	return card(subheading(lang.X("report.section", "Reports")),
		note(lang.X("report.annual.hint", "Your own report for your annual review: training, support and the children who lived with you in the last year.")),
		container.NewHBox(b), problem)
}
