package authority

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"
)

// DeviceCode is a started device sign-in (RFC 8628): the app shows
// UserCode and VerificationURI, and a QR code of VerificationURIComplete
// when there is one, then calls WaitDevice.
type DeviceCode struct {
	UserCode                string
	VerificationURI         string
	VerificationURIComplete string // the address with the code in it; may be ""
	Expires                 time.Time
	// Interval is how often the provider allows polling; 0 means 5 seconds.
	Interval time.Duration

	resp *oauth2.DeviceAuthResponse
}

// StartDevice asks the provider for a device code, for a tablet where the
// user signs in on another device (their phone, say).
func (p *Provider) StartDevice(ctx context.Context) (*DeviceCode, error) {
	if !p.CanUseDevice() {
		return nil, fmt.Errorf("sign in with a code: the local authority's sign-in service does not offer it")
	}
	resp, err := p.config("").DeviceAuth(p.ctx(ctx), p.extra()...)
	if err != nil {
		return nil, fmt.Errorf("sign in with a code: ask for a code: %w", err)
	}
	if resp.DeviceCode == "" || resp.UserCode == "" || resp.VerificationURI == "" {
		return nil, fmt.Errorf("sign in with a code: the provider's answer lacks a device code, user code or address")
	}
	if err := checkEndpoint(resp.VerificationURI); err != nil {
		return nil, fmt.Errorf("sign in with a code: the verification address %w", err)
	}
	if resp.VerificationURIComplete != "" {
		if err := checkEndpoint(resp.VerificationURIComplete); err != nil {
			return nil, fmt.Errorf("sign in with a code: the complete verification address %w", err)
		}
	}
	return &DeviceCode{
		UserCode:                resp.UserCode,
		VerificationURI:         resp.VerificationURI,
		VerificationURIComplete: resp.VerificationURIComplete,
		Expires:                 resp.Expiry,
		Interval:                time.Duration(resp.Interval) * time.Second,
		resp:                    resp,
	}, nil
}

// WaitDevice polls the provider at its interval until the user approves
// the code, adding 5 seconds to the interval each time the provider says
// slow_down. It returns ErrSignInDenied if the user declines,
// ErrDeviceCodeExpired when the code runs out, and ctx's error when the
// caller gives up. oauth2 stops polling at the first network failure; that
// error is retryable, and calling WaitDevice again with the same code
// carries on until the code expires (a tablet's wifi drops now and then).
func (p *Provider) WaitDevice(ctx context.Context, d *DeviceCode) (*oauth2.Token, error) {
	tok, err := p.config("").DeviceAccessToken(p.ctx(ctx), d.resp, p.extra()...)
	if err == nil {
		return tok, nil
	}
	if re, ok := errors.AsType[*oauth2.RetrieveError](err); ok {
		switch re.ErrorCode {
		case "access_denied":
			return nil, fmt.Errorf("sign in with a code: %w", ErrSignInDenied)
		case "expired_token":
			return nil, fmt.Errorf("sign in with a code: %w", ErrDeviceCodeExpired)
		}
	}
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return nil, fmt.Errorf("sign in with a code: %w", ErrDeviceCodeExpired)
	}
	return nil, fmt.Errorf("sign in with a code: %w", err)
}
