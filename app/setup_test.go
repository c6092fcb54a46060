package app

import (
	"testing"
)

func TestSetupWithKeychainReopensUnlocked(t *testing.T) {
	dir, kc := t.TempDir(), newMemKeychain()
	a := openTest(t, dir, kc)
	if a.State() != StateNew {
		t.Fatalf("fresh store state = %v, want StateNew", a.State())
	}
	err := a.CompleteSetup(Setup{Language: "cy", Kind: KindKinshipFoster, CarerNames: []string{" Gwen Jones ", "", "Huw Jones"}, ApprovalDate: date(2026, 1, 10)})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	a.Close()

	b := openTest(t, dir, kc)
	if b.State() != StateReady {
		t.Fatalf("reopened state = %v, want StateReady", b.State())
	}
	h, err := b.Household()
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Carers) != 2 || h.Carers[0].Name != "Gwen Jones" || h.Carers[1].Name != "Huw Jones" {
		t.Errorf("carers = %+v, want Gwen Jones and Huw Jones", h.Carers)
	}
	if b.Language() != "cy" {
		t.Errorf("language = %q, want cy", b.Language())
	}
}

func TestSetupWithoutKeychainNeedsPassphrase(t *testing.T) {
	dir, kc := t.TempDir(), newMemKeychain()
	kc.SetAvailable(false)
	a := openTest(t, dir, kc)
	s := Setup{Kind: KindSpecialGuardian, CarerNames: []string{"Mair Evans"}}
	wantUserError(t, a.CompleteSetup(s), "error.passphrase_required")
	s.Passphrase = "short"
	wantUserError(t, a.CompleteSetup(s), "error.passphrase_short")
	s.Passphrase = "a long enough passphrase"
	if err := a.CompleteSetup(s); err != nil {
		t.Fatalf("setup: %v", err)
	}
	a.Close()

	b := openTest(t, dir, kc)
	if b.State() != StateLocked {
		t.Fatalf("reopened state = %v, want StateLocked", b.State())
	}
	wantUserError(t, b.Unlock("not the passphrase"), "error.wrong_passphrase")
	if err := b.Unlock("a long enough passphrase"); err != nil {
		t.Fatalf("unlock: %v", err)
	}
	if b.State() != StateReady {
		t.Fatalf("state after unlock = %v, want StateReady", b.State())
	}
	h, err := b.Household()
	if err != nil || h.Carers[0].Name != "Mair Evans" || !h.ApprovalDate.IsZero() {
		t.Fatalf("household = %+v, %v", h, err)
	}
}

func TestSetupRefusesBadAnswersAndStoresNothing(t *testing.T) {
	dir, kc := t.TempDir(), newMemKeychain()
	a := openTest(t, dir, kc)
	cases := []struct {
		name string
		s    Setup
		key  string
	}{
		{"no kind", Setup{CarerNames: []string{"A"}}, "error.kind_required"},
		{"no name", Setup{Kind: KindInformalKinship, CarerNames: []string{"  "}}, "error.name_required"},
		{"three carers", Setup{Kind: KindInformalKinship, CarerNames: []string{"A", "B", "C"}}, "error.too_many_carers"},
		{"foster without approval", Setup{Kind: KindFoster, CarerNames: []string{"A"}}, "error.approval_required"},
		{"approval in future", Setup{Kind: KindShortBreak, CarerNames: []string{"A"}, ApprovalDate: date(2027, 1, 1)}, "error.approval_future"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantUserError(t, a.CompleteSetup(c.s), c.key) })
	}
	a.Close()
	if b := openTest(t, dir, kc); b.State() != StateNew {
		t.Fatalf("after refused setups state = %v, want StateNew", b.State())
	}
}

func TestSettingsPersist(t *testing.T) {
	dir, kc := t.TempDir(), newMemKeychain()
	a := openTest(t, dir, kc)
	if a.Theme() != ThemeLight || a.TextScale() != 1 || a.Language() != "" {
		t.Fatalf("defaults: theme %q scale %v language %q", a.Theme(), a.TextScale(), a.Language())
	}
	if err := a.SetLanguage("fr"); err == nil {
		t.Error("SetLanguage(fr) succeeded; only en and cy ship")
	}
	if err := a.SetTheme(ThemeDark); err != nil {
		t.Fatal(err)
	}
	if err := a.SetTextScale(3); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b := openTest(t, dir, kc)
	if b.Theme() != ThemeDark || b.TextScale() != MaxTextScale {
		t.Errorf("reopened: theme %q scale %v, want dark and 2", b.Theme(), b.TextScale())
	}
}
