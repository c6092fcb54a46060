package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/hearth-app/hearth/app"
)

// fakeTime drives the lock watcher's clock by hand.
type fakeTime struct{ t time.Time }

func (f *fakeTime) now() time.Time          { return f.t }
func (f *fakeTime) advance(d time.Duration) { f.t = f.t.Add(d) }

// watchWith gives the UI's lock watcher a hand-driven clock, starting now.
func watchWith(u *UI) *fakeTime {
	f := &fakeTime{t: time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)}
	u.lockWatch().now = f.now
	u.touched()
	return f
}

// withPIN sets the app lock through the app, keeping the keychain too.
func withPIN(t *testing.T, a *app.App) {
	t.Helper()
	if err := a.SetLock("", app.LockSetup{Kind: app.LockPIN, Secret: "246810", Confirm: "246810", KeychainToo: true}); err != nil {
		t.Fatal(err)
	}
}

// pinUI is a foster carer's profile locked with the PIN 246810 (and the
// keychain), open in a window on the home page.
func pinUI(t *testing.T) (*app.App, *UI) {
	t.Helper()
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	withPIN(t, a)
	return a, newUI(t, a)
}

func TestSetPINLockIdleUnlock(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Ruby Example")
	if err := a.SaveRecording(&app.Recording{ChildID: c.ID, Day: testToday, Text: "Went to the zoo with Nana"}); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	clock := watchWith(u)

	u.open(route{page: pageSettings})
	mustNotShow(t, u, "New PIN or passphrase")
	test.Tap(button(t, u, "Set up an app lock"))
	card := u.lockWatch().card
	card.kind.set(app.LockPIN)
	test.Type(card.secret, "12345")
	test.Type(card.confirm, "12345")
	test.Tap(button(t, u, "Turn on the lock"))
	waitIdle(t, u)
	mustShow(t, u, "Your PIN needs at least 6 numbers.")
	if a.LockEnabled() {
		t.Fatal("a short PIN was stored")
	}
	card.secret.SetText("246810")
	card.confirm.SetText("246810")
	test.Tap(button(t, u, "Turn on the lock"))
	waitIdle(t, u)
	mustShow(t, u, "The lock is on.")
	if a.LockKind() != app.LockPIN {
		t.Fatalf("lock kind = %q, want pin", a.LockKind())
	}

	u.open(route{page: pageChild, id: c.ID})
	mustShow(t, u, "Ruby Example")
	clock.advance(4 * time.Minute)
	u.lockWatch().check()
	if u.unlock != nil {
		t.Fatal("locked before the idle time was up")
	}
	clock.advance(time.Minute)
	u.lockWatch().check()
	if u.unlock == nil || a.State() != app.StateLocked {
		t.Fatalf("not locked after 5 idle minutes (state %v)", a.State())
	}
	for _, s := range texts(u) {
		if strings.Contains(s, "Ruby") || strings.Contains(s, "zoo") {
			t.Fatalf("the locked window still shows %q", s)
		}
	}
	if u.view != nil || u.body != nil {
		t.Fatal("the UI still holds the page it showed before locking")
	}
	mustShow(t, u, "Type your PIN to open your records.")
	mustShow(t, u, "nobody can open these records")

	test.Type(u.unlock.pass, "000000")
	test.Tap(u.unlock.button)
	waitIdle(t, u)
	mustShow(t, u, "That PIN is not right.")
	if a.State() != app.StateLocked {
		t.Fatal("a wrong PIN unlocked")
	}
	u.unlock.pass.SetText("246810")
	test.Tap(u.unlock.button)
	waitIdle(t, u)
	if a.State() != app.StateReady || u.cur.page != pageHome {
		t.Fatalf("after the right PIN: state %v, page %v; want ready, home", a.State(), u.cur.page)
	}
	view[*dashboardView](t, u)
	mustShow(t, u, "Ruby Example")
}

func TestWrongPINsShowTheWait(t *testing.T) {
	_, u := pinUI(t)
	u.lockApp()
	for i := range 4 {
		u.unlock.pass.SetText("000000")
		test.Tap(u.unlock.button)
		waitIdle(t, u)
		if i < 3 {
			mustShow(t, u, "That PIN is not right. Please check it")
		}
	}
	mustShow(t, u, "please wait 30 seconds before you try again")
}

func TestHiddenLocksAfterTheGrace(t *testing.T) {
	_, u := pinUI(t)
	clock := watchWith(u)
	w := u.lockWatch()

	w.hidden()
	clock.advance(20 * time.Second)
	w.check()
	if u.unlock != nil {
		t.Fatal("locked within the grace after losing focus")
	}
	w.shown() // back in time: nothing happens
	w.hidden()
	clock.advance(hiddenGrace)
	w.check()
	if u.unlock == nil {
		t.Fatal("not locked after the grace in the background")
	}
}

func TestComingBackAfterLongAwayLocks(t *testing.T) {
	_, u := pinUI(t)
	clock := watchWith(u)
	u.lockWatch().hidden()
	clock.advance(10 * time.Minute) // a suspended tablet app runs no checks
	u.lockWatch().shown()
	if u.unlock == nil {
		t.Fatal("not locked on coming back after ten minutes away")
	}
}

func TestActivityPutsOffTheLock(t *testing.T) {
	_, u := pinUI(t)
	clock := watchWith(u)
	w := u.lockWatch()
	u.open(route{page: pageSearch})
	w.check() // the first look

	clock.advance(4 * time.Minute)
	test.Type(view[*searchView](t, u).entry, "zoo")
	waitIdle(t, u)
	w.check() // typing is activity
	clock.advance(4 * time.Minute)
	w.check()
	if u.unlock != nil {
		t.Fatal("locked although the user typed four minutes ago")
	}
	clock.advance(time.Minute)
	w.check()
	if u.unlock == nil {
		t.Fatal("not locked five minutes after the typing")
	}
}

func TestNoAutoLockWithoutALockOrWhenOff(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	clock := watchWith(u)
	clock.advance(time.Hour)
	u.lockWatch().check()
	u.lockApp()
	if u.unlock != nil || a.State() != app.StateReady {
		t.Fatal("locked without an app lock")
	}
	withPIN(t, a)
	if err := a.SetAutoLockMinutes(0); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Hour)
	u.lockWatch().check()
	if u.unlock != nil {
		t.Fatal("locked by itself with auto-lock off")
	}
}

func TestTurnOffTheLockNeedsThePIN(t *testing.T) {
	a, u := pinUI(t)
	u.open(route{page: pageSettings})
	test.Tap(button(t, u, "Change the lock or turn it off"))
	card := u.lockWatch().card
	card.current.SetText("111111")
	test.Tap(button(t, u, "Turn off the lock"))
	waitIdle(t, u)
	mustShow(t, u, "That PIN is not right.")
	if !a.LockEnabled() {
		t.Fatal("a wrong PIN turned the lock off")
	}
	card.current.SetText("246810")
	test.Tap(button(t, u, "Turn off the lock"))
	waitIdle(t, u)
	mustShow(t, u, "The lock is off.")
	if a.LockEnabled() {
		t.Fatal("the lock is still on")
	}
}

func TestLockingClosesDialogs(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	addChild(t, a, "Ruby Example")
	withPIN(t, a)
	u := newUI(t, a)
	u.open(route{page: pageSettings})
	test.Tap(button(t, u, "Delete everything about Ruby Example"))
	mustShow(t, u, "Delete Ruby Example and all their milestones, photos")
	test.Tap(button(t, u, "Lock now"))
	if n := len(u.w.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d dialogs still open after locking", n)
	}
	mustNotShow(t, u, "Ruby")
	if a.State() != app.StateLocked {
		t.Fatal("Lock now did not lock")
	}
}

// Pressing Enter again while a try is still being checked must not start
// another try: each would pass the wait check before the first was
// counted, so a quick typist could get many guesses in for each wait. Here
// the later presses carry the right PIN, which must not open Hearth.
func TestEnterWhileCheckingIsOneTry(t *testing.T) {
	a, u := pinUI(t)
	u.lockApp()
	for _, guess := range []string{"000000", "246810", "246810", "246810"} {
		u.unlock.pass.SetText(guess)
		u.unlock.pass.OnSubmitted(guess)
	}
	waitIdle(t, u)
	if a.State() != app.StateLocked {
		t.Fatal("a PIN typed while the first try was being checked was tried too")
	}
	mustShow(t, u, "That PIN is not right. Please check it")
}

// Locking lets go of the Settings widgets the UI keeps a hold on, so a PIN
// typed into the lock's form (and not saved) does not stay reachable while
// Hearth is locked.
func TestLockingDropsTheSettingsCards(t *testing.T) {
	a, u := pinUI(t)
	u.open(route{page: pageSettings})
	card := u.lockWatch().card
	if card == nil {
		t.Fatal("Settings built no lock card")
	}
	test.Type(card.secret, "864209")
	u.lockApp()
	if a.State() != app.StateLocked {
		t.Fatal("did not lock")
	}
	if u.lockWatch().card != nil {
		t.Error("the lock card, with the PIN typed in it, is still held after locking")
	}
	if u.sync != nil && (u.sync.panel != nil || u.sync.card != nil) {
		t.Error("the sync section is still held after locking")
	}
}

// Once the PIN has opened Hearth, the box it was typed in is emptied, so
// the PIN does not stay in a widget for the rest of the session.
func TestUnlockEmptiesThePINBox(t *testing.T) {
	a, u := pinUI(t)
	u.lockApp()
	v := u.unlock
	v.pass.SetText("246810")
	test.Tap(v.button)
	waitIdle(t, u)
	if a.State() != app.StateReady {
		t.Fatal("the PIN did not unlock")
	}
	if v.pass.Text != "" {
		t.Fatal("the PIN is still in the unlock box after unlocking")
	}
}
