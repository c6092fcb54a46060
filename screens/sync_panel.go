package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// rejectedKinds name the kinds of record the LA may refuse.
var rejectedKinds = map[string]msg{
	"child":       {"sync.kind.child", "A child's details"},
	"need":        {"sync.kind.need", "A support need"},
	"training":    {"sync.kind.training", "A training record"},
	"milestone":   {"sync.kind.milestone", "A milestone"},
	"recording":   {"sync.kind.recording", "A daily recording"},
	"goal":        {"sync.kind.goal", "A goal"},
	"goal_step":   {"sync.kind.goal_step", "A step of a goal"},
	"tsd_signoff": {"sync.kind.tsd_signoff", "A training standard"},
}

// syncPanel shows how syncing stands: when it last finished, how many
// changes wait, a progress bar while it runs, why it last failed, and the
// changes the LA did not accept.
type syncPanel struct {
	u          *UI
	card       *connectCard
	box        *fyne.Container
	last       *widget.Label
	pending    *widget.Label
	bar        *widget.ProgressBar
	status     *widget.Label
	now        *widget.Button
	rejections *fyne.Container
}

func (u *UI) newSyncPanel(c *connectCard) *syncPanel {
	p := &syncPanel{u: u, card: c, last: para(""), pending: para(""), bar: widget.NewProgressBar(), status: problem(),
		rejections: container.NewVBox()}
	p.now = primary(lang.X("sync.now", "Sync now"), theme.ViewRefreshIcon(), func() { u.syncer().run(true, nil) })
	p.box = container.NewVBox(p.last, p.pending, p.bar, container.NewHBox(p.now), p.status, p.rejections)
	u.syncer().panel = p
	return p
}

// show brings every part up to date, on the UI thread.
func (p *syncPanel) show() {
	l := p.u.syncer()
	a := p.u.a
	if a == nil || a.State() != app.StateReady {
		return
	}
	if at, err := a.LastSynced(); err == nil && !at.IsZero() {
		p.last.SetText(lang.X("sync.last", "Last synced {{.Date}} at {{.Time}}.", map[string]any{"Date": formatDate(at.Local()), "Time": at.Local().Format("15:04")}))
	} else {
		p.last.SetText(lang.X("sync.never", "Not synced yet."))
	}
	if n, err := a.PendingChanges(); err == nil && n > 0 {
		p.pending.SetText(lang.X("sync.pending", "Changes waiting to be sent: {{.Count}}", map[string]any{"Count": n}))
	} else {
		p.pending.SetText(lang.X("sync.all_sent", "Everything has been sent."))
	}
	if l.running {
		p.now.Disable()
		p.bar.Show()
		if l.total > 0 {
			p.bar.SetValue(float64(l.done) / float64(l.total))
		} else {
			p.bar.SetValue(0)
		}
	} else {
		p.now.Enable()
		p.bar.Hide()
	}
	switch {
	case l.running:
		setProblem(p.status, "")
	case l.offline:
		setProblem(p.status, lang.X("sync.offline", "You seem to be offline. Hearth will try again later; your changes are kept."))
	case l.last != nil:
		_, message := explain("sync with the local authority", l.last)
		setProblem(p.status, message)
	default:
		setProblem(p.status, "")
	}
	p.showRejections()
	if conn, err := a.Connection(); err == nil && !conn.Ready() {
		p.card.show() // the sign-in was lost: offer to sign in again
	}
}

// showRejections lists the changes the LA did not accept, with its reason
// and a way to dismiss each notice.
func (p *syncPanel) showRejections() {
	rs, err := p.u.a.Rejections()
	if err != nil {
		_, message := explain("list rejected changes", err)
		setProblem(p.status, message)
		return
	}
	objs := []fyne.CanvasObject{}
	if len(rs) > 0 {
		objs = append(objs, subheading(lang.X("sync.rejected", "Changes your local authority did not accept")),
			note(lang.X("sync.rejected_hint", "These were not sent again. You can correct the record in Hearth, which sends it anew.")))
	}
	for _, r := range rs {
		key := r.Key
		dismiss := widget.NewButtonWithIcon(lang.X("sync.dismiss", "Dismiss"), theme.CancelIcon(), func() {
			if err := p.u.a.DismissRejection(key); err != nil {
				_, message := explain("dismiss a rejected change", err)
				setProblem(p.status, message)
				return
			}
			p.showRejections()
		})
		what := r.Kind
		if m, ok := rejectedKinds[r.Kind]; ok {
			what = m.text()
		}
		objs = append(objs, itemCard(dismiss, bold(what+" · "+formatDate(r.At.In(time.Local))),
			para(lang.X("sync.reason", "Reason given: {{.Reason}}", map[string]any{"Reason": r.Reason}))))
	}
	p.rejections.Objects = objs
	p.rejections.Refresh()
}
