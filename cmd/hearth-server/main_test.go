package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/authority"
	"github.com/hearth-app/hearth/server"
	"github.com/hearth-app/hearth/server/devidp"
	"github.com/hearth-app/hearth/server/store"
)

// lockedBuffer is an output the server goroutine and the test share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, env{stdout: &out, stderr: &errOut}); err != nil {
		t.Fatalf("hearth-server %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

func runErr(t *testing.T, args ...string) error {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, env{stdout: &out, stderr: &out})
	if err == nil {
		t.Fatalf("hearth-server %s succeeded, want an error", strings.Join(args, " "))
	}
	return err
}

var codeLine = regexp.MustCompile(`code:\s+(\S+)\nscope:\s+(\S+)`)

// Each staff subcommand changes what a carer pulls, and is audited as the
// OS user who ran it.
func TestStaffCommands(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "server.db")
	m := codeLine.FindStringSubmatch(runOK(t, "enrol-code", "--database", db, "--scope-kind", "household"))
	if m == nil {
		t.Fatal("enrol-code printed no code and scope")
	}
	code, scope := m[1], m[2]

	// A carer enrols with the code and sends a need and a child.
	st, err := store.OpenSQLite(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := &server.Service{Store: st}
	carer := server.Caller{Subject: "carer"}
	if _, err := svc.Enrol(ctx, carer, code); err != nil {
		t.Fatalf("enrol with the printed code: %v", err)
	}
	carer.Scope, carer.ScopeKind = scope, api.ScopeHousehold
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	resp, err := svc.Push(ctx, carer, api.PushRequest{Operations: []api.Operation{
		{IdempotencyKey: "1", Kind: api.KindNeed, ID: "need-1", Op: api.OpUpsert, At: at, Fields: map[string]string{"description": "Respite\nweekends", "urgency": "soon"}},
		{IdempotencyKey: "2", Kind: api.KindChild, ID: "child-1", Op: api.OpUpsert, At: at, Fields: map[string]string{"name": "Demo"}},
	}})
	if err != nil || resp.Results[1].Status != api.AckApplied {
		t.Fatalf("carer push: %+v %v", resp, err)
	}

	if out := runOK(t, "needs", "--database", db, "--scope", scope, "--open"); !strings.Contains(out, "need-1") || !strings.Contains(out, "Respite weekends") || !strings.Contains(out, "raised") {
		t.Errorf("needs --open printed:\n%s", out)
	}
	if err := runErr(t, "set-need", "--database", db, "--scope", scope, "--need", "need-1", "--status", "draft"); !strings.Contains(err.Error(), "must be one of") {
		t.Errorf("set-need with a carer's status: %v", err)
	}
	if err := runErr(t, "set-need", "--database", db, "--scope", scope, "--need", "no-such-need", "--status", "met"); !strings.Contains(err.Error(), "no such record") {
		t.Errorf("set-need on a missing need: %v", err)
	}
	runOK(t, "set-need", "--database", db, "--scope", scope, "--need", "need-1", "--status", "met", "--response", "Booked")
	if out := runOK(t, "needs", "--database", db, "--scope", scope, "--open"); strings.Contains(out, "need-1") {
		t.Errorf("needs --open still lists the met need:\n%s", out)
	}
	runOK(t, "sign-off", "--database", db, "--scope", scope, "--standard", "3", "--on", "2026-11-20")
	runOK(t, "end-placement", "--database", db, "--scope", scope, "--child", "child-1", "--on", "2026-11-24")
	if err := runErr(t, "end-placement", "--database", db, "--scope", scope, "--child", "child-1", "--on", "24/11/2026"); !strings.Contains(err.Error(), "date") {
		t.Errorf("end-placement with a bad date: %v", err)
	}
	rules := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(rules, []byte(`{"name":"Demo LA"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	runOK(t, "publish-rules", "--database", db, "--file", rules)
	if err := runErr(t, "needs", "--database", db); !strings.Contains(err.Error(), "--scope is required") {
		t.Errorf("needs without --scope: %v", err)
	}

	page, err := svc.Changes(ctx, carer, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]api.Change{}
	for _, c := range page.Changes {
		got[c.ID] = c
	}
	if n := got["need-1"]; n.Fields["status"] != "met" || n.Fields["response"] != "Booked" || n.LAAt.IsZero() {
		t.Errorf("need after set-need = %+v", n)
	}
	if s := got["signoff-3"]; s.Kind != api.KindSignOff || s.Fields["signed_on"] != "2026-11-20" || s.Fields["standard"] != "3" {
		t.Errorf("sign-off = %+v", s)
	}
	if c := got["child-1"]; c.Fields["placement_end"] != "2026-11-24" || c.Fields["name"] != "Demo" {
		t.Errorf("child after end-placement = %+v", c)
	}
	if r := got[api.RulesID]; r.Fields["document"] != `{"name":"Demo LA"}` {
		t.Errorf("rules = %+v", r)
	}
	actor, err := osActor()
	if err != nil {
		t.Fatal(err)
	}
	log, err := st.AuditLog(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var done, refused int
	for _, a := range log {
		if a.Subject != actor.Subject {
			continue
		}
		if a.Outcome == store.OutcomeRefused {
			refused++
		} else {
			done++
		}
	}
	// Done: the code, two needs lists, set-need, sign-off, end-placement,
	// rules. Refused: set-need on a missing need.
	if done != 7 || refused != 1 {
		t.Errorf("audit as %s: %d done, %d refused; want 7 and 1", actor.Subject, done, refused)
	}
}

// serve --dev-idp alone is a working local demo: real tokens from the
// development provider are accepted, a printed enrolment code enrols the
// foster carer, and a need status set by the LA worker reaches them.
// A tampered token is refused.
func TestServeDevIdP(t *testing.T) {
	s := startServe(t)
	printed := s.out.String()
	settingsJSON := printed[strings.Index(printed, "connection settings for the app:\n")+len("connection settings for the app:\n"):]
	settings, err := authority.ParseSettings([]byte(strings.TrimSpace(settingsJSON)))
	if err != nil || settings.APIURL != s.api || settings.Issuer != s.idp.Issuer() {
		t.Fatalf("printed settings %q: %+v %v", settingsJSON, settings, err)
	}
	m := regexp.MustCompile(`(?m)^\s+foster\s+(\S+)\s+\(household`).FindStringSubmatch(printed)
	if m == nil {
		t.Fatalf("no enrolment code for the foster carer in:\n%s", printed)
	}
	foster, worker := s.token(t, devidp.FosterCarer), s.token(t, devidp.LAWorker)
	call := func(method, path, tok string, body, out any) int { return s.call(t, method, path, tok, body, out) }
	var me api.Me
	if st := call("POST", "/v1/enrol", foster, api.EnrolRequest{Code: m[1]}, &me); st != 200 || me.Role != api.RoleCarer || me.Scope == "" {
		t.Fatalf("foster carer enrolling: %d %+v", st, me)
	}
	fosterAccount, _ := devidp.DemoAccount(devidp.FosterCarer)
	if me.Subject != fosterAccount.Subject {
		t.Errorf("enrolled subject %q, want the demo account's %q", me.Subject, fosterAccount.Subject)
	}
	at := time.Now().UTC()
	push := api.PushRequest{Operations: []api.Operation{{IdempotencyKey: "k", Kind: api.KindNeed, ID: "n1", Op: api.OpUpsert, At: at, Fields: map[string]string{"description": "Respite"}}}}
	if st := call("POST", "/v1/push", foster, push, nil); st != 200 {
		t.Fatalf("foster push: %d", st)
	}
	staff := api.PushRequest{Operations: []api.Operation{{IdempotencyKey: "s", Kind: api.KindNeed, ID: "n1", Op: api.OpUpsert, At: at, Scope: me.Scope, Fields: map[string]string{"status": "acknowledged"}}}}
	var acks api.PushResponse
	if st := call("POST", "/v1/staff/push", worker, staff, &acks); st != 200 || acks.Results[0].Status != api.AckApplied {
		t.Fatalf("worker's staff push: %d %+v", st, acks)
	}
	if st := call("POST", "/v1/staff/push", foster, staff, nil); st != 403 {
		t.Errorf("foster carer using the staff push: %d, want 403", st)
	}
	var page api.ChangesPage
	if st := call("GET", "/v1/changes", foster, nil, &page); st != 200 || len(page.Changes) != 1 || page.Changes[0].Fields["status"] != "acknowledged" {
		t.Errorf("foster's pull: %d %+v", st, page)
	}
	parts := strings.Split(foster, ".")
	parts[1] = strings.TrimRight(parts[1], "=") + "x"
	if st := call("GET", "/v1/me", strings.Join(parts, "."), nil, nil); st != 401 {
		t.Errorf("tampered token: %d, want 401", st)
	}
	if st := call("GET", "/v1/me", "", nil, nil); st != 401 {
		t.Errorf("no token: %d, want 401", st)
	}
}

// Plain HTTP is refused off loopback.
func TestServeRefusesPlainHTTPOffLoopback(t *testing.T) {
	err := runErr(t, "serve", "--addr", "0.0.0.0:0", "--database", filepath.Join(t.TempDir(), "x.db"), "--issuer", "http://127.0.0.1:1", "--audience", "a")
	if !strings.Contains(err.Error(), "loopback") {
		t.Errorf("serve on 0.0.0.0 without TLS: %v", err)
	}
}

// served is a running "hearth-server serve --dev-idp" on loopback.
type served struct {
	api string
	idp *devidp.Provider
	out *lockedBuffer
}

// startServe runs serve --dev-idp with a fresh database and extra flags
// until the test ends.
func startServe(t *testing.T, extra ...string) served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := served{out: &lockedBuffer{}}
	ready := make(chan served, 1)
	done := make(chan error, 1)
	args := append([]string{"serve", "--dev-idp", "--addr", "127.0.0.1:0", "--dev-idp-addr", "127.0.0.1:0", "--database", filepath.Join(t.TempDir(), "demo.db")}, extra...)
	go func() {
		done <- run(ctx, args, env{stdout: s.out, stderr: &lockedBuffer{}, ready: func(u string, p *devidp.Provider) { ready <- served{u, p, s.out} }})
	}()
	select {
	case s = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve stopped before it was ready: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve after cancel: %v", err)
		}
	})
	return s
}

// token signs a demo account in and returns its access token.
func (s served) token(t *testing.T, user string) string {
	t.Helper()
	tok, err := s.idp.SignIn(context.Background(), nil, s.idp.AppClientID(), user, user+"-demo")
	if err != nil {
		t.Fatalf("sign in as %s: %v", user, err)
	}
	return tok.AccessToken
}

// call makes one API request with tok, decodes a 2xx answer into out and
// returns the status.
func (s served) call(t *testing.T, method, path, tok string, body, out any) int {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequestWithContext(context.Background(), method, s.api+path, bytes.NewReader(raw))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode < 300 {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
	}
	return resp.StatusCode
}

// serve --caseloads limits a staff subject to the listed scopes: the LA
// worker, given one household, cannot list or set the needs of another,
// and pulls nothing of it.
func TestServeCaseloads(t *testing.T) {
	worker, ok := devidp.DemoAccount(devidp.LAWorker)
	if !ok {
		t.Fatal("no demo LA worker")
	}
	file := filepath.Join(t.TempDir(), "caseloads.json")
	raw, _ := json.Marshal(map[string][]string{worker.Subject: {"household-of-the-worker"}})
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--caseloads", file)
	m := regexp.MustCompile(`(?m)^\s+foster\s+(\S+)\s+\(household`).FindStringSubmatch(s.out.String())
	if m == nil {
		t.Fatalf("no enrolment code for the foster carer in:\n%s", s.out.String())
	}
	foster, staff := s.token(t, devidp.FosterCarer), s.token(t, devidp.LAWorker)
	var me api.Me
	if st := s.call(t, "POST", "/v1/enrol", foster, api.EnrolRequest{Code: m[1]}, &me); st != 200 {
		t.Fatalf("foster carer enrolling: %d", st)
	}
	at := time.Now().UTC()
	push := api.PushRequest{Operations: []api.Operation{{IdempotencyKey: "k", Kind: api.KindNeed, ID: "n1", Op: api.OpUpsert, At: at, Fields: map[string]string{"description": "Respite"}}}}
	if st := s.call(t, "POST", "/v1/push", foster, push, nil); st != 200 {
		t.Fatalf("foster push: %d", st)
	}
	if st := s.call(t, "GET", "/v1/staff/scopes/"+me.Scope+"/needs", staff, nil, nil); st != http.StatusForbidden {
		t.Errorf("worker listing a household outside their caseload: %d, want 403", st)
	}
	set := api.PushRequest{Operations: []api.Operation{{IdempotencyKey: "s", Kind: api.KindNeed, ID: "n1", Op: api.OpUpsert, At: at, Scope: me.Scope, Fields: map[string]string{"status": "met"}}}}
	var acks api.PushResponse
	if st := s.call(t, "POST", "/v1/staff/push", staff, set, &acks); st != 200 || len(acks.Results) != 1 || acks.Results[0].Status != api.AckRejected {
		t.Errorf("worker setting a need outside their caseload: %d %+v, want it rejected", st, acks)
	}
	var page api.ChangesPage
	if st := s.call(t, "GET", "/v1/changes", staff, nil, &page); st != 200 {
		t.Fatalf("worker's pull: %d", st)
	}
	for _, c := range page.Changes {
		if c.Scope == me.Scope {
			t.Errorf("worker's pull carries %s %s from outside their caseload", c.Kind, c.ID)
		}
	}
}

func TestReadCaseloadsRefusesMalformedFiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"list.json":        `["worker"]`,
		"empty-scope.json": `{"worker": [""]}`,
		"no-subject.json":  `{"": ["h1"]}`,
		"not-strings.json": `{"worker": [1]}`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if got, err := readCaseloads(path); err == nil {
			t.Errorf("%s: accepted as %v", body, got)
		}
	}
	if _, err := readCaseloads(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing file was accepted")
	}
	if got, err := readCaseloads(""); err != nil || got != nil {
		t.Errorf("no file: %v %v, want no caseloads", got, err)
	}
}
