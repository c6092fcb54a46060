package data

import (
	"testing"
	"time"
)

func TestNeedRoundTripAndStatusTime(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	household := Need{Category: NeedRespite, Urgency: UrgencySoon, Status: NeedDraft, Description: "a weekend break"}
	must(t, s.SaveNeed(&household))
	if !household.StatusSetAt.Equal(household.Created) {
		t.Errorf("new need: StatusSetAt %v, want creation time %v", household.StatusSetAt, household.Created)
	}
	forChild := Need{ChildID: c.ID, Category: NeedTherapeutic, Urgency: UrgencyUrgent, Status: NeedRaised,
		Description: "play therapy after contact visits"}
	must(t, s.SaveNeed(&forChild))
	got, err := s.Needs()
	must(t, err)
	same(t, got, []Need{forChild, household}) // newest first
	one, err := s.Need(forChild.ID)
	must(t, err)
	same(t, one, forChild)
	_, err = s.Need("missing")
	wantErr(t, err, ErrNotFound)

	setAt := household.StatusSetAt
	household.Description = "a long weekend break"
	household.StatusSetAt = time.Time{} // callers cannot move it
	must(t, s.SaveNeed(&household))
	if !household.StatusSetAt.Equal(setAt) {
		t.Errorf("unchanged status moved StatusSetAt to %v", household.StatusSetAt)
	}
	household.Status, household.Response = NeedAcknowledged, "Respite panel on Tuesday"
	must(t, s.SaveNeed(&household))
	if !household.StatusSetAt.Equal(household.Updated) {
		t.Errorf("status change: StatusSetAt %v, want %v", household.StatusSetAt, household.Updated)
	}
	got, err = s.Needs()
	must(t, err)
	same(t, got[1], household)

	must(t, s.DeleteNeed(household.ID))
	wantErr(t, s.DeleteNeed(household.ID), ErrNotFound)
	assertTombstone(t, s, "needs", household.ID, "description", "response")
	got, err = s.Needs()
	must(t, err)
	same(t, got, []Need{forChild})

	for _, bad := range []Need{
		{Category: "pony", Urgency: UrgencySoon, Status: NeedDraft, Description: "x"},
		{Category: NeedOther, Urgency: "whenever", Status: NeedDraft, Description: "x"},
		{Category: NeedOther, Urgency: UrgencySoon, Status: "lost", Description: "x"},
		{Category: NeedOther, Urgency: UrgencySoon, Status: NeedDraft},
		{ChildID: "nobody", Category: NeedOther, Urgency: UrgencySoon, Status: NeedDraft, Description: "x"},
	} {
		if err := s.SaveNeed(&bad); err == nil {
			t.Errorf("accepted bad need %+v", bad)
		}
	}
}
