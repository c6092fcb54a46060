package authority

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// CallbackPath is the loopback redirect's path: the provider must accept
// http://127.0.0.1/callback on any port (RFC 8252 section 7.3), or on
// the settings' RedirectPort.
const CallbackPath = "/callback"

// The page the browser shows after the redirect, in English and Welsh,
// since it is shown before the app knows which the user reads. Plain text:
// nothing in it can be scripted.
const (
	pageDone   = "Signed in to Hearth. You can close this page and go back to Hearth.\n\nWedi mewngofnodi i Hearth. Gallwch gau'r dudalen hon a mynd yn ôl i Hearth.\n"
	pageFailed = "Sign-in did not work. Go back to Hearth to try again.\n\nNi weithiodd y mewngofnodi. Ewch yn ôl i Hearth i roi cynnig arall arni.\n"
)

// SignIn signs the user in with the authorization code grant and PKCE
// (S256) in the system browser, as RFC 8252 says a native app should. It
// listens on 127.0.0.1 (on the settings' RedirectPort, or any free port),
// asks open to show the provider's sign-in page, and waits for the
// browser to come back. The first request to CallbackPath is the only one
// answered: the listener is closed after it, whatever it carried. A
// callback whose state differs is refused with ErrStateMismatch and its
// code is never exchanged. ctx cancels the wait.
//
// open is the system browser in the app; tests pass a function that
// drives the provider's login page over HTTP instead.
func (p *Provider) SignIn(ctx context.Context, open func(authURL string) error) (*oauth2.Token, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p.settings.RedirectPort)))
	if err != nil {
		return nil, fmt.Errorf("sign in: listen for the browser on 127.0.0.1: %w", err)
	}
	redirect := fmt.Sprintf("http://%s%s", ln.Addr().String(), CallbackPath)
	verifier := oauth2.GenerateVerifier()
	state, err := randomState()
	if err != nil {
		ln.Close()
		return nil, err
	}
	cfg := p.config(redirect)
	authURL := cfg.AuthCodeURL(state, append(p.extra(), oauth2.S256ChallengeOption(verifier))...)

	cb := &callback{state: state, issuer: p.settings.Issuer, result: make(chan callbackResult, 1)}
	mux := http.NewServeMux()
	mux.Handle(CallbackPath, cb)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(slog.Default().Handler(), slog.LevelDebug)}
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(ln) // returns once shut down below
	}()
	// shutdown lets the answer to the browser finish, then closes the
	// listener, so no second request can reach this sign-in.
	shutdown := func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			srv.Close()
		}
		<-served
	}

	if err := open(authURL); err != nil {
		shutdown()
		return nil, fmt.Errorf("sign in: open the browser: %w", err)
	}
	var res callbackResult
	select {
	case <-ctx.Done():
		shutdown()
		return nil, fmt.Errorf("sign in: %w", ctx.Err())
	case res = <-cb.result:
		shutdown()
	}
	if res.err != nil {
		return nil, fmt.Errorf("sign in: %w", res.err)
	}
	opts := append(p.extra(), oauth2.VerifierOption(verifier))
	tok, err := cfg.Exchange(p.ctx(ctx), res.code, opts...)
	if err != nil {
		return nil, fmt.Errorf("sign in: exchange the code for a token: %w", err)
	}
	return tok, nil
}

// callback answers the browser's one redirect back to the app.
type callback struct {
	state, issuer string
	once          sync.Once
	result        chan callbackResult
}

type callbackResult struct {
	code string
	err  error
}

func (cb *callback) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	used := true
	cb.once.Do(func() {
		used = false
		res := cb.read(r)
		writePage(w, res.err == nil)
		cb.result <- res
	})
	if used {
		writePage(w, false)
	}
}

// read checks the redirect's parameters: the state this sign-in sent, the
// issuer when the provider names it (RFC 9207, against mix-up), and an
// error the provider reports instead of a code.
func (cb *callback) read(r *http.Request) callbackResult {
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(cb.state)) != 1 {
		return callbackResult{err: ErrStateMismatch}
	}
	if iss := q.Get("iss"); iss != "" && iss != cb.issuer {
		return callbackResult{err: fmt.Errorf("the answer came from %q, not the local authority's issuer", iss)}
	}
	if e := q.Get("error"); e != "" {
		err := fmt.Errorf("the provider answered %q: %s", e, q.Get("error_description"))
		if e == "access_denied" {
			err = errors.Join(ErrSignInDenied, err)
		}
		return callbackResult{err: err}
	}
	code := q.Get("code")
	if code == "" {
		return callbackResult{err: fmt.Errorf("the provider's answer has no code")}
	}
	return callbackResult{code: code}
}

func writePage(w http.ResponseWriter, ok bool) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Connection", "close")
	if ok {
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(pageDone))
		return
	}
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write([]byte(pageFailed))
}

// randomState is 32 random bytes, base64url: unguessable, so only the
// browser this sign-in sent can come back with it.
func randomState() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("sign in: make a random state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
