package app

import "time"

// bankHolidays are the bank holidays of England and Wales (the two share
// one list), 2020 to 2030. 2020–2027 are as published on
// https://www.gov.uk/bank-holidays, including the one-off days (VE Day
// 2020, the Platinum Jubilee 2022, the State Funeral 2022, the Coronation
// 2023). Later years follow the usual pattern until the government
// publishes them, and must be checked then: the test of this table fails a
// year before it runs out.
var bankHolidays = map[int][]string{
	2020: {"01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"},
	2021: {"01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"},
	2022: {"01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"},
	2023: {"01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"},
	2024: {"01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"},
	2025: {"01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"},
	2026: {"01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"},
	2027: {"01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"},
	2028: {"01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"},
	2029: {"01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"},
	2030: {"01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"},
}

// holidaySet is bankHolidays parsed once.
var holidaySet = func() map[time.Time]bool {
	out := map[time.Time]bool{}
	for y, days := range bankHolidays {
		for _, md := range days {
			t, err := time.Parse("2006-01-02", time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006")+"-"+md)
			if err != nil {
				panic("bank holiday table: " + err.Error())
			}
			out[t] = true
		}
	}
	return out
}()

// BankHolidaysUntil is the last year the bank holiday table covers.
func BankHolidaysUntil() int {
	last := 0
	for y := range bankHolidays {
		last = max(last, y)
	}
	return last
}

// IsWorkingDay reports whether d is a working day in England and Wales:
// not a Saturday, Sunday or bank holiday.
func IsWorkingDay(d time.Time) bool {
	d = dateOf(d)
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !holidaySet[d]
}

// AddWorkingDays is the date n working days after d: "within 5 working days
// of placement" counts from the day after the placement starts, skipping
// weekends and bank holidays.
func AddWorkingDays(d time.Time, n int) time.Time {
	d = dateOf(d)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if IsWorkingDay(d) {
			n--
		}
	}
	return d
}
