package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/app/apptest"
	"github.com/hearth-app/hearth/server/store/storetest"
)

// BenchmarkSyncIntoEmptyClient times the first sync of a 2,000-record
// household (made and pushed by one device) into a new, empty profile on
// another, over loopback with real tokens. cmd/hearth-syncbench does the
// same at 50,000 records against a plain HTTP transfer.
func BenchmarkSyncIntoEmptyClient(b *testing.B) {
	const recordings, others = 1800, 199 // plus the child: 2,000 records
	ctx := context.Background()
	l := startLA(b, storetest.SQLite(b))
	a, child := household(b)
	day := a.Today()
	rs := make([]app.Recording, recordings)
	for i := range rs {
		rs[i] = app.Recording{ChildID: child.ID, Day: day.AddDate(0, 0, -i%3000),
			Text: fmt.Sprintf("Day %d: school, tea, homework, and a long talk about the weekend with football after.", i)}
	}
	must(b, a.SaveRecordings(rs))
	for i := range others {
		ms := app.Milestone{ChildID: child.ID, Mission: app.MissionHealth, Title: fmt.Sprintf("Milestone %d", i)}
		must(b, a.SaveMilestone(&ms, nil))
	}
	sess, direct, _ := enrol(b, l, "foster")
	if _, err := a.Sync(ctx, direct, nil); err != nil {
		b.Fatalf("seed sync: %v", err)
	}

	var wire int64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		fresh, err := app.Open(app.Options{Dir: b.TempDir(), Keychain: apptest.NewKeychain(true), KDF: &cheapKDF})
		must(b, err)
		must(b, fresh.CompleteSetup(app.Setup{Language: "en", Kind: app.KindFoster, CarerNames: []string{"Jo Carer"}, ApprovalDate: day.AddDate(-1, 0, 0)}))
		c := client(b, l.url, sess, 0)
		b.StartTimer()
		res, err := fresh.Sync(ctx, c, nil)
		b.StopTimer()
		if err != nil || res.Received != recordings+others+1 {
			b.Fatalf("sync into the empty profile: received %d, %v", res.Received, err)
		}
		wire += c.Wire().Received
		must(b, fresh.Close())
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*(recordings+others+1))/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(wire)/float64(b.N), "wire-bytes/op")
}
