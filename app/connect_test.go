package app

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/app/apptest"
	"github.com/hearth-app/hearth/app/connecttest"
	"github.com/hearth-app/hearth/authority"
	"github.com/hearth-app/hearth/server/devidp"
)

// A settings file that is not right is refused with the part at fault
// named, and nothing is stored.
func TestSetAuthoritySettingsRefusesBadFiles(t *testing.T) {
	a, _ := readyApp(t)
	good := `"client_id":"hearth-app","api_url":"https://api.example.gov.uk","scopes":["openid"]`
	for _, c := range []struct{ file, key string }{
		{`{not json`, "connect.error.settings_file"},
		{`{` + good + `}`, "connect.error.settings_issuer"},
		{`{"issuer":"http://login.example.gov.uk",` + good + `}`, "connect.error.settings_issuer"},
		{`{"issuer":"https://login.example.gov.uk","client_id":"hearth-app","api_url":"ftp://x","scopes":["openid"]}`, "connect.error.settings_api_url"},
		{`{"issuer":"https://login.example.gov.uk","client_id":"hearth-app","api_url":"https://api.example.gov.uk","scopes":[]}`, "connect.error.settings_scopes"},
		{`{"issuer":"https://login.example.gov.uk",` + good + `,"colour":"red"}`, "connect.error.settings_file"},
	} {
		wantUserError(t, a.SetAuthoritySettings([]byte(c.file)), c.key)
		conn, err := a.Connection()
		if err != nil || conn.Configured {
			t.Fatalf("after refusing %s: connection %+v, %v; want nothing stored", c.file, conn, err)
		}
	}
	if err := a.SetAuthoritySettings([]byte(`{"issuer":"https://login.example.gov.uk",` + good + `}`)); err != nil {
		t.Fatal(err)
	}
	conn, err := a.Connection()
	if err != nil || !conn.Configured || conn.Settings.ClientID != "hearth-app" || conn.SignedIn || conn.Ready() {
		t.Fatalf("after a good file: %+v, %v", conn, err)
	}
}

// The whole journey against the real development provider and the real
// LA server: browser sign-in (token in the keychain, not on disk),
// enrolment, sync out, the LA answering a need, sync back.
func TestBrowserSignInEnrolAndSync(t *testing.T) {
	ctx := context.Background()
	la := connecttest.Start(t, devidp.Config{})
	dir := t.TempDir()
	kc := apptest.NewKeychain(true)
	a := openTest(t, dir, kc)
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindFoster, CarerNames: []string{"Ann Test"}, ApprovalDate: date(2026, 3, 1)}); err != nil {
		t.Fatal(err)
	}
	need := Need{Category: NeedRespite, Description: "A weekend break", Urgency: UrgencySoon, Status: NeedRaised}
	if err := a.SaveNeed(&need); err != nil {
		t.Fatal(err)
	}
	wantUserError(t, a.SignInBrowser(ctx, la.Login(ctx, devidp.FosterCarer)), "connect.error.not_configured")
	if err := a.SetAuthoritySettings(la.Settings()); err != nil {
		t.Fatal(err)
	}
	if err := a.SignInBrowser(ctx, la.Login(ctx, devidp.FosterCarer)); err != nil {
		t.Fatalf("browser sign-in: %v", err)
	}
	conn, err := a.Connection()
	if err != nil || !conn.SignedIn || conn.Enrolled {
		t.Fatalf("after sign-in: %+v, %v; want signed in, not enrolled", conn, err)
	}
	tok := keychainToken(t, a, kc)
	if tok.RefreshToken == "" || tok.AccessToken == "" {
		t.Fatalf("keychain holds %+v, want access and refresh tokens", tok)
	}
	noSecretOnDisk(t, dir, tok.RefreshToken, tok.AccessToken)

	_, err = a.SyncNow(ctx, nil)
	wantUserError(t, err, "connect.error.not_enrolled")
	wantUserError(t, a.Enrol(ctx, "  "), "connect.error.code_empty")
	wantUserError(t, a.Enrol(ctx, "WRONG-CODE"), "connect.error.code_wrong")
	code, scope := la.IssueCode(api.ScopeHousehold)
	if err := a.Enrol(ctx, code); err != nil {
		t.Fatalf("enrol: %v", err)
	}
	if conn, _ := a.Connection(); !conn.Ready() {
		t.Fatalf("after enrolling: %+v, want ready", conn)
	}

	var calls, last int
	res, err := a.SyncNow(ctx, func(done, total int) { calls++; last = total - done })
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	if res.Sent < 1 || calls == 0 || last != 0 {
		t.Fatalf("first sync %+v, %d progress calls ending %d short; want the need sent", res, calls, last)
	}
	if n, _ := a.PendingChanges(); n != 0 {
		t.Fatalf("%d changes pending after sync", n)
	}
	if at, _ := a.LastSynced(); at.IsZero() {
		t.Fatal("last synced not recorded")
	}

	laAt := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	la.SetNeed(scope, need.ID, "met", "Two weekends booked", laAt)
	if _, err := a.SyncNow(ctx, nil); err != nil {
		t.Fatalf("second sync: %v", err)
	}
	got, err := a.Need(need.ID)
	if err != nil || got.Status != NeedMet || got.Response != "Two weekends booked" || got.Description != "A weekend break" {
		t.Fatalf("need after the LA answered: %+v, %v", got, err)
	}
	if at, err := a.SetByLA(api.KindNeed, need.ID); err != nil || !at.Equal(laAt) {
		t.Fatalf("SetByLA = %v, %v; want %v", at, err, laAt)
	}
}

// A code sign-in (device grant) approved elsewhere is kept in the
// keychain and still works after Hearth restarts; signing out forgets it
// and keeps the changes waiting to be sent.
func TestDeviceSignInSurvivesRestartAndSignOutKeepsOutbox(t *testing.T) {
	ctx := context.Background()
	la := connecttest.Start(t, devidp.Config{})
	dir := t.TempDir()
	kc := apptest.NewKeychain(true)
	a := openTest(t, dir, kc)
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindKinshipFoster, CarerNames: []string{"Gran"}, ApprovalDate: date(2026, 3, 1)}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetAuthoritySettings(la.Settings()); err != nil {
		t.Fatal(err)
	}
	d, err := a.StartDeviceSignIn(ctx)
	if err != nil {
		t.Fatalf("start device sign-in: %v", err)
	}
	if d.UserCode == "" || !strings.HasPrefix(d.VerificationURI, la.IdP.Issuer()) || !strings.Contains(d.VerificationURIComplete, "code") || !d.Expires.After(time.Now()) {
		t.Fatalf("device sign-in %+v", d)
	}
	approved := make(chan error, 1)
	go func() { approved <- la.Approve(ctx, d.VerificationURI, d.UserCode, devidp.KinshipCarer) }()
	if err := a.WaitDeviceSignIn(ctx, d); err != nil {
		t.Fatalf("wait for the code sign-in: %v", err)
	}
	if err := <-approved; err != nil {
		t.Fatal(err)
	}
	code, _ := la.IssueCode(api.ScopeHousehold)
	if err := a.Enrol(ctx, code); err != nil {
		t.Fatal(err)
	}
	noSecretOnDisk(t, dir, keychainToken(t, a, kc).RefreshToken)
	a.Close()

	b := openTest(t, dir, kc)
	if conn, err := b.Connection(); err != nil || !conn.Ready() {
		t.Fatalf("after restart: %+v, %v; want signed in and enrolled", conn, err)
	}
	tr := Training{Title: "First aid", Provider: "Red Cross", Date: date(2026, 11, 1), Hours: 3, Format: FormatCourse}
	if err := b.SaveTraining(&tr, nil); err != nil {
		t.Fatal(err)
	}
	if res, err := b.SyncNow(ctx, nil); err != nil || res.Sent != 1 {
		t.Fatalf("sync after restart: %+v, %v", res, err)
	}
	tr.Hours = 4
	if err := b.SaveTraining(&tr, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.SignOut(); err != nil {
		t.Fatal(err)
	}
	if kc.Len() != 1 { // only the data key's wrapping secret is left
		t.Fatalf("keychain holds %d entries after signing out, want 1", kc.Len())
	}
	if n, _ := b.PendingChanges(); n != 1 {
		t.Fatalf("%d changes pending after signing out, want 1 kept", n)
	}
	_, err = b.SyncNow(ctx, nil)
	wantUserError(t, err, "connect.error.sign_in_again")
}

// When the provider no longer accepts the sign-in, sync says to sign in
// again, in words the user can act on, forgets the dead token and keeps
// every change waiting.
func TestRevokedSignInAsksToSignInAgainAndKeepsOutbox(t *testing.T) {
	ctx := context.Background()
	la := connecttest.Start(t, devidp.Config{})
	a, _ := readyApp(t)
	connect(t, a, la)
	before, _ := a.PendingChanges()
	// An expired access token with a refresh token the provider never
	// issued: the refresh is refused with invalid_grant.
	if err := a.laTokens().Save(&oauth2.Token{AccessToken: "expired", RefreshToken: "revoked", Expiry: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	_, err := a.SyncNow(ctx, nil)
	wantUserError(t, err, "connect.error.sign_in_again")
	conn, err := a.Connection()
	if err != nil || conn.SignedIn || !conn.SignInAgain || !conn.Configured {
		t.Fatalf("after the refusal: %+v, %v; want signed out with sign-in-again shown", conn, err)
	}
	if after, _ := a.PendingChanges(); after != before || before == 0 {
		t.Fatalf("pending changes %d then %d; want them all kept", before, after)
	}
	if err := a.SignInBrowser(ctx, la.Login(ctx, devidp.FosterCarer)); err != nil {
		t.Fatal(err)
	}
	if conn, _ := a.Connection(); conn.SignInAgain || !conn.Ready() {
		t.Fatalf("after signing in again: %+v, want ready (already enrolled at the LA)", conn)
	}
	if _, err := a.SyncNow(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.PendingChanges(); n != 0 {
		t.Fatalf("%d changes pending after signing in again and syncing", n)
	}
}

// keychainToken reads the LA sign-in from the test keychain.
func keychainToken(t *testing.T, a *App, kc *apptest.Keychain) *oauth2.Token {
	t.Helper()
	account, err := a.laTokenAccount()
	if err != nil {
		t.Fatal(err)
	}
	s, err := kc.Get(account)
	if err != nil {
		t.Fatalf("no sign-in in the keychain: %v", err)
	}
	tok, err := authority.UnmarshalToken([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// noSecretOnDisk fails if any file under dir holds one of the secrets.
func noSecretOnDisk(t *testing.T, dir string, secrets ...string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if s != "" && bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds a sign-in token in plain text", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Online is true while the LA's API accepts connections and false once
// nothing listens there, so the background sync skips quietly.
func TestOnlineFollowsTheAPI(t *testing.T) {
	a, _ := readyApp(t)
	if a.Online(context.Background()) {
		t.Fatal("online with no settings")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	settings := fmt.Sprintf(`{"issuer":"https://login.example.gov.uk","client_id":"hearth-app","api_url":"http://%s","scopes":["openid"]}`, ln.Addr())
	if err := a.SetAuthoritySettings([]byte(settings)); err != nil {
		t.Fatal(err)
	}
	if !a.Online(context.Background()) {
		t.Fatal("offline while the API listens")
	}
	ln.Close()
	if a.Online(context.Background()) {
		t.Fatal("online after the API stopped listening")
	}
}

// connect points a set-up foster household at la, signs it in (in the
// browser) and enrols it.
func connect(t *testing.T, a *App, la *connecttest.LA) {
	t.Helper()
	ctx := context.Background()
	if err := a.SetAuthoritySettings(la.Settings()); err != nil {
		t.Fatal(err)
	}
	if err := a.SignInBrowser(ctx, la.Login(ctx, devidp.FosterCarer)); err != nil {
		t.Fatal(err)
	}
	code, _ := la.IssueCode(api.ScopeHousehold)
	if err := a.Enrol(ctx, code); err != nil {
		t.Fatal(err)
	}
}

// connectedApp is a foster household signed in (in the browser) and
// enrolled at la, with its keychain.
func connectedApp(t *testing.T, la *connecttest.LA, kc *apptest.Keychain) *App {
	t.Helper()
	a := openTest(t, t.TempDir(), kc)
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindFoster, CarerNames: []string{"Ann Test"}, ApprovalDate: date(2026, 3, 1)}); err != nil {
		t.Fatal(err)
	}
	connect(t, a, la)
	return a
}

// When the access token has expired, sync refreshes it; the provider
// rotates the refresh token, and the new one reaches the keychain at once,
// so the next sync (or the next run of Hearth) uses it.
func TestRotatedRefreshTokenIsKeptInTheKeychain(t *testing.T) {
	ctx := context.Background()
	la := connecttest.Start(t, devidp.Config{})
	kc := apptest.NewKeychain(true)
	a := connectedApp(t, la, kc)
	first := keychainToken(t, a, kc)
	first.Expiry = time.Now().Add(-time.Minute) // expired: the next call refreshes
	if err := a.laTokens().Save(first); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SyncNow(ctx, nil); err != nil {
		t.Fatalf("sync with an expired access token: %v", err)
	}
	second := keychainToken(t, a, kc)
	if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
		t.Fatal("the keychain still holds the old tokens after a refresh")
	}
	second.Expiry = time.Now().Add(-time.Minute)
	if err := a.laTokens().Save(second); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SyncNow(ctx, nil); err != nil {
		t.Fatalf("sync refreshing with the rotated token: %v", err)
	}
}

// Without a keychain the sign-in lasts for this run only: nothing about
// it is written anywhere, and syncing still works.
func TestWithoutAKeychainTheSignInStaysInMemory(t *testing.T) {
	la := connecttest.Start(t, devidp.Config{})
	kc := apptest.NewKeychain(false)
	dir := t.TempDir()
	a := openTest(t, dir, kc)
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindFoster, CarerNames: []string{"Ann Test"}, ApprovalDate: date(2026, 3, 1), Passphrase: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	connect(t, a, la)
	if _, err := a.SyncNow(ctx, nil); err != nil {
		t.Fatal(err)
	}
	tok, err := a.laTokens().Load()
	if err != nil || tok == nil {
		t.Fatalf("no sign-in in memory: %v", err)
	}
	if kc.Len() != 0 {
		t.Fatalf("keychain holds %d entries, want none", kc.Len())
	}
	noSecretOnDisk(t, dir, tok.RefreshToken, tok.AccessToken)
	if err := a.SignOut(); err != nil {
		t.Fatal(err)
	}
	if tok, _ := a.laTokens().Load(); tok != nil {
		t.Fatal("the sign-in is still in memory after signing out")
	}
}

// Pasting the same LA's file again keeps the sign-in; a file for another
// LA signs out, since the old sign-in means nothing there, and keeps the
// changes waiting.
func TestChangingTheLASignsOut(t *testing.T) {
	la := connecttest.Start(t, devidp.Config{})
	kc := apptest.NewKeychain(true)
	a := connectedApp(t, la, kc)
	tr := Training{Title: "First aid", Provider: "Red Cross", Date: date(2026, 11, 1), Hours: 3, Format: FormatCourse}
	if err := a.SaveTraining(&tr, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.SetAuthoritySettings(la.Settings()); err != nil {
		t.Fatal(err)
	}
	if conn, _ := a.Connection(); !conn.Ready() {
		t.Fatalf("the same file again: %+v, want still connected", conn)
	}
	other := `{"issuer":"https://login.other.gov.uk","client_id":"hearth-app","api_url":"https://api.other.gov.uk","scopes":["openid"]}`
	if err := a.SetAuthoritySettings([]byte(other)); err != nil {
		t.Fatal(err)
	}
	conn, _ := a.Connection()
	if conn.SignedIn || conn.Enrolled || conn.Settings.Issuer != "https://login.other.gov.uk" {
		t.Fatalf("another LA's file: %+v, want signed out with the new settings", conn)
	}
	if kc.Len() != 1 {
		t.Fatalf("keychain holds %d entries, want only the data key's", kc.Len())
	}
	if n, _ := a.PendingChanges(); n == 0 {
		t.Fatal("the changes waiting were dropped")
	}
}
