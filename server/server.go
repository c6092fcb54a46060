// Package server is the reference local authority server for Hearth's sync
// protocol (package api): it authenticates each request's bearer token,
// authorises it against the caller's enrolment, applies pushed operations
// exactly once, serves changes since a revision, and audits every refusal
// and every staff action. An LA can run it as it is (cmd/hearth-server) or
// implement the same protocol in its own systems.
package server

import (
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/store"
)

// Authenticator turns a request's credentials into a verified principal.
// server/auth.Verifier implements it with JWTs checked against the
// issuer's keys; an error means the caller is not signed in (401).
type Authenticator interface {
	Authenticate(r *http.Request) (auth.Principal, error)
}

// Config is what New needs.
type Config struct {
	Store         store.Store
	Authenticator Authenticator
	Logger        *slog.Logger
	// Caseloads limits staff subjects to the listed scopes; staff not
	// listed see every scope.
	Caseloads map[string][]string
	// RatePerSecond and Burst are each subject's token bucket (default
	// 20 per second, burst 60).
	RatePerSecond float64
	Burst         int
	// CodeTTL is how long an enrolment code is valid (default 7 days).
	CodeTTL time.Duration
	// Now is the clock (time.Now if nil), for tests.
	Now func() time.Time
}

type handler struct {
	svc   *Service
	authn Authenticator
	log   *slog.Logger
	limit *limiter
	mux   *http.ServeMux
}

// New returns the server's HTTP handler for every endpoint in package api,
// plus GET /v1/openapi.yaml.
func New(cfg Config) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.RatePerSecond <= 0 {
		cfg.RatePerSecond = 20
	}
	if cfg.Burst <= 0 {
		cfg.Burst = 60
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	h := &handler{
		svc:   &Service{Store: cfg.Store, Caseloads: cfg.Caseloads, CodeTTL: cfg.CodeTTL, Now: cfg.Now},
		authn: cfg.Authenticator,
		log:   cfg.Logger,
		limit: newLimiter(cfg.RatePerSecond, cfg.Burst, now),
		mux:   http.NewServeMux(),
	}
	h.mux.HandleFunc("GET /v1/openapi.yaml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		_, _ = w.Write(api.OpenAPI)
	})
	h.route("GET /v1/me", h.me)
	h.route("POST /v1/enrol", h.enrol)
	h.route("POST /v1/push", h.push)
	h.route("GET /v1/changes", h.changes)
	h.route("POST /v1/staff/enrolments", h.issueCode)
	h.route("GET /v1/staff/scopes/{scope}/needs", h.needs)
	h.route("POST /v1/staff/push", h.staffPush)
	h.route("PUT /v1/staff/rules", h.rules)
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusNotFound, "no such endpoint: see /v1/openapi.yaml")
	})
	return h
}

// ServeHTTP recovers from a panic in any handler so one bad request
// cannot take the server down, and logs each request without personal
// data (method, route, status, duration).
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("handler panicked", "method", r.Method, "route", r.Pattern, "panic", p)
			if !sw.wrote {
				writeError(sw, r, http.StatusInternalServerError, "the server failed; try again later")
			}
		}
		h.log.Info("request", "method", r.Method, "route", r.Pattern, "status", sw.status, "duration", time.Since(start))
	}()
	h.mux.ServeHTTP(sw, r)
}

type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusWriter) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

// authed is an endpoint for a signed-in, rate-limited caller.
type authed func(w http.ResponseWriter, r *http.Request, c Caller) error

// route registers an endpoint behind authentication, the rate limit and
// error handling: a *Refusal becomes its status and reason, anything else
// a 500 that is logged without details reaching the caller.
func (h *handler) route(pattern string, fn authed) {
	h.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p, err := h.authn.Authenticate(r)
		if err == nil && p.Subject == "" {
			err = errors.New("the token names no subject")
		}
		if auth.ReasonOf(err) == auth.KeysUnavailable {
			// Not the caller's fault: nothing could be checked.
			h.log.Error("cannot verify tokens", "err", err)
			writeError(w, r, http.StatusServiceUnavailable, "the server cannot check sign-ins right now; try again later")
			return
		}
		if err != nil {
			// Failed sign-ins are limited per address, so guessing
			// tokens cannot flood the audit log.
			if ok, wait := h.limit.allow("addr:" + addrKey(r)); !ok {
				tooMany(w, r, wait)
				return
			}
			reason := "sign in again: " + err.Error()
			if aerr := h.svc.Refuse(ctx, "", r.Method+" "+r.URL.Path, "", http.StatusUnauthorized, reason); !isRefusal(aerr) {
				h.fail(w, r, aerr)
				return
			}
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			writeError(w, r, http.StatusUnauthorized, reason)
			return
		}
		if ok, wait := h.limit.allow("sub:" + p.Subject); !ok {
			tooMany(w, r, wait)
			return
		}
		c, err := h.svc.Caller(ctx, p)
		if err == nil {
			err = fn(w, r, c)
		}
		if err != nil {
			h.fail(w, r, err)
		}
	})
}

func tooMany(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int(wait/time.Second) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, r, http.StatusTooManyRequests, "too many requests: wait "+strconv.Itoa(secs)+" seconds and try again")
}

func isRefusal(err error) bool {
	var ref *Refusal
	return errors.As(err, &ref)
}

func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ref *Refusal
	if errors.As(err, &ref) {
		writeError(w, r, ref.Status, ref.Reason)
		return
	}
	h.log.Error("request failed", "method", r.Method, "route", r.Pattern, "err", err)
	writeError(w, r, http.StatusInternalServerError, "the server failed; try again later")
}

// addrKey is the caller's address for the failed sign-in limit: the IPv4
// address, or the /64 of an IPv6 one, since one IPv6 caller usually holds
// a whole /64 and could otherwise take a fresh bucket for every request.
func addrKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() != nil {
		return host
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
