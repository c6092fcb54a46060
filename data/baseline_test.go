package data

import "testing"

func TestBaselineFindsPrefixes(t *testing.T) {
	b, err := NewBaseline([]string{"Football training after school", "Swimming lesson", "Quiet day"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for q, want := range map[string]int{"foot": 1, "swim less": 1, "day": 1, "nothing": 0, `"`: 0} {
		got, err := b.Search(q)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if got != want {
			t.Errorf("search %q found %d, want %d", q, got, want)
		}
	}
}

func TestBaselineMatchQuotesEveryWord(t *testing.T) {
	if got, want := BaselineMatch(`contact "mum`), `"contact"* """mum"*`; got != want {
		t.Fatalf("BaselineMatch = %s, want %s", got, want)
	}
}
