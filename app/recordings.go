package app

import (
	"slices"
	"strings"

	"github.com/hearth-app/hearth/data"
)

// Recordings returns one page of a child's daily recordings, newest first.
// Screens page through them so thousands of entries stay fast.
func (a *App) Recordings(childID string, offset, limit int) ([]Recording, error) {
	return a.store.Recordings(childID, offset, limit)
}

// Recording returns one daily recording.
func (a *App) Recording(id string) (Recording, error) { return a.store.Recording(id) }

// CountRecordings counts a child's recordings.
func (a *App) CountRecordings(childID string) (int, error) { return a.store.CountRecordings(childID) }

// SaveRecording validates and stores a daily recording. A day in the future
// is refused: a recording is about what happened.
func (a *App) SaveRecording(r *Recording) error {
	if err := a.checkRecording(r); err != nil {
		return err
	}
	return a.store.SaveRecording(r)
}

// SaveRecordings validates and stores many recordings in one transaction,
// with one commit (one fsync) instead of one per recording: importing years
// of diary takes seconds rather than minutes. Every recording is checked
// first, as SaveRecording checks it; if any is refused, none is saved.
func (a *App) SaveRecordings(rs []Recording) error {
	for i := range rs {
		if err := a.checkRecording(&rs[i]); err != nil {
			return err
		}
	}
	return a.store.SaveBatch(func(b *data.Batch) error {
		for i := range rs {
			if err := b.SaveRecording(&rs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// checkRecording tidies and checks a recording before it is saved.
func (a *App) checkRecording(r *Recording) error {
	r.Text = strings.TrimSpace(r.Text)
	if r.Day.IsZero() {
		r.Day = a.Today()
	}
	switch {
	case r.ChildID == "":
		return invalid("child", "error.child_required")
	case r.Text == "":
		return invalid("text", "error.text_required")
	case r.Day.After(a.Today()):
		return invalid("day", "error.day_future")
	}
	if err := a.childWritable(r.ChildID); err != nil {
		return err
	}
	for _, t := range r.Tags {
		if !slices.Contains(Tags, t) {
			return invalid("tags", "error.tag_invalid")
		}
	}
	return nil
}

// DeleteRecording removes a recording.
func (a *App) DeleteRecording(id string) error {
	if r, err := a.store.Recording(id); err == nil {
		if err := a.childWritable(r.ChildID); err != nil {
			return err
		}
	}
	return a.store.DeleteRecording(id)
}
