package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/store"
)

// Service is what the server does, apart from HTTP: the HTTP handlers and
// the staff command-line subcommands both call it, so a staff action is
// checked and audited the same way whichever door it comes through.
type Service struct {
	Store store.Store
	// Caseloads limits what a staff subject may read and write to the
	// listed scopes; a staff subject not in the map has every scope.
	Caseloads map[string][]string
	// CodeTTL is how long an enrolment code stays valid (7 days if zero).
	CodeTTL time.Duration
	// Now is the clock (time.Now if nil).
	Now func() time.Time
}

// Caller is a verified principal together with their enrolment.
type Caller struct {
	Subject   string
	Staff     bool
	Scope     string // empty until enrolled; staff have none
	ScopeKind api.ScopeKind
}

// Role is what the caller may do: staff, a care leaver for a leaver scope,
// otherwise a carer.
func (c Caller) Role() api.Role {
	switch {
	case c.Staff:
		return api.RoleStaff
	case c.ScopeKind == api.ScopeLeaver:
		return api.RoleLeaver
	default:
		return api.RoleCarer
	}
}

// Me is the caller as GET /v1/me shows them.
func (c Caller) Me() api.Me {
	return api.Me{Subject: c.Subject, Role: c.Role(), Scope: c.Scope, ScopeKind: c.ScopeKind}
}

// Refusal is a request the service turned down: Status is the HTTP status
// (400, 403, 404) and Reason says why in plain words.
type Refusal struct {
	Status int
	Reason string
}

func (r *Refusal) Error() string { return r.Reason }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Caller looks up the principal's enrolment.
func (s *Service) Caller(ctx context.Context, p auth.Principal) (Caller, error) {
	c := Caller{Subject: p.Subject, Staff: p.Staff}
	if p.Staff {
		return c, nil
	}
	scope, kind, ok, err := s.Store.Enrolment(ctx, p.Subject)
	if err != nil {
		return c, err
	}
	if ok {
		c.Scope, c.ScopeKind = scope, kind
	}
	return c, nil
}

// Refuse writes a refusal to the audit log and returns it as an error.
func (s *Service) Refuse(ctx context.Context, subject, action, scope string, status int, reason string) error {
	err := s.Store.Audit(ctx, store.Audit{At: s.now(), Subject: subject, Action: action, Scope: scope, Outcome: store.OutcomeRefused, Reason: reason})
	if err != nil {
		return fmt.Errorf("audit a refusal: %w", err)
	}
	return &Refusal{Status: status, Reason: reason}
}

func (s *Service) audit(ctx context.Context, c Caller, action, scope string) error {
	err := s.Store.Audit(ctx, store.Audit{At: s.now(), Subject: c.Subject, Action: action, Scope: scope, Outcome: store.OutcomeDone})
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

func (s *Service) requireStaff(ctx context.Context, c Caller, action, scope string) error {
	if !c.Staff {
		return s.Refuse(ctx, c.Subject, action, scope, http.StatusForbidden, "only local authority staff may do this")
	}
	return nil
}

// inCaseload reports whether staff caller c may touch scope.
func (s *Service) inCaseload(c Caller, scope string) bool {
	list, limited := s.Caseloads[c.Subject]
	return !limited || slices.Contains(list, scope)
}

func (s *Service) requireScope(ctx context.Context, c Caller, action string) error {
	if c.Scope == "" {
		return s.Refuse(ctx, c.Subject, action, "", http.StatusForbidden, "you are not enrolled yet: enter the code your local authority gave you")
	}
	return nil
}

// Enrol binds the caller's subject to the scope of a one-time code.
func (s *Service) Enrol(ctx context.Context, c Caller, code string) (api.Me, error) {
	if c.Staff {
		return api.Me{}, s.Refuse(ctx, c.Subject, "enrol", "", http.StatusForbidden, "local authority staff do not enrol; they see their caseload")
	}
	scope, kind, err := s.Store.Redeem(ctx, hashCode(code), c.Subject, s.now())
	if errors.Is(err, store.ErrCodeInvalid) {
		return api.Me{}, s.Refuse(ctx, c.Subject, "enrol", "", http.StatusForbidden, err.Error())
	}
	if err != nil {
		return api.Me{}, err
	}
	c.Scope, c.ScopeKind = scope, kind
	return c.Me(), s.audit(ctx, c, "enrol", scope)
}

// IssueCode makes a one-time enrolment code for an existing scope, or for
// a new one when req.Scope is empty. Only the code's hash is stored.
func (s *Service) IssueCode(ctx context.Context, c Caller, req api.EnrolmentCodeRequest) (api.EnrolmentCode, error) {
	const action = "issue enrolment code"
	if err := s.requireStaff(ctx, c, action, req.Scope); err != nil {
		return api.EnrolmentCode{}, err
	}
	if req.ScopeKind != api.ScopeHousehold && req.ScopeKind != api.ScopeLeaver {
		return api.EnrolmentCode{}, &Refusal{http.StatusBadRequest, fmt.Sprintf("scope_kind must be %q or %q", api.ScopeHousehold, api.ScopeLeaver)}
	}
	if req.Scope != "" && !api.ValidKey(req.Scope) {
		return api.EnrolmentCode{}, &Refusal{http.StatusBadRequest, fmt.Sprintf("scope must be at most %d characters, none of them control characters", api.MaxKeyLen)}
	}
	if req.Scope == "" {
		req.Scope = uuid.NewString()
	} else if !s.inCaseload(c, req.Scope) {
		return api.EnrolmentCode{}, s.Refuse(ctx, c.Subject, action, req.Scope, http.StatusForbidden, "that household or care leaver is not in your caseload")
	}
	ttl := s.CodeTTL
	if ttl <= 0 {
		ttl = 7 * 24 * time.Hour
	}
	now := s.now()
	code := newCode()
	out := api.EnrolmentCode{Code: code, Scope: req.Scope, ScopeKind: req.ScopeKind, Expires: now.Add(ttl)}
	a := store.Audit{At: now, Subject: c.Subject, Action: action, Scope: req.Scope, Outcome: store.OutcomeDone}
	err := s.Store.IssueCode(ctx, hashCode(code), req.Scope, req.ScopeKind, out.Expires, a)
	if errors.Is(err, store.ErrScopeKind) {
		return api.EnrolmentCode{}, &Refusal{http.StatusBadRequest, fmt.Sprintf("scope %s is not a %s", req.Scope, req.ScopeKind)}
	}
	return out, err
}

// codeAlphabet leaves out letters and digits that are easy to confuse
// when read aloud or typed from paper (0/O, 1/I/L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// newCode returns 12 random characters from codeAlphabet (about 59 bits)
// in three groups of four, e.g. "K7QM-2XRT-PW9D".
func newCode() string {
	var b strings.Builder
	buf := make([]byte, 32)
	n := 0
	for n < 12 {
		_, _ = rand.Read(buf) // crypto/rand.Read never fails
		for _, x := range buf {
			// Bytes past the last whole multiple of the alphabet's
			// size are skipped so every character is equally likely.
			if n == 12 || int(x) >= 256/len(codeAlphabet)*len(codeAlphabet) {
				continue
			}
			if n > 0 && n%4 == 0 {
				b.WriteByte('-')
			}
			b.WriteByte(codeAlphabet[int(x)%len(codeAlphabet)])
			n++
		}
	}
	return b.String()
}

// hashCode normalises a code as typed (case, spaces, dashes) and hashes
// it; codes are stored only hashed, so a copy of the database cannot
// enrol anyone.
func hashCode(code string) string {
	norm := strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(code)))
	sum := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(sum[:])
}

// Push applies a carer's or care leaver's operations to their own scope.
// Each operation is checked on its own: a refused one is acknowledged
// with its reason (and audited) and does not stop the rest.
func (s *Service) Push(ctx context.Context, c Caller, req api.PushRequest) (api.PushResponse, error) {
	if c.Staff {
		return api.PushResponse{}, s.Refuse(ctx, c.Subject, "push", "", http.StatusForbidden, "staff write local authority fields through /v1/staff/push")
	}
	if err := s.requireScope(ctx, c, "push"); err != nil {
		return api.PushResponse{}, err
	}
	if err := req.Check(c.Role()); err != nil {
		return api.PushResponse{}, &Refusal{http.StatusBadRequest, err.Error()}
	}
	items := make([]store.Item, len(req.Operations))
	for i, op := range req.Operations {
		items[i] = store.Item{Op: op, Scope: c.Scope, Owner: api.OwnerUser}
		if err := op.Check(c.Role()); err != nil {
			items[i].Reject = err.Error()
		}
	}
	return s.push(ctx, c, items, false)
}

// StaffPush applies LA-owned field writes; each operation names its scope,
// which must exist and be in the caller's caseload. Every one is audited.
func (s *Service) StaffPush(ctx context.Context, c Caller, req api.PushRequest) (api.PushResponse, error) {
	if err := s.requireStaff(ctx, c, "staff push", ""); err != nil {
		return api.PushResponse{}, err
	}
	if err := req.Check(api.RoleStaff); err != nil {
		return api.PushResponse{}, &Refusal{http.StatusBadRequest, err.Error()}
	}
	items := make([]store.Item, len(req.Operations))
	for i, op := range req.Operations {
		items[i] = store.Item{Op: op, Scope: op.Scope, Owner: api.OwnerLA}
		reason, err := s.staffReject(ctx, c, op)
		if err != nil {
			return api.PushResponse{}, err
		}
		items[i].Reject = reason
	}
	return s.push(ctx, c, items, true)
}

func (s *Service) staffReject(ctx context.Context, c Caller, op api.Operation) (string, error) {
	if err := op.Check(api.RoleStaff); err != nil {
		return err.Error(), nil
	}
	if op.Kind == api.KindRules {
		return "publish reminder rules with PUT /v1/staff/rules", nil
	}
	if !s.inCaseload(c, op.Scope) {
		return "that household or care leaver is not in your caseload", nil
	}
	if _, err := s.Store.ScopeKind(ctx, op.Scope); errors.Is(err, store.ErrNoScope) {
		return err.Error(), nil
	} else if err != nil {
		return "", err
	}
	return "", nil
}

// push stores the items and answers their acks. An operation stamped later than the server's own clock is
// taken as made now: "the later write wins" trusts the sender's clock, and one device
// whose clock runs days ahead would otherwise make every honest write from
// the household's other devices look older, and be dropped, until then.
func (s *Service) push(ctx context.Context, c Caller, items []store.Item, staff bool) (api.PushResponse, error) {
	now := s.now()
	for i := range items {
		if items[i].Op.At.After(now) {
			items[i].Op.At = now
		}
	}
	acks, err := s.Store.Push(ctx, c.Subject, items, staff, now)
	if err != nil {
		return api.PushResponse{}, err
	}
	return api.PushResponse{Results: acks}, nil
}

// PublishRules replaces the LA's reminder rules file, which every scope
// pulls as the record (KindRules, RulesID). The file must be JSON; what
// it means is checked by the app that loads it.
func (s *Service) PublishRules(ctx context.Context, c Caller, doc api.RulesDocument) (api.Ack, error) {
	if err := s.requireStaff(ctx, c, "publish rules", ""); err != nil {
		return api.Ack{}, err
	}
	if !json.Valid([]byte(doc.Document)) {
		return api.Ack{}, &Refusal{http.StatusBadRequest, "the rules document is not valid JSON"}
	}
	if len(doc.Document) > api.MaxFieldLen {
		return api.Ack{}, &Refusal{http.StatusBadRequest, fmt.Sprintf("the rules document is larger than %d bytes", api.MaxFieldLen)}
	}
	op := api.Operation{IdempotencyKey: "rules-" + uuid.NewString(), Kind: api.KindRules, ID: api.RulesID, Op: api.OpUpsert,
		Fields: map[string]string{"document": doc.Document}, At: s.now()}
	resp, err := s.push(ctx, c, []store.Item{{Op: op, Owner: api.OwnerLA}}, true)
	if err != nil {
		return api.Ack{}, err
	}
	return resp.Results[0], nil
}

// Changes returns a page of what changed after since: the caller's own
// scope (and the LA's rules) for carers and care leavers, the caseload
// for staff.
func (s *Service) Changes(ctx context.Context, c Caller, since int64, limit int) (api.ChangesPage, error) {
	f := store.Filter{Since: since, Limit: limit}
	if c.Staff {
		if list, limited := s.Caseloads[c.Subject]; limited {
			f.Scopes = slices.Clip(list)
			if f.Scopes == nil {
				f.Scopes = []string{}
			}
		}
		if err := s.audit(ctx, c, "staff pull", ""); err != nil {
			return api.ChangesPage{}, err
		}
	} else {
		if err := s.requireScope(ctx, c, "pull"); err != nil {
			return api.ChangesPage{}, err
		}
		f.Scopes = []string{c.Scope}
	}
	return s.page(ctx, f)
}

// pageBudget is how many bytes of changes one page may carry. A page of
// api.MaxPage long recordings would be larger than api.MaxBodyBytes, which
// the client refuses, and it would then refuse the same page at every sync
// for ever: a page is cut short by size as well as by count, with room to
// spare for the JSON around the changes.
const pageBudget = api.MaxBodyBytes / 2

func (s *Service) page(ctx context.Context, f store.Filter) (api.ChangesPage, error) {
	changes, more, err := s.Store.Changes(ctx, f)
	if err != nil {
		return api.ChangesPage{}, err
	}
	size := 0
	for i, c := range changes {
		b, err := json.Marshal(c)
		if err != nil {
			return api.ChangesPage{}, fmt.Errorf("size a change: %w", err)
		}
		if size += len(b) + 1; size > pageBudget && i > 0 {
			changes, more = changes[:i], true
			break
		}
	}
	p := api.ChangesPage{Changes: changes, Next: f.Since, More: more}
	if p.Changes == nil {
		p.Changes = []api.Change{}
	}
	if n := len(changes); n > 0 {
		p.Next = changes[n-1].Revision
	}
	return p, nil
}

// Needs lists one scope's needs for staff, all of them or only the open
// ones (not met or declined, not deleted).
func (s *Service) Needs(ctx context.Context, c Caller, scope string, open bool) (api.ChangesPage, error) {
	const action = "list needs"
	if err := s.requireStaff(ctx, c, action, scope); err != nil {
		return api.ChangesPage{}, err
	}
	if !api.ValidKey(scope) {
		return api.ChangesPage{}, &Refusal{http.StatusNotFound, store.ErrNoScope.Error()}
	}
	if !s.inCaseload(c, scope) {
		return api.ChangesPage{}, s.Refuse(ctx, c.Subject, action, scope, http.StatusForbidden, "that household or care leaver is not in your caseload")
	}
	if _, err := s.Store.ScopeKind(ctx, scope); errors.Is(err, store.ErrNoScope) {
		return api.ChangesPage{}, &Refusal{http.StatusNotFound, err.Error()}
	} else if err != nil {
		return api.ChangesPage{}, err
	}
	if err := s.audit(ctx, c, action, scope); err != nil {
		return api.ChangesPage{}, err
	}
	out := api.ChangesPage{Changes: []api.Change{}}
	f := store.Filter{Scopes: []string{scope}, Kind: api.KindNeed}
	for {
		p, err := s.page(ctx, f)
		if err != nil {
			return out, err
		}
		for _, ch := range p.Changes {
			closed := ch.Deleted || ch.Fields["status"] == "met" || ch.Fields["status"] == "declined"
			if !open || !closed {
				out.Changes = append(out.Changes, ch)
			}
		}
		out.Next = p.Next
		if !p.More {
			return out, nil
		}
		f.Since = p.Next
	}
}
