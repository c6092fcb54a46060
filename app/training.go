package app

import (
	"slices"
	"strings"
)

// MaxHours bounds one training record; anything longer is almost certainly
// a typing slip (1000 instead of 10).
const MaxHours = 200

// Trainings lists the training log, newest first.
func (a *App) Trainings() ([]Training, error) { return a.store.Trainings() }

// SaveTraining validates and stores a training record with an optional new
// certificate. Standards are checked against the household's TSD set.
func (a *App) SaveTraining(t *Training, certificate *File) error {
	t.Title = strings.TrimSpace(t.Title)
	t.Provider = strings.TrimSpace(t.Provider)
	switch {
	case t.Title == "":
		return invalid("title", "error.title_required")
	case t.Date.IsZero():
		return invalid("date", "error.date_required")
	case t.Date.After(a.Today()):
		return invalid("date", "error.date_future")
	case t.Hours <= 0 || t.Hours > MaxHours:
		return invalid("hours", "error.hours_invalid")
	case !slices.Contains(TrainingFormats, t.Format):
		return invalid("format", "error.format_required")
	}
	h, err := a.store.Household()
	if err != nil {
		return err
	}
	n := len(tsdSet(h.Kind).standards)
	for _, s := range t.Standards {
		if s < 1 || s > n {
			return invalid("standards", "error.standard_invalid")
		}
	}
	slices.Sort(t.Standards)
	t.Standards = slices.Compact(t.Standards)
	if certificate != nil {
		id, err := a.attach(certificate, certificateTypes)
		if err != nil {
			return err
		}
		t.CertificateID = id
	}
	return a.store.SaveTraining(t)
}

// DeleteTraining removes a training record.
func (a *App) DeleteTraining(id string) error { return a.store.DeleteTraining(id) }
