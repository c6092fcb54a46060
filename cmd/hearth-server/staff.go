package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/user"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"
	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server"
	"github.com/hearth-app/hearth/server/store"
)

// staffCmd is what every staff subcommand shares: its flags, the store and
// the service acting as the OS user.
type staffCmd struct {
	fs       *flag.FlagSet
	database *string
	e        env
}

func newStaffCmd(name string, e env) *staffCmd {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return &staffCmd{fs: fs, database: fs.String("database", "hearth-server.db", "SQLite file, or a postgres:// URL"), e: e}
}

// open parses args, checks that every flag in required was given, and
// opens the store. The caller closes it.
func (c *staffCmd) open(ctx context.Context, args []string, required ...string) (*server.Service, server.Caller, func(), error) {
	if err := c.fs.Parse(args); err != nil {
		return nil, server.Caller{}, nil, err
	}
	if c.fs.NArg() > 0 {
		return nil, server.Caller{}, nil, fmt.Errorf("%s: unexpected argument %q", c.fs.Name(), c.fs.Arg(0))
	}
	set := map[string]bool{}
	c.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, name := range required {
		if !set[name] {
			return nil, server.Caller{}, nil, fmt.Errorf("%s: --%s is required", c.fs.Name(), name)
		}
	}
	actor, err := osActor()
	if err != nil {
		return nil, server.Caller{}, nil, err
	}
	st, err := store.Open(ctx, *c.database)
	if err != nil {
		return nil, server.Caller{}, nil, err
	}
	return &server.Service{Store: st}, actor, func() { _ = st.Close() }, nil
}

// osActor is the staff caller for the command line: the operating-system
// user, so the audit log says who ran it.
func osActor() (server.Caller, error) {
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	if name == "" {
		name = os.Getenv("USER")
	}
	if name == "" {
		return server.Caller{}, errors.New("cannot tell which operating-system user is running this, for the audit log")
	}
	return server.Caller{Subject: "os:" + name, Staff: true}, nil
}

func enrolCode(ctx context.Context, args []string, e env) error {
	c := newStaffCmd("enrol-code", e)
	kind := c.fs.String("scope-kind", "", "household or leaver")
	scope := c.fs.String("scope", "", "an existing household or care leaver (default: a new one)")
	svc, actor, done, err := c.open(ctx, args, "scope-kind")
	if err != nil {
		return err
	}
	defer done()
	code, err := svc.IssueCode(ctx, actor, api.EnrolmentCodeRequest{ScopeKind: api.ScopeKind(*kind), Scope: *scope})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "code:    %s\nscope:   %s (%s)\nexpires: %s\n", code.Code, code.Scope, code.ScopeKind, code.Expires.Local().Format(time.DateTime))
	return nil
}

func needs(ctx context.Context, args []string, e env) error {
	c := newStaffCmd("needs", e)
	scope := c.fs.String("scope", "", "the household or care leaver")
	open := c.fs.Bool("open", false, "only needs that are not met, declined or deleted")
	svc, actor, done, err := c.open(ctx, args, "scope")
	if err != nil {
		return err
	}
	defer done()
	page, err := svc.Needs(ctx, actor, *scope, *open)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NEED\tSTATUS\tURGENCY\tCATEGORY\tCHILD\tDESCRIPTION")
	for _, n := range page.Changes {
		status := n.Fields["status"]
		if status == "" {
			// The carer sends a need once they raise it; until the LA
			// answers, that is its status.
			status = "raised"
		}
		if n.Deleted {
			status = "(deleted)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", n.ID, status, n.Fields["urgency"], n.Fields["category"], n.Fields["child_id"], oneLine(n.Fields["description"]))
	}
	return tw.Flush()
}

// oneLine keeps a description to one table row.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

func setNeed(ctx context.Context, args []string, e env) error {
	c := newStaffCmd("set-need", e)
	scope := c.fs.String("scope", "", "the household or care leaver")
	need := c.fs.String("need", "", "the need's id")
	status := c.fs.String("status", "", strings.Join(api.LANeedStatuses, ", "))
	response := c.fs.String("response", "", "the LA's response, shown to the carer")
	svc, actor, done, err := c.open(ctx, args, "scope", "need", "status")
	if err != nil {
		return err
	}
	defer done()
	if !slices.Contains(api.LANeedStatuses, *status) {
		return fmt.Errorf("set-need: --status must be one of %s", strings.Join(api.LANeedStatuses, ", "))
	}
	fields := map[string]string{"status": *status}
	if *response != "" {
		fields["response"] = *response
	}
	return staffWrite(ctx, e, svc, actor, *scope, api.KindNeed, *need, fields)
}

func signOff(ctx context.Context, args []string, e env) error {
	c := newStaffCmd("sign-off", e)
	scope := c.fs.String("scope", "", "the household")
	standard := c.fs.Int("standard", 0, "the TSD standard, 1 to "+strconv.Itoa(api.TSDStandards))
	on := c.fs.String("on", "", "the sign-off date, YYYY-MM-DD")
	svc, actor, done, err := c.open(ctx, args, "scope", "standard", "on")
	if err != nil {
		return err
	}
	defer done()
	if *standard < 1 || *standard > api.TSDStandards {
		return fmt.Errorf("sign-off: --standard must be from 1 to %d, not %d", api.TSDStandards, *standard)
	}
	day, err := parseDay("sign-off", *on)
	if err != nil {
		return err
	}
	n := strconv.Itoa(*standard)
	// One record per standard, so signing it off again updates the date.
	return staffWrite(ctx, e, svc, actor, *scope, api.KindSignOff, "signoff-"+n, map[string]string{"standard": n, "signed_on": day})
}

func endPlacement(ctx context.Context, args []string, e env) error {
	c := newStaffCmd("end-placement", e)
	scope := c.fs.String("scope", "", "the household")
	child := c.fs.String("child", "", "the child's id")
	on := c.fs.String("on", "", "the day the placement ended, YYYY-MM-DD")
	svc, actor, done, err := c.open(ctx, args, "scope", "child", "on")
	if err != nil {
		return err
	}
	defer done()
	day, err := parseDay("end-placement", *on)
	if err != nil {
		return err
	}
	return staffWrite(ctx, e, svc, actor, *scope, api.KindChild, *child, map[string]string{"placement_end": day})
}

func publishRules(ctx context.Context, args []string, e env) error {
	c := newStaffCmd("publish-rules", e)
	file := c.fs.String("file", "", "the reminder rules file (JSON)")
	svc, actor, done, err := c.open(ctx, args, "file")
	if err != nil {
		return err
	}
	defer done()
	doc, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("publish-rules: %w", err)
	}
	ack, err := svc.PublishRules(ctx, actor, api.RulesDocument{Document: string(doc)})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "published the rules at revision %d\n", ack.Revision)
	return nil
}

func parseDay(cmd, s string) (string, error) {
	t, err := api.ParseDate(s)
	if err != nil || t.IsZero() {
		return "", fmt.Errorf("%s: --on must be a date like 2026-11-25, not %q", cmd, s)
	}
	return api.Date(t), nil
}

// staffWrite sends one LA-owned write through the same checks and audit
// as POST /v1/staff/push, and fails when it is rejected.
func staffWrite(ctx context.Context, e env, svc *server.Service, actor server.Caller, scope string, kind api.Kind, id string, fields map[string]string) error {
	op := api.Operation{IdempotencyKey: "cli-" + uuid.NewString(), Kind: kind, ID: id, Op: api.OpUpsert, Fields: fields, At: time.Now().UTC(), Scope: scope}
	resp, err := svc.StaffPush(ctx, actor, api.PushRequest{Operations: []api.Operation{op}})
	if err != nil {
		return err
	}
	ack := resp.Results[0]
	if ack.Status != api.AckApplied {
		return fmt.Errorf("refused: %s", ack.Reason)
	}
	fmt.Fprintf(e.stdout, "done: %s %s in %s, revision %d\n", kind, id, scope, ack.Revision)
	return nil
}
