package app

import (
	"time"
)

// TSDSet names which Training, Support and Development Standards apply.
type TSDSet string

// The two sets of standards, and none.
const (
	TSDNone          TSDSet = ""
	TSDMainstream    TSDSet = "mainstream"     // 7 standards
	TSDFamilyFriends TSDSet = "family_friends" // 6 standards
)

type tsdRules struct {
	set       TSDSet
	standards []string // translation keys of each standard's title, in order
}

// tsdSet gives the TSD standards for a kind of carer. Mainstream and
// short-break foster carers evidence 7 standards (within 12 months of
// approval by default); family and friends (connected person) foster carers
// evidence 6 (within 18 months). The deadlines come from the rules file
// (Rules.TSDDeadline), so the LA can change them.
// Special guardians and carers under a child arrangements order or informal
// arrangement are not foster carers and have no TSD duty, so they get none.
func tsdSet(k CarerKind) tsdRules {
	switch k {
	case KindFoster, KindShortBreak:
		return tsdRules{set: TSDMainstream, standards: []string{
			"tsd.mainstream.1", "tsd.mainstream.2", "tsd.mainstream.3", "tsd.mainstream.4",
			"tsd.mainstream.5", "tsd.mainstream.6", "tsd.mainstream.7",
		}}
	case KindKinshipFoster:
		return tsdRules{set: TSDFamilyFriends, standards: []string{
			"tsd.family.1", "tsd.family.2", "tsd.family.3", "tsd.family.4", "tsd.family.5", "tsd.family.6",
		}}
	}
	return tsdRules{}
}

// TSDStandardKeys lists the translation keys of the standards that apply to
// a kind of carer, for forms that tick standards off.
func TSDStandardKeys(k CarerKind) []string { return tsdSet(k).standards }

// TSDProgress is the household's progress through its TSD standards.
type TSDProgress struct {
	Applies   bool
	Set       TSDSet
	Standards []StandardProgress
	Deadline  time.Time
	DaysLeft  int // negative once the deadline has passed
	Evidenced int // standards with at least one piece of evidence
	SignedOff int
}

// StandardProgress is one standard's evidence and sign-off.
type StandardProgress struct {
	Number   int
	TitleKey string
	Evidence []Training
	SignedOn time.Time // zero until the supervising social worker signs off
}

// SignedOff reports whether the standard has been signed off.
func (s StandardProgress) SignedOff() bool { return !s.SignedOn.IsZero() }

// Complete reports whether every standard is signed off.
func (p TSDProgress) Complete() bool { return p.Applies && p.SignedOff == len(p.Standards) }

// TSD works out the household's TSD progress from its training log and the
// LA's sign-offs.
func (a *App) TSD() (TSDProgress, error) {
	h, err := a.store.Household()
	if err != nil {
		return TSDProgress{}, err
	}
	trainings, err := a.store.Trainings()
	if err != nil {
		return TSDProgress{}, err
	}
	signOffs, err := a.store.SignOffs()
	if err != nil {
		return TSDProgress{}, err
	}
	rules, err := a.Rules()
	if err != nil {
		return TSDProgress{}, err
	}
	return computeTSD(h, trainings, signOffs, rules, a.Today()), nil
}

// computeTSD is the pure rule behind TSD, kept separate so it is tested
// without a store.
func computeTSD(h Household, trainings []Training, signOffs []SignOff, rules Rules, today time.Time) TSDProgress {
	set := tsdSet(h.Kind)
	if set.set == TSDNone || h.ApprovalDate.IsZero() {
		return TSDProgress{}
	}
	p := TSDProgress{Applies: true, Set: set.set, Deadline: rules.TSDDeadline(set.set).After(h.ApprovalDate)}
	p.DaysLeft = daysBetween(today, p.Deadline)
	signed := map[int]time.Time{}
	for _, o := range signOffs {
		signed[o.Standard] = o.SignedOn
	}
	for i, key := range set.standards {
		sp := StandardProgress{Number: i + 1, TitleKey: key, SignedOn: signed[i+1]}
		for _, t := range trainings {
			for _, n := range t.Standards {
				if n == sp.Number {
					sp.Evidence = append(sp.Evidence, t)
				}
			}
		}
		if len(sp.Evidence) > 0 {
			p.Evidenced++
		}
		if sp.SignedOff() {
			p.SignedOff++
		}
		p.Standards = append(p.Standards, sp)
	}
	return p
}

// daysBetween counts calendar days from a to b, negative when b is earlier.
func daysBetween(a, b time.Time) int {
	return int(dateOf(b).Sub(dateOf(a)).Hours() / 24)
}
