package app

import (
	"testing"
	"time"
)

// TestBankHolidayTableLastsAYear fails a year before the bank holiday table
// runs out, so that it is extended (from gov.uk) before any working-day
// deadline can be counted wrongly. It uses the real clock on purpose.
func TestBankHolidayTableLastsAYear(t *testing.T) {
	if need := time.Now().AddDate(1, 0, 0).Year(); BankHolidaysUntil() < need {
		t.Fatalf("the bank holiday table ends in %d; add the years to %d from https://www.gov.uk/bank-holidays", BankHolidaysUntil(), need)
	}
	for y := 2020; y <= BankHolidaysUntil(); y++ {
		if len(bankHolidays[y]) < 8 {
			t.Errorf("%d has %d bank holidays, want at least 8", y, len(bankHolidays[y]))
		}
	}
}

// easter is Easter Sunday (the anonymous Gregorian algorithm), to check the
// table's Good Fridays and Easter Mondays.
func easter(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(y, time.Month(month), day)
}

func TestBankHolidayTableIsConsistent(t *testing.T) {
	for y := 2020; y <= BankHolidaysUntil(); y++ {
		e := easter(y)
		for _, d := range []time.Time{e.AddDate(0, 0, -2), e.AddDate(0, 0, 1)} {
			if !holidaySet[d] {
				t.Errorf("%s (Easter) is missing", d.Format(time.DateOnly))
			}
		}
		for d := range holidaySet {
			if d.Year() == y && (d.Weekday() == time.Saturday || d.Weekday() == time.Sunday) {
				t.Errorf("%s is a weekend day: bank holidays move to the next weekday", d.Format(time.DateOnly))
			}
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	cases := []struct {
		from time.Time
		n    int
		want time.Time
	}{
		{date(2025, 12, 22), 20, date(2026, 1, 22)}, // skips 25, 26 Dec and 1 Jan
		{date(2025, 12, 22), 5, date(2025, 12, 31)},
		{date(2026, 11, 20), 5, date(2026, 11, 27)}, // a Friday: the weekend is skipped
		{date(2026, 4, 2), 1, date(2026, 4, 7)},     // Good Friday and Easter Monday
		{date(2026, 11, 25), 0, date(2026, 11, 25)},
	}
	for _, c := range cases {
		if got := AddWorkingDays(c.from, c.n); !got.Equal(c.want) {
			t.Errorf("%s + %d working days = %s, want %s", c.from.Format(time.DateOnly), c.n, got.Format(time.DateOnly), c.want.Format(time.DateOnly))
		}
	}
}
