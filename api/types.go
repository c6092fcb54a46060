package api

import "time"

// Version is the protocol version, the first element of every path.
const Version = "v1"

// Role is what a signed-in subject may do.
type Role string

// Roles. A carer writes their household's carer-owned fields; a care leaver
// writes their own shared records; staff write LA-owned fields across their
// caseload.
const (
	RoleCarer  Role = "carer"
	RoleLeaver Role = "leaver"
	RoleStaff  Role = "staff"
)

// ScopeKind says what a scope is: one household or one care leaver. Every
// record belongs to exactly one scope, and a user reads and writes only the
// scope they enrolled in.
type ScopeKind string

// Scope kinds.
const (
	ScopeHousehold ScopeKind = "household"
	ScopeLeaver    ScopeKind = "leaver"
)

// Me answers GET /v1/me and POST /v1/enrol.
type Me struct {
	Subject   string    `json:"subject"`
	Role      Role      `json:"role"`
	Scope     string    `json:"scope,omitempty"` // empty until enrolled; staff have none
	ScopeKind ScopeKind `json:"scope_kind,omitempty"`
}

// EnrolRequest carries the one-time code LA staff gave the user.
type EnrolRequest struct {
	Code string `json:"code"`
}

// EnrolmentCodeRequest asks for a code for an existing scope, or for a new
// one when Scope is empty.
type EnrolmentCodeRequest struct {
	ScopeKind ScopeKind `json:"scope_kind"`
	Scope     string    `json:"scope,omitempty"`
}

// EnrolmentCode is a one-time code, valid until Expires.
type EnrolmentCode struct {
	Code      string    `json:"code"`
	Scope     string    `json:"scope"`
	ScopeKind ScopeKind `json:"scope_kind"`
	Expires   time.Time `json:"expires"`
}

// Op is what an operation does to its record.
type Op string

// Operations. An upsert writes the fields it carries and leaves the others
// alone; a delete leaves a tombstone that travels to every other device.
const (
	OpUpsert Op = "upsert"
	OpDelete Op = "delete"
)

// Operation is one outbox entry: a change to one record. Fields holds only
// fields the sender owns (see Fields in schema.go), values as strings:
// dates as "2006-01-02", times as RFC 3339, booleans as "true"/"false",
// numbers in decimal, lists comma-separated.
type Operation struct {
	// IdempotencyKey is unique per operation, chosen by the sender; the
	// server applies an operation once however often it arrives.
	IdempotencyKey string            `json:"idempotency_key"`
	Kind           Kind              `json:"kind"`
	ID             string            `json:"id"` // the record's UUID
	Op             Op                `json:"op"`
	Fields         map[string]string `json:"fields,omitempty"`
	// At is when the sender made the change; within one owner the later
	// write wins.
	At time.Time `json:"at"`
	// Scope is set by staff only, to say whose record it is; a carer's or
	// care leaver's scope comes from their enrolment.
	Scope string `json:"scope,omitempty"`
}

// PushRequest carries a batch of operations, at most MaxBatch.
type PushRequest struct {
	Operations []Operation `json:"operations"`
}

// AckStatus is the outcome of one operation.
type AckStatus string

// Outcomes. A rejected operation is final: the sender drops it from its
// outbox and shows the reason, so it never blocks the queue.
const (
	AckApplied  AckStatus = "applied"
	AckRejected AckStatus = "rejected"
)

// Ack acknowledges one operation, in the order they were sent.
type Ack struct {
	IdempotencyKey string    `json:"idempotency_key"`
	Status         AckStatus `json:"status"`
	Reason         string    `json:"reason,omitempty"`
	Revision       int64     `json:"revision,omitempty"` // server revision that recorded it
}

// PushResponse holds one Ack per operation sent.
type PushResponse struct {
	Results []Ack `json:"results"`
}

// Change is the current state of one record after revision Revision. A
// deleted record comes as a tombstone: Deleted set and no fields.
type Change struct {
	Revision int64             `json:"revision"`
	Scope    string            `json:"scope"`
	Kind     Kind              `json:"kind"`
	ID       string            `json:"id"`
	Deleted  bool              `json:"deleted,omitempty"`
	Fields   map[string]string `json:"fields,omitempty"`
	// CarerAt and LAAt are when each owner's fields last changed, so the
	// app can show "set by your local authority on ...".
	CarerAt time.Time `json:"carer_at,omitzero"`
	LAAt    time.Time `json:"la_at,omitzero"`
}

// ChangesPage is one page of GET /v1/changes. Ask again with Since=Next
// while More is true.
type ChangesPage struct {
	Changes []Change `json:"changes"`
	Next    int64    `json:"next"`
	More    bool     `json:"more"`
}

// RulesDocument is a reminder rules file published by the LA; it reaches
// every client as a change of kind KindRules with ID RulesID and the file
// in the field "document".
type RulesDocument struct {
	Document string `json:"document"`
}

// Error is the body of every 4xx and 5xx answer.
type Error struct {
	Reason string `json:"reason"`
}

// Limits both sides keep to.
const (
	MaxBatch     = 500              // operations per push
	MaxPage      = 1000             // changes per page
	MaxBodyBytes = 8 << 20          // request or response body, after gzip is undone
	MaxFieldLen  = 64 << 10         // one field's value
	MaxKeyLen    = 100              // an idempotency key or a record id
	RulesID      = "reminder-rules" // the one record of kind KindRules
)
