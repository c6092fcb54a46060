package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/hearth-app/hearth/api"
	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/app/apptest"
	"github.com/hearth-app/hearth/authority"
	"github.com/hearth-app/hearth/server"
	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/devidp"
	"github.com/hearth-app/hearth/server/store"
)

type config struct {
	Records  int
	Database string // "" for SQLite in a temporary folder
	Seed     uint64
	// CPUProfile, when set, is where a CPU profile of the sync is written.
	CPUProfile string
}

// result is what one run measured.
type result struct {
	Records  int
	Backend  string
	Seed     time.Duration // pushing the records to the server
	Sync     time.Duration // app.Sync into the empty profile
	SyncWire authority.WireStats
	Received int // records the sync stored
	// Pages is fetching the same pages with the API client alone,
	// decoded and dropped: the protocol's share of Sync, without the
	// device's store.
	Pages     time.Duration
	PagesWire authority.WireStats
	Plain     time.Duration
	PlainIn   int64 // bytes received by the plain GET
	PlainOut  int64
}

// run does one whole measurement.
func run(ctx context.Context, cfg config) (*result, error) {
	if cfg.Records < 10 {
		return nil, fmt.Errorf("--records must be at least 10, not %d", cfg.Records)
	}
	tmp, err := os.MkdirTemp("", "hearth-syncbench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	la, err := startLA(ctx, cfg.Database, tmp)
	if err != nil {
		return nil, err
	}
	defer la.close()
	res := &result{Records: cfg.Records, Backend: la.backend}

	carer, scope, err := la.enrolCarer(ctx)
	if err != nil {
		return nil, err
	}
	ops := household(rand.New(rand.NewPCG(cfg.Seed, 2)), cfg.Records, time.Now().UTC())
	start := time.Now()
	if err := pushAll(ctx, carer, ops); err != nil {
		return nil, err
	}
	res.Seed = time.Since(start)

	// A fresh, empty profile on the same account, as on a new device.
	a, err := app.Open(app.Options{Dir: filepath.Join(tmp, "device"), Keychain: apptest.NewKeychain(true)})
	if err != nil {
		return nil, err
	}
	defer a.Close()
	if err := a.CompleteSetup(app.Setup{Language: "en", Kind: app.KindFoster, CarerNames: []string{"Jo Example"},
		ApprovalDate: time.Now().AddDate(-10, 0, 0)}); err != nil {
		return nil, fmt.Errorf("set up the empty profile: %w", err)
	}
	device, err := authority.NewClient(la.url, carer.session, authority.ClientOptions{})
	if err != nil {
		return nil, err
	}
	stop, err := startProfile(cfg.CPUProfile)
	if err != nil {
		return nil, err
	}
	start = time.Now()
	sr, err := a.Sync(ctx, device, nil)
	res.Sync = time.Since(start)
	if perr := stop(); perr != nil {
		return nil, perr
	}
	if err != nil {
		return nil, fmt.Errorf("sync into the empty profile: %w", err)
	}
	res.SyncWire, res.Received = device.Wire(), sr.Received
	if err := checkStored(a, ops); err != nil {
		return nil, err
	}

	if err := fetchPages(ctx, la.url, carer.session, cfg.Records, res); err != nil {
		return nil, err
	}
	n, err := plainGet(ctx, la, scope, res)
	if err != nil {
		return nil, err
	}
	if n != cfg.Records {
		return nil, fmt.Errorf("the plain GET carried %d records, want %d", n, cfg.Records)
	}
	return res, nil
}

// startProfile starts a CPU profile into path, when path is set, and
// returns the function that stops it.
func startProfile(path string) (func() error, error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create the CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("start the CPU profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// checkStored counts what reached the profile's store by kind.
func checkStored(a *app.App, ops []api.Operation) error {
	want := map[api.Kind]int{}
	for _, op := range ops {
		want[op.Kind]++
	}
	got := map[api.Kind]int{}
	children, err := a.Children()
	if err != nil {
		return err
	}
	got[api.KindChild] = len(children)
	for _, c := range children {
		n, err := a.CountRecordings(c.ID)
		if err != nil {
			return err
		}
		got[api.KindRecording] += n
		ms, err := a.Milestones(c.ID)
		if err != nil {
			return err
		}
		got[api.KindMilestone] += len(ms)
	}
	needs, err := a.Needs()
	if err != nil {
		return err
	}
	got[api.KindNeed] = len(needs)
	tr, err := a.Trainings()
	if err != nil {
		return err
	}
	got[api.KindTraining] = len(tr)
	for k, n := range want {
		if got[k] != n {
			return fmt.Errorf("the profile holds %d records of kind %s after the sync, want %d", got[k], k, n)
		}
	}
	return nil
}

// fetchPages pulls every page as the sync does, without storing anything.
func fetchPages(ctx context.Context, apiURL string, sess *authority.Session, want int, res *result) error {
	c, err := authority.NewClient(apiURL, sess, authority.ClientOptions{})
	if err != nil {
		return err
	}
	start := time.Now()
	var since int64
	n := 0
	for {
		page, err := c.Changes(ctx, since, api.MaxPage)
		if err != nil {
			return fmt.Errorf("fetch the pages: %w", err)
		}
		n += len(page.Changes)
		if !page.More {
			break
		}
		since = page.Next
	}
	res.Pages, res.PagesWire = time.Since(start), c.Wire()
	if n != want {
		return fmt.Errorf("the pages carried %d records, want %d", n, want)
	}
	return nil
}

// pushAll sends ops in full batches and checks every one was applied.
func pushAll(ctx context.Context, c *carer, ops []api.Operation) error {
	for len(ops) > 0 {
		n := min(len(ops), api.MaxBatch)
		resp, err := c.client.Push(ctx, api.PushRequest{Operations: ops[:n]})
		if err != nil {
			return fmt.Errorf("seed the household: %w", err)
		}
		for _, a := range resp.Results {
			if a.Status != api.AckApplied {
				return fmt.Errorf("seed the household: an operation was rejected: %s", a.Reason)
			}
		}
		ops = ops[n:]
	}
	return nil
}

// plainGet fetches every record of scope as one gzipped JSON document
// from a bare handler on the same store, and decodes it, as the baseline.
func plainGet(ctx context.Context, la *localLA, scope string, res *result) (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	srv := &http.Server{Handler: plainHandler(la.store, scope), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	var wire counter
	hc := &http.Client{Transport: &http.Transport{DisableCompression: true, DialContext: wire.dial}}
	defer hc.CloseIdleConnections()
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+ln.Addr().String()+"/records", nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("plain GET: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("plain GET: %s", resp.Status)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		return 0, fmt.Errorf("plain GET: %w", err)
	}
	var doc struct {
		Changes []api.Change `json:"changes"`
	}
	if err := json.NewDecoder(zr).Decode(&doc); err != nil {
		return 0, fmt.Errorf("plain GET: decode: %w", err)
	}
	res.Plain = time.Since(start)
	res.PlainIn, res.PlainOut = wire.in.Load(), wire.out.Load()
	return len(doc.Changes), nil
}

// plainHandler writes every record of scope, read from the store, as one
// gzipped JSON document.
func plainHandler(st store.Store, scope string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var all []api.Change
		f := store.Filter{Scopes: []string{scope}, Limit: api.MaxPage}
		for {
			page, more, err := st.Changes(r.Context(), f)
			if err != nil {
				http.Error(w, "read the store", http.StatusInternalServerError)
				return
			}
			all = append(all, page...)
			if !more {
				break
			}
			f.Since = page[len(page)-1].Revision
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		_ = json.NewEncoder(zw).Encode(map[string]any{"changes": all})
		_ = zw.Close()
	})
}

// localLA is the provider and server of one run.
type localLA struct {
	idp     *devidp.Provider
	store   store.Store
	srv     *http.Server
	url     string
	backend string
}

func startLA(ctx context.Context, database, tmp string) (*localLA, error) {
	backend := "PostgreSQL"
	if database == "" {
		database, backend = filepath.Join(tmp, "la.db"), "SQLite"
	}
	idp, err := devidp.Start(ctx, devidp.Config{})
	if err != nil {
		return nil, err
	}
	la := &localLA{idp: idp, backend: backend}
	v, err := auth.NewVerifier(ctx, auth.Config{Issuer: idp.Issuer(), Audience: idp.APIAudience(),
		StaffClaim: devidp.StaffClaim, StaffValue: devidp.StaffValue})
	if err != nil {
		la.close()
		return nil, err
	}
	if la.store, err = store.Open(ctx, database); err != nil {
		la.close()
		return nil, fmt.Errorf("open the server's store: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		la.close()
		return nil, err
	}
	// One device syncing is not what the per-subject rate limit guards
	// against; it would only add waits to the figures.
	la.srv = &http.Server{Handler: server.New(server.Config{Store: la.store, Authenticator: v, RatePerSecond: 1e6, Burst: 1e6}),
		ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = la.srv.Serve(ln) }()
	la.url = "http://" + ln.Addr().String()
	return la, nil
}

func (la *localLA) close() {
	if la.srv != nil {
		_ = la.srv.Close()
	}
	if la.store != nil {
		_ = la.store.Close()
	}
	_ = la.idp.Close()
}

// carer is the signed-in demo foster carer.
type carer struct {
	session *authority.Session
	client  *authority.Client
}

// enrolCarer has the LA worker issue a code for a new household through
// the API and the demo foster carer enrol with it.
func (la *localLA) enrolCarer(ctx context.Context) (*carer, string, error) {
	staffTok, err := la.idp.SignIn(ctx, nil, la.idp.AppClientID(), devidp.LAWorker, devidp.LAWorker+"-demo")
	if err != nil {
		return nil, "", fmt.Errorf("sign in as the LA worker: %w", err)
	}
	code, err := issueCode(ctx, la.url, staffTok.AccessToken)
	if err != nil {
		return nil, "", err
	}
	tok, err := la.idp.SignIn(ctx, nil, la.idp.AppClientID(), devidp.FosterCarer, devidp.FosterCarer+"-demo")
	if err != nil {
		return nil, "", fmt.Errorf("sign in as the foster carer: %w", err)
	}
	p, err := authority.Discover(ctx, authority.Settings{Issuer: la.idp.Issuer(), ClientID: la.idp.AppClientID(),
		APIURL: la.url, Scopes: devidp.SignInScopes}, nil)
	if err != nil {
		return nil, "", err
	}
	sess, err := authority.NewSession(p, &authority.MemoryTokens{}, tok)
	if err != nil {
		return nil, "", err
	}
	c, err := authority.NewClient(la.url, sess, authority.ClientOptions{})
	if err != nil {
		return nil, "", err
	}
	me, err := c.Enrol(ctx, code.Code)
	if err != nil {
		return nil, "", fmt.Errorf("enrol the foster carer: %w", err)
	}
	return &carer{session: sess, client: c}, me.Scope, nil
}

func issueCode(ctx context.Context, apiURL, token string) (api.EnrolmentCode, error) {
	var code api.EnrolmentCode
	body, _ := json.Marshal(api.EnrolmentCodeRequest{ScopeKind: api.ScopeHousehold})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, apiURL+"/v1/staff/enrolments", bytes.NewReader(body))
	if err != nil {
		return code, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return code, fmt.Errorf("issue an enrolment code: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return code, fmt.Errorf("issue an enrolment code: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&code); err != nil {
		return code, fmt.Errorf("issue an enrolment code: %w", err)
	}
	return code, nil
}
