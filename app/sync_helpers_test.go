package app

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/authority"
)

// testLA is a small local authority server on loopback that keeps the
// protocol's promises the engine relies on: each idempotency key is applied
// once and acknowledged the same way however often it arrives; changes come
// back in revision order, in pages, with tombstones. It is driven through
// the real authority.Client. (The reference server's own end-to-end tests
// live with the server.)
type testLA struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	rev      int64
	acks     map[string]api.Ack
	records  map[string]*api.Change // by kind/id
	received []api.Operation        // every operation received, duplicates too
	pushes   int
	reject   map[string]string // record id → reason to reject with
	// fail answers the next pushes with this status, without applying.
	fail       []int
	loseAcks   int  // apply the next pushes but answer 500
	signedOut  bool // answer 401 to everything
	changesHit int
	role       api.Role // whose device this is; carer unless set
	sinces     []int64  // the cursor of every pull
	failPullAt int      // answer the pull with this index (1-based) with 500
}

func newTestLA(t *testing.T) *testLA {
	la := &testLA{t: t, role: api.RoleCarer, acks: map[string]api.Ack{}, records: map[string]*api.Change{}, reject: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/push", la.push)
	mux.HandleFunc("GET /v1/changes", la.changes)
	la.srv = httptest.NewServer(mux)
	t.Cleanup(la.srv.Close)
	return la
}

// client is the real authority client, with a fixed access token.
func (la *testLA) client() *authority.Client {
	c, err := authority.NewClient(la.srv.URL, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "test-token", TokenType: "Bearer"}), authority.ClientOptions{})
	if err != nil {
		la.t.Fatalf("new client: %v", err)
	}
	return c
}

func (la *testLA) refuse(w http.ResponseWriter, status int, reason string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(api.Error{Reason: reason})
}

func (la *testLA) push(w http.ResponseWriter, r *http.Request) {
	la.mu.Lock()
	defer la.mu.Unlock()
	if la.signedOut {
		la.refuse(w, http.StatusUnauthorized, "token expired")
		return
	}
	la.pushes++
	if len(la.fail) > 0 {
		status := la.fail[0]
		la.fail = la.fail[1:]
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "7")
		}
		la.refuse(w, status, "try again later")
		return
	}
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			la.refuse(w, http.StatusBadRequest, "bad gzip")
			return
		}
		body = zr
	}
	req, err := api.Decode[api.PushRequest](body)
	if err == nil {
		err = req.Check(la.role)
	}
	if err != nil {
		la.refuse(w, http.StatusBadRequest, err.Error())
		return
	}
	var resp api.PushResponse
	for _, op := range req.Operations {
		la.received = append(la.received, op)
		resp.Results = append(resp.Results, la.apply(op))
	}
	if la.loseAcks > 0 {
		la.loseAcks--
		la.refuse(w, http.StatusInternalServerError, "lost")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

// apply applies one operation exactly once.
func (la *testLA) apply(op api.Operation) api.Ack {
	if a, ok := la.acks[op.IdempotencyKey]; ok {
		return a
	}
	a := api.Ack{IdempotencyKey: op.IdempotencyKey, Status: api.AckApplied}
	if err := op.Check(la.role); err != nil {
		a.Status, a.Reason = api.AckRejected, err.Error()
	} else if reason, ok := la.reject[op.ID]; ok {
		a.Status, a.Reason = api.AckRejected, reason
	} else {
		rec := la.record(op.Kind, op.ID)
		la.rev++
		rec.Revision, rec.CarerAt = la.rev, op.At
		if op.Op == api.OpDelete {
			rec.Deleted, rec.Fields = true, nil
		} else {
			rec.Deleted = false
			for k, v := range op.Fields {
				rec.Fields[k] = v
			}
		}
		a.Revision = la.rev
	}
	la.acks[op.IdempotencyKey] = a
	return a
}

func (la *testLA) record(kind api.Kind, id string) *api.Change {
	key := string(kind) + "/" + id
	rec := la.records[key]
	if rec == nil {
		rec = &api.Change{Scope: "household-1", Kind: kind, ID: id}
		la.records[key] = rec
	}
	if rec.Fields == nil {
		rec.Fields = map[string]string{}
	}
	return rec
}

func (la *testLA) changes(w http.ResponseWriter, r *http.Request) {
	la.mu.Lock()
	defer la.mu.Unlock()
	la.changesHit++
	if la.changesHit == la.failPullAt {
		la.refuse(w, http.StatusInternalServerError, "cut off")
		return
	}
	if la.signedOut {
		la.refuse(w, http.StatusUnauthorized, "token expired")
		return
	}
	since, err1 := strconv.ParseInt(r.URL.Query().Get("since"), 10, 64)
	limit, err2 := strconv.Atoi(r.URL.Query().Get("limit"))
	if err1 != nil || err2 != nil || limit < 1 {
		la.refuse(w, http.StatusBadRequest, "since and limit")
		return
	}
	la.sinces = append(la.sinces, since)
	var after []api.Change
	for _, c := range la.records {
		if c.Revision > since {
			after = append(after, *c)
		}
	}
	slices.SortFunc(after, func(a, b api.Change) int { return int(a.Revision - b.Revision) })
	page := api.ChangesPage{Changes: []api.Change{}, Next: since}
	if len(after) > limit {
		after, page.More = after[:limit], true
	}
	page.Changes = append(page.Changes, after...)
	if len(after) > 0 {
		page.Next = after[len(after)-1].Revision
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(page)
}

// setLA is a staff write of LA-owned fields.
func (la *testLA) setLA(kind api.Kind, id string, at time.Time, fields map[string]string) {
	la.mu.Lock()
	defer la.mu.Unlock()
	rec := la.record(kind, id)
	la.rev++
	rec.Revision, rec.LAAt = la.rev, at
	for k, v := range fields {
		rec.Fields[k] = v
	}
}

// opsFor lists what arrived for one record, duplicates included.
func (la *testLA) opsFor(id string) []api.Operation {
	la.mu.Lock()
	defer la.mu.Unlock()
	var out []api.Operation
	for _, op := range la.received {
		if op.ID == id {
			out = append(out, op)
		}
	}
	return out
}

func (la *testLA) stored(kind api.Kind, id string) (api.Change, bool) {
	la.mu.Lock()
	defer la.mu.Unlock()
	c, ok := la.records[string(kind)+"/"+id]
	if !ok {
		return api.Change{}, false
	}
	return *c, true
}

// quickPolicy never sleeps; it records the delays it was asked to wait.
type quickPolicy struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (q *quickPolicy) policy() SyncPolicy {
	return SyncPolicy{
		Sleep: func(_ context.Context, d time.Duration) error {
			q.mu.Lock()
			defer q.mu.Unlock()
			q.delays = append(q.delays, d)
			return nil
		},
		Jitter: func(n time.Duration) time.Duration { return n }, // the ceiling, so delays are known
	}
}

// syncOK syncs a with la and fails the test on error.
func syncOK(t *testing.T, a *App, la *testLA, p SyncPolicy) SyncResult {
	t.Helper()
	res, err := a.SyncWith(context.Background(), la.client(), nil, p)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return res
}

// clockedApp is a ready foster household whose clock the test moves.
func clockedApp(t *testing.T, dir string, kc Keychain, now *time.Time, mu *sync.Mutex) *App {
	t.Helper()
	a, err := Open(Options{Dir: dir, Keychain: kc, KDF: &testKDF, Now: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return *now
	}})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}
