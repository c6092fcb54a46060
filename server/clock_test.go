package server

import (
	"testing"
	"time"

	"github.com/hearth-app/hearth/api"
)

// A device whose clock runs a year ahead cannot make the household's
// later, honest writes look older than its own and be dropped.
func TestFutureStampIsTakenAsNow(t *testing.T) {
	s := newTestServer(t, Config{})
	s.enrol("carer", api.ScopeHousehold, "")
	ahead := upsert("key-ahead", api.KindTraining, "t1", map[string]string{"title": "From the fast clock"})
	ahead.At = time.Now().AddDate(1, 0, 0)
	s.push("carer", ahead)
	honest := upsert("key-honest", api.KindTraining, "t1", map[string]string{"title": "From the right clock"})
	honest.At = time.Now()
	if ack := s.push("carer", honest); ack[0].Status != api.AckApplied {
		t.Fatalf("honest write: %+v", ack[0])
	}
	changes := s.pull("carer", 0, 100)
	if len(changes) == 0 || changes[len(changes)-1].Fields["title"] != "From the right clock" {
		t.Fatalf("after a fast-clock write and a later honest one, the server holds %+v", changes)
	}
}
