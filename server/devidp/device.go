package devidp

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// errUnknownUserCode is shown on the device page; it covers mistyped,
// expired and already used codes alike.
var errUnknownUserCode = errors.New("that code is not recognised or has expired; check the code on your device")

// StoreDeviceAuthorization records a new device authorization (RFC 8628).
func (s *storage) StoreDeviceAuthorization(_ context.Context, clientID, deviceCode, userCode string, expires time.Time, scopes []string) error {
	c, ok := s.clients[clientID]
	if !ok {
		return errors.New("unknown client_id")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.purgeLocked(time.Now())
	if _, dup := s.userCodes[userCode]; dup {
		return op.ErrDuplicateUserCode
	}
	s.devices[deviceCode] = &deviceEntry{
		userCode: userCode,
		state: op.DeviceAuthorizationState{
			ClientID: clientID,
			Audience: slices.Clone(c.audience),
			Scopes:   slices.Clone(scopes),
			Expires:  expires,
		},
	}
	s.userCodes[userCode] = deviceCode
	return nil
}

// GetDeviceAuthorizatonState answers the device's polling. Once approved,
// the state is handed out exactly once and forgotten, so a device code
// cannot be redeemed twice.
func (s *storage) GetDeviceAuthorizatonState(ctx context.Context, clientID, deviceCode string) (*op.DeviceAuthorizationState, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.devices[deviceCode]
	if !ok || d.state.ClientID != clientID {
		return nil, errors.New("device code not found for this client, already used or expired")
	}
	st := d.state
	st.Audience = slices.Clone(st.Audience)
	st.Scopes = slices.Clone(st.Scopes)
	if st.Done || st.Denied {
		delete(s.userCodes, d.userCode)
		delete(s.devices, deviceCode)
	}
	return &st, nil
}

// normaliseUserCode accepts what a person types: lower case, spaces, with
// or without the dash.
func normaliseUserCode(code string) string {
	code = strings.ToUpper(strings.Join(strings.Fields(code), ""))
	if len(code) == 8 && !strings.Contains(code, "-") {
		code = code[:4] + "-" + code[4:]
	}
	return code
}

// decideDevice approves (subject set) or denies the device authorization
// behind a user code.
func (s *storage) decideDevice(userCode, subject string, approve bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.devices[s.userCodes[normaliseUserCode(userCode)]]
	if !ok || time.Now().After(d.state.Expires) || d.state.Done || d.state.Denied {
		return errUnknownUserCode
	}
	if !approve {
		d.state.Denied = true
		return nil
	}
	d.state.Subject = subject
	d.state.AMR = amr(true)
	d.state.AuthTime = time.Now()
	d.state.Done = true
	return nil
}
