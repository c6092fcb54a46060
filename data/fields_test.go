package data

import (
	"slices"
	"testing"
	"time"
)

func TestStampsSortAsText(t *testing.T) {
	base := time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("BST", 3600))
	times := []time.Time{base, base.Add(100 * time.Millisecond), base.Add(120 * time.Millisecond), base.Add(time.Second)}
	var texts []string
	for _, tm := range times {
		texts = append(texts, stamp(tm))
	}
	if !slices.IsSorted(texts) {
		t.Errorf("stamps do not sort in time order: %q", texts)
	}
	same(t, texts[0], "2025-01-02T02:04:05.000000000Z")
	var back time.Time
	must(t, stampCol(&back).Scan(texts[2]))
	if !back.Equal(times[2]) {
		t.Errorf("stamp round trip gave %v", back)
	}
	must(t, dateCol(&back).Scan(nil))
	if !back.IsZero() {
		t.Error("NULL did not scan as the zero time")
	}
	if err := dateCol(&back).Scan(int64(3)); err == nil {
		t.Error("an integer scanned as a date")
	}
}

func TestTagMask(t *testing.T) {
	same(t, tagMask(nil), nil)
	same(t, maskTags(tagMask(Tags).(int64)), Tags)
	same(t, maskTags(tagMask([]Tag{TagIncident, TagHealth, TagIncident}).(int64)), []Tag{TagHealth, TagIncident})
	if len(tagBits) != len(Tags) {
		t.Errorf("%d tags but %d tag bits: give every tag a bit", len(Tags), len(tagBits))
	}
}

func TestEveryEntityNamesItsSensitiveColumns(t *testing.T) {
	for e, want := range map[entity][]string{
		&Carer{}:      {"name"},
		&Child{}:      {"name", "preferred_name", "date_of_birth", "school", "gp", "dentist", "la_reference"},
		&Milestone{}:  {"title", "notes"},
		&Recording{}:  {"text", "tags"},
		&Need{}:       {"description", "response"},
		&Training{}:   {"title", "provider", "evidence"},
		&Attachment{}: {"name", "content", "mime"},
	} {
		got := newReader(e, nil).scrub
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: cleared on delete %v, want %v", e.table().name, got, want)
		}
	}
}
