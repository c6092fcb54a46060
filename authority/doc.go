// Package authority connects Hearth to a local authority (LA): it reads
// the LA's connection settings, discovers its OpenID provider, signs the
// user in (authorization code with PKCE in the system browser, or the
// device grant on tablets), keeps the session's tokens fresh and saved the
// moment they change, and calls the LA's sync API (package api).
//
// It holds no records and no SQL, and draws nothing: the sync engine in
// app/ decides what to send and when, and retries; this package makes
// each call once, safely repeatable, and says whether a failure is worth
// retrying (IsRetryable) or needs the user to sign in again
// (ErrSignInAgain).
//
// The usual flow:
//
//	s, err := authority.ParseSettings(file)        // the LA's settings file
//	p, err := authority.Discover(ctx, s, nil)      // OIDC discovery
//	tok, err := p.SignIn(ctx, openBrowser)         // or StartDevice + WaitDevice
//	sess, err := authority.NewSession(p, keychain, tok)
//	c, err := authority.NewClient(s.APIURL, sess, authority.ClientOptions{})
//	me, err := c.Me(ctx)
//
// On the next start, NewSession(p, keychain, nil) resumes from the saved
// token, or returns ErrNotSignedIn.
package authority
