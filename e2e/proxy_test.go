package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
)

// fault is what the proxy does to one request.
type fault int

const (
	pass       fault = iota // forward it and its answer unchanged
	dropBefore              // close the connection without forwarding
	fail500                 // answer 500 without forwarding
	slow                    // wait a little, then forward
	stall                   // forward, then hold the answer past the client's timeout
	dropAfter               // forward, read the answer, close the connection: a lost acknowledgement
	truncate                // forward, send the status and half the answer's body, close
	faultKinds
)

var faultNames = [faultKinds]string{"pass", "drop before forwarding", "500", "slow", "stall past the timeout", "drop the answer", "truncate the answer"}

// proxy is a reverse proxy between the app and the server that injects
// faults. decide picks each request's fault; it is called one request at
// a time, so a seeded generator behind it gives a repeatable run for a
// client that makes one call at a time.
type proxy struct {
	t      testing.TB
	target *url.URL
	rt     *http.Transport
	// stallFor is how long a stalled answer is held.
	stallFor time.Duration

	mu     sync.Mutex
	decide func(r *http.Request) fault
	counts [faultKinds]int
	// lost holds the decoded answers to pushes that the server sent and
	// the proxy dropped.
	lost []api.PushResponse
}

// startProxy serves a proxy to target on loopback until the test ends.
func startProxy(t testing.TB, target string, decide func(r *http.Request) fault) (*proxy, string) {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	// DisableCompression: bodies pass through exactly as sent, gzip
	// included, as a network would carry them.
	p := &proxy{t: t, target: u, rt: &http.Transport{DisableCompression: true}, decide: decide, stallFor: 800 * time.Millisecond}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	t.Cleanup(p.rt.CloseIdleConnections)
	return p, srv.URL
}

// count returns how often each fault was injected.
func (p *proxy) count() [faultKinds]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.counts
}

func (p *proxy) lostAcks() []api.PushResponse {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]api.PushResponse(nil), p.lost...)
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	f := p.decide(r)
	p.counts[f]++
	p.mu.Unlock()

	switch f {
	case dropBefore:
		hangUp(w)
		return
	case fail500:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_ = json.NewEncoder(w).Encode(api.Error{Reason: "injected fault"})
		return
	case slow:
		wait(r, 20*time.Millisecond)
	}

	out := r.Clone(r.Context())
	out.URL.Scheme, out.URL.Host, out.Host, out.RequestURI = p.target.Scheme, p.target.Host, p.target.Host, ""
	resp, err := p.rt.RoundTrip(out)
	if err != nil {
		http.Error(w, "proxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		http.Error(w, "proxy: "+err.Error(), http.StatusBadGateway)
		return
	}

	switch f {
	case dropAfter:
		if r.URL.Path == "/v1/push" && resp.StatusCode == http.StatusOK {
			p.keepLost(resp.Header, body)
		}
		hangUp(w)
		return
	case stall:
		wait(r, p.stallFor)
	}
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	if f == truncate && len(body) > 1 {
		// The declared length stays whole, so the server closes the
		// connection after the short body and the client sees it cut.
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(body[:len(body)/2])
		return
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(body)
}

// keepLost decodes an acknowledgement the client will never see.
func (p *proxy) keepLost(h http.Header, body []byte) {
	resp, err := decodeAnswer[api.PushResponse](h, body)
	if err != nil {
		p.t.Errorf("proxy: decode a dropped push answer: %v", err)
		return
	}
	p.mu.Lock()
	p.lost = append(p.lost, resp)
	p.mu.Unlock()
}

// hangUp closes the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // still ends the connection
	}
	conn.Close()
}

// wait pauses the answer for d, or until the client goes away.
func wait(r *http.Request, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}
