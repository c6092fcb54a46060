package app

import (
	"strings"
	"time"
)

// Setup is what the first-run screens collect.
type Setup struct {
	Language     string
	Kind         CarerKind
	CarerNames   []string // one or two; blank entries are ignored
	ApprovalDate time.Time
	// Passphrase is required when the keychain is unavailable and optional
	// otherwise (it then becomes a second way to unlock).
	Passphrase string
}

// NeedsApproval reports whether a kind of carer is approved by a fostering
// panel and so has an approval date (and the TSD and annual-review clocks
// that start from it). Special guardians and carers under a child
// arrangements order or informal arrangement are not approved foster carers.
func NeedsApproval(k CarerKind) bool {
	switch k {
	case KindFoster, KindShortBreak, KindKinshipFoster:
		return true
	}
	return false
}

// CompleteSetup validates the first-run answers, creates and wraps the data
// key, and saves the household. Nothing is written until the answers are
// valid, so a mistake costs the user nothing.
func (a *App) CompleteSetup(s Setup) error {
	if a.State() == StateReady {
		return nil
	}
	h := Household{Kind: s.Kind, ApprovalDate: s.ApprovalDate}
	for _, n := range s.CarerNames {
		h.Carers = append(h.Carers, Carer{Name: n})
	}
	if err := a.validateHousehold(&h); err != nil {
		return err
	}
	return a.finishSetup(ProfileCarer, s.Language, s.Passphrase, func() error { return a.store.SaveHousehold(&h) })
}

// finishSetup is the part of first-run setup that every kind of user
// shares, run once their own answers are valid: it checks the passphrase,
// stores the language and the profile kind, makes the data key and then
// saves the profile itself with save. The kind is stored before the key is
// made (see profileKind).
func (a *App) finishSetup(kind ProfileKind, language, passphrase string, save func() error) error {
	locked := !a.store.Unlocked()
	if locked {
		if err := a.validatePassphrase(passphrase); err != nil {
			return err
		}
	}
	if language != "" {
		if err := a.SetLanguage(language); err != nil {
			return err
		}
	}
	if err := a.store.SetSetting(settingProfileKind, string(kind)); err != nil {
		return err
	}
	if locked {
		if err := a.createKey(passphrase); err != nil {
			return err
		}
	}
	if err := save(); err != nil {
		return err
	}
	a.setState(StateReady)
	return nil
}

func (a *App) validatePassphrase(p string) error {
	if p == "" && !a.keychainOK {
		return invalid("passphrase", "error.passphrase_required")
	}
	if p != "" && len([]rune(p)) < MinPassphrase {
		return invalid("passphrase", "error.passphrase_short")
	}
	return nil
}

// validateHousehold tidies the household (trims names, drops blank carers,
// clears an approval date that does not apply) and then checks it.
func (a *App) validateHousehold(h *Household) error {
	kept := h.Carers[:0]
	for _, c := range h.Carers {
		if c.Name = strings.TrimSpace(c.Name); c.Name != "" {
			kept = append(kept, c)
		}
	}
	h.Carers = kept
	if !NeedsApproval(h.Kind) {
		h.ApprovalDate = time.Time{}
	}
	known := false
	for _, k := range CarerKinds {
		known = known || k == h.Kind
	}
	if !known {
		return invalid("kind", "error.kind_required")
	}
	if len(h.Carers) == 0 {
		return invalid("name", "error.name_required")
	}
	if len(h.Carers) > 2 {
		return invalid("name", "error.too_many_carers")
	}
	if NeedsApproval(h.Kind) {
		if h.ApprovalDate.IsZero() {
			return invalid("approval", "error.approval_required")
		}
		if h.ApprovalDate.After(a.Today()) {
			return invalid("approval", "error.approval_future")
		}
	}
	return nil
}

// Household returns the household profile.
func (a *App) Household() (Household, error) { return a.store.Household() }

// SaveHousehold updates the household after setup (kind, approval date,
// carers' names).
func (a *App) SaveHousehold(h *Household) error {
	if err := a.validateHousehold(h); err != nil {
		return err
	}
	return a.store.SaveHousehold(h)
}
