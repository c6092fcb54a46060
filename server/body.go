package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/api"
)

// errTooLarge is returned by a body reader once more than api.MaxBodyBytes
// have been read, after gzip is undone, so a small compressed body cannot
// expand into an unbounded one.
var errTooLarge = fmt.Errorf("the request body is larger than %d bytes", api.MaxBodyBytes)

type cappedReader struct {
	r    io.Reader
	left int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One more byte means the body is over the limit.
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errTooLarge
		}
		if err == nil {
			err = io.EOF
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// decodeBody reads the request body (gzip or plain) into a T through
// api.Decode, answering 413 for a body over the limit, 415 for an unknown
// encoding and 400 for anything that is not the expected JSON.
func decodeBody[T any](w http.ResponseWriter, r *http.Request) (T, error) {
	var zero T
	body := io.Reader(http.MaxBytesReader(w, r.Body, api.MaxBodyBytes))
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return zero, bodyError(err)
		}
		defer zr.Close()
		body = zr
	default:
		return zero, &Refusal{http.StatusUnsupportedMediaType, fmt.Sprintf("content encoding %q is not supported; send gzip or nothing", enc)}
	}
	v, err := api.Decode[T](&cappedReader{r: body, left: api.MaxBodyBytes})
	if err != nil {
		return zero, bodyError(err)
	}
	return v, nil
}

func bodyError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.Is(err, errTooLarge) || errors.As(err, &maxErr) {
		return &Refusal{http.StatusRequestEntityTooLarge, errTooLarge.Error()}
	}
	return &Refusal{http.StatusBadRequest, "the request body could not be read: " + err.Error()}
}

// gzipMin is the smallest answer worth compressing.
const gzipMin = 1024

// writeJSON sends v as JSON, gzipped when the client accepts it and the
// answer is big enough to gain from it.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		raw = []byte(`{"reason":"the server could not encode its answer"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Add("Vary", "Accept-Encoding")
	if len(raw) >= gzipMin && acceptsGzip(r.Header.Get("Accept-Encoding")) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		_, _ = zw.Write(raw)
		_ = zw.Close()
		raw = buf.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(raw)))
	w.WriteHeader(status)
	_, _ = w.Write(raw)
}

func writeError(w http.ResponseWriter, r *http.Request, status int, reason string) {
	writeJSON(w, r, status, api.Error{Reason: reason})
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) listed without
// q=0.
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			return false
		}
		return true
	}
	return false
}
