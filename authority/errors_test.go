package authority

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"

	"golang.org/x/oauth2"
)

func TestIsRetryable(t *testing.T) {
	netErr := &url.Error{Op: "Get", URL: "https://x", Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}
	cases := map[string]struct {
		err  error
		want bool
	}{
		"nil":                    {nil, false},
		"network":                {fmt.Errorf("GET /v1/me: %w", netErr), true},
		"cut short":              {fmt.Errorf("read: %w", io.ErrUnexpectedEOF), true},
		"timeout":                {fmt.Errorf("x: %w", context.DeadlineExceeded), true},
		"cancelled":              {fmt.Errorf("x: %w", context.Canceled), false},
		"bad answer":             {fmt.Errorf("x: %w", ErrBadResponse), true},
		"500":                    {&StatusError{Status: 500}, true},
		"429":                    {&StatusError{Status: 429}, true},
		"408":                    {&StatusError{Status: 408}, true},
		"401, session refreshes": {&StatusError{Status: 401}, true},
		"401, sign in again":     {fmt.Errorf("%w: %w", ErrSignInAgain, &StatusError{Status: 401}), false},
		"400":                    {&StatusError{Status: 400}, false},
		"403":                    {&StatusError{Status: 403}, false},
		"413":                    {&StatusError{Status: 413}, false},
		"sign in again":          {ErrSignInAgain, false},
		"provider 503":           {&oauth2.RetrieveError{Response: &http.Response{StatusCode: 503}}, true},
		"provider invalid_grant": {&oauth2.RetrieveError{Response: &http.Response{StatusCode: 400}, ErrorCode: "invalid_grant"}, false},
		"settings":               {&SettingsError{Field: "issuer"}, false},
		"state":                  {ErrStateMismatch, false},
	}
	for name, c := range cases {
		if got := IsRetryable(c.err); got != c.want {
			t.Errorf("%s: IsRetryable(%v) = %v", name, c.err, got)
		}
	}
}

func TestStatusErrorSaysWhatFailedAndWhy(t *testing.T) {
	err := &StatusError{Call: "POST /v1/push", Status: 403, Reason: "field \"status\" of kind \"need\" is owned by the local authority"}
	want := `POST /v1/push: the server answered 403 Forbidden: field "status" of kind "need" is owned by the local authority`
	if err.Error() != want {
		t.Fatalf("%q", err.Error())
	}
}
