package data

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// searchFixture saves one record of each searchable kind.
func searchFixture(t *testing.T) (*Store, map[HitKind]string) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	r := Recording{ChildID: c.ID, Day: day(2025, 3, 3), Text: "Scored twice at football; very proud. " + strings.Repeat("Then tea and homework and bed. ", 20)}
	m := Milestone{ChildID: c.ID, Mission: MissionRelationships, Status: MilestoneAchieved, Title: "Joined the chess club", Notes: "Mr Patel runs it"}
	n := Need{Category: NeedEquipment, Urgency: UrgencySoon, Status: NeedDraft, Description: "A bunk bed for siblings"}
	tr := Training{Title: "Therapeutic parenting", Provider: "Fostering Network", Evidence: "Used PACE with bedtime worries", Format: FormatCourse, Date: day(2025, 1, 9)}
	must(t, s.SaveRecording(&r))
	must(t, s.SaveMilestone(&m))
	must(t, s.SaveNeed(&n))
	must(t, s.SaveTraining(&tr))
	return s, map[HitKind]string{HitRecording: r.ID, HitMilestone: m.ID, HitNeed: n.ID, HitTraining: tr.ID}
}

func hitIDs(t *testing.T, s *Store, q string) []string {
	t.Helper()
	hits, err := s.Search(q, 20)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestSearchPrefixFindsEveryKind(t *testing.T) {
	s, ids := searchFixture(t)
	for q, kind := range map[string]HitKind{
		"foot":         HitRecording,
		"FOOTBALL":     HitRecording,
		"ches":         HitMilestone,
		"pat":          HitMilestone, // milestone notes
		"bunk":         HitNeed,
		"therap paren": HitTraining,
		"fostering":    HitTraining, // provider
		"pace bedt":    HitTraining, // evidence
	} {
		got := hitIDs(t, s, q)
		if len(got) != 1 || got[0] != ids[kind] {
			t.Errorf("Search(%q) = %v, want the %s %s", q, got, kind, ids[kind])
		}
	}
	hits, err := s.Search("foot", 5)
	must(t, err)
	h := hits[0]
	if h.Kind != HitRecording || h.ChildID == "" || !h.Date.Equal(day(2025, 3, 3)) {
		t.Errorf("recording hit %+v", h)
	}
	if !strings.Contains(strings.ToLower(h.Snippet), "football") || utf8.RuneCountInString(h.Snippet) > snippetRunes {
		t.Errorf("snippet %q (%d runes)", h.Snippet, utf8.RuneCountInString(h.Snippet))
	}
	// "bed" is in the need, the training evidence ("bedtime") and the
	// recording: every word must match, so "bed bunk" narrows to one.
	if got := hitIDs(t, s, "bed"); len(got) != 3 {
		t.Errorf("Search(bed) found %d, want 3", len(got))
	}
	same(t, hitIDs(t, s, "bed bunk"), []string{ids[HitNeed]})
	if hits, _ := s.Search("bed", 2); len(hits) != 2 {
		t.Errorf("limit 2 gave %d hits", len(hits))
	}
}

func TestSearchHostileInput(t *testing.T) {
	s, _ := searchFixture(t)
	for _, q := range []string{
		`"`, `""`, "AND", "OR", "NOT", "NEAR", "*", "(", ")", "'; drop table recordings; --", "foot*", "^foot",
		"body:foot", "foot OR chess", `"foot`, "foot -chess", "{body}: x", "\x00", "\u0301", "🙂", "a\"b",
		"NEAR(foot chess)", "+", "-", ":", strings.Repeat("foot ", 100), "",
	} {
		if _, err := s.Search(q, 10); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	if got := hitIDs(t, s, ""); len(got) != 0 {
		t.Errorf("empty query found %v", got)
	}
	if got := hitIDs(t, s, "foot OR chess"); len(got) != 0 {
		t.Errorf("OR was treated as an operator: %v", got)
	}
	if got := hitIDs(t, s, "(foot)"); len(got) != 1 {
		t.Errorf("punctuation around a word lost the match: %v", got)
	}
}

func FuzzMatchExpr(f *testing.F) {
	for _, seed := range []string{`"`, "AND", "*", "(", "'; drop", "foot ball", "ça", "a\u0301", "x:y"} {
		f.Add(seed)
	}
	x, err := newIndex()
	if err != nil {
		f.Fatal(err)
	}
	defer x.close()
	f.Fuzz(func(t *testing.T, q string) {
		if m := matchExpr(q); m != "" {
			if _, err := x.search(m, 5); err != nil {
				t.Fatalf("matchExpr(%q) = %q: %v", q, m, err)
			}
		}
	})
}

func TestSearchFollowsUpdatesAndDeletes(t *testing.T) {
	s, ids := searchFixture(t)
	recs, err := s.RecentRecordings(1)
	must(t, err)
	r := recs[0]
	r.Text = "Went swimming with the cubs"
	must(t, s.SaveRecording(&r))
	same(t, hitIDs(t, s, "swim"), []string{r.ID})
	if got := hitIDs(t, s, "football"); len(got) != 0 {
		t.Errorf("old words still found: %v", got)
	}
	must(t, s.DeleteRecording(r.ID))
	must(t, s.DeleteNeed(ids[HitNeed]))
	if got := hitIDs(t, s, "swim"); len(got) != 0 {
		t.Errorf("deleted recording still found: %v", got)
	}
	if got := hitIDs(t, s, "bunk"); len(got) != 0 {
		t.Errorf("deleted need still found: %v", got)
	}
	// A failed batch must not reach the index.
	err = s.SaveBatch(func(b *Batch) error {
		if err := b.SaveNeed(&Need{Category: NeedOther, Urgency: UrgencySoon, Status: NeedDraft, Description: "trampoline"}); err != nil {
			return err
		}
		return errors.New("changed my mind")
	})
	if err == nil {
		t.Fatal("batch error lost")
	}
	if got := hitIDs(t, s, "trampoline"); len(got) != 0 {
		t.Errorf("rolled-back need found: %v", got)
	}
}

func TestSearchIndexRebuiltOnUnlockAndDroppedOnLock(t *testing.T) {
	s, key, path := newStore(t)
	c := addChild(t, s, "Ada")
	must(t, s.SaveRecording(&Recording{ChildID: c.ID, Day: day(2025, 1, 1), Text: "kite flying"}))
	must(t, s.Close())
	s = openAt(t, path)
	_, err := s.Search("kite", 5)
	wantErr(t, err, ErrLocked)
	must(t, s.Unlock(key))
	if got := hitIDs(t, s, "kit"); len(got) != 1 {
		t.Fatalf("index not rebuilt from disk: %v", got)
	}
	s.Lock()
	_, err = s.Search("kite", 5)
	wantErr(t, err, ErrLocked)
}

func TestStaleIndexIsRebuilt(t *testing.T) {
	s, ids := searchFixture(t)
	s.mu.RLock()
	x := s.index
	s.mu.RUnlock()
	x.mu.Lock()
	_, err := x.conn.ExecContext(bg, "DELETE FROM docs; DELETE FROM fts")
	x.stale = true
	x.mu.Unlock()
	must(t, err)
	same(t, hitIDs(t, s, "chess"), []string{ids[HitMilestone]})
}

func TestIndexNeverTouchesDisk(t *testing.T) {
	x, err := newIndex()
	must(t, err)
	defer x.close()
	var file string
	var tempStore int
	must(t, x.conn.QueryRowContext(bg, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file))
	must(t, x.conn.QueryRowContext(bg, "PRAGMA temp_store").Scan(&tempStore))
	if file != "" || tempStore != 2 {
		t.Errorf("index database file %q, temp_store %d; want in-memory and MEMORY (2)", file, tempStore)
	}
}

func TestShorten(t *testing.T) {
	same(t, shorten("short", 10), "short")
	same(t, shorten("one two three four", 12), "one two…")
	same(t, shorten("abcdefghijklmnop", 8), "abcdefg…")
}

// BenchmarkSearch also reports how long Unlock takes to build the index
// from 18,000 recordings.
func BenchmarkSearch(b *testing.B) {
	s, key, _ := newStore(b)
	c := addChild(b, s, "Ada")
	seedRecordings(b, s, c.ID, 18000)
	s.Lock()
	start := time.Now()
	must(b, s.Unlock(key))
	unlock := time.Since(start)
	queries := []string{"foot", "school tea", "entry 17", "walked", "nothing-matches"}
	for i := 0; b.Loop(); i++ {
		if _, err := s.Search(queries[i%len(queries)], 20); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(unlock.Milliseconds()), "unlock-ms")
}
