package data

import (
	"fmt"
	"strings"
	"testing"
)

// Each hit's snippet is made in the ranking query (searchSQL), so it must
// still come from that hit's own text, and the hits must come best first,
// equal ranks newest first.
func TestSearchRanksAndSnippetsEachHit(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	texts := map[string]string{}
	save := func(d int, text string) string {
		r := Recording{ChildID: c.ID, Day: day(2024, 5, d), Text: text}
		must(t, s.SaveRecording(&r))
		texts[r.ID] = text
		return r.ID
	}
	best := save(1, "kite kite kite") // the oldest, but the word three times
	plain := []string{save(2, "kite flew off"), save(4, "kite went up"), save(3, "kite got stuck")}
	hits, err := s.Search("kite", 20)
	must(t, err)
	var got []string
	for _, h := range hits {
		got = append(got, h.ID)
		if !strings.Contains(texts[h.ID], h.Snippet) {
			t.Errorf("hit %s has snippet %q, not from its text %q", h.ID, h.Snippet, texts[h.ID])
		}
	}
	// The three one-kite texts rank equally (same length, one match each),
	// so they show newest first: 4, 3, 2 May.
	same(t, got, []string{best, plain[1], plain[2], plain[0]})
}

// Every word of a search is a prefix, and the prefix index (1 to 6
// characters) must not change what a prefix finds: each length as the
// word is typed, and past 6 characters, where FTS5 merges terms instead.
func TestSearchFindsEveryPrefixWhileTyping(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	r := Recording{ChildID: c.ID, Day: day(2024, 5, 1), Text: "Safeguarding training with the social worker"}
	must(t, s.SaveRecording(&r))
	other := Recording{ChildID: c.ID, Day: day(2024, 5, 2), Text: "Safe at home; social evening"}
	must(t, s.SaveRecording(&other))
	word := "safeguarding"
	for n := 1; n <= len(word); n++ {
		want := []string{r.ID}
		if n <= 4 { // "safe" is also the other recording's first word
			want = []string{other.ID, r.ID}
		}
		got := hitIDs(t, s, word[:n])
		if len(got) != len(want) {
			t.Errorf("Search(%q) = %v, want %v", word[:n], got, want)
		}
	}
	// Every word must match, each as a prefix, in any position.
	same(t, hitIDs(t, s, "soc work"), []string{r.ID})
	same(t, hitIDs(t, s, "social eve"), []string{other.ID})
	same(t, hitIDs(t, s, "train safeg"), []string{r.ID})
	if got := hitIDs(t, s, "social worker evening"); len(got) != 0 {
		t.Errorf("a record lacking one word was found: %v", got)
	}
	if got := hitIDs(t, s, "safeguardings"); len(got) != 0 {
		t.Errorf("a longer word than any in the text matched: %v", got)
	}
}

// An old record falls outside the ranking window for a common word, but a
// more specific search still finds it.
func TestOldRecordFoundBySpecificSearch(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	var oldest string
	must(t, s.SaveBatch(func(b *Batch) error {
		for d := range 30 {
			r := Recording{ChildID: c.ID, Day: day(2023, 1, 1).AddDate(0, 0, d), Text: fmt.Sprintf("school run %d", d)}
			if d == 0 {
				r.Text = "school run, then the orthodontist"
			}
			if err := b.SaveRecording(&r); err != nil {
				return err
			}
			if d == 0 {
				oldest = r.ID
			}
		}
		return nil
	}))
	setWindow(s, 5)
	for _, id := range hitIDs(t, s, "school") {
		if id == oldest {
			t.Error("the oldest record is inside a window of the 5 newest")
		}
	}
	same(t, hitIDs(t, s, "school ortho"), []string{oldest})
}
