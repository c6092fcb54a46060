package auth

import (
	"errors"
	"fmt"
)

// Reason says in plain words why a request's token was refused. The server
// writes it to the audit log and may return it to the caller; it never
// contains the token.
type Reason string

const (
	// MissingToken: no "Authorization: Bearer ..." header.
	MissingToken Reason = "missing token"
	// MalformedToken: not a JWT, or its claims cannot be read, or it
	// names no subject.
	MalformedToken Reason = "malformed token"
	// BadSignature: not signed by any of the issuer's published keys
	// (tampered with, or forged).
	BadSignature Reason = "bad signature"
	// Expired: the token's exp has passed.
	Expired Reason = "expired"
	// WrongAudience: the token was issued for another API or client.
	WrongAudience Reason = "wrong audience"
	// WrongIssuer: the token comes from another identity provider.
	WrongIssuer Reason = "wrong issuer"
	// InvalidToken: any other refusal, such as a not-before time in the
	// future; Detail says which.
	InvalidToken Reason = "invalid token"
	// KeysUnavailable: the issuer's signing keys could not be fetched, so
	// nothing could be checked. Not the caller's fault: answer 503, not 401.
	KeysUnavailable Reason = "signing keys unavailable"
)

// Error is a refused token. Use errors.As to read the Reason.
type Error struct {
	Reason Reason
	// Detail adds what was found, e.g. which audience the token had.
	Detail string
	// Err is the verification library's error, when there is one.
	Err error
}

func (e *Error) Error() string {
	if e.Detail == "" {
		return "access token refused: " + string(e.Reason)
	}
	return fmt.Sprintf("access token refused: %s: %s", e.Reason, e.Detail)
}

func (e *Error) Unwrap() error { return e.Err }

func refuse(r Reason, err error, format string, args ...any) *Error {
	return &Error{Reason: r, Detail: fmt.Sprintf(format, args...), Err: err}
}

// ReasonOf returns the Reason of a refusal from Authenticate or Verify, or
// "" when err is nil or not a refusal.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}
