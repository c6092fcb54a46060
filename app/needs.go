package app

import (
	"fmt"
	"slices"
	"strings"
)

// Needs lists the household's support needs, newest first.
func (a *App) Needs() ([]Need, error) { return a.store.Needs() }

// Need returns one support need.
func (a *App) Need(id string) (Need, error) { return a.store.Need(id) }

// CarerCanSetStatus reports whether the carer may choose a status. Only
// draft and raised are the carer's; everything after is the local
// authority's decision and arrives by sync.
func CarerCanSetStatus(s NeedStatus) bool { return s == NeedDraft || s == NeedRaised }

// NeedOpen reports whether a need still awaits an outcome.
func NeedOpen(n Need) bool { return n.Status != NeedMet && n.Status != NeedDeclined }

// SaveNeed validates and stores a support need. Once the LA has moved a need
// past "raised", the carer can still correct the description but the status
// and response stay as the LA set them.
func (a *App) SaveNeed(n *Need) error {
	n.Description = strings.TrimSpace(n.Description)
	if n.Status == "" {
		n.Status = NeedRaised
	}
	switch {
	case !slices.Contains(NeedCategories, n.Category):
		return invalid("category", "error.category_required")
	case n.Description == "":
		return invalid("description", "error.description_required")
	case !slices.Contains(Urgencies, n.Urgency):
		return invalid("urgency", "error.urgency_required")
	}
	if n.ID != "" {
		if err := a.keepLAOwnedNeedFields(n); err != nil {
			return err
		}
	} else if !CarerCanSetStatus(n.Status) {
		return invalid("status", "error.status_la_owned")
	}
	return a.store.SaveNeed(n)
}

// keepLAOwnedNeedFields copies the LA's status and response onto an edited
// need so a carer's save can never overwrite them. (When the status last
// changed is the store's to keep.)
func (a *App) keepLAOwnedNeedFields(n *Need) error {
	old, err := a.store.Need(n.ID)
	if err != nil {
		return fmt.Errorf("save need: %w", err)
	}
	if !CarerCanSetStatus(old.Status) {
		n.Status, n.Response = old.Status, old.Response
		return nil
	}
	if !CarerCanSetStatus(n.Status) {
		return invalid("status", "error.status_la_owned")
	}
	return nil
}

// DeleteNeed removes a need.
func (a *App) DeleteNeed(id string) error { return a.store.DeleteNeed(id) }
