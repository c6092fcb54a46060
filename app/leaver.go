package app

import (
	"errors"
	"strings"
	"time"
)

// Care leavers are 16 to 25: a young person can leave care from 16, and a
// personal adviser is there for them up to 25.
const (
	MinLeaverAge = 16
	MaxLeaverAge = 25
)

// LeaverSetup is what the first-run screens collect from a care leaver.
type LeaverSetup struct {
	Language          string
	Name              string
	DateOfBirth       time.Time
	PathwayReviewDate time.Time // their last pathway plan review; zero when they do not know it
	// Passphrase is as for Setup: required without a keychain.
	Passphrase string
}

// CompleteLeaverSetup validates a care leaver's first-run answers, creates
// and wraps the data key, and saves their profile. As with CompleteSetup,
// nothing is written until the answers are valid.
func (a *App) CompleteLeaverSetup(s LeaverSetup) error {
	if a.State() == StateReady {
		if a.ProfileKind() == ProfileCareLeaver {
			return nil
		}
		return errors.New("care leaver setup: this profile is already set up for a carer")
	}
	p := LeaverProfile{Name: s.Name, DateOfBirth: s.DateOfBirth, PathwayReviewDate: s.PathwayReviewDate}
	if err := a.validateLeaverProfile(&p); err != nil {
		return err
	}
	if yearsOld(p.DateOfBirth, a.Today()) > MaxLeaverAge {
		return invalid("dob", "error.leaver_age")
	}
	return a.finishSetup(ProfileCareLeaver, s.Language, s.Passphrase, func() error { return a.store.SaveLeaverProfile(&p) })
}

// validateLeaverProfile trims the profile's text and checks it. Only the
// lower age bound applies here: someone who set Hearth up at 25 keeps their
// records, and can still edit them, after they turn 26.
func (a *App) validateLeaverProfile(p *LeaverProfile) error {
	p.Name = strings.TrimSpace(p.Name)
	p.AdviserName = strings.TrimSpace(p.AdviserName)
	p.AdviserContact = strings.TrimSpace(p.AdviserContact)
	switch {
	case p.Name == "":
		return invalid("name", "error.name_required")
	case p.DateOfBirth.IsZero():
		return invalid("dob", "error.leaver_dob_required")
	case p.DateOfBirth.After(a.Today()):
		return invalid("dob", "error.dob_future")
	case yearsOld(p.DateOfBirth, a.Today()) < MinLeaverAge:
		return invalid("dob", "error.leaver_age")
	case p.PathwayReviewDate.After(a.Today()):
		return invalid("pathway_review", "error.date_future")
	}
	return nil
}

// yearsOld is someone's age in whole years on a day. A 29 February birthday
// counts from 1 March in other years, as in UK law.
func yearsOld(birth, on time.Time) int {
	years := on.Year() - birth.Year()
	if on.Month() < birth.Month() || on.Month() == birth.Month() && on.Day() < birth.Day() {
		years--
	}
	return years
}

// LeaverProfile returns the care leaver's profile.
func (a *App) LeaverProfile() (LeaverProfile, error) { return a.store.LeaverProfile() }

// SaveLeaverProfile updates the care leaver's profile after setup: their
// name, dates, and their personal adviser's name and contact details.
func (a *App) SaveLeaverProfile(p *LeaverProfile) error {
	if err := a.validateLeaverProfile(p); err != nil {
		return err
	}
	return a.store.SaveLeaverProfile(p)
}
