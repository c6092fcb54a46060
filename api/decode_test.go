package api

import (
	"strings"
	"testing"
	"time"
)

func op(kind Kind, fields map[string]string) Operation {
	return Operation{IdempotencyKey: "k1", Kind: kind, ID: "r1", Op: OpUpsert, Fields: fields, At: time.Now()}
}

// Ownership is enforced in both directions, and the reason names the field.
func TestCheckOwnership(t *testing.T) {
	if err := op(KindNeed, map[string]string{"description": "x"}).Check(RoleCarer); err != nil {
		t.Fatalf("carer writing a carer field: %v", err)
	}
	if err := op(KindNeed, map[string]string{"status": "met"}).Check(RoleCarer); err == nil || !strings.Contains(err.Error(), `"status"`) {
		t.Fatalf("carer writing status: %v", err)
	}
	staff := op(KindNeed, map[string]string{"description": "x"})
	staff.Scope = "h1"
	if err := staff.Check(RoleStaff); err == nil {
		t.Fatal("staff wrote a carer-owned field")
	}
	staff.Fields = map[string]string{"status": "met"}
	if err := staff.Check(RoleStaff); err != nil {
		t.Fatalf("staff writing status: %v", err)
	}
	if err := op(KindRecording, map[string]string{"text": "x"}).Check(RoleLeaver); err == nil {
		t.Fatal("a care leaver sent a recording")
	}
	if err := op(KindMilestone, map[string]string{"title": "x", "notes": "private"}).Check(RoleLeaver); err == nil || !strings.Contains(err.Error(), `"notes"`) {
		t.Fatalf("a care leaver's milestone notes were accepted: %v", err)
	}
	if err := op(KindMilestone, map[string]string{"title": "x", "notes": "x"}).Check(RoleCarer); err != nil {
		t.Fatalf("a carer's milestone notes for a child: %v", err)
	}
	if err := op(KindMilestone, map[string]string{"title": "x"}).Check(RoleLeaver); err != nil {
		t.Fatalf("a care leaver's shared milestone: %v", err)
	}
	if err := op(KindNeed, map[string]string{"nope": "x"}).Check(RoleCarer); err == nil {
		t.Fatal("unknown field accepted")
	}
}

func TestDecodeRefusesUnknownFieldsAndTrailingData(t *testing.T) {
	if _, err := Decode[PushRequest](strings.NewReader(`{"operations":[],"extra":1}`)); err == nil {
		t.Fatal("unknown field accepted")
	}
	if _, err := Decode[PushRequest](strings.NewReader(`{"operations":[]} {}`)); err == nil {
		t.Fatal("trailing data accepted")
	}
	p, err := Decode[PushRequest](strings.NewReader(`{"operations":[{"idempotency_key":"a","kind":"need","id":"n","op":"delete","at":"2026-01-02T03:04:05Z"}]}`))
	if err != nil || len(p.Operations) != 1 || p.Operations[0].Check(RoleCarer) != nil {
		t.Fatalf("valid push: %+v, %v", p, err)
	}
}

// Staff values the app reads as more than text are checked at the server:
// a need status the LA does not set, a date that is not a date and a
// standard that does not exist are refused, each with its reason.
func TestCheckLAValues(t *testing.T) {
	staff := func(kind Kind, fields map[string]string) error {
		o := op(kind, fields)
		o.Scope = "h1"
		return o.Check(RoleStaff)
	}
	for _, bad := range []struct {
		kind   Kind
		fields map[string]string
	}{
		{KindNeed, map[string]string{"status": "raised"}},
		{KindNeed, map[string]string{"status": "Met"}},
		{KindChild, map[string]string{"placement_end": "24/11/2026"}},
		{KindSignOff, map[string]string{"standard": "8", "signed_on": "2026-11-20"}},
		{KindSignOff, map[string]string{"standard": "three"}},
		{KindSignOff, map[string]string{"signed_on": "yesterday"}},
	} {
		if err := staff(bad.kind, bad.fields); err == nil {
			t.Errorf("staff %s %v accepted", bad.kind, bad.fields)
		}
	}
	for _, good := range []struct {
		kind   Kind
		fields map[string]string
	}{
		{KindNeed, map[string]string{"status": "in_progress", "response": "Booked"}},
		{KindNeed, map[string]string{"response": "Any text"}},
		{KindChild, map[string]string{"placement_end": "2026-11-24", "la_reference": "LA/123"}},
		{KindChild, map[string]string{"placement_end": ""}},
		{KindSignOff, map[string]string{"standard": "7", "signed_on": "2026-11-20"}},
	} {
		if err := staff(good.kind, good.fields); err != nil {
			t.Errorf("staff %s %v: %v", good.kind, good.fields, err)
		}
	}
}
