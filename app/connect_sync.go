package app

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/authority"
)

// client builds the LA API client over the saved sign-in. The session
// writes each rotated refresh token back to the keychain as it arrives.
func (a *App) client(ctx context.Context) (*authority.Client, error) {
	p, err := a.provider(ctx)
	if err != nil {
		return nil, err
	}
	sess, err := authority.NewSession(p, a.laTokens(), nil)
	if err != nil {
		return nil, a.laProblem(err)
	}
	c, err := authority.NewClient(p.Settings().APIURL, sess, authority.ClientOptions{})
	if err != nil {
		return nil, connectProblem(err)
	}
	return c, nil
}

// laProblem is connectProblem that also remembers a lost sign-in, so the
// settings say "sign in again" until the user does, even after a restart.
// The token is forgotten; the changes waiting to be sent are not.
func (a *App) laProblem(err error) error {
	if errors.Is(err, authority.ErrSignInAgain) || errors.Is(err, authority.ErrNotSignedIn) {
		if cerr := a.laTokens().Clear(); cerr != nil {
			return errors.Join(err, cerr)
		}
		if ferr := a.setFlag(settingLASignInAgain, true); ferr != nil {
			return errors.Join(err, ferr)
		}
	}
	return connectProblem(err)
}

// Enrol redeems the one-time code LA staff gave the user, which binds
// this sign-in to the household or the care leaver at the LA.
func (a *App) Enrol(ctx context.Context, code string) error {
	code = strings.TrimSpace(code)
	if code == "" {
		return &UserError{Key: "connect.error.code_empty", Field: "code"}
	}
	c, err := a.client(ctx)
	if err != nil {
		return err
	}
	me, err := c.Enrol(ctx, code)
	if err != nil {
		if se, ok := errors.AsType[*authority.StatusError](err); ok && (se.Status == 403 || se.Status == 400 || se.Status == 404) {
			return &UserError{Key: "connect.error.code_wrong", Field: "code"}
		}
		return a.laProblem(err)
	}
	want := api.ScopeHousehold
	if a.ProfileKind() == ProfileCareLeaver {
		want = api.ScopeLeaver
	}
	if me.ScopeKind != want {
		return &UserError{Key: "connect.error.code_other_kind", Field: "code"}
	}
	return a.setFlag(settingLAEnrolled, true)
}

// SyncNow sends the changes waiting in the outbox to the LA and brings
// its changes back (see SyncWith), over the saved sign-in. When the LA no
// longer accepts the sign-in it returns the UserError
// connect.error.sign_in_again and keeps every change for later.
func (a *App) SyncNow(ctx context.Context, progress func(done, total int)) (SyncResult, error) {
	return a.SyncNowWith(ctx, progress, SyncPolicy{})
}

// SyncNowWith is SyncNow with a policy: the background sync retries less
// than a sync the user asked for.
func (a *App) SyncNowWith(ctx context.Context, progress func(done, total int), p SyncPolicy) (SyncResult, error) {
	conn, err := a.Connection()
	if err != nil {
		return SyncResult{}, err
	}
	switch {
	case !conn.Configured:
		return SyncResult{}, &UserError{Key: "connect.error.not_configured", Field: "settings"}
	case !conn.SignedIn:
		return SyncResult{}, &UserError{Key: "connect.error.sign_in_again", Field: "signin"}
	case !conn.Enrolled:
		return SyncResult{}, &UserError{Key: "connect.error.not_enrolled", Field: "code"}
	}
	c, err := a.client(ctx)
	if err != nil {
		return SyncResult{}, err
	}
	res, err := a.SyncWith(ctx, c, progress, p)
	if err != nil {
		return res, a.laProblem(err)
	}
	return res, nil
}

// NeedSetByLA is when the LA last set a need's status or response, for
// "set by your local authority on ..."; zero when it never has.
func (a *App) NeedSetByLA(id string) (time.Time, error) { return a.SetByLA(api.KindNeed, id) }

// ChildSetByLA is when the LA last set a child's reference or placement
// end; zero when it never has.
func (a *App) ChildSetByLA(id string) (time.Time, error) { return a.SetByLA(api.KindChild, id) }

// Online reports whether the LA's API answers a connection at all, so the
// background sync can skip quietly when the device is offline rather than
// retrying into the void. It sends nothing.
func (a *App) Online(ctx context.Context) bool {
	conn, err := a.Connection()
	if err != nil || !conn.Configured {
		return false
	}
	u, err := url.Parse(conn.Settings.APIURL)
	if err != nil {
		return false
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", net.JoinHostPort(u.Hostname(), port))
	if err != nil {
		return false
	}
	_ = c.Close()
	return true
}
