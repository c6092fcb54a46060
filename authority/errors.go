package authority

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/oauth2"
)

// Sentinel errors the app turns into plain words.
var (
	// ErrSignInAgain means the LA no longer accepts this sign-in: the
	// refresh token was revoked or has expired, or the API refused a
	// freshly refreshed token. Retrying cannot help; the user must sign in
	// again. The app keeps its outbox and sends it after that.
	ErrSignInAgain = errors.New("the local authority no longer accepts this sign-in; sign in again")
	// ErrNotSignedIn means no token has been saved yet.
	ErrNotSignedIn = errors.New("not signed in to the local authority")
	// ErrSignInDenied means the user (or the provider) declined the sign-in.
	ErrSignInDenied = errors.New("the sign-in was declined")
	// ErrStateMismatch means the browser came back with a state that this
	// sign-in did not send: a stale tab, or someone else's request.
	ErrStateMismatch = errors.New("the sign-in answer does not belong to this sign-in (state mismatch)")
	// ErrDeviceCodeExpired means the device code ran out before the user
	// approved it; start again for a new code.
	ErrDeviceCodeExpired = errors.New("the sign-in code expired before it was used")
	// ErrBadResponse means a 2xx answer from the API could not be read:
	// cut short, not gzip or JSON as promised, or not matching the request.
	ErrBadResponse = errors.New("the server's answer could not be read")
)

// StatusError is a 4xx or 5xx answer from the LA's API.
type StatusError struct {
	Call   string // "GET /v1/me", for example
	Status int
	// Reason is the server's api.Error reason, in plain words, or "" when
	// the body did not carry one.
	Reason string
	// RetryAfter is the server's Retry-After, when it gave one in seconds.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("%s: the server answered %d %s", e.Call, e.Status, http.StatusText(e.Status))
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// IsRetryable reports whether repeating the call later may succeed: a
// network failure, a timeout, an answer cut short, a 5xx, 408 or 429, or
// a 401 that the session will answer with a refreshed token. A 4xx that
// names a problem with the request, ErrSignInAgain and a cancelled context
// are permanent.
func IsRetryable(err error) bool {
	if err == nil || errors.Is(err, ErrSignInAgain) || errors.Is(err, context.Canceled) {
		return false
	}
	if se, ok := errors.AsType[*StatusError](err); ok {
		return retryableStatus(se.Status) || se.Status == http.StatusUnauthorized
	}
	if re, ok := errors.AsType[*oauth2.RetrieveError](err); ok {
		return re.Response != nil && retryableStatus(re.Response.StatusCode)
	}
	if errors.Is(err, ErrBadResponse) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return true
	}
	_, ok := errors.AsType[*url.Error](err)
	return ok
}

func retryableStatus(code int) bool {
	return code >= 500 || code == http.StatusTooManyRequests || code == http.StatusRequestTimeout
}
