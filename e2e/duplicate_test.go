package e2e

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// TestSamePushTwice sends one batch twice: the second answer repeats the
// first, and the server holds each record once, at the revision the first
// push gave it.
func TestSamePushTwice(t *testing.T) {
	ctx := context.Background()
	l := startLA(t, storetest.SQLite(t))
	_, c, scope := enrol(t, l, "foster")
	at := time.Now().UTC()
	childID := uuid.NewString()
	req := api.PushRequest{Operations: []api.Operation{
		{IdempotencyKey: uuid.NewString(), Kind: api.KindChild, ID: childID, Op: api.OpUpsert, At: at,
			Fields: map[string]string{"name": "Robin", "date_of_birth": "2016-04-02", "arrangement": "foster"}},
		{IdempotencyKey: uuid.NewString(), Kind: api.KindRecording, ID: uuid.NewString(), Op: api.OpUpsert, At: at,
			Fields: map[string]string{"child_id": childID, "day": api.Date(at), "text": "Went swimming"}},
		{IdempotencyKey: uuid.NewString(), Kind: api.KindNeed, ID: uuid.NewString(), Op: api.OpUpsert, At: at,
			Fields: map[string]string{"category": "equipment", "description": "A car seat", "urgency": "routine"}},
	}}
	first, err := c.Push(ctx, req)
	must(t, err)
	second, err := c.Push(ctx, req)
	must(t, err)
	for _, ack := range first.Results {
		if ack.Status != api.AckApplied {
			t.Fatalf("first push: %s %s", ack.Status, ack.Reason)
		}
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("the repeated push was answered differently:\nfirst  %+v\nsecond %+v", first, second)
	}
	recs := l.records(scope)
	if len(recs) != len(req.Operations) {
		t.Fatalf("the server holds %d records, want %d", len(recs), len(req.Operations))
	}
	for i, op := range req.Operations {
		got := recs[string(op.Kind)+"/"+op.ID]
		if got.Revision != first.Results[i].Revision {
			t.Errorf("%s %s is at revision %d, want %d from the first push: the repeat was applied again", op.Kind, op.ID, got.Revision, first.Results[i].Revision)
		}
	}
}

// TestLostAcknowledgement has the app sync through a proxy that forwards
// the first push but drops the server's answer. The app sends the batch
// again under the same keys; the server answers from its stored
// acknowledgements, so each record is stored once, at the revision of
// the lost answer, and the outbox empties.
func TestLostAcknowledgement(t *testing.T) {
	ctx := context.Background()
	l := startLA(t, storetest.SQLite(t))
	a, child := household(t)
	need := app.Need{Category: app.NeedFinancial, Description: "Allowance for school uniform", Urgency: app.UrgencyRoutine}
	must(t, a.SaveNeed(&need))
	must(t, a.SaveRecordings([]app.Recording{
		{ChildID: child.ID, Text: "Quiet day at home"},
		{ChildID: child.ID, Text: "Visited grandma", Tags: []app.Tag{app.TagFamilyTime}},
	}))
	sess, _, scope := enrol(t, l, "foster")

	pushes := 0
	p, via := startProxy(t, l.url, func(r *http.Request) fault {
		if r.URL.Path == "/v1/push" {
			pushes++
			if pushes == 1 {
				return dropAfter
			}
		}
		return pass
	})
	res, err := a.SyncWith(ctx, client(t, via, sess, 0), nil, noWait)
	if err != nil {
		t.Fatalf("sync after a lost acknowledgement: %v", err)
	}
	if res.Sent != 4 {
		t.Errorf("sync counted %d sent, want 4 (child, need, 2 recordings)", res.Sent)
	}
	p.mu.Lock() // pushes is counted in the proxy's handler
	n := pushes
	p.mu.Unlock()
	if n != 2 {
		t.Errorf("the app pushed %d times, want 2: the lost one and its repeat", n)
	}
	lost := p.lostAcks()
	if len(lost) != 1 || len(lost[0].Results) != 4 {
		t.Fatalf("the proxy dropped %d push answers (%v), want one of 4 acknowledgements", len(lost), lost)
	}
	var want []int64
	for _, ack := range lost[0].Results {
		if ack.Status != api.AckApplied {
			t.Fatalf("the lost answer: %s %s", ack.Status, ack.Reason)
		}
		want = append(want, ack.Revision)
	}
	recs := l.records(scope)
	var got []int64
	for _, c := range recs {
		got = append(got, c.Revision)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("the server's records are at revisions %v, want %v from the lost answer: the repeat was applied again", got, want)
	}
	if n, err := a.PendingChanges(); err != nil || n != 0 {
		t.Errorf("outbox holds %d changes (%v), want 0", n, err)
	}
}
