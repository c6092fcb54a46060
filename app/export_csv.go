package app

import (
	"encoding/csv"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// CSV files are built from the same structs as the JSON files, by
// reflection, so a field added to a record shows up in both without a
// second list of columns to keep in step.

// csvColumn is one column: its header and where its value is in a row.
type csvColumn struct {
	name  string
	index []int
}

var timeType = reflect.TypeOf(time.Time{})

// csvColumns lists the columns of a record type: its own simple fields
// and those of the structs it embeds (the id and times). Lists of records
// (carers, steps) have files of their own, file contents are written as
// files, and the deletion time of a live record is always empty, so those
// are left out.
func csvColumns(t reflect.Type, at []int) []csvColumn {
	var out []csvColumn
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(append([]int{}, at...), i)
		k := f.Type.Kind()
		switch {
		case !f.IsExported() || f.Name == "Deleted":
		case f.Anonymous && k == reflect.Struct && f.Type != timeType:
			out = append(out, csvColumns(f.Type, index)...)
		case k == reflect.Slice && (f.Type.Elem().Kind() == reflect.Struct || f.Type.Elem().Kind() == reflect.Uint8):
		default:
			out = append(out, csvColumn{f.Name, index})
		}
	}
	return out
}

// writeCSV writes rows (a slice of structs) as a CSV file with a header.
func writeCSV(path string, rows any) error {
	v := reflect.ValueOf(rows)
	cols := csvColumns(v.Type().Elem(), nil)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.name
	}
	records := [][]string{header}
	for i := range v.Len() {
		row := make([]string, len(cols))
		for j, c := range cols {
			row[j] = csvSafe(csvCell(v.Index(i).FieldByIndex(c.index)))
		}
		records = append(records, row)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	err = w.WriteAll(records)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// csvCell formats one value: dates as YYYY-MM-DD, times as RFC 3339,
// lists joined with "; ".
func csvCell(v reflect.Value) string {
	if v.Type() == timeType {
		t := v.Interface().(time.Time)
		switch {
		case t.IsZero():
			return ""
		case t.Equal(dateOf(t)):
			return t.Format(time.DateOnly)
		}
		return t.UTC().Format(time.RFC3339)
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = csvCell(v.Index(i))
		}
		return strings.Join(parts, "; ")
	}
	return ""
}

// csvSafe stops a spreadsheet from running a cell as a formula (OWASP's
// "CSV injection"): a cell starting with = + - @, a tab or a carriage
// return gets a leading apostrophe, which spreadsheets show as text.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
