package app

import (
	"slices"
	"strings"
)

// Children lists the children placed with the household.
func (a *App) Children() ([]Child, error) { return a.store.Children() }

// Child returns one child.
func (a *App) Child(id string) (Child, error) { return a.store.Child(id) }

// SaveChild validates and stores a child. The LA reference and placement end
// will become LA-owned once sync exists; until then the carer keeps them.
func (a *App) SaveChild(c *Child) error {
	c.Name = strings.TrimSpace(c.Name)
	c.PreferredName = strings.TrimSpace(c.PreferredName)
	switch {
	case c.Name == "":
		return invalid("name", "error.name_required")
	case c.DateOfBirth.IsZero():
		return invalid("dob", "error.dob_required")
	case c.DateOfBirth.After(a.Today()):
		return invalid("dob", "error.dob_future")
	case !slices.Contains(Arrangements, c.Arrangement):
		return invalid("arrangement", "error.arrangement_required")
	case c.PlacementStart.IsZero():
		return invalid("placement_start", "error.placement_start_required")
	case c.PlacementStart.Before(c.DateOfBirth):
		return invalid("placement_start", "error.placement_before_birth")
	case !c.PlacementEnd.IsZero() && c.PlacementEnd.Before(c.PlacementStart):
		return invalid("placement_end", "error.placement_end_before_start")
	}
	if err := a.childWritable(c.ID); err != nil {
		return err
	}
	if err := a.keepLAOwnedChildFields(c); err != nil {
		return err
	}
	return a.store.SaveChild(c)
}
