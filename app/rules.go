package app

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The default rule files. The LA will later send its own file (local
// practice is often tighter than the law), which LoadRules checks before it
// replaces these.
//
//go:embed rules/*.json
var ruleFiles embed.FS

// Countries whose rules Hearth ships, in the order the picker shows them.
const (
	CountryEngland = "england"
	CountryWales   = "wales"
)

// Countries lists the rule sets the user can choose between.
var Countries = []string{CountryEngland, CountryWales}

// Interval is one timing in a rules file. Exactly one unit is set.
type Interval struct {
	WorkingDays int `json:"working_days,omitempty"`
	Days        int `json:"days,omitempty"`
	Weeks       int `json:"weeks,omitempty"`
	Months      int `json:"months,omitempty"`
}

// IsZero reports whether no unit is set: a rule that is switched off.
func (i Interval) IsZero() bool { return i == Interval{} }

// After is the date the interval ends, counted from d.
func (i Interval) After(d time.Time) time.Time {
	d = dateOf(d)
	switch {
	case i.WorkingDays > 0:
		return AddWorkingDays(d, i.WorkingDays)
	case i.Days > 0:
		return d.AddDate(0, 0, i.Days)
	case i.Weeks > 0:
		return d.AddDate(0, 0, 7*i.Weeks)
	}
	return addMonths(d, i.Months)
}

// TSDDeadline is how long after approval a set of TSD standards must be
// evidenced; the TSD screen and the TSD reminder both read it, so they
// cannot disagree.
func (r Rules) TSDDeadline(set TSDSet) Interval {
	if set == TSDFamilyFriends {
		return r.TSDFamilyFriends
	}
	return r.TSDMainstream
}

func (i Interval) check() error {
	set := 0
	for _, n := range []int{i.WorkingDays, i.Days, i.Weeks, i.Months} {
		if n < 0 {
			return errors.New("is negative")
		}
		if n > 0 {
			set++
		}
	}
	if set != 1 {
		return errors.New("must give exactly one of working_days, days, weeks or months")
	}
	return nil
}

// Rules is a statutory timetable: every interval BRIEF section 3 names,
// for England or for Wales. Dates key off placement start, date of birth
// and approval date.
type Rules struct {
	Name    string `json:"name"`
	Country string `json:"country"`
	// After placement start. In Wales this is the care and support plan.
	PlacementPlan Interval `json:"placement_plan"`
	FirstReview   Interval `json:"first_review"`  // after placement start
	SecondReview  Interval `json:"second_review"` // after the first review
	LaterReviews  Interval `json:"later_reviews"` // after each review from the second
	InitialHealth Interval `json:"initial_health"`
	// Review health assessments: HealthReviewYoung while the child is
	// under HealthAgeSwitch years old on the day of the last one,
	// HealthReviewOlder from then on.
	HealthReviewYoung Interval `json:"health_review_young"`
	HealthReviewOlder Interval `json:"health_review_older"`
	HealthAgeSwitch   int      `json:"health_age_switch"`
	// DentalChecks is part of the Welsh health plan; zero means no
	// reminder.
	DentalChecks Interval `json:"dental_checks,omitzero"`
	// The Personal Education Plan: first within PEP of placement, then
	// reviewed every school term, for children from PEPMinAge until
	// PEPMaxAge.
	PEP                Interval `json:"pep"`
	PEPMinAge          int      `json:"pep_min_age"`
	PEPMaxAge          int      `json:"pep_max_age"`
	SocialWorkerFirst  Interval `json:"social_worker_first"`
	SocialWorkerVisits Interval `json:"social_worker_visits"`
	// SocialWorkerLongTerm replaces SocialWorkerVisits once a placement is
	// intended to last until the child is 18.
	SocialWorkerLongTerm Interval `json:"social_worker_long_term"`
	CarerFirstReview     Interval `json:"carer_first_review"`  // after approval
	CarerLaterReviews    Interval `json:"carer_later_reviews"` // after each review
	TSDMainstream        Interval `json:"tsd_mainstream"`      // after approval
	TSDFamilyFriends     Interval `json:"tsd_family_friends"`  // after approval
	PathwayFirstAge      Interval `json:"pathway_first_age"`   // after date of birth
	PathwayReviews       Interval `json:"pathway_reviews"`
}

// RuleLine is one line of the "which rules apply" list: the rule's name in
// the rules file (also its translation key, "rules.<name>") and its
// interval.
type RuleLine struct {
	Name     string
	Interval Interval
}

// Lines lists the rules in the order the settings show them; Wales'
// dental checks only when they are set.
func (r Rules) Lines() []RuleLine {
	out := []RuleLine{
		{"placement_plan", r.PlacementPlan}, {"first_review", r.FirstReview}, {"second_review", r.SecondReview},
		{"later_reviews", r.LaterReviews}, {"initial_health", r.InitialHealth},
		{"health_review_young", r.HealthReviewYoung}, {"health_review_older", r.HealthReviewOlder},
		{"pep", r.PEP}, {"social_worker_first", r.SocialWorkerFirst}, {"social_worker_visits", r.SocialWorkerVisits},
		{"social_worker_long_term", r.SocialWorkerLongTerm},
		{"carer_first_review", r.CarerFirstReview}, {"carer_later_reviews", r.CarerLaterReviews},
		{"tsd_mainstream", r.TSDMainstream}, {"tsd_family_friends", r.TSDFamilyFriends},
		{"pathway_first_age", r.PathwayFirstAge}, {"pathway_reviews", r.PathwayReviews},
	}
	if r.Country == CountryWales {
		out[0].Name = "care_plan"
	}
	if !r.DentalChecks.IsZero() {
		out = append(out, RuleLine{"dental_checks", r.DentalChecks})
	}
	return out
}

// LoadRules reads and checks a rules file. Every error names the field at
// fault, so an LA whose file is refused can see why.
func LoadRules(raw []byte) (Rules, error) {
	var r Rules
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Rules{}, fmt.Errorf("rules file: %w", err)
	}
	if dec.More() {
		return Rules{}, errors.New("rules file: extra data after the rules")
	}
	if err := r.validate(); err != nil {
		return Rules{}, fmt.Errorf("rules file: %w", err)
	}
	return r, nil
}

func (r Rules) validate() error {
	if r.Name == "" {
		return errors.New(`"name" is missing`)
	}
	if r.Country != CountryEngland && r.Country != CountryWales {
		return fmt.Errorf(`"country" is %q; it must be "england" or "wales"`, r.Country)
	}
	for _, l := range r.Lines() {
		if l.Name == "dental_checks" {
			continue // optional
		}
		if err := l.Interval.check(); err != nil {
			name := l.Name
			if name == "care_plan" {
				name = "placement_plan"
			}
			return fmt.Errorf("%q %w", name, err)
		}
	}
	if !r.DentalChecks.IsZero() {
		if err := r.DentalChecks.check(); err != nil {
			return fmt.Errorf(`"dental_checks" %w`, err)
		}
	}
	switch {
	case r.HealthAgeSwitch < 1 || r.HealthAgeSwitch > 18:
		return fmt.Errorf(`"health_age_switch" is %d; it must be an age from 1 to 18`, r.HealthAgeSwitch)
	case r.PEPMinAge < 0 || r.PEPMaxAge > 25 || r.PEPMinAge >= r.PEPMaxAge:
		return fmt.Errorf(`"pep_min_age" (%d) must be below "pep_max_age" (%d), both from 0 to 25`, r.PEPMinAge, r.PEPMaxAge)
	}
	return nil
}

// DefaultRules is the rule set Hearth ships for a country.
func DefaultRules(country string) (Rules, error) {
	raw, err := ruleFiles.ReadFile("rules/" + country + ".json")
	if err != nil {
		return Rules{}, fmt.Errorf("no rules for %q", country)
	}
	return LoadRules(raw)
}

const settingCountry = "rules_country"

// RulesCountry is the country whose rules apply: England until the user
// chooses Wales.
func (a *App) RulesCountry() string {
	if v, _ := a.store.Setting(settingCountry); v == CountryWales {
		return CountryWales
	}
	return CountryEngland
}

// SetRulesCountry chooses England's or Wales' rules.
func (a *App) SetRulesCountry(country string) error {
	if country != CountryEngland && country != CountryWales {
		return fmt.Errorf("set rules: %q is not a country Hearth has rules for", country)
	}
	return a.store.SetSetting(settingCountry, country)
}

// Rules is the rule set that applies: the LA's own file once it has
// published one (see sync), else the shipped rules for the country.
func (a *App) Rules() (Rules, error) {
	if r, ok := a.laRules(); ok {
		return r, nil
	}
	return DefaultRules(a.RulesCountry())
}
