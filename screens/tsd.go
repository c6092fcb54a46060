package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// tsdSummary is the TSD progress in a few lines and a bar: how many
// standards have evidence, how many are signed off, and the deadline. It is
// only ever shown to carers the standards apply to.
func tsdSummary(p app.TSDProgress) []fyne.CanvasObject {
	total := len(p.Standards)
	bar := widget.NewProgressBar()
	bar.Max = float64(max(total, 1))
	bar.SetValue(float64(p.Evidenced))
	bar.TextFormatter = func() string {
		return lang.X("tsd.bar", "{{.Evidenced}} of {{.Total}}", map[string]any{"Evidenced": p.Evidenced, "Total": total})
	}
	return []fyne.CanvasObject{
		bold(lang.X("tsd.evidenced", "You have evidence for {{.Evidenced}} of {{.Total}} standards.", map[string]any{"Evidenced": p.Evidenced, "Total": total})),
		bar,
		para(lang.X("tsd.signed_off_count", "{{.SignedOff}} of {{.Total}} signed off by your supervising social worker.", map[string]any{"SignedOff": p.SignedOff, "Total": total})),
		para(lang.X("tsd.deadline", "Deadline: {{.Date}} ({{.Left}})", map[string]any{"Date": formatDate(p.Deadline), "Left": daysLeft(p.DaysLeft)})),
	}
}

// daysLeft says how long is left before a deadline, or how long ago it
// passed, without plural slips such as "1 days".
func daysLeft(days int) string {
	switch {
	case days > 1:
		return lang.X("tsd.days_left", "{{.Days}} days left", map[string]any{"Days": days})
	case days == 1:
		return lang.X("tsd.day_left", "1 day left")
	case days == 0:
		return lang.X("tsd.due_today", "due today")
	case days == -1:
		return lang.X("tsd.day_overdue", "1 day overdue")
	}
	return lang.X("tsd.days_overdue", "{{.Days}} days overdue", map[string]any{"Days": -days})
}

// standardLabel is a standard's number and title, as ticked on training.
func standardLabel(number int, key string) string {
	return fmt.Sprintf("%d. %s", number, tsdTitle(key))
}

// tsdView is the full TSD progress: per standard, its evidence and whether
// it is signed off.
type tsdView struct {
	root     fyne.CanvasObject
	progress app.TSDProgress
}

func (u *UI) newTSDView(p app.TSDProgress) *tsdView {
	objs := []fyne.CanvasObject{
		para(lang.X("tsd.intro", "The Training, Support and Development Standards describe what foster carers need to know. You show each one with evidence, such as training you have done, and your supervising social worker signs it off.")),
		card(tsdSummary(p)...),
		u.tsdReportButton(),
	}
	for _, s := range p.Standards {
		objs = append(objs, standardCard(s))
	}
	return &tsdView{root: page(objs...), progress: p}
}

// standardCard shows one standard's evidence and sign-off.
func standardCard(s app.StandardProgress) fyne.CanvasObject {
	objs := []fyne.CanvasObject{subheading(standardLabel(s.Number, s.TitleKey))}
	if len(s.Evidence) == 0 {
		objs = append(objs, para(lang.X("tsd.no_evidence", "No evidence yet. Add training and tick this standard.")))
	} else {
		lines := []fyne.CanvasObject{bold(lang.X("tsd.evidence", "Evidence"))}
		for _, t := range s.Evidence {
			lines = append(lines, para(t.Title+" ("+formatDate(t.Date)+")"))
		}
		objs = append(objs, tight(lines...))
	}
	signed, icon := bold(lang.X("tsd.not_signed_off", "Not signed off yet.")), theme.RadioButtonIcon()
	if s.SignedOff() {
		signed.SetText(lang.X("tsd.signed_off_on", "Signed off on {{.Date}}.", map[string]any{"Date": formatDate(s.SignedOn)}))
		icon = theme.ConfirmIcon()
	}
	state := container.NewBorder(nil, nil, widget.NewIcon(icon), nil, signed)
	objs = append(objs, tight(state, note(lang.X("tsd.sign_off_by_la", "Your supervising social worker signs standards off."))))
	return card(objs...)
}
