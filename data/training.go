package data

import (
	"crypto/cipher"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"
)

var (
	trainingsTable = &tableDef{"trainings", "training record"}
	standardsTable = &tableDef{"training_standards", "training standard"}
)

// maxStandard is the highest TSD standard number (mainstream carers have 7,
// family and friends carers 6).
const maxStandard = 7

func (t *Training) table() *tableDef { return trainingsTable }

func (t *Training) bind(f fieldMap) {
	f.secret("title", &t.Title)
	f.secret("provider", &t.Provider)
	f.date("date", &t.Date)
	f.number("hours", &t.Hours)
	f.text("format", (*string)(&t.Format))
	f.secret("evidence", &t.Evidence)
	f.text("certificate_id", &t.CertificateID)
}

func (t *Training) doc() doc {
	return doc{kind: HitTraining, rec: t.Record, date: t.Date, parts: []string{t.Title, t.Provider, t.Evidence}}
}

// Trainings lists the live training records, newest date first (undated
// ones by the day they were written down), with their standards.
func (s *Store) Trainings() ([]Training, error) {
	var out []Training
	// One snapshot, so the standards match the records.
	err := s.snapshot("list trainings", func(q querier, aead cipher.AEAD) (err error) {
		out, err = queryAll[Training](q, aead, "ORDER BY coalesce(date, substr(created_at, 1, 10)) DESC, created_at DESC, id")
		if err != nil {
			return err
		}
		return fillStandards(q, out)
	})
	return out, err
}

func fillStandards(q querier, ts []Training) error {
	at := make(map[string]*Training, len(ts))
	for i := range ts {
		at[ts[i].ID] = &ts[i]
	}
	type link struct {
		training string
		standard int
	}
	rows, err := q.QueryContext(bg, "SELECT training_id, standard FROM training_standards WHERE deleted_at IS NULL ORDER BY standard")
	links, err := collect(rows, err, func(l *link) []any { return []any{&l.training, &l.standard} })
	for _, l := range links {
		if t := at[l.training]; t != nil {
			t.Standards = append(t.Standards, l.standard)
		}
	}
	return err
}

// SaveTraining inserts or updates t and the standards it evidences.
func (s *Store) SaveTraining(t *Training) error {
	return s.write("save training", func(b *Batch) error { return b.saveTraining(t) })
}

func (b *Batch) saveTraining(t *Training) error {
	if err := check(required(t.Title, "title"), oneOf(t.Format, TrainingFormats, "training format")); err != nil {
		return err
	}
	if t.Hours < 0 {
		return fmt.Errorf("hours cannot be negative (%v)", t.Hours)
	}
	for _, n := range t.Standards {
		if n < 1 || n > maxStandard {
			return fmt.Errorf("no TSD standard %d", n)
		}
	}
	if err := b.useAttachment(trainingsTable, "certificate_id", t.ID, t.CertificateID); err != nil {
		return err
	}
	if err := b.putIndexed(t); err != nil {
		return err
	}
	return b.setStandards(t.ID, t.Standards)
}

// setStandards makes the training's live standard rows match standards,
// tombstoning the ones dropped and reviving ones added back.
func (b *Batch) setStandards(trainingID string, standards []int) error {
	list, err := json.Marshal(standards)
	if err != nil {
		return err
	}
	if _, err := b.tombstoneRows(standardsTable, nil, "training_id = ? AND standard NOT IN (SELECT value FROM json_each(?))", trainingID, string(list)); err != nil {
		return err
	}
	for _, n := range standards {
		_, err := b.tx.ExecContext(bg, `INSERT INTO training_standards (id, created_at, updated_at, training_id, standard)
			VALUES (?, ?2, ?2, ?, ?)
			ON CONFLICT (training_id, standard) DO UPDATE SET deleted_at = NULL, updated_at = excluded.updated_at
			WHERE deleted_at IS NOT NULL`, uuid.NewString(), stamp(b.now), trainingID, n)
		if err != nil {
			return fmt.Errorf("save standard %d: %w", n, err)
		}
	}
	return nil
}

// DeleteTraining tombstones a training record, its standards and its
// certificate.
func (s *Store) DeleteTraining(id string) error {
	return s.write("delete training", func(b *Batch) error { return b.deleteTraining(id) })
}

func (b *Batch) deleteTraining(id string) error {
	if err := b.useAttachment(trainingsTable, "certificate_id", id, ""); err != nil {
		return err
	}
	if _, err := b.tombstoneRows(standardsTable, nil, "training_id = ?", id); err != nil {
		return err
	}
	return b.deleteIndexed(&Training{}, id)
}

// SignOffs lists the LA's sign-offs of TSD standards, by standard. They
// hold nothing sensitive, so they can be read while locked.
func (s *Store) SignOffs() ([]SignOff, error) {
	rows, err := s.r.Query("SELECT standard, signed_on FROM sign_offs WHERE deleted_at IS NULL ORDER BY standard")
	out, err := collect(rows, err, func(o *SignOff) []any { return []any{&o.Standard, dateCol(&o.SignedOn)} })
	return out, wrap("list sign-offs", err)
}

// SaveSignOff records (or replaces) the sign-off of one standard. It is
// LA-owned: sync calls it, the carer's screens never do.
func (s *Store) SaveSignOff(o SignOff) error {
	if o.Standard < 1 || o.Standard > maxStandard {
		return fmt.Errorf("save sign-off: no TSD standard %d", o.Standard)
	}
	now := stamp(s.now())
	_, err := s.w.Exec(`INSERT INTO sign_offs (id, created_at, updated_at, standard, signed_on) VALUES (?, ?2, ?2, ?, ?)
		ON CONFLICT (standard) DO UPDATE SET signed_on = excluded.signed_on, updated_at = excluded.updated_at, deleted_at = NULL`,
		uuid.NewString(), now, o.Standard, nullable(o.SignedOn, dateText))
	return wrap("save sign-off", err)
}
