package data

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
)

// v1Columns are the milestone columns schema version 1 had.
const v1Columns = "id, created_at, updated_at, deleted_at, child_id, mission, title, status, target_date, achieved_date, notes, photo_id"

// dumpRows reads every value of every row a query returns, as stored.
func dumpRows(t *testing.T, q querier, query string) [][]any {
	t.Helper()
	rows, err := q.QueryContext(bg, query)
	must(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	must(t, err)
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		must(t, rows.Scan(ptrs...))
		out = append(out, vals)
	}
	must(t, rows.Err())
	return out
}

// TestMigrationKeepsVersion1Milestones makes a file as Hearth's schema
// version 1 left it, holding a child's milestones (one with a photo, one
// already deleted), and opens it with this build.
func TestMigrationKeepsVersion1Milestones(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hearth.db")
	all, err := migrations()
	must(t, err)
	db, err := sql.Open(driverName, dsn(path, "mode=rwc&_journal_mode=WAL&_fk=1"))
	must(t, err)
	_, err = migrateTo(bg, db, all[:1])
	must(t, err)

	key, err := NewKey()
	must(t, err)
	aead, err := newAEAD(key)
	must(t, err)
	sealed := func(table, id, col, plain string) []byte { return seal(aead, []byte(plain), fieldAD(table, id, col)) }
	at := stamp(day(2025, 1, 2))
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO children (id, created_at, updated_at, name, arrangement) VALUES ('c1', ?1, ?1, ?2, 'foster')",
			[]any{at, sealed("children", "c1", "name", "Ada")}},
		{"INSERT INTO attachments (id, created_at, updated_at, name, mime, content) VALUES ('a1', ?1, ?1, ?2, 'image/png', ?3)",
			[]any{at, sealed("attachments", "a1", "name", "p.png"), sealed("attachments", "a1", "content", "png")}},
		{`INSERT INTO milestones (id, created_at, updated_at, child_id, mission, title, status, achieved_date, notes, photo_id)
			VALUES ('m1', ?1, ?1, 'c1', 'health', ?2, 'achieved', '2025-01-01', ?3, 'a1')`,
			[]any{at, sealed("milestones", "m1", "title", "Joined the club"), sealed("milestones", "m1", "notes", "Tuesdays")}},
		{"INSERT INTO milestones (id, created_at, updated_at, child_id, mission, title, status, target_date) VALUES ('m2', ?1, ?1, 'c1', 'education', ?2, 'planned', '2025-09-03')",
			[]any{at, sealed("milestones", "m2", "title", "Start Year 7")}},
		{"INSERT INTO milestones (id, created_at, updated_at, deleted_at, child_id, mission, status) VALUES ('m3', ?1, ?1, ?1, 'c1', 'work', 'planned')",
			[]any{at}},
	} {
		_, err := db.Exec(q.sql, q.args...)
		must(t, err)
	}
	before := dumpRows(t, db, "SELECT "+v1Columns+" FROM milestones ORDER BY id")
	must(t, db.Close())

	s := openAt(t, path)
	same(t, s.MigrationsApplied(), len(all)-1)
	// Every row, the tombstone too, came across byte for byte.
	same(t, dumpRows(t, s.r, "SELECT "+v1Columns+" FROM milestones ORDER BY id"), before)
	must(t, s.Unlock(key))
	rec := Record{Created: day(2025, 1, 2), Updated: day(2025, 1, 2)}
	m1, m2 := rec, rec
	m1.ID, m2.ID = "m1", "m2"
	got, err := s.Milestones("c1")
	must(t, err)
	same(t, got, []Milestone{
		{Record: m2, ChildID: "c1", Mission: MissionEducation, Title: "Start Year 7", Status: MilestonePlanned, TargetDate: day(2025, 9, 3)},
		{Record: m1, ChildID: "c1", Mission: MissionHealth, Title: "Joined the club", Status: MilestoneAchieved,
			AchievedDate: day(2025, 1, 1), Notes: "Tuesdays", PhotoID: "a1"},
	})

	// The rebuilt table kept its index, foreign keys and CHECKs, and the
	// connection has its foreign keys back.
	var index string
	must(t, s.r.QueryRow("SELECT name FROM pragma_index_list('milestones') WHERE name = 'milestones_child'").Scan(&index))
	var parents []string
	for _, row := range dumpRows(t, s.r, "SELECT \"table\" FROM pragma_foreign_key_list('milestones')") {
		parents = append(parents, row[0].(string))
	}
	slices.Sort(parents)
	same(t, parents, []string{"attachments", "children"})
	for _, bad := range []string{
		"INSERT INTO milestones (id, created_at, updated_at, mission, status) VALUES ('x', 'a', 'a', 'space', 'planned')",
		"INSERT INTO milestones (id, created_at, updated_at, mission, status, shared) VALUES ('x', 'a', 'a', 'home', 'planned', 2)",
		"INSERT INTO milestones (id, created_at, updated_at, child_id, mission, status) VALUES ('x', 'a', 'a', 'nobody', 'home', 'planned')",
	} {
		if _, err := s.w.Exec(bad); err == nil {
			t.Errorf("the migrated schema accepted: %s", bad)
		}
	}
	var fk int
	must(t, s.w.QueryRow("PRAGMA foreign_keys").Scan(&fk))
	same(t, fk, 1)

	// A milestone of the care leaver's own now fits.
	own := Milestone{Mission: MissionWork, Title: "First payslip", Status: MilestonePlanned}
	must(t, s.SaveMilestone(&own))
	mine, err := s.SelfMilestones()
	must(t, err)
	same(t, mine, []Milestone{own})
}
