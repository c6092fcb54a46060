package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// Failed sign-ins are limited per address, and an IPv6 caller usually
// holds a whole /64: addresses in one /64 share a bucket, so hopping
// between them cannot get round the limit and flood the audit log.
// Another /64, or an IPv4 address, has its own.
func TestFailedSignInLimitCoversIPv6Prefix(t *testing.T) {
	clock := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	s := newTestServer(t, Config{})
	h := New(Config{Store: s.store, Authenticator: headerAuth{}, Logger: discard(), RatePerSecond: 1, Burst: 1, Now: func() time.Time { return clock }})
	status := func(remote string) int {
		req := httptest.NewRequest("GET", "/v1/me", nil)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	if got := status("[2001:db8:1:2::1]:4000"); got != http.StatusUnauthorized {
		t.Fatalf("first failed sign-in: %d, want 401", got)
	}
	if got := status("[2001:db8:1:2::ffff]:4001"); got != http.StatusTooManyRequests {
		t.Errorf("another address in the same /64: %d, want 429", got)
	}
	if got := status("[2001:db8:1:3::1]:4000"); got != http.StatusUnauthorized {
		t.Errorf("an address in another /64: %d, want 401", got)
	}
	if got := status("192.0.2.1:4000"); got != http.StatusUnauthorized {
		t.Errorf("an IPv4 address: %d, want 401", got)
	}
	if got := status("192.0.2.2:4000"); got != http.StatusUnauthorized {
		t.Errorf("another IPv4 address: %d, want 401", got)
	}
}
