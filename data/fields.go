package data

import (
	"database/sql"
	"fmt"
	"time"
)

// fieldMap is how an aggregate describes its columns once, in bind, and the
// store derives the INSERT, UPDATE, SELECT and tombstone statements from
// that description. Keeping one description per table means a sensitive
// column cannot be sealed on write but forgotten on delete.
type fieldMap interface {
	secret(col string, p *string)      // sealed; "" stored as NULL
	secretBytes(col string, p *[]byte) // sealed; empty stored as NULL
	text(col string, p *string)        // plain; "" stored as NULL
	date(col string, p *time.Time)     // 'YYYY-MM-DD'; zero stored as NULL
	stamp(col string, p *time.Time)    // timestamp; zero stored as NULL
	number(col string, p *float64)
	flag(col string, p *bool)
	tags(col string, p *[]Tag)
	areas(col string, p *[]Area)
	// personal names plain columns that are also cleared on delete,
	// because they say something about a person yet must stay readable
	// while locked or sortable in SQL.
	personal(cols ...string)
}

// entity is a stored aggregate row.
type entity interface {
	table() *tableDef
	record() *Record
	bind(f fieldMap)
}

// tableDef names a table and the noun used for it in error messages.
type tableDef struct{ name, noun string }

func (r *Record) record() *Record { return r }

// stampLayout is RFC 3339 in UTC with a fixed nine-digit fraction, unlike
// time.RFC3339Nano, which drops trailing zeros and so does not sort as text.
const stampLayout = "2006-01-02T15:04:05.000000000Z07:00"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// nullable maps a zero value (by IsZero for times) to SQL NULL.
func nullable[T comparable](v T, text func(T) string) any {
	var zero T
	if z, ok := any(v).(interface{ IsZero() bool }); v == zero || ok && z.IsZero() {
		return nil
	}
	return text(v)
}

// dateText keeps the calendar day as the caller sees it, in the time's own
// location; dates read back as midnight UTC on that day.
func dateText(t time.Time) string { return t.Format(time.DateOnly) }

func identity(s string) string { return s }

// writer collects the column values for an INSERT or UPDATE, sealing the
// sensitive ones under the row's own associated data.
type writer struct {
	seal func(col string, plain []byte) []byte
	cols []string
	vals []any
}

func (w *writer) set(col string, v any) {
	w.cols = append(w.cols, col)
	w.vals = append(w.vals, v)
}

func (w *writer) sealed(col string, b []byte) {
	if len(b) == 0 {
		w.set(col, nil)
		return
	}
	w.set(col, w.seal(col, b))
}

func (w *writer) secret(col string, p *string)      { w.sealed(col, []byte(*p)) }
func (w *writer) secretBytes(col string, p *[]byte) { w.sealed(col, *p) }
func (w *writer) text(col string, p *string)        { w.set(col, nullable(*p, identity)) }
func (w *writer) date(col string, p *time.Time)     { w.set(col, nullable(*p, dateText)) }
func (w *writer) stamp(col string, p *time.Time)    { w.set(col, nullable(*p, stamp)) }
func (w *writer) number(col string, p *float64)     { w.set(col, *p) }
func (w *writer) flag(col string, p *bool)          { w.set(col, *p) }
func (w *writer) tags(col string, p *[]Tag)         { w.set(col, tagMask(*p)) }
func (w *writer) areas(col string, p *[]Area)       { w.set(col, packBits(*p, areaBits)) }
func (w *writer) personal(...string)                {}

// reader collects scan destinations for a SELECT and the conversions to run
// once a row is scanned (decrypting needs the row id, scanned first). With a
// nil open it only lists the columns.
type reader struct {
	open  func(col string, sealed []byte) ([]byte, error)
	cols  []string
	scrub []string // columns a tombstone clears
	dests []any
	after []func() error
}

func (r *reader) scan(col string, dest any, after func() error) {
	r.cols = append(r.cols, col)
	r.dests = append(r.dests, dest)
	r.after = append(r.after, after)
}

func (r *reader) sealed(col string, to func([]byte)) {
	r.scrub = append(r.scrub, col)
	var b []byte
	r.scan(col, &b, func() error {
		if len(b) == 0 {
			to(nil)
			return nil
		}
		plain, err := r.open(col, b)
		if err != nil {
			return fmt.Errorf("decrypt %s: %w", col, err)
		}
		to(plain)
		return nil
	})
}

func (r *reader) secret(col string, p *string) {
	r.sealed(col, func(b []byte) { *p = string(b) })
}

func (r *reader) secretBytes(col string, p *[]byte) {
	r.sealed(col, func(b []byte) { *p = b })
}

func (r *reader) text(col string, p *string) {
	var ns sql.NullString
	r.scan(col, &ns, func() error { *p = ns.String; return nil })
}

func (r *reader) date(col string, p *time.Time)  { r.scan(col, dateCol(p), nil) }
func (r *reader) stamp(col string, p *time.Time) { r.scan(col, stampCol(p), nil) }

func (r *reader) number(col string, p *float64) { r.scan(col, p, nil) }
func (r *reader) flag(col string, p *bool)      { r.scan(col, p, nil) }
func (r *reader) personal(cols ...string)       { r.scrub = append(r.scrub, cols...) }

func (r *reader) tags(col string, p *[]Tag) { r.bits(col, func(m int64) { *p = maskTags(m) }) }
func (r *reader) areas(col string, p *[]Area) {
	r.bits(col, func(m int64) { *p = unpackBits(m, Areas, areaBits) })
}

// bits scans a bit-set column; NULL is the empty set.
func (r *reader) bits(col string, to func(mask int64)) {
	var mask sql.NullInt64
	r.scan(col, &mask, func() error { to(mask.Int64); return nil })
}

// timeCol scans a nullable date or timestamp column; NULL is the zero time.
type timeCol struct {
	p      *time.Time
	layout string
}

func dateCol(p *time.Time) timeCol  { return timeCol{p, time.DateOnly} }
func stampCol(p *time.Time) timeCol { return timeCol{p, time.RFC3339Nano} }

func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.p = time.Time{}
		return nil
	case string:
		t, err := time.Parse(c.layout, v)
		*c.p = t
		return err
	}
	return fmt.Errorf("cannot read %T as a time", src)
}

// bindRecord puts the identity columns first, so the id is known by the
// time sealed columns are opened.
func bindRecord(r *reader, rec *Record) {
	r.scan("id", &rec.ID, nil)
	r.scan("created_at", stampCol(&rec.Created), nil)
	r.scan("updated_at", stampCol(&rec.Updated), nil)
}

// newReader prepares to scan one row into e; open may be nil when only the
// column lists are wanted.
func newReader(e entity, open func(ad, sealed []byte) ([]byte, error)) *reader {
	rec := e.record()
	r := &reader{}
	if open != nil {
		r.open = func(col string, sealed []byte) ([]byte, error) {
			return open(fieldAD(e.table().name, rec.ID, col), sealed)
		}
	}
	bindRecord(r, rec)
	e.bind(r)
	return r
}

// finish runs the conversions after Scan.
func (r *reader) finish() error {
	for _, f := range r.after {
		if f == nil {
			continue
		}
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}
