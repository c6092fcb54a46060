package authority

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hearth-app/hearth/api"
	"golang.org/x/oauth2"
)

// Client calls the LA's sync API (see package api). Each call is made
// once, never retried here, and is safe to repeat: the engine decides when
// to try again, guided by IsRetryable. Safe for concurrent use.
type Client struct {
	base    string
	ts      oauth2.TokenSource
	hc      *http.Client
	timeout time.Duration
	wire    *wireCounter
}

// ClientOptions tune a Client; the zero value is fine.
type ClientOptions struct {
	// Timeout bounds each call, from sending to the last byte of the
	// answer. 0 means DefaultTimeout.
	Timeout time.Duration
	// TLSConfig, when set, replaces the system's TLS settings, for an LA
	// with a private certificate authority, or a test server.
	TLSConfig *tls.Config
}

// DefaultTimeout bounds one API call: long enough for a full page of
// changes over a slow mobile connection.
const DefaultTimeout = 60 * time.Second

// NewClient returns a client for the API at apiURL (the settings'
// APIURL). With a *Session as ts, a 401 makes the session refresh before
// the next call, and a 401 to that refreshed token is ErrSignInAgain; with
// any other token source a 401 is ErrSignInAgain at once.
func NewClient(apiURL string, ts oauth2.TokenSource, o ClientOptions) (*Client, error) {
	if err := checkURL(apiURL); err != nil {
		return nil, &SettingsError{"api_url", err.Error()}
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	w := &wireCounter{}
	return &Client{
		base:    strings.TrimRight(apiURL, "/"),
		ts:      ts,
		hc:      &http.Client{Transport: newTransport(w, o.TLSConfig)},
		timeout: o.Timeout,
		wire:    w,
	}, nil
}

// Wire returns the bytes sent and received so far.
func (c *Client) Wire() WireStats { return c.wire.stats() }

// Me asks who the token belongs to and what it is enrolled to.
func (c *Client) Me(ctx context.Context) (api.Me, error) {
	return call[api.Me](ctx, c, http.MethodGet, "/"+api.Version+"/me", nil)
}

// Enrol binds the signed-in user to the household or care leaver the LA's
// one-time code names.
func (c *Client) Enrol(ctx context.Context, code string) (api.Me, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return api.Me{}, fmt.Errorf("enrol: the code is empty")
	}
	return call[api.Me](ctx, c, http.MethodPost, "/"+api.Version+"/enrol", api.EnrolRequest{Code: code})
}

// Push sends a batch of outbox operations. The server applies each once
// however often it arrives, so a push whose answer was lost is simply
// sent again. The answer is checked to hold one Ack per operation, in
// order; anything else is ErrBadResponse.
func (c *Client) Push(ctx context.Context, req api.PushRequest) (api.PushResponse, error) {
	if n := len(req.Operations); n == 0 || n > api.MaxBatch {
		return api.PushResponse{}, fmt.Errorf("push: a batch carries 1 to %d operations, not %d", api.MaxBatch, n)
	}
	resp, err := call[api.PushResponse](ctx, c, http.MethodPost, "/"+api.Version+"/push", req)
	if err != nil {
		return resp, err
	}
	if len(resp.Results) != len(req.Operations) {
		return api.PushResponse{}, fmt.Errorf("push: %w: %d acknowledgements for %d operations", ErrBadResponse, len(resp.Results), len(req.Operations))
	}
	for i, a := range resp.Results {
		if a.IdempotencyKey != req.Operations[i].IdempotencyKey || (a.Status != api.AckApplied && a.Status != api.AckRejected) {
			return api.PushResponse{}, fmt.Errorf("push: %w: acknowledgement %d does not match its operation", ErrBadResponse, i+1)
		}
	}
	return resp, nil
}

// Changes fetches up to limit changes after revision since, oldest first.
func (c *Client) Changes(ctx context.Context, since int64, limit int) (api.ChangesPage, error) {
	if since < 0 || limit < 1 || limit > api.MaxPage {
		return api.ChangesPage{}, fmt.Errorf("changes: since must be 0 or more and limit 1 to %d (got %d, %d)", api.MaxPage, since, limit)
	}
	q := url.Values{"since": {strconv.FormatInt(since, 10)}, "limit": {strconv.Itoa(limit)}}
	page, err := call[api.ChangesPage](ctx, c, http.MethodGet, "/"+api.Version+"/changes?"+q.Encode(), nil)
	if err != nil {
		return page, err
	}
	if len(page.Changes) > limit || (len(page.Changes) > 0 && page.Next < page.Changes[len(page.Changes)-1].Revision) || page.Next < since {
		return api.ChangesPage{}, fmt.Errorf("changes: %w: the page's cursor or size is inconsistent", ErrBadResponse)
	}
	return page, nil
}

// call makes one request and decodes a T from a 2xx answer. body, when
// not nil, is sent as gzipped JSON.
func call[T any](ctx context.Context, c *Client, method, path string, body any) (T, error) {
	var zero T
	name := method + " " + strings.SplitN(path, "?", 2)[0]
	var payload []byte
	if body != nil {
		var err error
		if payload, err = gzipJSON(body); err != nil {
			return zero, fmt.Errorf("%s: %w", name, err)
		}
	}
	tok, err := c.ts.Token()
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name, err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(payload))
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name, err)
	}
	if body == nil {
		req.Body, req.GetBody, req.ContentLength = http.NoBody, nil, 0
	} else {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", "gzip")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Encoding", "gzip")
	tok.SetAuthHeader(req)
	c.wire.requests.Add(1)
	resp, err := c.hc.Do(req)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name, err)
	}
	defer resp.Body.Close()
	v, err := readAnswer[T](c, name, resp, tok)
	if errors.Is(err, ErrBadResponse) && ctx.Err() != nil {
		// The timeout (or the caller) cut the answer short.
		return zero, fmt.Errorf("%s: %w", name, ctx.Err())
	}
	return v, err
}

// readAnswer decodes a T from a 2xx answer, or turns any other into a
// *StatusError. Anything wrong with a 2xx body is ErrBadResponse.
func readAnswer[T any](c *Client, name string, resp *http.Response, tok *oauth2.Token) (T, error) {
	var zero T
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return zero, c.statusError(name, resp, tok)
	}
	r, err := responseBody(resp)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name, err)
	}
	v, err := api.Decode[T](r)
	if err != nil {
		return zero, fmt.Errorf("%s: %w: %w", name, ErrBadResponse, err)
	}
	return v, nil
}

// maxErrorBody bounds how much of an error answer is read for its reason.
const maxErrorBody = 64 << 10

// statusError turns a 4xx or 5xx answer into a *StatusError, wrapped in
// ErrSignInAgain when a 401 means the session is over.
func (c *Client) statusError(name string, resp *http.Response, tok *oauth2.Token) error {
	se := &StatusError{Call: name, Status: resp.StatusCode}
	if r, err := responseBody(resp); err == nil {
		if e, err := api.Decode[api.Error](io.LimitReader(r, maxErrorBody)); err == nil {
			se.Reason = e.Reason
		}
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
		se.RetryAfter = time.Duration(s) * time.Second
	}
	if resp.StatusCode != http.StatusUnauthorized {
		return se
	}
	if sess, ok := c.ts.(*Session); ok && !sess.rejected(tok) {
		return se
	}
	return fmt.Errorf("%w: %w", ErrSignInAgain, se)
}
