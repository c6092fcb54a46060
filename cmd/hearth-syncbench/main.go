// Command hearth-syncbench measures the first sync of a large household
// into an empty device: in one run it starts the development OpenID
// provider and the reference server on loopback (SQLite in a temporary
// folder, or PostgreSQL with --database), seeds one household with
// --records records through the carer's push API, then signs a fresh,
// empty Hearth profile in to that household and times app.Sync pulling
// everything into its encrypted store. Next to it, in the same run, it
// times a plain HTTP GET of the same records as one gzipped JSON document
// (no sign-in, paging or local store), the floor any protocol pays.
//
// Everything it writes is generated, fictional text, in temporary folders
// it removes at the end.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
)

func main() {
	records := flag.Int("records", 50000, "records to seed and sync (at least 10)")
	database := flag.String("database", "", "server store: a postgres:// URL, or empty for SQLite in a temporary folder")
	seed := flag.Uint64("seed", 1, "seed of the generated text")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the sync into the empty profile to this file")
	flag.Parse()
	// The provider's and server's request logs would swamp the figures.
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	res, err := run(context.Background(), config{Records: *records, Database: *database, Seed: *seed, CPUProfile: *profile})
	if err != nil {
		fmt.Fprintln(os.Stderr, "hearth-syncbench:", err)
		os.Exit(1)
	}
	res.print(os.Stdout)
}
