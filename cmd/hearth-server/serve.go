package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/server"
	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/devidp"
	"github.com/hearth-app/hearth/server/store"
)

// Connection timeouts: a slow or stalled client cannot hold a connection
// (or a goroutine) for long. Bodies are at most api.MaxBodyBytes, so a
// minute is ample on a slow line.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = time.Minute
	writeTimeout      = time.Minute
	idleTimeout       = 2 * time.Minute
)

func serve(ctx context.Context, args []string, e env) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", "127.0.0.1:8443", "address to listen on")
	database := fs.String("database", "hearth-server.db", "SQLite file, or a postgres:// URL")
	issuer := fs.String("issuer", "", "the identity provider's issuer URL (OIDC discovery)")
	audience := fs.String("audience", "", "the audience access tokens must carry for this API")
	staffSubjects := fs.String("staff-subjects", "", "comma-separated subjects who are LA staff")
	caseloadsFile := fs.String("caseloads", "", `JSON file limiting staff subjects to their caseload, e.g. {"subject": ["scope", ...]}; staff not listed see every scope`)
	staffClaim := fs.String("staff-claim", "", "token claim that marks LA staff (with --staff-value), e.g. roles")
	staffValue := fs.String("staff-value", "", "value of --staff-claim that marks LA staff")
	tlsCert := fs.String("tls-cert", "", "TLS certificate file (PEM); required unless --addr is loopback")
	tlsKey := fs.String("tls-key", "", "TLS private key file (PEM)")
	rate := fs.Float64("rate", 20, "requests per second each subject may make after its burst")
	burst := fs.Int("burst", 60, "requests each subject may make at once")
	devIdP := fs.Bool("dev-idp", false, "also run the development OpenID provider with demo accounts (loopback only)")
	devIdPAddr := fs.String("dev-idp-addr", "127.0.0.1:8444", "address of the development OpenID provider")
	if err := fs.Parse(args); err != nil {
		return err
	}
	caseloads, err := readCaseloads(*caseloadsFile)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	ln, err := listen(ctx, *addr, *tlsCert != "")
	if err != nil {
		return err
	}
	defer ln.Close()
	st, err := store.Open(ctx, *database)
	if err != nil {
		return err
	}
	defer st.Close()

	authCfg := auth.Config{Issuer: *issuer, Audience: *audience, StaffClaim: *staffClaim, StaffValue: *staffValue, StaffSubjects: splitList(*staffSubjects)}
	var idp *devidp.Provider
	if *devIdP {
		idp, err = devidp.Start(ctx, devidp.Config{Addr: *devIdPAddr, Logger: log})
		if err != nil {
			return err
		}
		defer idp.Close()
		if authCfg.Issuer == "" {
			authCfg.Issuer = idp.Issuer()
		}
		if authCfg.Audience == "" {
			authCfg.Audience = idp.APIAudience()
		}
		if authCfg.StaffClaim == "" {
			authCfg.StaffClaim, authCfg.StaffValue = devidp.StaffClaim, devidp.StaffValue
		}
	}
	verifier, err := auth.NewVerifier(ctx, authCfg)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           server.New(server.Config{Store: st, Authenticator: verifier, Logger: log, Caseloads: caseloads, RatePerSecond: *rate, Burst: *burst}),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	scheme := "http"
	if *tlsCert != "" {
		scheme = "https"
	}
	apiURL := scheme + "://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "hearth-server: API at %s (issuer %s, audience %s)\n", apiURL, authCfg.Issuer, authCfg.Audience)
	if idp != nil {
		if err := printDemo(ctx, e, st, apiURL, idp); err != nil {
			return err
		}
	}
	served := make(chan error, 1)
	go func() {
		if *tlsCert != "" {
			served <- srv.ServeTLS(ln, *tlsCert, *tlsKey)
		} else {
			served <- srv.Serve(ln)
		}
	}()
	if e.ready != nil {
		e.ready(apiURL, idp)
	}
	select {
	case err := <-served:
		return fmt.Errorf("serving stopped: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listen opens addr, refusing plain HTTP anywhere but loopback: tokens
// and children's records must not cross a network in clear text.
func listen(ctx context.Context, addr string, tls bool) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %q is not host:port: %w", addr, err)
	}
	if ip := net.ParseIP(host); !tls && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("--addr %s is not a loopback address: give --tls-cert and --tls-key, or put the server behind a TLS proxy on loopback", addr)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// printDemo shows how to use the local demo: the accounts, and fresh
// enrolment codes for a foster household, a kinship household and a care
// leaver, issued (and audited) as the OS user running the server.
func printDemo(ctx context.Context, e env, st store.Store, apiURL string, idp *devidp.Provider) error {
	svc := &server.Service{Store: st}
	actor, err := osActor()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "development OpenID provider at %s (client id %s); demo accounts, password = username + \"-demo\":\n", idp.Issuer(), idp.AppClientID())
	for _, a := range devidp.DemoAccounts() {
		fmt.Fprintf(e.stdout, "  %-8s %s\n", a.Username, a.Name)
	}
	fmt.Fprintln(e.stdout, "enrolment codes, valid 7 days:")
	for _, d := range []struct {
		who  string
		kind api.ScopeKind
	}{{devidp.FosterCarer, api.ScopeHousehold}, {devidp.KinshipCarer, api.ScopeHousehold}, {devidp.CareLeaver, api.ScopeLeaver}} {
		code, err := svc.IssueCode(ctx, actor, api.EnrolmentCodeRequest{ScopeKind: d.kind})
		if err != nil {
			return fmt.Errorf("issue the demo enrolment code for %s: %w", d.who, err)
		}
		fmt.Fprintf(e.stdout, "  %-8s %s  (%s %s)\n", d.who, code.Code, d.kind, code.Scope)
	}
	settings, err := json.Marshal(map[string]any{
		"name": "Demo local authority", "issuer": idp.Issuer(), "client_id": idp.AppClientID(),
		"api_url": apiURL, "scopes": devidp.SignInScopes,
	})
	if err != nil {
		return fmt.Errorf("encode the demo connection settings: %w", err)
	}
	fmt.Fprintf(e.stdout, "connection settings for the app:\n%s\n", settings)
	return nil
}

func splitList(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
