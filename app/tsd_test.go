package app

import (
	"testing"
	"time"
)

func TestTSDRulesPerKind(t *testing.T) {
	approved := date(2026, 3, 1)
	cases := []struct {
		kind      CarerKind
		set       TSDSet
		standards int
		deadline  time.Time
	}{
		{KindFoster, TSDMainstream, 7, date(2027, 3, 1)},
		{KindShortBreak, TSDMainstream, 7, date(2027, 3, 1)},
		{KindKinshipFoster, TSDFamilyFriends, 6, date(2027, 9, 1)},
		{KindSpecialGuardian, TSDNone, 0, time.Time{}},
		{KindChildArrangements, TSDNone, 0, time.Time{}},
		{KindInformalKinship, TSDNone, 0, time.Time{}},
	}
	for _, c := range cases {
		t.Run(string(c.kind), func(t *testing.T) {
			p := computeTSD(Household{Kind: c.kind, ApprovalDate: approved}, nil, nil, englandRules(t), date(2026, 11, 25))
			if p.Applies != (c.set != TSDNone) || p.Set != c.set || len(p.Standards) != c.standards || !p.Deadline.Equal(c.deadline) {
				t.Fatalf("got applies=%v set=%q standards=%d deadline=%v; want set=%q standards=%d deadline=%v",
					p.Applies, p.Set, len(p.Standards), p.Deadline, c.set, c.standards, c.deadline)
			}
			if len(TSDStandardKeys(c.kind)) != c.standards {
				t.Errorf("TSDStandardKeys = %d keys, want %d", len(TSDStandardKeys(c.kind)), c.standards)
			}
		})
	}
}

func TestTSDFamilyAndFriendsDeadlineIsEighteenMonths(t *testing.T) {
	h := Household{Kind: KindKinshipFoster, ApprovalDate: date(2026, 1, 31)}
	p := computeTSD(h, nil, nil, englandRules(t), date(2026, 11, 25))
	// 31 January + 18 months normalises past the end of July to 31 July.
	if want := date(2027, 7, 31); !p.Deadline.Equal(want) {
		t.Fatalf("deadline %v, want %v", p.Deadline, want)
	}
	if p.DaysLeft != 248 {
		t.Errorf("days left = %d, want 248", p.DaysLeft)
	}
	if p.Standards[0].TitleKey != "tsd.family.1" || p.Standards[5].TitleKey != "tsd.family.6" {
		t.Errorf("family and friends titles = %q..%q", p.Standards[0].TitleKey, p.Standards[5].TitleKey)
	}
}

func TestTSDEvidenceSignOffAndOverdue(t *testing.T) {
	h := Household{Kind: KindFoster, ApprovalDate: date(2025, 6, 1)}
	trainings := []Training{
		{Title: "Safeguarding", Standards: []int{6}},
		{Title: "First aid", Standards: []int{3, 6}},
	}
	signOffs := []SignOff{{Standard: 6, SignedOn: date(2026, 2, 1)}}
	p := computeTSD(h, trainings, signOffs, englandRules(t), date(2026, 6, 11))
	if p.Evidenced != 2 || p.SignedOff != 1 {
		t.Fatalf("evidenced %d signed off %d, want 2 and 1", p.Evidenced, p.SignedOff)
	}
	if got := len(p.Standards[5].Evidence); got != 2 {
		t.Errorf("standard 6 evidence = %d, want 2", got)
	}
	if !p.Standards[5].SignedOff() || p.Standards[2].SignedOff() {
		t.Errorf("sign-off states wrong: 6=%v 3=%v", p.Standards[5].SignedOff(), p.Standards[2].SignedOff())
	}
	if p.DaysLeft != -10 {
		t.Errorf("days left = %d, want -10 (overdue)", p.DaysLeft)
	}
	if p.Complete() {
		t.Error("Complete() with one of seven signed off")
	}
}

func TestTSDThroughStore(t *testing.T) {
	a, _ := readyApp(t)
	tr := Training{Title: "Skills to Foster", Date: date(2026, 4, 2), Hours: 18, Format: FormatCourse, Standards: []int{2, 1, 2}}
	if err := a.SaveTraining(&tr, nil); err != nil {
		t.Fatal(err)
	}
	p, err := a.TSD()
	if err != nil {
		t.Fatal(err)
	}
	if p.Evidenced != 2 || p.DaysLeft != 96 {
		t.Fatalf("evidenced %d days left %d, want 2 and 96", p.Evidenced, p.DaysLeft)
	}
	bad := Training{Title: "X", Date: date(2026, 4, 2), Hours: 1, Format: FormatReading, Standards: []int{8}}
	wantUserError(t, a.SaveTraining(&bad, nil), "error.standard_invalid")
}

// englandRules is the default rule set, which gives the TSD deadlines.
func englandRules(t *testing.T) Rules {
	t.Helper()
	r, err := DefaultRules(CountryEngland)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The TSD deadline is a reminder until the supervising social worker has
// signed off every standard, whatever the training log holds.
func TestTSDReminderEndsWhenEveryStandardIsSignedOff(t *testing.T) {
	a, _ := readyApp(t)
	hasTSD := func() bool {
		t.Helper()
		all, _, err := a.Timetable()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range all {
			if r.Kind == KindTSD {
				return true
			}
		}
		return false
	}
	p, err := a.TSD()
	if err != nil {
		t.Fatal(err)
	}
	if !p.Applies || !hasTSD() {
		t.Fatalf("a newly approved carer has no TSD reminder (applies %v)", p.Applies)
	}
	for _, s := range p.Standards[1:] {
		if err := a.store.SaveSignOff(SignOff{Standard: s.Number, SignedOn: date(2026, 2, 1)}); err != nil {
			t.Fatal(err)
		}
	}
	if !hasTSD() {
		t.Fatal("the TSD reminder ended with one standard still to sign off")
	}
	if err := a.store.SaveSignOff(SignOff{Standard: p.Standards[0].Number, SignedOn: date(2026, 2, 1)}); err != nil {
		t.Fatal(err)
	}
	if hasTSD() {
		t.Fatal("the TSD reminder is still there with every standard signed off")
	}
}
