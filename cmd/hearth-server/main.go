// Command hearth-server is the reference local authority server for
// Hearth's sync protocol, and the staff tools that work on its database
// directly.
//
//	hearth-server serve --addr 127.0.0.1:8443 --database hearth-server.db \
//	    --issuer https://login.example/ --audience hearth-api [--staff-subjects a,b] \
//	    [--caseloads caseloads.json]
//	hearth-server serve --dev-idp          a complete local demo
//	hearth-server enrol-code --scope-kind household|leaver [--scope ID]
//	hearth-server needs --scope ID [--open]
//	hearth-server set-need --scope ID --need ID --status S [--response TEXT]
//	hearth-server sign-off --scope ID --standard N --on 2006-01-02
//	hearth-server end-placement --scope ID --child ID --on 2006-01-02
//	hearth-server publish-rules --file rules.json
//
// Every staff subcommand takes --database too and is audited as the
// operating-system user who ran it ("os:<username>").
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/hearth-app/hearth/server/devidp"
)

// env is what a run writes to and, for tests, who to tell once serving.
type env struct {
	stdout io.Writer
	stderr io.Writer
	// ready, when set, is called once the API listens.
	ready func(apiURL string, idp *devidp.Provider)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr})
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hearth-server:", err)
		os.Exit(1)
	}
}

const usage = `usage: hearth-server <command> [flags]

commands:
  serve           run the server (--dev-idp for a complete local demo)
  enrol-code      issue a one-time enrolment code
  needs           list a household's or care leaver's needs
  set-need        set a need's status and response
  sign-off        sign off a TSD standard
  end-placement   end a child's placement
  publish-rules   publish a reminder rules file to every household and care leaver

Run "hearth-server <command> -h" for a command's flags.`

func run(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, usage)
		return flag.ErrHelp
	}
	cmds := map[string]func(context.Context, []string, env) error{
		"serve":         serve,
		"enrol-code":    enrolCode,
		"needs":         needs,
		"set-need":      setNeed,
		"sign-off":      signOff,
		"end-placement": endPlacement,
		"publish-rules": publishRules,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintln(e.stderr, usage)
		if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
			return flag.ErrHelp
		}
		return fmt.Errorf("unknown command %q", args[0])
	}
	return cmd(ctx, args[1:], e)
}
