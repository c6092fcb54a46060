package data

import (
	"errors"
	"fmt"
)

var recordingsTable = &tableDef{"recordings", "recording"}

// tagBits gives each tag its bit in recordings.tags (see bits.go).
var tagBits = map[Tag]uint{
	TagHealth:      0,
	TagEducation:   1,
	TagFamilyTime:  2,
	TagBehaviour:   3,
	TagIncident:    4,
	TagAchievement: 5,
}

// tagMask packs tags into the stored bit set; nil when there are none.
func tagMask(tags []Tag) any { return packBits(tags, tagBits) }

// maskTags unpacks a bit set into tags in display order.
func maskTags(mask int64) []Tag { return unpackBits(mask, Tags, tagBits) }

func (r *Recording) table() *tableDef { return recordingsTable }

func (r *Recording) bind(f fieldMap) {
	f.text("child_id", &r.ChildID)
	f.date("day", &r.Day)
	f.secret("text", &r.Text)
	f.tags("tags", &r.Tags)
	f.flag("significant", &r.Significant)
	f.personal("tags")
}

func (r *Recording) doc() doc {
	return doc{kind: HitRecording, rec: r.Record, childID: r.ChildID, date: r.Day, parts: []string{r.Text}}
}

// newestDayFirst is the diary order; the recordings_child_day and
// recordings_day indexes are built to match it, so paging never sorts.
const newestDayFirst = " ORDER BY day DESC, created_at DESC, id DESC LIMIT ? OFFSET ?"

// Recordings pages through a child's diary, newest day first. A limit of
// zero or less returns nothing.
func (s *Store) Recordings(childID string, offset, limit int) ([]Recording, error) {
	return list[Recording](s, "list recordings", "AND child_id = ?"+newestDayFirst, childID, max(limit, 0), max(offset, 0))
}

// Recording reads one live recording.
func (s *Store) Recording(id string) (Recording, error) {
	return get[Recording](s, "get recording", id)
}

// RecentRecordings lists the newest recordings across all children.
func (s *Store) RecentRecordings(limit int) ([]Recording, error) {
	return list[Recording](s, "list recent recordings", newestDayFirst, max(limit, 0), 0)
}

// CountRecordings counts a child's live recordings. Counts reveal nothing
// sensitive, so this works while the store is locked.
func (s *Store) CountRecordings(childID string) (int, error) {
	var n int
	err := s.r.QueryRow("SELECT count(*) FROM recordings WHERE child_id = ? AND deleted_at IS NULL", childID).Scan(&n)
	return n, wrap("count recordings", err)
}

// SaveRecording inserts or updates r.
func (s *Store) SaveRecording(r *Recording) error {
	return s.write("save recording", func(b *Batch) error { return b.saveRecording(r) })
}

func (b *Batch) saveRecording(r *Recording) error {
	if r.Day.IsZero() {
		return errors.New("a recording needs a day")
	}
	for _, t := range r.Tags {
		if _, ok := tagBits[t]; !ok {
			return fmt.Errorf("unknown tag %q", t)
		}
	}
	if err := b.mustBeLive(childrenTable, r.ChildID); err != nil {
		return err
	}
	return b.putIndexed(r)
}

// DeleteRecording tombstones a recording.
func (s *Store) DeleteRecording(id string) error {
	return s.write("delete recording", func(b *Batch) error { return b.deleteIndexed(&Recording{}, id) })
}
