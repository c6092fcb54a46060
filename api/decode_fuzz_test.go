package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// FuzzDecodePush feeds arbitrary bodies to Decode and Check, as the server
// does with every push: they may refuse, never panic, and whatever they
// accept must survive a round trip unchanged.
func FuzzDecodePush(f *testing.F) {
	seed, _ := json.Marshal(PushRequest{Operations: []Operation{
		{IdempotencyKey: "k", Kind: KindNeed, ID: "n1", Op: OpUpsert, Fields: map[string]string{"description": "x"}, At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
	}})
	f.Add(seed)
	f.Add([]byte(`{"operations":[{"op":"delete","kind":"goal","id":"g","idempotency_key":"d","at":"2026-01-01T00:00:00Z"}]}`))
	f.Add([]byte(`{"operations":null}`))
	f.Add([]byte(`{"operations":[{"fields":{"a":"\ud800"}}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := Decode[PushRequest](bytes.NewReader(body))
		if err != nil {
			return
		}
		for _, role := range []Role{RoleCarer, RoleLeaver, RoleStaff} {
			_ = req.Check(role)
			for _, op := range req.Operations {
				_ = op.Check(role)
			}
		}
		again, err := json.Marshal(req)
		if err != nil {
			t.Fatalf("an accepted push does not encode: %v", err)
		}
		back, err := Decode[PushRequest](bytes.NewReader(again))
		if err != nil {
			t.Fatalf("an accepted push does not decode after encoding: %v", err)
		}
		if len(back.Operations) != len(req.Operations) {
			t.Fatalf("round trip changed the number of operations: %d, then %d", len(req.Operations), len(back.Operations))
		}
	})
}

// FuzzDecodeChangesPage feeds arbitrary bodies to Decode as the client does
// with every pull page: refuse or accept, never panic.
func FuzzDecodeChangesPage(f *testing.F) {
	seed, _ := json.Marshal(ChangesPage{Changes: []Change{
		{Revision: 7, Scope: "h1", Kind: KindNeed, ID: "n1", Fields: map[string]string{"status": "met"}, LAAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		{Revision: 8, Scope: "h1", Kind: KindGoal, ID: "g1", Deleted: true},
	}, Next: 8, More: true})
	f.Add(seed)
	f.Add([]byte(`{"changes":[],"next":-1,"more":false}`))
	f.Add([]byte(`{"changes":[{"revision":1e400}]}`))
	f.Add([]byte(`{"changes":[{"la_at":"not a time"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := Decode[ChangesPage](bytes.NewReader(body))
		if err != nil {
			return
		}
		if _, err := json.Marshal(page); err != nil {
			t.Fatalf("an accepted page does not encode: %v", err)
		}
	})
}
