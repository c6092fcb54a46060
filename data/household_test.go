package data

import (
	"testing"
)

func TestHouseholdRoundTrip(t *testing.T) {
	s := unlocked(t)
	_, err := s.Household()
	wantErr(t, err, ErrNotFound)

	h := Household{Kind: KindKinshipFoster, ApprovalDate: day(2024, 6, 1),
		Carers: []Carer{{Name: "Gran"}, {Name: "Grandad"}}}
	must(t, s.SaveHousehold(&h))
	for _, c := range h.Carers {
		if c.ID == "" {
			t.Fatal("carer ID not filled in")
		}
	}
	got, err := s.Household()
	must(t, err)
	same(t, got, h)

	// Reorder, rename one, drop one, add one.
	gran, grandad := h.Carers[0], h.Carers[1]
	gran.Name = "Nana"
	h.Kind = KindSpecialGuardian
	h.ApprovalDate = day(2024, 7, 1)
	h.Carers = []Carer{{Name: "Aunt May"}, gran}
	must(t, s.SaveHousehold(&h))
	got, err = s.Household()
	must(t, err)
	same(t, got, h)
	if got.Carers[0].Name != "Aunt May" || got.Carers[1].Name != "Nana" {
		t.Errorf("carers out of order: %+v", got.Carers)
	}
	assertTombstone(t, s, "carers", grandad.ID, "name")

	if err := s.SaveHousehold(&Household{Kind: KindFoster}); err == nil {
		t.Error("a second household was created")
	}
	if err := s.SaveHousehold(&Household{Record: Record{ID: "nope"}, Kind: KindFoster}); err == nil {
		t.Error("updating an unknown household succeeded")
	} else {
		wantErr(t, err, ErrNotFound)
	}
	if err := s.SaveHousehold(&Household{Kind: "astronaut"}); err == nil {
		t.Error("unknown carer kind accepted")
	}
}
