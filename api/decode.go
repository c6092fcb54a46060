package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Decode reads one JSON value of type T from r, refusing bodies over
// MaxBodyBytes, unknown fields and trailing data, so a sender's mistake is
// reported instead of half-understood. Both sides decode through it.
func Decode[T any](r io.Reader) (T, error) {
	var v T
	raw, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err != nil {
		return v, fmt.Errorf("read body: %w", err)
	}
	if len(raw) > MaxBodyBytes {
		return v, fmt.Errorf("body is larger than %d bytes", MaxBodyBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return v, fmt.Errorf("body is not valid JSON for this call: %w", err)
	}
	if dec.More() {
		return v, fmt.Errorf("body has data after the JSON value")
	}
	return v, nil
}

// Check reports the first thing wrong with an operation from a sender
// with role by, or nil. It checks shape and ownership only; whether the
// record is in the sender's scope is the server's business.
func (o Operation) Check(by Role) error {
	switch {
	case !ValidKey(o.IdempotencyKey):
		return fmt.Errorf("idempotency_key must be 1 to %d characters, none of them control characters", MaxKeyLen)
	case !ValidKey(o.ID):
		return fmt.Errorf("id must be 1 to %d characters, none of them control characters", MaxKeyLen)
	case o.At.IsZero():
		return fmt.Errorf("at is missing")
	case o.Op != OpUpsert && o.Op != OpDelete:
		return fmt.Errorf("op %q is not upsert or delete", o.Op)
	}
	fields, ok := Fields[o.Kind]
	if !ok {
		return fmt.Errorf("kind %q is not part of the protocol", o.Kind)
	}
	if by == RoleLeaver && !LeaverKinds[o.Kind] {
		return fmt.Errorf("a care leaver cannot send records of kind %q", o.Kind)
	}
	if o.Op == OpDelete && len(o.Fields) > 0 {
		return fmt.Errorf("a delete carries no fields")
	}
	if o.Op == OpUpsert && len(o.Fields) == 0 {
		return fmt.Errorf("an upsert carries at least one field")
	}
	want := OwnerUser
	if by == RoleStaff {
		want = OwnerLA
		if o.Scope == "" {
			return fmt.Errorf("staff operations must name their scope")
		}
		if !ValidKey(o.Scope) {
			return fmt.Errorf("scope must be 1 to %d characters, none of them control characters", MaxKeyLen)
		}
		if o.Op == OpDelete {
			return fmt.Errorf("staff cannot delete records")
		}
	} else if o.Scope != "" {
		return fmt.Errorf("only staff operations name a scope")
	}
	if o.Op == OpDelete && (o.Kind == KindSignOff || o.Kind == KindRules) {
		return fmt.Errorf("records of kind %q are owned by the local authority", o.Kind)
	}
	for name, value := range o.Fields {
		owner, ok := fields[name]
		if !ok {
			return fmt.Errorf("field %q is not part of kind %q", name, o.Kind)
		}
		if owner != want {
			return fmt.Errorf("field %q of kind %q is owned by the %s", name, o.Kind, ownerName(owner))
		}
		if by == RoleStaff {
			if err := checkLAValue(o.Kind, name, value); err != nil {
				return err
			}
		}
		if by == RoleLeaver && LeaverWithheld[o.Kind][name] {
			return fmt.Errorf("a care leaver's %s never carries %q: it stays on their device", o.Kind, name)
		}
		if len(value) > MaxFieldLen || !utf8.ValidString(value) {
			return fmt.Errorf("field %q is longer than %d bytes or not UTF-8", name, MaxFieldLen)
		}
	}
	return nil
}

// LANeedStatuses are the need statuses the LA sets; draft and raised are
// the carer's.
var LANeedStatuses = []string{"acknowledged", "in_progress", "met", "declined"}

// TSDStandards is how many Training, Support and Development standards
// there are to sign off, numbered from 1.
const TSDStandards = 7

// checkLAValue checks the value of an LA-owned field that the app reads as
// more than text, so a mistyped status, date or standard is refused to
// the member of staff who sent it, with its reason, instead of being
// skipped by every device that pulls it.
func checkLAValue(k Kind, name, v string) error {
	switch {
	case k == KindNeed && name == "status":
		if !slices.Contains(LANeedStatuses, v) {
			return fmt.Errorf("status must be one of %s, not %q", strings.Join(LANeedStatuses, ", "), v)
		}
	case k == KindChild && name == "placement_end", k == KindSignOff && name == "signed_on":
		if _, err := ParseDate(v); err != nil {
			return fmt.Errorf("%s must be a date like 2026-11-25, or empty, not %q", name, v)
		}
	case k == KindSignOff && name == "standard":
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > TSDStandards {
			return fmt.Errorf("standard must be a whole number from 1 to %d, not %q", TSDStandards, v)
		}
	}
	return nil
}

// ValidKey reports whether s can be an idempotency key, a record id or a
// scope: not empty, at most MaxKeyLen bytes (short enough for any
// database to index) and free of control characters (PostgreSQL text
// cannot hold the NUL that JSON can carry as \u0000).
func ValidKey(s string) bool {
	return s != "" && len(s) <= MaxKeyLen && !strings.ContainsFunc(s, unicode.IsControl)
}

// Check reports the first thing wrong with a push batch, or nil.
func (p PushRequest) Check(by Role) error {
	if len(p.Operations) == 0 || len(p.Operations) > MaxBatch {
		return fmt.Errorf("a push carries 1 to %d operations, not %d", MaxBatch, len(p.Operations))
	}
	return nil
}

func ownerName(o Owner) string {
	if o == OwnerLA {
		return "local authority"
	}
	return "carer or care leaver"
}

// Date formats a calendar date for a field value; the zero time is "".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ParseDate reads a field value written by Date.
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, s)
}
