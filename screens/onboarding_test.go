package screens

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

func TestOnboardingFosterCarerLandsOnDashboard(t *testing.T) {
	a := newApp(t)
	u := newUI(t, a)
	o := u.onboard
	if o == nil {
		t.Fatal("a new app should start with setup")
	}
	mustShow(t, u, "Welcome to Hearth")
	o.language.SetSelected("English")
	test.Tap(o.next)

	mustShow(t, u, "Which of these describes you best?")
	if !u.onboard.next.Disabled() {
		t.Fatal("Next should wait until a kind is chosen")
	}
	choose(t, u.onboard.kind, app.KindFoster)
	mustShow(t, u, "approved as a foster carer")
	test.Tap(u.onboard.next)

	test.Type(u.onboard.name1, "Sam Carer")
	test.Type(u.onboard.name2, "Jo Carer")
	test.Tap(u.onboard.next)

	mustShow(t, u, "When were you approved as a carer?")
	u.onboard.approval.entry.SetText("31/02/2025")
	test.Tap(u.onboard.next)
	mustShow(t, u, "Please type the date as day/month/year")
	u.onboard.approval.entry.SetText("01/03/2025")
	test.Tap(u.onboard.next)

	mustShow(t, u, "Check your answers")
	mustShow(t, u, "Jo Carer")
	test.Tap(u.onboard.next)
	waitIdle(t, u)

	view[*dashboardView](t, u)
	mustShow(t, u, "The five Missions")
	mustShow(t, u, "Training standards (TSD)")
	h, err := a.Household()
	if err != nil {
		t.Fatal(err)
	}
	if h.Kind != app.KindFoster || len(h.Carers) != 2 || h.Carers[0].Name != "Sam Carer" || h.Carers[1].Name != "Jo Carer" {
		t.Fatalf("stored household %+v", h)
	}
	if want := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC); !h.ApprovalDate.Equal(want) {
		t.Fatalf("approval date %v, want %v", h.ApprovalDate, want)
	}
	if a.Language() != "en" || a.State() != app.StateReady {
		t.Fatalf("language %q state %v", a.Language(), a.State())
	}
}

func TestOnboardingSpecialGuardianSkipsApprovalAndTSD(t *testing.T) {
	a := newApp(t)
	u := newUI(t, a)
	test.Tap(u.onboard.next)
	choose(t, u.onboard.kind, app.KindSpecialGuardian)
	test.Tap(u.onboard.next)
	// Leaving the name empty is caught when finishing, and the user is
	// taken back to the names page with the reason.
	test.Tap(u.onboard.next)
	mustShow(t, u, "Check your answers")
	test.Tap(u.onboard.next)
	waitIdle(t, u)
	mustShow(t, u, "Please type a name.")
	if u.onboard.at != stepNames {
		t.Fatalf("sent back to step %v, want the names", u.onboard.at)
	}
	test.Type(u.onboard.name1, "Nan")
	test.Tap(u.onboard.next)
	mustShow(t, u, "Check your answers") // no approval date for special guardians
	test.Tap(u.onboard.next)
	waitIdle(t, u)

	view[*dashboardView](t, u)
	mustNotShow(t, u, "Training standards")
	h, err := a.Household()
	if err != nil {
		t.Fatal(err)
	}
	if h.Kind != app.KindSpecialGuardian || !h.ApprovalDate.IsZero() {
		t.Fatalf("stored household %+v", h)
	}
	u.open(route{page: pageTraining})
	if view[*trainingPage](t, u).tabs != nil {
		t.Fatal("special guardians must not see TSD progress")
	}
	mustNotShow(t, u, "standards")
}

func TestPassphraseSetupAndUnlock(t *testing.T) {
	dir := t.TempDir()
	kc := newKeychain(false)
	a := openApp(t, dir, kc)
	u := newUI(t, a)
	test.Tap(u.onboard.next)
	choose(t, u.onboard.kind, app.KindInformalKinship)
	test.Tap(u.onboard.next)
	test.Type(u.onboard.name1, "Grandad")
	test.Tap(u.onboard.next)

	mustShow(t, u, "This computer has no keychain")
	test.Type(u.onboard.pass1, "apples and pears")
	test.Type(u.onboard.pass2, "apples and pear")
	test.Tap(u.onboard.next)
	mustShow(t, u, "The two passphrases are not the same.")
	u.onboard.pass2.SetText("apples and pears")
	test.Tap(u.onboard.next)
	test.Tap(u.onboard.next)
	waitIdle(t, u)
	view[*dashboardView](t, u)
	if !a.HasPassphrase() {
		t.Fatal("the passphrase was not stored")
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	a = openApp(t, dir, kc)
	t.Cleanup(func() { _ = a.Close() })
	u = newUI(t, a)
	if u.unlock == nil {
		t.Fatal("a store without keychain should ask for the passphrase")
	}
	test.Type(u.unlock.pass, "oranges")
	test.Tap(u.unlock.button)
	waitIdle(t, u)
	mustShow(t, u, "That passphrase is not right.")
	u.unlock.pass.SetText("apples and pears")
	test.Tap(u.unlock.button)
	waitIdle(t, u)
	view[*dashboardView](t, u)
	if a.State() != app.StateReady {
		t.Fatalf("state %v after unlock", a.State())
	}
}
