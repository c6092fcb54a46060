package main

import (
	"fmt"
	"io"
	"time"
)

// print writes the figures as the PERFORMANCE.md table reads them.
func (r *result) print(w io.Writer) {
	rate := func(d time.Duration) float64 { return float64(r.Records) / d.Seconds() }
	mb := func(n int64) float64 { return float64(n) / 1e6 }
	fmt.Fprintf(w, "hearth-syncbench: %d records, server store %s\n", r.Records, r.Backend)
	fmt.Fprintf(w, "seed through the carer's push API: %.2f s (%.0f records/s)\n", r.Seed.Seconds(), rate(r.Seed))
	fmt.Fprintf(w, "sync into an empty profile:  %7.2f s  %8.0f records/s  received %6.2f MB  sent %6.1f kB  %d requests  (%d records stored)\n",
		r.Sync.Seconds(), rate(r.Sync), mb(r.SyncWire.Received), float64(r.SyncWire.Sent)/1e3, r.SyncWire.Requests, r.Received)
	fmt.Fprintf(w, "  of which pulling the pages: %5.2f s  %8.0f records/s  received %6.2f MB  %d requests (the rest is storing them)\n",
		r.Pages.Seconds(), rate(r.Pages), mb(r.PagesWire.Received), r.PagesWire.Requests)
	fmt.Fprintf(w, "plain GET, one gzipped JSON: %7.2f s  %8.0f records/s  received %6.2f MB  sent %6.1f kB  1 request\n",
		r.Plain.Seconds(), rate(r.Plain), mb(r.PlainIn), float64(r.PlainOut)/1e3)
	fmt.Fprintf(w, "sync / plain: %.1fx the time, %.2fx the bytes received\n",
		r.Sync.Seconds()/r.Plain.Seconds(), float64(r.SyncWire.Received)/float64(r.PlainIn))
}
