package app

import (
	"log/slog"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/data"
)

// Rejection is a change the local authority did not accept, with its
// reason; screens list them as "not accepted by your local authority".
type Rejection = data.Rejection

// LastSynced is when a sync last finished; zero if never.
func (a *App) LastSynced() (time.Time, error) { return a.store.LastSynced() }

// PendingChanges counts the changes not yet acknowledged by the LA.
func (a *App) PendingChanges() (int, error) { return a.store.OutboxLen() }

// Rejections lists the changes the LA did not accept, newest first. They
// are not sent again; the user can correct the record, which queues it
// anew, and dismiss the notice.
func (a *App) Rejections() ([]Rejection, error) { return a.store.Rejections() }

// DismissRejection removes one notice from the list.
func (a *App) DismissRejection(key string) error { return a.store.DismissRejection(key) }

// SetByLA is when the local authority last set its fields of a record
// (a need's status and response, a child's LA reference and placement
// end), for "set by your local authority on ..."; zero when it never has.
func (a *App) SetByLA(kind api.Kind, id string) (time.Time, error) {
	return a.store.LAChangedAt(string(kind), id)
}

// laRules is the reminder rules file the LA published, when it has. It was
// checked by LoadRules before it was stored; it is checked again here so a
// file a newer Hearth accepted cannot break an older one.
func (a *App) laRules() (Rules, bool) {
	doc, err := a.store.Setting(data.SettingLARules)
	if err != nil || doc == "" {
		return Rules{}, false
	}
	r, err := LoadRules([]byte(doc))
	if err != nil {
		slog.Warn("ignoring the local authority's rules file", "error", err)
		return Rules{}, false
	}
	return r, true
}
