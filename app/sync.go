package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/authority"
	"github.com/hearth-app/hearth/data"
)

// Remote is the local authority's sync API as the engine uses it;
// *authority.Client satisfies it.
type Remote interface {
	Push(ctx context.Context, req api.PushRequest) (api.PushResponse, error)
	Changes(ctx context.Context, since int64, limit int) (api.ChangesPage, error)
}

// SyncResult says what one sync did.
type SyncResult struct {
	Sent     int // changes the LA applied
	Rejected int // changes the LA refused (see Rejections)
	Received int // changes from the LA stored here
	Skipped  int // changes from the LA that could not be stored
	Removed  int // children removed after their placement ended
}

// SyncPolicy tunes the engine; the zero value gives the defaults, and
// tests replace Sleep and Jitter so they never wait.
type SyncPolicy struct {
	BatchSize  int           // operations per push; default and cap api.MaxBatch
	PageSize   int           // changes per pull; default and cap api.MaxPage
	MaxRetries int           // retries of failed calls per sync; default 6
	BaseDelay  time.Duration // first backoff cap; default 1s
	MaxDelay   time.Duration // largest backoff cap; default 1 minute
	// Sleep waits d or until ctx ends.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter picks a delay in [0, n]; default uniform (full jitter).
	Jitter func(n time.Duration) time.Duration
	// Retryable says whether a failed call may succeed later; default
	// authority.IsRetryable.
	Retryable func(error) bool
}

func (p SyncPolicy) withDefaults() SyncPolicy {
	if p.BatchSize <= 0 || p.BatchSize > api.MaxBatch {
		p.BatchSize = api.MaxBatch
	}
	if p.PageSize <= 0 || p.PageSize > api.MaxPage {
		p.PageSize = api.MaxPage
	}
	if p.MaxRetries <= 0 {
		p.MaxRetries = 6
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = time.Second
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = time.Minute
	}
	if p.Sleep == nil {
		p.Sleep = sleepCtx
	}
	if p.Jitter == nil {
		p.Jitter = func(n time.Duration) time.Duration { return rand.N(n + 1) }
	}
	if p.Retryable == nil {
		p.Retryable = authority.IsRetryable
	}
	return p
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ErrNothingAcknowledged means the LA answered a push without
// acknowledging any of it; the changes stay queued.
var ErrNothingAcknowledged = errors.New("the local authority acknowledged none of the changes sent")

// Sync sends the outbox to the LA and brings its changes back, with the
// default policy. See SyncWith.
func (a *App) Sync(ctx context.Context, remote Remote, progress func(done, total int)) (SyncResult, error) {
	return a.SyncWith(ctx, remote, progress, SyncPolicy{})
}

// SyncWith pushes every queued change in batches (significant-event
// recordings first) and then pulls the LA's changes page by page until
// there are no more, then removes children whose placement ended more
// than 7 days ago. Failed calls that may succeed later are retried with
// exponential backoff and full jitter, up to p.MaxRetries times per sync.
// It can stop at any point, by error, cancellation or a crash, and the
// next sync carries on: acknowledged changes are never sent again, the
// rest are sent again under the same idempotency key, and each pulled
// page is stored with its cursor in one transaction. After
// authority.ErrSignInAgain it stops at once and keeps the outbox.
//
// It is safe to call from a goroutine; two syncs of one App run one after
// the other. progress, when not nil, is called from that goroutine (a
// screen hands it to fyne.Do).
func (a *App) SyncWith(ctx context.Context, remote Remote, progress func(done, total int), p SyncPolicy) (SyncResult, error) {
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	s := &syncRun{a: a, remote: remote, p: p.withDefaults(), progress: progress}
	if s.progress == nil {
		s.progress = func(int, int) {}
	}
	if err := s.push(ctx); err != nil {
		return s.res, fmt.Errorf("sync: send changes: %w", err)
	}
	if err := s.pull(ctx); err != nil {
		return s.res, fmt.Errorf("sync: receive changes: %w", err)
	}
	if err := a.store.SetLastSynced(a.now()); err != nil {
		return s.res, fmt.Errorf("sync: %w", err)
	}
	removed, err := a.removeEndedPlacements()
	s.res.Removed = removed
	if err != nil {
		return s.res, fmt.Errorf("sync: %w", err)
	}
	slog.Info("sync finished", "sent", s.res.Sent, "rejected", s.res.Rejected, "received", s.res.Received,
		"skipped", s.res.Skipped, "removed", s.res.Removed)
	return s.res, nil
}

// syncRun is the state of one sync.
type syncRun struct {
	a           *App
	remote      Remote
	p           SyncPolicy
	progress    func(done, total int)
	res         SyncResult
	retries     int
	done, total int
}

// retry runs call, retrying what may succeed later while the run's budget
// of retries lasts. The delay before retry n is uniform between zero and
// min(MaxDelay, BaseDelay·2ⁿ⁻¹) ("full jitter"), so many devices coming
// back online at once do not retry in step; a longer Retry-After from the
// server wins.
func retry[T any](ctx context.Context, s *syncRun, call func() (T, error)) (T, error) {
	for n := 1; ; n++ {
		v, err := call()
		if err == nil || !s.p.Retryable(err) || s.retries >= s.p.MaxRetries || ctx.Err() != nil {
			return v, err
		}
		s.retries++
		ceiling := s.p.MaxDelay
		if n < 32 && s.p.BaseDelay<<(n-1) < ceiling {
			ceiling = s.p.BaseDelay << (n - 1)
		}
		delay := s.p.Jitter(ceiling)
		// A server that says when to come back is believed, up to MaxDelay.
		if se, ok := errors.AsType[*authority.StatusError](err); ok && se.RetryAfter > delay {
			delay = min(se.RetryAfter, s.p.MaxDelay)
		}
		slog.Info("sync: call failed, retrying", "attempt", n, "error", err)
		if err := s.p.Sleep(ctx, delay); err != nil {
			return v, err
		}
	}
}

func (s *syncRun) push(ctx context.Context) error {
	total, err := s.a.store.OutboxLen()
	if err != nil {
		return err
	}
	s.total = total
	s.progress(0, s.total)
	leaver := s.a.ProfileKind() == ProfileCareLeaver
	for {
		entries, err := s.a.store.Outbox(s.p.BatchSize)
		if err != nil || len(entries) == 0 {
			return err
		}
		keys := make([]string, len(entries))
		for i, e := range entries {
			keys[i] = e.Key
		}
		// Marked before the records are read: a change made from here on
		// gets an entry of its own and is sent next time.
		if err := s.a.store.MarkSent(keys); err != nil {
			return err
		}
		b, err := s.a.operations(entries, leaver)
		if err != nil {
			return err
		}
		if err := s.a.store.Discard(b.discard); err != nil {
			return err
		}
		s.advance(len(b.discard))
		if len(b.ops) == 0 {
			continue
		}
		if err := s.a.store.NoteSending(b.upserts); err != nil {
			return err
		}
		for _, ops := range bySize(b.ops, pushBudget) {
			resp, err := retry(ctx, s, func() (api.PushResponse, error) {
				return s.remote.Push(ctx, api.PushRequest{Operations: ops})
			})
			if err != nil {
				return err
			}
			if err := s.acknowledge(ops, resp); err != nil {
				return err
			}
		}
	}
}

// pushBudget is the most one push may carry, by the upper bound opSize,
// below api.MaxBodyBytes with room for the request's own envelope. Long
// texts can fill the body limit well before api.MaxBatch operations, and
// a push over it is refused whole at every sync, which would hold up the
// queue, and every pull after it, for good.
const pushBudget = api.MaxBodyBytes - 64<<10

// opSize bounds an operation's size in JSON without encoding it: a byte
// of a key or value takes at most six once escaped (\u003c, \ufffd), and
// opOverhead covers the rest (the idempotency key, kind, id, op and time
// with their names). Ordinary records come far below it, so only a batch
// of long texts is ever split.
func opSize(op api.Operation) int {
	n := opOverhead
	for k, v := range op.Fields {
		n += 6*(len(k)+len(v)) + 6
	}
	return n
}

const opOverhead = 512

// bySize splits ops, in order, into runs whose opSize adds up to at most
// budget; an operation bigger than the budget on its own goes alone, for
// the LA to reject with its reason.
func bySize(ops []api.Operation, budget int) [][]api.Operation {
	var out [][]api.Operation
	start, size := 0, 0
	for i, op := range ops {
		n := opSize(op)
		if i > start && size+n > budget {
			out = append(out, ops[start:i])
			start, size = i, 0
		}
		size += n
	}
	return append(out, ops[start:])
}

func (s *syncRun) acknowledge(ops []api.Operation, resp api.PushResponse) error {
	sent := make(map[string]api.Op, len(ops))
	for _, op := range ops {
		sent[op.IdempotencyKey] = op.Op
	}
	acks := make([]data.Ack, 0, len(resp.Results))
	for _, r := range resp.Results {
		op, ok := sent[r.IdempotencyKey]
		if !ok {
			continue // not one of ours; never trust it to remove anything
		}
		acks = append(acks, data.Ack{Key: r.IdempotencyKey, Op: string(op), Rejected: r.Status == api.AckRejected, Reason: r.Reason})
		if r.Status == api.AckRejected {
			s.res.Rejected++
		} else {
			s.res.Sent++
		}
	}
	n, err := s.a.store.Acknowledge(acks)
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w (%d sent)", ErrNothingAcknowledged, len(ops))
	}
	s.advance(n)
	return nil
}

func (s *syncRun) advance(n int) {
	s.done += n
	s.total = max(s.total, s.done)
	s.progress(s.done, s.total)
}

func (s *syncRun) pull(ctx context.Context) error {
	since, err := s.a.store.SyncCursor()
	if err != nil {
		return err
	}
	for {
		page, err := retry(ctx, s, func() (api.ChangesPage, error) {
			return s.remote.Changes(ctx, since, s.p.PageSize)
		})
		if err != nil {
			return err
		}
		changes := make([]data.RemoteChange, len(page.Changes))
		for i, c := range page.Changes {
			changes[i] = remoteChange(c)
		}
		res, err := s.a.store.ApplyChanges(changes, page.Next)
		if err != nil {
			return err
		}
		s.res.Received += res.Applied
		s.res.Skipped += res.Skipped
		s.total += len(page.Changes)
		s.advance(len(page.Changes))
		if !page.More {
			return nil
		}
		if page.Next <= since {
			return fmt.Errorf("the server said more changes follow revision %d but gave no later cursor", since)
		}
		since = page.Next
	}
}

// remoteChange hands one pulled change to the store with the mapping that
// copies its fields.
func remoteChange(c api.Change) data.RemoteChange {
	return data.RemoteChange{Kind: string(c.Kind), ID: c.ID, Deleted: c.Deleted, CarerAt: c.CarerAt, LAAt: c.LAAt,
		Apply: func(rec any, user, la bool) error { return applyFields(rec, c.Fields, user, la, c.LAAt) }}
}

// outgoingBatch is one push: the operations to send, the entries to drop
// unsent, and the records about to be upserted.
type outgoingBatch struct {
	ops     []api.Operation
	discard []string
	upserts []data.RecordRef
}

// operations reads the current state of each entry's record and turns it
// into the operation to send. A record that is gone, or must not be at the
// LA (a care leaver's unshared goal, a need put back to draft), is sent as
// a delete if the LA may hold it, and otherwise dropped without anything
// leaving the device.
func (a *App) operations(entries []data.OutboxEntry, leaver bool) (outgoingBatch, error) {
	var b outgoingBatch
	upserting := map[data.RecordRef]bool{}
	for _, e := range entries {
		ref := data.RecordRef{Kind: e.Kind, ID: e.RecordID}
		rec, err := a.store.SyncRecord(e.Kind, e.RecordID)
		live := err == nil
		if err != nil && !errors.Is(err, data.ErrNotFound) {
			return b, err
		}
		var fields map[string]string
		send := false
		if live {
			fields, send, err = a.outgoing(rec, leaver)
			if err != nil {
				return b, err
			}
		}
		op := api.Operation{IdempotencyKey: e.Key, Kind: api.Kind(e.Kind), ID: e.RecordID, Op: api.OpDelete, At: e.Updated}
		switch {
		case send:
			op.Op, op.Fields, op.At = api.OpUpsert, fields, recordUpdated(rec)
			upserting[ref] = true
			b.upserts = append(b.upserts, ref)
		case !e.OnServer && !upserting[ref]:
			// Never sent from here nor received from the LA, so not at the
			// LA: nothing to withdraw, and nothing leaves the device.
			b.discard = append(b.discard, e.Key)
			continue
		}
		b.ops = append(b.ops, op)
	}
	return b, nil
}

// outgoing maps a record to the fields its owner sends.
func (a *App) outgoing(rec any, leaver bool) (map[string]string, bool, error) {
	if !leaver {
		_, fields, ok := carerFields(rec)
		return fields, ok, nil
	}
	var goal *Goal
	if st, ok := rec.(*data.SyncStep); ok {
		g, err := a.store.Goal(st.GoalID)
		switch {
		case err == nil:
			goal = &g
		case !errors.Is(err, data.ErrNotFound):
			return nil, false, err
		}
	}
	_, fields, ok := leaverFields(rec, goal)
	return fields, ok, nil
}

// recordUpdated is when a record last changed: the operation's At, by
// which the later write wins within one owner.
func recordUpdated(rec any) time.Time {
	switch r := rec.(type) {
	case *Child:
		return r.Updated
	case *Need:
		return r.Updated
	case *Training:
		return r.Updated
	case *Milestone:
		return r.Updated
	case *Recording:
		return r.Updated
	case *Goal:
		return r.Updated
	case *data.SyncStep:
		return r.Updated
	}
	return time.Time{}
}
