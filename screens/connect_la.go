package screens

import (
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// setByLA is the remark under a field the local authority owns: with the
// date it last set it, once it has synced one.
func setByLA(at time.Time) *widget.Label {
	if at.IsZero() {
		return note(lang.X("la.owned", "Set by your local authority."))
	}
	return note(lang.X("connect.set_by_la_on", "Set by your local authority on {{.Date}}.", map[string]any{"Date": formatDate(at)}))
}

// laSetAt is when the LA last set a record's fields, or zero when it never
// has or the store cannot say (logged: the remark then has no date).
func laSetAt(lookup func(id string) (time.Time, error), id string) time.Time {
	at, err := lookup(id)
	if err != nil {
		slog.Warn("could not read when the local authority set a record", "error", err)
	}
	return at
}

// placementEnded is the notice on a child whose placement the LA has
// ended: the records are read-only, and when they leave the device.
// ok is false while the placement goes on.
func (u *UI) placementEnded(childID string) (notice fyne.CanvasObject, ok bool) {
	end, ended, err := u.a.PlacementEnded(childID)
	if err != nil {
		slog.Warn("could not read whether a placement ended", "error", err)
		return nil, false
	}
	if !ended {
		return nil, false
	}
	l := bold(lang.X("connect.placement_ended", "This placement ended on {{.End}}. These records can be read but no longer changed, and will be removed from this device on {{.Removal}}.",
		map[string]any{"End": formatDate(end), "Removal": formatDate(end.AddDate(0, 0, app.PlacementAccessDays))}))
	l.Importance = widget.WarningImportance
	return l, true
}
