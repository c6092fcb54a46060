package app

import (
	"testing"
)

// FuzzLoadRules feeds the rules importer arbitrary files, as an LA's
// published file could be anything. It must never panic, and a file it
// accepts must give a rule set the timetable can use.
func FuzzLoadRules(f *testing.F) {
	for _, country := range []string{CountryEngland, CountryWales} {
		raw, err := ruleFiles.ReadFile("rules/" + country + ".json")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte(`{"name": "x"} {}`))
	f.Add([]byte(`{"name": "x", "country": "wales", "health_age_switch": 99}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := LoadRules(raw)
		if err != nil {
			return
		}
		if err := r.validate(); err != nil {
			t.Fatalf("accepted rules that do not validate: %v", err)
		}
		for _, l := range r.Lines() {
			if l.Name != "dental_checks" && l.Interval.check() != nil {
				t.Fatalf("accepted an unusable interval %q", l.Name)
			}
		}
	})
}
