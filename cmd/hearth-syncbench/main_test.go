package main

import (
	"bytes"
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
)

// TestRunSmall runs the whole benchmark on a small household: every
// record must reach the empty profile's store (run checks each kind's
// count) and both transfers must have carried bytes.
func TestRunSmall(t *testing.T) {
	res, err := run(context.Background(), config{Records: 300, Seed: 7})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if res.Received != 300 {
		t.Errorf("the sync stored %d records, want 300", res.Received)
	}
	if res.SyncWire.Received == 0 || res.PagesWire.Received == 0 || res.PlainIn == 0 {
		t.Errorf("no bytes counted: sync %+v, pages %+v, plain %d", res.SyncWire, res.PagesWire, res.PlainIn)
	}
	var out bytes.Buffer
	res.print(&out)
	for _, want := range []string{"300 records, server store SQLite", "sync into an empty profile", "plain GET"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunRefusesTooFewRecords(t *testing.T) {
	if _, err := run(context.Background(), config{Records: 3}); err == nil || !strings.Contains(err.Error(), "at least 10") {
		t.Errorf("run with 3 records: %v, want a refusal", err)
	}
}

// TestHouseholdIsValid: every generated operation is one a carer may send,
// the children come first, and the mix is mostly recordings.
func TestHouseholdIsValid(t *testing.T) {
	ops := household(rand.New(rand.NewPCG(1, 2)), 1000, time.Now().UTC())
	if len(ops) != 1000 {
		t.Fatalf("%d operations, want 1000", len(ops))
	}
	kinds := map[api.Kind]int{}
	for i, op := range ops {
		if err := op.Check(api.RoleCarer); err != nil {
			t.Fatalf("operation %d (%s): %v", i, op.Kind, err)
		}
		if (i < 3) != (op.Kind == api.KindChild) {
			t.Fatalf("operation %d is a %s; the three children come first", i, op.Kind)
		}
		kinds[op.Kind]++
	}
	if kinds[api.KindRecording] < 700 || kinds[api.KindNeed] == 0 || kinds[api.KindTraining] == 0 || kinds[api.KindMilestone] == 0 {
		t.Errorf("the mix is %v", kinds)
	}
}
