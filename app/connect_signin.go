package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/oauth2"

	"github.com/hearth-app/hearth/authority"
)

// provider finds the LA's sign-in service from the stored settings. It is
// looked up afresh each time (one small request), so a changed settings
// file or a provider that moved its endpoints is picked up at once.
func (a *App) provider(ctx context.Context) (*authority.Provider, error) {
	c, err := a.Connection()
	if err != nil {
		return nil, err
	}
	if !c.Configured {
		return nil, &UserError{Key: "connect.error.not_configured", Field: "settings"}
	}
	p, err := authority.Discover(ctx, c.Settings, nil)
	if err != nil {
		return nil, connectProblem(err)
	}
	return p, nil
}

// SignInBrowser signs in to the LA in the system browser (authorization
// code with PKCE, redirect to 127.0.0.1), open being the function that
// opens a web address. The sign-in goes to the keychain; then the LA is
// asked whether this sign-in is already enrolled, so a user who enrolled
// on another device need not enter a code again.
func (a *App) SignInBrowser(ctx context.Context, open func(string) error) error {
	p, err := a.provider(ctx)
	if err != nil {
		return err
	}
	tok, err := p.SignIn(ctx, open)
	if err != nil {
		return connectProblem(err)
	}
	return a.signedIn(ctx, p, tok)
}

// DeviceSignIn is a sign-in with a code (the device authorization grant,
// for tablets): the user opens VerificationURI on another device, or
// scans a QR code of VerificationURIComplete, and types UserCode.
type DeviceSignIn struct {
	UserCode                string
	VerificationURI         string
	VerificationURIComplete string // "" when the provider gives none
	Expires                 time.Time

	p *authority.Provider
	d *authority.DeviceCode
}

// StartDeviceSignIn asks the LA's sign-in service for a code.
func (a *App) StartDeviceSignIn(ctx context.Context) (*DeviceSignIn, error) {
	p, err := a.provider(ctx)
	if err != nil {
		return nil, err
	}
	if !p.CanUseDevice() {
		return nil, &UserError{Key: "connect.error.no_device", Field: "signin"}
	}
	d, err := p.StartDevice(ctx)
	if err != nil {
		return nil, connectProblem(err)
	}
	return &DeviceSignIn{UserCode: d.UserCode, VerificationURI: d.VerificationURI,
		VerificationURIComplete: d.VerificationURIComplete, Expires: d.Expires, p: p, d: d}, nil
}

// WaitDeviceSignIn polls until the user has approved the code elsewhere,
// declined it, the code expires or ctx is cancelled (the Cancel button).
func (a *App) WaitDeviceSignIn(ctx context.Context, s *DeviceSignIn) error {
	tok, err := s.p.WaitDevice(ctx, s.d)
	if err != nil {
		return connectProblem(err)
	}
	return a.signedIn(ctx, s.p, tok)
}

// signedIn keeps a new sign-in and learns whether it is enrolled.
func (a *App) signedIn(ctx context.Context, p *authority.Provider, tok *oauth2.Token) error {
	sess, err := authority.NewSession(p, a.laTokens(), tok)
	if err != nil {
		return err
	}
	if err := a.setFlag(settingLASignInAgain, false); err != nil {
		return err
	}
	client, err := authority.NewClient(p.Settings().APIURL, sess, authority.ClientOptions{})
	if err != nil {
		return err
	}
	me, err := client.Me(ctx)
	if errors.Is(err, authority.ErrSignInAgain) {
		// The LA refuses the sign-in it has just given: say so, rather
		// than look signed in.
		return a.laProblem(err)
	}
	if err != nil {
		// Signed in all the same; enrolment is asked for or checked on
		// the next sync.
		slog.Warn("signed in, but could not ask the local authority about enrolment", "error", err)
		return nil
	}
	return a.setFlag(settingLAEnrolled, me.Scope != "")
}

// SignOut forgets the sign-in. The changes not yet sent stay queued and
// go with the next sign-in.
func (a *App) SignOut() error {
	if err := a.laTokens().Clear(); err != nil {
		return err
	}
	if err := a.setFlag(settingLAEnrolled, false); err != nil {
		return err
	}
	return a.setFlag(settingLASignInAgain, false)
}

// connectProblem turns what can go wrong talking to the LA into words the
// user can act on; anything else is returned as it is.
func connectProblem(err error) error {
	var se *authority.StatusError
	switch {
	case errors.Is(err, context.Canceled):
		return err
	case errors.Is(err, authority.ErrSignInAgain), errors.Is(err, authority.ErrNotSignedIn):
		return &UserError{Key: "connect.error.sign_in_again", Field: "signin"}
	case errors.Is(err, authority.ErrSignInDenied):
		return &UserError{Key: "connect.error.denied", Field: "signin"}
	case errors.Is(err, authority.ErrDeviceCodeExpired):
		return &UserError{Key: "connect.error.code_expired", Field: "signin"}
	case errors.As(err, &se) && se.Status == 403:
		return &UserError{Key: "connect.error.refused", Field: "sync"}
	case authority.IsRetryable(err):
		slog.Info("the local authority could not be reached", "error", err)
		return &UserError{Key: "connect.error.unreachable", Field: "sync"}
	}
	return fmt.Errorf("local authority: %w", err)
}
