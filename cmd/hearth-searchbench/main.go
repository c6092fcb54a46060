// Command hearth-searchbench measures, on a store made by cmd/hearth-gen,
// what scripts/bench.sh cannot see from outside the app: how long opening
// the store takes (keychain unlock and building the search index), search
// latency through the app against the same queries on a plain FTS5 table
// holding the same text, and the time to open the longest list (the first
// page of the child with the most recordings, as the child screen loads it).
//
// The plain FTS5 table is the baseline the issue asks for; it is the one
// place outside the data package that runs SQL, and it holds only the
// generated, fictional text.
package main

import (
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/data"
)

// Queries are what a carer might type: names, places, topics, partial words.
var Queries = []string{
	"swimming", "dentist", "contact mum", "tom", "leah school", "medication", "nosebleed",
	"sleepover", "birth family", "social worker visit", "rec", "flapjacks", "tired tearful",
	"safeguarding", "respite", "bike", "grade piano", "homework kitchen", "cinema", "climb",
}

// listPage is what the child screen asks for first (screens.recordingPage).
const listPage = 100

func main() {
	root := flag.String("data-dir", "", "data folder made by hearth-gen")
	reps := flag.Int("reps", 20, "times each query is run")
	perQuery := flag.Bool("per-query", false, "also print p50 and p95 of each query, to see which ones are slow")
	flag.Parse()
	if err := run(*root, *reps, *perQuery); err != nil {
		fmt.Fprintln(os.Stderr, "hearth-searchbench:", err)
		os.Exit(1)
	}
}

type keychain string

func (keychain) Available() bool              { return true }
func (k keychain) Get(string) (string, error) { return string(k), nil }
func (keychain) Set(string, string) error     { return errors.New("read-only") }
func (keychain) Delete(string) error          { return errors.New("read-only") }

func run(root string, reps int, perQuery bool) error {
	enc, err := os.ReadFile(filepath.Join(root, "bench-keychain"))
	if err != nil {
		return err
	}
	secret, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(enc)))
	if err != nil {
		return err
	}
	profiles, err := app.ListProfiles(root)
	if err != nil || len(profiles) != 1 {
		return fmt.Errorf("want one profile in %s (%d, %v)", root, len(profiles), err)
	}
	t0 := time.Now()
	a, err := app.Open(app.Options{Dir: profiles[0].Dir, Keychain: keychain(secret)})
	if err != nil {
		return err
	}
	defer a.Close()
	open := time.Since(t0)
	if a.State() != app.StateReady {
		return errors.New("store did not unlock from the bench keychain")
	}
	fmt.Printf("open_unlock_ms %.1f\n", ms(open))
	// The index fills in the background; the first search waits for it.
	t0 = time.Now()
	if _, err := a.Search(Queries[0]); err != nil {
		return err
	}
	fmt.Printf("index_ready_ms %.1f\n", ms(time.Since(t0)+open))
	// What the home screen asks for before it can draw.
	t0 = time.Now()
	if _, err := a.Dashboard(); err != nil {
		return err
	}
	fmt.Printf("dashboard_ms %.1f\n", ms(time.Since(t0)))
	t0 = time.Now()
	if _, _, err := a.Timetable(); err != nil {
		return err
	}
	fmt.Printf("timetable_ms %.1f\n", ms(time.Since(t0)))

	// The longest list: first page of the child with most recordings.
	children, err := a.Children()
	if err != nil {
		return err
	}
	var longest string
	most := -1
	for _, c := range children {
		n, err := a.CountRecordings(c.ID)
		if err != nil {
			return err
		}
		if n > most {
			longest, most = c.ID, n
		}
	}
	var listTimes []time.Duration
	for range reps {
		t := time.Now()
		if _, err := a.CountRecordings(longest); err != nil {
			return err
		}
		page, err := a.Recordings(longest, 0, listPage)
		if err != nil {
			return err
		}
		listTimes = append(listTimes, time.Since(t))
		if len(page) == 0 {
			return errors.New("longest list is empty")
		}
	}
	fmt.Printf("longest_list_records %d\n", most)
	fmt.Printf("longest_list_first_page_ms p50 %.2f p95 %.2f\n", ms(Percentile(listTimes, 50)), ms(Percentile(listTimes, 95)))

	// Baseline: the same text in a plain FTS5 table, the same queries.
	fts, docs, err := plainFTS(a, children)
	if err != nil {
		return err
	}
	defer fts.Close()
	fmt.Printf("indexed_docs %d\n", docs)
	var appTimes, ftsTimes []time.Duration
	byQuery := map[string][2][]time.Duration{}
	for range reps {
		for _, q := range Queries {
			t := time.Now()
			if _, err := a.Search(q); err != nil {
				return err
			}
			at := time.Since(t)
			t = time.Now()
			if _, err := fts.Search(q); err != nil {
				return err
			}
			ft := time.Since(t)
			appTimes, ftsTimes = append(appTimes, at), append(ftsTimes, ft)
			qt := byQuery[q]
			byQuery[q] = [2][]time.Duration{append(qt[0], at), append(qt[1], ft)}
		}
	}
	if perQuery {
		for _, q := range Queries {
			qt := byQuery[q]
			fmt.Printf("query %q app p50 %.2f p95 %.2f fts5 p50 %.2f p95 %.2f\n", q,
				ms(Percentile(qt[0], 50)), ms(Percentile(qt[0], 95)), ms(Percentile(qt[1], 50)), ms(Percentile(qt[1], 95)))
		}
	}
	fmt.Printf("search_app_ms p50 %.2f p95 %.2f\n", ms(Percentile(appTimes, 50)), ms(Percentile(appTimes, 95)))
	fmt.Printf("search_fts5_ms p50 %.2f p95 %.2f\n", ms(Percentile(ftsTimes, 50)), ms(Percentile(ftsTimes, 95)))
	return nil
}

// plainFTS copies every recording's text into the data package's bare FTS5
// baseline table.
func plainFTS(a *app.App, children []app.Child) (*data.Baseline, int, error) {
	var texts []string
	for _, c := range children {
		for off := 0; ; off += 1000 {
			page, err := a.Recordings(c.ID, off, 1000)
			if err != nil {
				return nil, 0, err
			}
			for _, r := range page {
				texts = append(texts, r.Text)
			}
			if len(page) < 1000 {
				break
			}
		}
	}
	b, err := data.NewBaseline(texts)
	return b, len(texts), err
}

// Percentile is the nearest-rank percentile p (0–100) of ds.
func Percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (p*len(s) + 99) / 100
	return s[min(max(i, 1), len(s))-1]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
