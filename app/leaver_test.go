package app

import (
	"testing"
	"time"
)

// leaverSetup is a valid care leaver's first run: 19, last reviewed in June.
var leaverSetup = LeaverSetup{Language: "en", Name: " Rhys Test ", DateOfBirth: date(2007, 5, 1), PathwayReviewDate: date(2026, 6, 10)}

// leaverApp is a set-up care leaver's profile.
func leaverApp(t *testing.T) *App {
	t.Helper()
	a := openTest(t, t.TempDir(), newMemKeychain())
	if err := a.CompleteLeaverSetup(leaverSetup); err != nil {
		t.Fatalf("leaver setup: %v", err)
	}
	return a
}

func TestLeaverSetupReopensReady(t *testing.T) {
	dir, kc := t.TempDir(), newMemKeychain()
	a := openTest(t, dir, kc)
	if a.ProfileKind() != "" {
		t.Fatalf("fresh store kind = %q, want none", a.ProfileKind())
	}
	if err := a.CompleteLeaverSetup(leaverSetup); err != nil {
		t.Fatal(err)
	}
	a.Close()

	b := openTest(t, dir, kc)
	if b.State() != StateReady || b.ProfileKind() != ProfileCareLeaver {
		t.Fatalf("reopened: state %v kind %q, want ready care leaver", b.State(), b.ProfileKind())
	}
	p, err := b.LeaverProfile()
	if err != nil || p.Name != "Rhys Test" || !p.PathwayReviewDate.Equal(date(2026, 6, 10)) {
		t.Fatalf("profile = %+v, %v", p, err)
	}
	if err := b.CompleteLeaverSetup(leaverSetup); err != nil {
		t.Errorf("setup again on a ready profile: %v", err)
	}
	if err := b.CompleteSetup(Setup{Kind: KindInformalKinship, CarerNames: []string{"A"}}); err != nil {
		t.Fatal(err) // a ready profile ignores setup, as before
	}
	if _, err := b.Household(); err == nil {
		t.Error("carer setup on a care leaver's profile made a household")
	}
}

func TestLeaverSetupWithPassphraseUnlocksToReady(t *testing.T) {
	dir, kc := t.TempDir(), newMemKeychain()
	kc.SetAvailable(false)
	a := openTest(t, dir, kc)
	s := leaverSetup
	wantUserError(t, a.CompleteLeaverSetup(s), "error.passphrase_required")
	s.Passphrase = "a long enough passphrase"
	if err := a.CompleteLeaverSetup(s); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b := openTest(t, dir, kc)
	if b.State() != StateLocked || b.ProfileKind() != ProfileCareLeaver {
		t.Fatalf("reopened: state %v kind %q, want locked care leaver", b.State(), b.ProfileKind())
	}
	if err := b.Unlock(s.Passphrase); err != nil || b.State() != StateReady {
		t.Fatalf("unlock: %v, state %v", err, b.State())
	}
}

func TestLeaverSetupRefusesBadAnswersAndStoresNothing(t *testing.T) {
	dir, kc := t.TempDir(), newMemKeychain()
	a := openTest(t, dir, kc)
	// Today is 25 November 2026.
	cases := []struct {
		name string
		edit func(*LeaverSetup)
		key  string
	}{
		{"no name", func(s *LeaverSetup) { s.Name = "  " }, "error.name_required"},
		{"no birth date", func(s *LeaverSetup) { s.DateOfBirth = time.Time{} }, "error.leaver_dob_required"},
		{"born in future", func(s *LeaverSetup) { s.DateOfBirth = date(2026, 11, 26) }, "error.dob_future"},
		{"16 tomorrow", func(s *LeaverSetup) { s.DateOfBirth = date(2010, 11, 26) }, "error.leaver_age"},
		{"26 today", func(s *LeaverSetup) { s.DateOfBirth = date(2000, 11, 25) }, "error.leaver_age"},
		{"review in future", func(s *LeaverSetup) { s.PathwayReviewDate = date(2026, 11, 26) }, "error.date_future"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := leaverSetup
			c.edit(&s)
			wantUserError(t, a.CompleteLeaverSetup(s), c.key)
		})
	}
	a.Close()
	b := openTest(t, dir, kc)
	if b.State() != StateNew || b.ProfileKind() != "" {
		t.Fatalf("after refused setups: state %v kind %q, want new and none", b.State(), b.ProfileKind())
	}
}

func TestLeaverAgeBounds(t *testing.T) {
	for _, c := range []struct {
		birth time.Time
		ok    bool
	}{
		{date(2010, 11, 25), true},  // 16 today
		{date(2000, 11, 26), true},  // 25, 26 tomorrow
		{date(2000, 11, 25), false}, // 26 today
	} {
		a := openTest(t, t.TempDir(), newMemKeychain())
		s := leaverSetup
		s.DateOfBirth = c.birth
		if err := a.CompleteLeaverSetup(s); (err == nil) != c.ok {
			t.Errorf("born %v: setup error %v, want ok=%v", c.birth, err, c.ok)
		}
	}
	if got := yearsOld(date(2008, 2, 29), date(2026, 2, 28)); got != 17 {
		t.Errorf("born 29 February, on 28 February: %d years old, want 17", got)
	}
	if got := yearsOld(date(2008, 2, 29), date(2026, 3, 1)); got != 18 {
		t.Errorf("born 29 February, on 1 March: %d years old, want 18", got)
	}
}

func TestCarerSetupStoresKindAndOldStoresAreCarers(t *testing.T) {
	a, _ := readyApp(t)
	if a.ProfileKind() != ProfileCarer {
		t.Fatalf("carer profile kind = %q", a.ProfileKind())
	}
	// A store set up before profile kinds existed has a key but no kind.
	if err := a.store.SetSetting(settingProfileKind, ""); err != nil {
		t.Fatal(err)
	}
	if a.ProfileKind() != ProfileCarer {
		t.Errorf("store without a kind = %q, want carer", a.ProfileKind())
	}
	if err := a.CompleteLeaverSetup(leaverSetup); err == nil {
		t.Error("a carer's ready profile accepted care leaver setup")
	}
}

func TestSaveLeaverProfileAfterSetup(t *testing.T) {
	a := leaverApp(t)
	p, err := a.LeaverProfile()
	if err != nil {
		t.Fatal(err)
	}
	p.AdviserName, p.AdviserContact = " Sam Adviser ", " 07700 900123 "
	if err := a.SaveLeaverProfile(&p); err != nil {
		t.Fatal(err)
	}
	got, _ := a.LeaverProfile()
	if got.AdviserName != "Sam Adviser" || got.AdviserContact != "07700 900123" {
		t.Errorf("adviser = %q, %q", got.AdviserName, got.AdviserContact)
	}
	p.DateOfBirth = date(2000, 1, 1) // 26 now: still their records to edit
	if err := a.SaveLeaverProfile(&p); err != nil {
		t.Errorf("editing at 26: %v", err)
	}
	p.Name = ""
	wantUserError(t, a.SaveLeaverProfile(&p), "error.name_required")
}
