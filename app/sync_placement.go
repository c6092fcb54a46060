package app

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/hearth-app/hearth/data"
)

// PlacementAccessDays is how long a carer keeps a child's records after
// the LA ends the placement, as LA practice allows: read-only from the end
// date, and removed from the device this many days after it.
const PlacementAccessDays = 7

// PlacementEnded reports the end date of a child's placement when the LA
// has ended it (today or earlier). The child's records are then read-only.
func (a *App) PlacementEnded(childID string) (time.Time, bool, error) {
	end, err := a.store.PlacementEndedByLA(childID)
	if err != nil || end.IsZero() || a.Today().Before(end) {
		return time.Time{}, false, err
	}
	return end, true, nil
}

// childWritable refuses a change to a child's records once the LA has
// ended the placement; "" (a household record) is always writable.
func (a *App) childWritable(childID string) error {
	if childID == "" {
		return nil
	}
	_, ended, err := a.PlacementEnded(childID)
	if err != nil {
		return err
	}
	if ended {
		return &UserError{Key: "error.placement_ended", Field: "child"}
	}
	return nil
}

// removeEndedPlacements removes the children whose placement the LA ended
// at least PlacementAccessDays ago. Their needs stay: a need is the
// household's (the support it asked for), like its training, and the LA
// may still be answering it.
func (a *App) removeEndedPlacements() (int, error) {
	ids, err := a.store.PurgeEndedPlacements(a.Today().AddDate(0, 0, -PlacementAccessDays))
	return len(ids), err
}

// removeEndedPlacementsOnOpen runs the removal when the store is unlocked,
// so records go on time even on a device that no longer syncs. A failure
// is logged and tried again after the next sync rather than locking the
// user out of everything else.
func (a *App) removeEndedPlacementsOnOpen() {
	if n, err := a.removeEndedPlacements(); err != nil {
		slog.Warn("could not remove ended placements", "error", err)
	} else if n > 0 {
		slog.Info("removed ended placements", "children", n)
	}
}

// keepLAOwnedChildFields copies the LA's reference and placement end onto
// an edited child once the LA has set them, so a carer's save never
// overwrites them. Before the household first syncs the carer keeps both.
func (a *App) keepLAOwnedChildFields(c *Child) error {
	if c.ID == "" {
		return nil
	}
	at, err := a.store.LAChangedAt(data.SyncChild, c.ID)
	if err != nil || at.IsZero() {
		return err
	}
	old, err := a.store.Child(c.ID)
	if err != nil {
		return fmt.Errorf("save child: %w", err)
	}
	c.LAReference, c.PlacementEnd = old.LAReference, old.PlacementEnd
	return nil
}
