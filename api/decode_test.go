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
