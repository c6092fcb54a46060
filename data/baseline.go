package data

import (
	"database/sql"
	"fmt"
	"strings"
)

// Baseline is a bare FTS5 table holding plain text, for the speed benchmark
// only: it answers "how fast is SQLite's own full-text search on the same
// text?", the floor Hearth's encrypted search is measured against. It lives
// here because only this package speaks SQL; it is given only the
// benchmark's fictional generated text and never touches the disk.
type Baseline struct{ db *sql.DB }

// NewBaseline builds an in-memory FTS5 table from texts.
func NewBaseline(texts []string) (*Baseline, error) {
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	db.SetMaxOpenConns(1)
	b := &Baseline{db: db}
	if err := b.fill(texts); err != nil {
		db.Close()
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return b, nil
}

func (b *Baseline) fill(texts []string) error {
	if _, err := b.db.Exec("CREATE VIRTUAL TABLE fts USING fts5(body)"); err != nil {
		return err
	}
	tx, err := b.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range texts {
		if _, err := tx.Exec("INSERT INTO fts (body) VALUES (?)", t); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Search runs the same kind of query Hearth's search runs (every word a
// required prefix, best 50 by rank), without the join to record metadata or
// the snippets, and returns how many rows matched.
func (b *Baseline) Search(query string) (int, error) {
	rows, err := b.db.Query("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 50", BaselineMatch(query))
	if err != nil {
		return 0, fmt.Errorf("baseline search: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// Close frees the table.
func (b *Baseline) Close() error { return b.db.Close() }

// BaselineMatch builds the FTS5 expression the baseline uses: every word
// quoted, as a prefix, all required.
func BaselineMatch(q string) string {
	var terms []string
	for _, w := range strings.Fields(q) {
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	return strings.Join(terms, " ")
}
