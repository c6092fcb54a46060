package e2e

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/server/store"
	"github.com/hearth-app/hearth/server/store/storetest"
)

var (
	faultOps  = flag.Int("faults.ops", 300, "record operations the fault test makes on the client")
	faultSeed = flag.Uint64("faults.seed", 20261125, "seed of the fault test's random choices")
)

// TestConvergesThroughFaults makes a few hundred creates, edits and
// deletes on the client, syncing through a proxy that drops connections,
// answers 500, delays, stalls past the client's timeout, loses answers
// and cuts them short, while LA staff set needs' statuses on the server.
// After one clean sync both sides must hold the same records: the
// client's live records are the server's live records with the same
// user-owned fields, every deletion is a tombstone (or never reached the
// server), the LA's statuses reached the client, and nothing is stored
// twice. It runs on each server store (PostgreSQL as in TestEndToEnd).
func TestConvergesThroughFaults(t *testing.T) {
	for _, b := range storetest.Backends {
		t.Run(b.Name, func(t *testing.T) { convergesThroughFaults(t, b.Open(t)) })
	}
}

func convergesThroughFaults(t *testing.T, st store.Store) {
	ctx := context.Background()
	// One generator for the proxy's choices (used only in its handler,
	// under its lock) and one for the test's own, so they never share.
	faults, rng := rand.New(rand.NewPCG(*faultSeed, 1)), rand.New(rand.NewPCG(*faultSeed, 2))
	t.Logf("seed %d, %d operations", *faultSeed, *faultOps)

	l := startLA(t, st)
	a, child := household(t)
	sess, direct, scope := enrol(t, l, "foster")
	p, via := startProxy(t, l.url, func(*http.Request) fault {
		// Half the requests go through untouched, the rest spread over
		// the faults; a stall is rarer, since each costs a timeout.
		switch n := faults.IntN(100); {
		case n < 50:
			return pass
		case n < 60:
			return dropBefore
		case n < 70:
			return fail500
		case n < 80:
			return slow
		case n < 82:
			return stall
		case n < 91:
			return dropAfter
		default:
			return truncate
		}
	})
	faulty := client(t, via, sess, 500*time.Millisecond)
	// Small batches and pages, so a fault often lands between two of
	// them and the next attempt must carry on from what was
	// acknowledged or stored.
	policy := noWait
	policy.BatchSize, policy.PageSize = 4, 7

	m := &model{t: t, a: a, child: child, rng: rng, recs: map[string]*modelRec{}}
	m.recs["child/"+child.ID] = &modelRec{kind: api.KindChild, id: child.ID, value: child.Name}
	failed := 0
	for i := range *faultOps {
		m.step(i)
		if i%5 == 4 {
			if _, err := a.SyncWith(ctx, faulty, nil, policy); err != nil {
				failed++ // the queue stays; the next sync carries on
			}
		}
		if i%25 == 24 {
			m.staffAct(l, scope)
		}
	}
	counts := p.count()
	for f := dropBefore; f < faultKinds; f++ {
		if counts[f] == 0 {
			t.Errorf("the proxy never injected %q: the test did not exercise it", faultNames[f])
		}
	}
	t.Logf("proxy: %v; %d of %d syncs gave up", counts, failed, *faultOps/5)

	if _, err := a.SyncWith(ctx, direct, nil, noWait); err != nil {
		t.Fatalf("the clean sync at the end: %v", err)
	}
	if n, err := a.PendingChanges(); err != nil || n != 0 {
		t.Fatalf("outbox holds %d changes (%v) after the clean sync, want 0", n, err)
	}
	m.check(l.records(scope))
}

// model is what the test did to the client, which both sides must end
// up holding.
type model struct {
	t     *testing.T
	a     *app.App
	child app.Child
	rng   *rand.Rand
	recs  map[string]*modelRec // by kind/id
	// staff is the LA's last status and response per need id.
	staff map[string][2]string
}

// modelRec is one record: value is its distinguishing user-owned field
// (a need's description, a recording's text, a title).
type modelRec struct {
	kind    api.Kind
	id      string
	value   string
	deleted bool
}

var modelKinds = []api.Kind{api.KindNeed, api.KindRecording, api.KindMilestone, api.KindTraining}

func (m *model) live(kind api.Kind) []*modelRec {
	var out []*modelRec
	for _, r := range m.recs {
		if r.kind == kind && !r.deleted {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(x, y *modelRec) int { return strings.Compare(x.id, y.id) })
	return out
}

// step makes operation i: a create, an edit or a delete of a random kind.
func (m *model) step(i int) {
	kind := modelKinds[m.rng.IntN(len(modelKinds))]
	live := m.live(kind)
	n := m.rng.IntN(100)
	value := fmt.Sprintf("%s written at step %d", kind, i)
	switch {
	case n < 45 || len(live) == 0:
		id := m.save(kind, "", value)
		m.recs[string(kind)+"/"+id] = &modelRec{kind: kind, id: id, value: value}
	case n < 80:
		r := live[m.rng.IntN(len(live))]
		m.save(kind, r.id, value)
		r.value = value
	default:
		r := live[m.rng.IntN(len(live))]
		m.delete(kind, r.id)
		r.deleted = true
	}
}

// save creates (id "") or edits a record of kind on the client so that
// its distinguishing field is value, and returns its id.
func (m *model) save(kind api.Kind, id, value string) string {
	m.t.Helper()
	a, today := m.a, m.a.Today()
	switch kind {
	case api.KindNeed:
		n := app.Need{ChildID: m.child.ID, Category: app.NeedTherapeutic, Urgency: app.UrgencySoon}
		if id != "" {
			var err error
			n, err = a.Need(id)
			must(m.t, err)
		}
		n.Description = value
		must(m.t, a.SaveNeed(&n))
		return n.ID
	case api.KindRecording:
		r := app.Recording{ChildID: m.child.ID, Day: today, Significant: m.rng.IntN(5) == 0}
		if id != "" {
			var err error
			r, err = a.Recording(id)
			must(m.t, err)
		}
		r.Text = value
		must(m.t, a.SaveRecording(&r))
		return r.ID
	case api.KindMilestone:
		ms := app.Milestone{ChildID: m.child.ID, Mission: app.MissionEducation, Title: value}
		ms.Record.ID = id
		must(m.t, a.SaveMilestone(&ms, nil))
		return ms.ID
	default:
		tr := app.Training{Title: value, Date: today, Hours: 1.5, Format: app.FormatELearning, Standards: []int{1}}
		tr.Record.ID = id
		must(m.t, a.SaveTraining(&tr, nil))
		return tr.ID
	}
}

func (m *model) delete(kind api.Kind, id string) {
	m.t.Helper()
	switch kind {
	case api.KindNeed:
		must(m.t, m.a.DeleteNeed(id))
	case api.KindRecording:
		must(m.t, m.a.DeleteRecording(id))
	case api.KindMilestone:
		must(m.t, m.a.DeleteMilestone(id))
	default:
		must(m.t, m.a.DeleteTraining(id))
	}
}

// staffAct has LA staff move one of the needs the server holds on to a
// new status, as a social worker acting on a request would.
func (m *model) staffAct(l *la, scope string) {
	m.t.Helper()
	var page api.ChangesPage
	l.staff("GET", "/v1/staff/scopes/"+scope+"/needs?open=true", nil, &page)
	if len(page.Changes) == 0 {
		return
	}
	c := page.Changes[m.rng.IntN(len(page.Changes))]
	status := []string{"acknowledged", "in_progress", "met", "declined"}[m.rng.IntN(4)]
	response := "LA response " + uuid.NewString()[:8]
	ack := l.staffPush(api.Operation{IdempotencyKey: uuid.NewString(), Kind: api.KindNeed, ID: c.ID, Op: api.OpUpsert,
		Scope: scope, At: time.Now().UTC(), Fields: map[string]string{"status": status, "response": response}})[0]
	if ack.Status != api.AckApplied {
		m.t.Fatalf("staff status for need %s: %s %s", c.ID, ack.Status, ack.Reason)
	}
	if m.staff == nil {
		m.staff = map[string][2]string{}
	}
	m.staff[c.ID] = [2]string{status, response}
}

// check compares the model with the client's store and the server's
// records.
func (m *model) check(server map[string]api.Change) {
	m.t.Helper()
	client := m.clientRecords()
	live, deleted := 0, 0
	for key, r := range m.recs {
		s, onServer := server[key]
		c, onClient := client[key]
		if r.deleted {
			deleted++
			if onClient {
				m.t.Errorf("%s was deleted but the client still shows it", key)
			}
			if onServer && !s.Deleted {
				m.t.Errorf("%s was deleted but the server holds it live", key)
			}
			continue
		}
		live++
		switch {
		case !onServer:
			m.t.Errorf("%s is on the client but was lost on the way to the server", key)
		case s.Deleted:
			m.t.Errorf("%s is live on the client but a tombstone on the server", key)
		case s.Fields[valueField[r.kind]] != r.value:
			m.t.Errorf("%s: the server holds %q, want %q", key, s.Fields[valueField[r.kind]], r.value)
		}
		if !onClient || c.fields[valueField[r.kind]] != r.value {
			m.t.Errorf("%s: the client holds %q (present %v), want %q", key, c.fields[valueField[r.kind]], onClient, r.value)
			continue
		}
		for f, v := range c.fields {
			if onServer && s.Fields[f] != v {
				m.t.Errorf("%s field %s: the server holds %q, the client %q", key, f, s.Fields[f], v)
			}
		}
		if st, ok := m.staff[r.id]; ok && r.kind == api.KindNeed {
			if s.Fields["status"] != st[0] || s.Fields["response"] != st[1] || c.status != st[0] || c.response != st[1] {
				m.t.Errorf("need %s: server status %q/%q, client %q/%q, want the LA's %q/%q", r.id,
					s.Fields["status"], s.Fields["response"], c.status, c.response, st[0], st[1])
			}
		}
	}
	for key := range server {
		if _, ok := m.recs[key]; !ok {
			m.t.Errorf("the server holds %s, which the client never made", key)
		}
	}
	for key := range client {
		if _, ok := m.recs[key]; !ok {
			m.t.Errorf("the client holds %s, which the test never made", key)
		}
	}
	m.t.Logf("%d live and %d deleted records converged; %d needs with an LA status", live, deleted, len(m.staff))
}

// valueField is each kind's distinguishing field on the wire.
var valueField = map[api.Kind]string{
	api.KindChild: "name", api.KindNeed: "description", api.KindRecording: "text",
	api.KindMilestone: "title", api.KindTraining: "title",
}

// clientRec is a client's record as the wire carries it: its user-owned
// fields formatted as api.Operation says, and a need's LA fields.
type clientRec struct {
	fields           map[string]string
	status, response string
}

// clientRecords lists the client's live records by kind/id.
func (m *model) clientRecords() map[string]clientRec {
	m.t.Helper()
	out := map[string]clientRec{}
	a := m.a
	children, err := a.Children()
	must(m.t, err)
	for _, c := range children {
		out["child/"+c.ID] = clientRec{fields: map[string]string{
			"name": c.Name, "date_of_birth": api.Date(c.DateOfBirth), "arrangement": string(c.Arrangement)}}
	}
	needs, err := a.Needs()
	must(m.t, err)
	for _, n := range needs {
		out["need/"+n.ID] = clientRec{fields: map[string]string{
			"child_id": n.ChildID, "category": string(n.Category), "description": n.Description, "urgency": string(n.Urgency),
		}, status: string(n.Status), response: n.Response}
	}
	recs, err := a.Recordings(m.child.ID, 0, 1_000_000)
	must(m.t, err)
	for _, r := range recs {
		out["recording/"+r.ID] = clientRec{fields: map[string]string{
			"child_id": r.ChildID, "day": api.Date(r.Day), "text": r.Text, "significant": strconv.FormatBool(r.Significant)}}
	}
	ms, err := a.Milestones(m.child.ID)
	must(m.t, err)
	for _, x := range ms {
		out["milestone/"+x.ID] = clientRec{fields: map[string]string{
			"child_id": x.ChildID, "mission": string(x.Mission), "title": x.Title, "status": string(x.Status)}}
	}
	trs, err := a.Trainings()
	must(m.t, err)
	for _, x := range trs {
		out["training/"+x.ID] = clientRec{fields: map[string]string{
			"title": x.Title, "date": api.Date(x.Date), "format": string(x.Format),
			"hours": strconv.FormatFloat(x.Hours, 'f', -1, 64), "standards": strings.Trim(strings.Join(strings.Fields(fmt.Sprint(x.Standards)), ","), "[]")}}
	}
	return out
}
