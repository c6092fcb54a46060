package screens

import (
	"context"
	"image/color"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"rsc.io/qr"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/app/connecttest"
	"github.com/hearth-app/hearth/server/devidp"
)

// connectCardOf is the "Your local authority" section last built.
func connectCardOf(t *testing.T, u *UI) *connectCard {
	t.Helper()
	if u.sync == nil || u.sync.card == nil {
		t.Fatal("Settings shows no local authority section")
	}
	return u.sync.card
}

// pumpUntil plays the UI thread until cond holds, for work that stays
// pending (a code sign-in waits for the person on their phone).
func pumpUntil(t *testing.T, u *UI, cond func() bool) {
	t.Helper()
	v, _ := uiQueues.Load(u)
	q := v.(chan func())
	timeout := time.After(30 * time.Second)
	for !cond() {
		select {
		case f := <-q:
			f()
		case <-timeout:
			t.Fatal("the screen did not get there")
		}
	}
}

// A settings file that is wrong is refused with the reason in plain
// words, and nothing is stored.
func TestConnectRefusesBadSettingsFile(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	u.open(route{page: pageSettings})
	c := connectCardOf(t, u)
	test.Type(c.paste, `{"issuer":"http://login.example.gov.uk","client_id":"hearth-app","api_url":"https://api.example.gov.uk","scopes":["openid"]}`)
	test.Tap(button(t, u, "Use these settings"))
	mustShow(t, u, "The sign-in address (issuer) in the file is missing or not a safe https address.")
	if conn, err := a.Connection(); err != nil || conn.Configured {
		t.Fatalf("connection after a bad file: %+v, %v; want nothing stored", conn, err)
	}
	mustNotShow(t, u, "Sign in with a code")
}

// The whole journey on screen, against the real development provider and
// LA server on loopback: paste the settings, sign in with a code approved
// "on a phone", enrol, sync; then the LA's answer to a need shows read-only
// with its date, and an ended placement shows its notice.
func TestConnectSignInWithCodeEnrolAndSync(t *testing.T) {
	ctx := context.Background()
	la := connecttest.Start(t, devidp.Config{})
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	child := addChild(t, a, "Jay Test")
	need := app.Need{Category: app.NeedRespite, Description: "A weekend break", Urgency: app.UrgencySoon, Status: app.NeedRaised}
	if err := a.SaveNeed(&need); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	u.w.Resize(tabletSize)
	u.syncer().debounce = time.Millisecond
	u.open(route{page: pageSettings})

	c := connectCardOf(t, u)
	test.Type(c.paste, string(la.Settings()))
	test.Tap(button(t, u, "Use these settings"))
	mustShow(t, u, "Local authority: Test Borough Council")
	if conn, _ := a.Connection(); !conn.Configured || conn.SignedIn {
		t.Fatalf("after pasting good settings: %+v", conn)
	}

	test.Tap(button(t, u, "Sign in with a code"))
	pumpUntil(t, u, func() bool { return c.device != nil })
	code, address := c.device.code.Text, c.device.address.Text
	if code == "" || !strings.HasPrefix(address, la.IdP.Issuer()) || c.device.qr == nil {
		t.Fatalf("the code dialog shows code %q, address %q, QR %v", code, address, c.device.qr != nil)
	}
	mustShow(t, u, code)
	approved := make(chan error, 1)
	go func() { approved <- la.Approve(ctx, address, code, devidp.FosterCarer) }()
	waitIdle(t, u)
	if err := <-approved; err != nil {
		t.Fatal(err)
	}
	if c.device != nil {
		t.Fatal("the code dialog is still open after signing in")
	}
	mustShow(t, u, "Use this code")
	if conn, _ := a.Connection(); !conn.SignedIn {
		t.Fatalf("not signed in after approving the code: %+v", conn)
	}

	test.Type(c.code, "NOT-A-CODE")
	test.Tap(button(t, u, "Use this code"))
	waitIdle(t, u)
	mustShow(t, u, "That code did not work.")

	enrolCode, scope := la.IssueCode("household")
	c.code.SetText(enrolCode)
	test.Tap(button(t, u, "Use this code"))
	waitIdle(t, u) // enrolment, then the first background sync
	if n, err := a.PendingChanges(); err != nil || n != 0 {
		t.Fatalf("%d changes pending after the first sync (%v), want 0", n, err)
	}
	mustShow(t, u, "Everything has been sent.")
	mustShow(t, u, "Last synced ")
	mustNotShow(t, u, "Not synced yet.")

	// A save syncs by itself shortly after.
	u.open(route{page: pageNeedForm})
	f := view[*needForm](t, u)
	pick(t, f.category, app.NeedHealth)
	test.Type(f.description, "Hearing test")
	choose(t, f.urgency, app.UrgencySoon)
	test.Tap(f.save)
	if n, _ := a.PendingChanges(); n != 1 {
		t.Fatalf("%d changes pending just after saving, want 1; shows %q", n, texts(u))
	}
	waitIdle(t, u)
	if n, _ := a.PendingChanges(); n != 0 {
		t.Fatalf("%d changes pending after the background sync, want 0", n)
	}
	u.open(route{page: pageSettings})

	laAt := time.Date(2025, 6, 14, 9, 0, 0, 0, time.UTC)
	la.SetNeed(scope, need.ID, "met", "Two weekends booked", laAt)
	la.EndPlacement(scope, child.ID, testToday.AddDate(0, 0, -2), laAt)
	test.Tap(button(t, u, "Sync now"))
	waitIdle(t, u)
	if got, _ := a.Need(need.ID); got.Status != app.NeedMet {
		t.Fatalf("need after sync: %+v, want met", got)
	}

	u.open(route{page: pageNeedForm, id: need.ID})
	if f := view[*needForm](t, u); f.status != nil {
		t.Fatal("the need's status can still be chosen after the LA set it")
	}
	mustShow(t, u, "Two weekends booked")
	mustShow(t, u, "Set by your local authority on 14/06/2025.")

	u.open(route{page: pageChild, id: child.ID, tab: tabDetails})
	mustShow(t, u, "This placement ended on 13/06/2025.")
	mustShow(t, u, "removed from this device on 20/06/2025")
	mustNotShow(t, u, "Edit details")
	// Even reached directly, the form shows the LA's placement end as
	// theirs and does not let the carer change it.
	u.open(route{page: pageChildForm, id: child.ID})
	if cf := view[*childForm](t, u); !cf.end.entry.Disabled() || !cf.end.choose.Disabled() {
		t.Fatal("the LA's placement end can be edited in the child form")
	}
	mustShow(t, u, "Set by your local authority on 14/06/2025.")
	waitIdle(t, u)
}

// The QR code drawn for a code sign-in is the address, module for module.
func TestQRImageMatchesTheAddress(t *testing.T) {
	const address = "http://127.0.0.1:5556/device?user_code=ABCD-EFGH"
	img, err := qrImage(address)
	if err != nil {
		t.Fatal(err)
	}
	want, err := qr.Encode(address, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	got := img.Image
	side := want.Size + 2*qrQuiet
	if b := got.Bounds(); b.Dx() != side || b.Dy() != side {
		t.Fatalf("QR image bounds %v, want %d modules square with the quiet zone", b, side)
	}
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			black := color.GrayModel.Convert(got.At(x, y)).(color.Gray).Y < 128
			if black != want.Black(x-qrQuiet, y-qrQuiet) {
				t.Fatalf("module (%d,%d) black=%v, want %v", x-qrQuiet, y-qrQuiet, black, !black)
			}
		}
	}
	if img.MinSize().Width < minTouch*4 {
		t.Errorf("QR code is %v on screen, too small for a phone camera", img.MinSize())
	}
}

// Every step of connecting, and the code dialog, fits a 1024×768 tablet at
// 200% text with every control a fingertip wide; Cancel on the code dialog
// stops waiting and leaves the user signed out, with no error.
func TestConnectStepsFitATabletAt200Percent(t *testing.T) {
	ctx := context.Background()
	la := connecttest.Start(t, devidp.Config{})
	a := newApp(t)
	setUp(t, a, app.KindKinshipFoster)
	if err := a.SetTextScale(app.MaxTextScale); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	u.w.Resize(tabletSize)
	step := func(name, want string) {
		t.Helper()
		u.open(route{page: pageSettings})
		mustShow(t, u, want)
		touchTargets(t, u, name)
		fits(t, u, name)
	}
	step("settings file", "Use these settings")
	if err := a.SetAuthoritySettings(la.Settings()); err != nil {
		t.Fatal(err)
	}
	step("sign in", "Sign in with a code")

	test.Tap(button(t, u, "Sign in with a code"))
	c := connectCardOf(t, u)
	pumpUntil(t, u, func() bool { return c.device != nil })
	touchTargets(t, u, "code dialog")
	test.Tap(c.device.cancel)
	waitIdle(t, u)
	if conn, _ := a.Connection(); conn.SignedIn {
		t.Fatal("signed in after cancelling the code sign-in")
	}
	if msg := c.problem.Text; msg != "" {
		t.Fatalf("cancelling shows %q, want nothing", msg)
	}

	if err := a.SignInBrowser(ctx, la.Login(ctx, devidp.KinshipCarer)); err != nil {
		t.Fatal(err)
	}
	step("enrol", "Use this code")
	code, _ := la.IssueCode("household")
	if err := a.Enrol(ctx, code); err != nil {
		t.Fatal(err)
	}
	step("syncing", "Sync now")
	waitIdle(t, u)
}

// When the LA's sign-in service no longer accepts the sign-in, the
// section says so in plain words and offers the sign-in buttons again.
// The browser sign-in button is driven here, with the provider's login
// page played over HTTP.
func TestConnectAsksToSignInAgain(t *testing.T) {
	ctx := context.Background()
	// Tokens that are stale as soon as they are issued: the access token
	// is within oauth2's ten-second margin and the refresh token is dead.
	la := connecttest.Start(t, devidp.Config{AccessTokenLifetime: 5 * time.Second, RefreshTokenLifetime: time.Millisecond})
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	if err := a.SetAuthoritySettings(la.Settings()); err != nil {
		t.Fatal(err)
	}
	u := newUI(t, a)
	login := la.Login(ctx, devidp.FosterCarer)
	var opened int
	u.syncer().openURL = func(addr *url.URL) error {
		opened++
		return login(addr.String())
	}
	u.open(route{page: pageSettings})
	test.Tap(button(t, u, "Sign in with your browser"))
	waitIdle(t, u)
	if opened != 1 {
		t.Fatalf("the browser was opened %d times, want once", opened)
	}
	mustShow(t, u, "Your local authority needs you to sign in again. Nothing is lost")
	button(t, u, "Sign in with your browser")
	if conn, _ := a.Connection(); conn.SignedIn || !conn.SignInAgain {
		t.Fatalf("connection %+v, want signed out and asked to sign in again", conn)
	}
}
