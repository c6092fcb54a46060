package authority

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// WireStats counts what the client has sent and received on the network,
// including HTTP headers and TLS, so the benchmark reports true bytes on
// the wire.
type WireStats struct {
	Sent, Received int64
	Requests       int64
}

type wireCounter struct {
	sent, received, requests atomic.Int64
}

func (w *wireCounter) stats() WireStats {
	return WireStats{Sent: w.sent.Load(), Received: w.received.Load(), Requests: w.requests.Load()}
}

// countingConn counts the bytes that cross one connection.
type countingConn struct {
	net.Conn
	w *wireCounter
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.w.received.Add(int64(n))
	return n, err
}

func (c countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.w.sent.Add(int64(n))
	return n, err
}

// newTransport is the client's own transport: connections are counted,
// and compression is left to the client so gzip is explicit both ways.
func newTransport(w *wireCounter, tlsConfig *tls.Config) *http.Transport {
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countingConn{Conn: c, w: w}, nil
		},
		TLSClientConfig:       tlsConfig,
		ForceAttemptHTTP2:     true,
		DisableCompression:    true,
		MaxIdleConns:          10,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// gzipJSON encodes v as gzipped JSON for a request body.
func gzipJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress request: %w", err)
	}
	return buf.Bytes(), nil
}

// responseBody undoes the answer's Content-Encoding; only gzip and none
// are accepted, since the client asks for nothing else.
func responseBody(resp *http.Response) (io.Reader, error) {
	switch resp.Header.Get("Content-Encoding") {
	case "", "identity":
		return resp.Body, nil
	case "gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("%w: gzip header: %w", ErrBadResponse, err)
		}
		return zr, nil
	default:
		return nil, fmt.Errorf("%w: unexpected Content-Encoding %q", ErrBadResponse, resp.Header.Get("Content-Encoding"))
	}
}
