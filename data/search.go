package data

import (
	"crypto/cipher"
	"database/sql"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
)

// The search index lives in an in-memory SQLite database that exists only
// while the store is unlocked. It holds decrypted text, so it must never
// reach the disk: the database is ":memory:", its connection is pinned so
// the pool cannot drop (and silently empty) it, and the driver keeps temp
// storage in memory (see driverName).
//
// Every word of a search is a prefix (see matchExpr). Without a prefix
// index of the right length, FTS5 answers a prefix by merging the doclists
// of every term that starts with it, and it does that again for each
// statement and for bm25's per-word document count: on 100,000 recordings
// that made "leah school" and "social worker visit" cost 10-12 ms, and the
// first letter typed ("s", 84% of records) 50 ms. Prefix indexes of 1 to 6
// characters cover what is typed before a word is usually complete, and
// take those to about 5 ms, for about 80% more index memory (18 to 33 MB on
// 100,000 recordings) and a slower background fill (about 0.6 s there).

const indexSchema = `
CREATE TABLE docs (
    n        INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    kind     TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date     TEXT NOT NULL,
    created  TEXT NOT NULL
);
CREATE VIRTUAL TABLE fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5 6');`

// doc is one searchable record in plain text.
type doc struct {
	kind    HitKind
	rec     Record
	childID string
	date    time.Time // zero means the day it was created
	parts   []string  // joined to form the searchable body
}

// when is the date a record is listed under: its own date, or the day it
// was created.
func (d *doc) when() time.Time {
	if d.date.IsZero() {
		return d.rec.Created
	}
	return d.date
}

// indexOp adds or replaces doc, or deletes id when doc is nil.
type indexOp struct {
	id  string
	doc *doc
}

// searchable is an aggregate the search index covers.
type searchable interface {
	entity
	doc() doc
}

// putIndexed saves e and queues its new text for the index.
func (b *Batch) putIndexed(e searchable) error {
	if err := b.put(e); err != nil {
		return err
	}
	d := e.doc()
	b.ops = append(b.ops, indexOp{id: d.rec.ID, doc: &d})
	return nil
}

func (b *Batch) unindex(ids ...string) {
	for _, id := range ids {
		b.ops = append(b.ops, indexOp{id: id})
	}
}

// deleteIndexed tombstones one searchable record and drops it from search.
func (b *Batch) deleteIndexed(e entity, id string) error {
	if err := b.deleteByID(e, id); err != nil {
		return err
	}
	b.unindex(id)
	return nil
}

type index struct {
	mu     sync.Mutex
	db     *sql.DB
	conn   *sql.Conn
	stale  bool          // an update failed; rebuild before the next search
	window int           // how many of the newest matches are ranked (rankWindow)
	quit   chan struct{} // closed when the index is dropped
	// edge and ranked are windowSQL and searchSQL, prepared once because
	// a search runs on every keystroke.
	edge, ranked *sql.Stmt
}

func newIndex() (*index, error) {
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	x := &index{db: db, quit: make(chan struct{}), window: rankWindow}
	x.conn, err = db.Conn(bg)
	if err == nil {
		_, err = x.conn.ExecContext(bg, indexSchema)
	}
	if err == nil {
		x.edge, err = x.conn.PrepareContext(bg, windowSQL)
	}
	if err == nil {
		x.ranked, err = x.conn.PrepareContext(bg, searchSQL)
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return x, nil
}

func (x *index) close() {
	if x == nil {
		return
	}
	close(x.quit) // a fill still waiting to start gives up
	x.mu.Lock()
	defer x.mu.Unlock()
	_ = x.edge.Close()
	_ = x.ranked.Close()
	_ = x.conn.Close()
	_ = x.db.Close()
}

// apply brings the index up to date after a commit. The data is already
// safely saved, so a failure here is not the caller's: the index is marked
// stale and rebuilt from the database before the next search.
func (x *index) apply(ops []indexOp) {
	if x == nil || len(ops) == 0 {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.write(ops); err != nil {
		x.stale = true
	}
}

func (x *index) write(ops []indexOp) error {
	tx, err := x.conn.BeginTx(bg, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	var stmts [4]*sql.Stmt
	for i, q := range []string{
		"DELETE FROM fts WHERE rowid = (SELECT n FROM docs WHERE id = ?)",
		"DELETE FROM docs WHERE id = ?",
		"INSERT INTO docs (id, kind, child_id, date, created) VALUES (?, ?, ?, ?, ?)",
		"INSERT INTO fts (rowid, body) VALUES (?, ?)",
	} {
		if stmts[i], err = tx.PrepareContext(bg, q); err != nil {
			return err
		}
		defer stmts[i].Close()
	}
	for _, op := range ops {
		for _, st := range stmts[:2] {
			if _, err := st.ExecContext(bg, op.id); err != nil {
				return err
			}
		}
		if op.doc == nil {
			continue
		}
		d := op.doc
		body := joinParts(d.parts)
		if body == "" {
			continue
		}
		res, err := stmts[2].ExecContext(bg, d.rec.ID, string(d.kind), d.childID, stamp(d.when()), stamp(d.rec.Created))
		if err != nil {
			return err
		}
		n, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := stmts[3].ExecContext(bg, n, body); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func joinParts(parts []string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " — ")
}

// indexed lets docsOf allocate a searchable T.
type indexed[T any] interface {
	*T
	searchable
}

func docsOf[T any, P indexed[T]](q querier, aead cipher.AEAD) ([]indexOp, error) {
	rows, err := queryAll[T, P](q, aead, "")
	return opsFor[T, P](rows), err
}

// goalDocs reads goals with their steps, which their text includes.
func goalDocs(q querier, aead cipher.AEAD) ([]indexOp, error) {
	goals, err := queryGoals(q, aead, "")
	return opsFor(goals), err
}

func opsFor[T any, P indexed[T]](rows []T) []indexOp {
	ops := make([]indexOp, len(rows))
	for i := range rows {
		d := P(&rows[i]).doc()
		ops[i] = indexOp{id: d.rec.ID, doc: &d}
	}
	return ops
}

// fill loads every live searchable record into x from one snapshot.
func (s *Store) fill(x *index, aead cipher.AEAD) error {
	tx, err := s.r.BeginTx(bg, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	var ops []indexOp
	for _, load := range []func(querier, cipher.AEAD) ([]indexOp, error){
		docsOf[Recording], docsOf[Milestone], docsOf[Need], docsOf[Training], goalDocs,
	} {
		more, err := load(tx, aead)
		if err != nil {
			return err
		}
		ops = append(ops, more...)
	}
	// Oldest first, so the index's row numbers follow the records' dates
	// and a search can rank only the newest matches (see rankWindow).
	slices.SortStableFunc(ops, func(a, b indexOp) int { return a.doc.when().Compare(b.doc.when()) })
	return x.write(ops)
}

// maxTerms bounds the work one search can ask for.
const maxTerms = 16

// matchExpr turns what the user typed into an FTS5 query that cannot fail
// to parse: the input is split into words (anything but letters, digits and
// marks separates them), each word is quoted as an FTS5 string (so AND, OR,
// NEAR, *, ^, : and parentheses are just text) and given a trailing * so it
// matches as a prefix while the user is still typing. Words must all match.
func matchExpr(query string) string {
	words := strings.FieldsFunc(query, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r)
	})
	var terms []string
	for _, w := range words {
		if len(terms) == maxTerms {
			break
		}
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) < 0 {
			continue // marks alone make no token
		}
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	return strings.Join(terms, " ")
}

// Search finds records whose text starts words with every word of query,
// best match first, then newest. An empty query finds nothing; a limit of
// zero or less finds nothing.
func (s *Store) Search(query string, limit int) ([]Hit, error) {
	var hits []Hit
	err := s.read("search", func(aead cipher.AEAD) error {
		match := matchExpr(query)
		if match == "" || limit <= 0 {
			return nil
		}
		x := s.index
		x.mu.Lock()
		defer x.mu.Unlock()
		if x.stale {
			if _, err := x.conn.ExecContext(bg, "DELETE FROM docs; DELETE FROM fts"); err != nil {
				return err
			}
			if err := s.fill(x, aead); err != nil {
				return err
			}
			x.stale = false
		}
		var err error
		hits, err = x.search(match, limit)
		return err
	})
	return hits, err
}

// rankWindow is how many of the newest matches a search ranks. Ranking
// (bm25) costs a lookup per matching row, and on 100,000 recordings a
// common word or a short prefix such as "rec" matches tens of thousands,
// which took a search well past 10 ms. So a search ranks only the newest
// rankWindow matches: a carer's recent records matter most, and adding a
// word narrows the matches below the window, so older records are still
// found by a more specific search. Finding the window's edge walks the
// matches in index order without ranking them, which is cheap.
const rankWindow = 2000

// The index's row numbers follow the records' dates (fill adds them oldest
// first, and later saves come after), so "newest" is "highest rowid".
const (
	windowSQL = `SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2`
	// searchSQL ranks the matches from rowid ?3 on and keeps the best ?2.
	// The snippet is made in the ranking query itself: FTS5 sorts by rank
	// on its own and so makes snippets only for the rows it returns, from
	// the match positions it already holds. (Joining fts again for the
	// snippet ran the whole match once more per row shown, 3-7 ms on
	// 100,000 recordings.) That holds only while the inner ORDER BY is
	// rank alone: a tie-breaker there makes SQLite sort, and snippet every
	// match in the window first. Equal ranks show newest first.
	searchSQL = `WITH top(n, r, s) AS MATERIALIZED (
		SELECT rowid, rank, snippet(fts, 0, '', '', '…', 16) FROM fts
		WHERE fts MATCH ?1 AND rowid >= ?3 ORDER BY rank LIMIT ?2)
	SELECT d.kind, d.id, d.child_id, d.date, top.s
	FROM top JOIN docs d ON d.n = top.n
	ORDER BY top.r, d.date DESC, d.created DESC`
)

func (x *index) search(match string, limit int) ([]Hit, error) {
	var from int64
	switch err := x.edge.QueryRowContext(bg, match, x.window-1).Scan(&from); err {
	case nil, sql.ErrNoRows: // fewer matches than the window: rank them all
	default:
		return nil, err
	}
	rows, err := x.ranked.QueryContext(bg, match, limit, from)
	hits, err := collect(rows, err, func(h *Hit) []any {
		return []any{&h.Kind, &h.ID, &h.ChildID, stampCol(&h.Date), &h.Snippet}
	})
	for i := range hits {
		hits[i].Snippet = shorten(strings.Join(strings.Fields(hits[i].Snippet), " "), snippetRunes)
	}
	return hits, err
}

// snippetRunes caps a snippet at about two lines of a results list.
const snippetRunes = 120

// shorten cuts s at a word boundary so it has at most n runes.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	if i := strings.LastIndexFunc(string(r[:cut]), unicode.IsSpace); i > 0 {
		return strings.TrimRight(string(r[:cut])[:i], " —…") + "…"
	}
	return string(r[:cut]) + "…"
}
