package data

var milestonesTable = &tableDef{"milestones", "milestone"}

func (m *Milestone) table() *tableDef { return milestonesTable }

func (m *Milestone) bind(f fieldMap) {
	f.text("child_id", &m.ChildID)
	f.text("mission", (*string)(&m.Mission))
	f.secret("title", &m.Title)
	f.text("status", (*string)(&m.Status))
	f.date("target_date", &m.TargetDate)
	f.date("achieved_date", &m.AchievedDate)
	f.secret("notes", &m.Notes)
	f.text("photo_id", &m.PhotoID)
	f.flag("shared", &m.Shared)
}

// doc is what search indexes for a milestone; its date is the one the
// milestone list sorts by.
func (m *Milestone) doc() doc {
	date := m.AchievedDate
	if date.IsZero() {
		date = m.TargetDate
	}
	return doc{kind: HitMilestone, rec: m.Record, childID: m.ChildID, date: date,
		parts: []string{m.Title, m.Notes}}
}

// newestMilestoneFirst orders milestones by achieved date, else target
// date, else the day they were written down, newest first.
const newestMilestoneFirst = " ORDER BY coalesce(achieved_date, target_date, substr(created_at, 1, 10)) DESC, created_at DESC, id"

// Milestones lists a child's live milestones, newest first.
func (s *Store) Milestones(childID string) ([]Milestone, error) {
	return list[Milestone](s, "list milestones", "AND child_id = ?"+newestMilestoneFirst, childID)
}

// SelfMilestones lists the care leaver's own live milestones (those that
// belong to no child), newest first.
func (s *Store) SelfMilestones() ([]Milestone, error) {
	return list[Milestone](s, "list own milestones", "AND child_id IS NULL"+newestMilestoneFirst)
}

// Milestone reads one live milestone.
func (s *Store) Milestone(id string) (Milestone, error) {
	return get[Milestone](s, "get milestone", id)
}

// SaveMilestone inserts or updates m; with no ChildID it is the care
// leaver's own. A photo it no longer uses is deleted.
func (s *Store) SaveMilestone(m *Milestone) error {
	return s.write("save milestone", func(b *Batch) error { return b.saveMilestone(m) })
}

func (b *Batch) saveMilestone(m *Milestone) error {
	if err := check(required(m.Title, "title"), oneOf(m.Mission, Missions, "mission"),
		oneOf(m.Status, []MilestoneStatus{MilestonePlanned, MilestoneAchieved}, "milestone status")); err != nil {
		return err
	}
	if m.ChildID != "" {
		if err := b.mustBeLive(childrenTable, m.ChildID); err != nil {
			return err
		}
	}
	if err := b.useAttachment(milestonesTable, "photo_id", m.ID, m.PhotoID); err != nil {
		return err
	}
	return b.putIndexed(m)
}

// DeleteMilestone tombstones a milestone and its photo.
func (s *Store) DeleteMilestone(id string) error {
	return s.write("delete milestone", func(b *Batch) error { return b.deleteMilestone(id) })
}

func (b *Batch) deleteMilestone(id string) error {
	if err := b.useAttachment(milestonesTable, "photo_id", id, ""); err != nil {
		return err
	}
	return b.deleteIndexed(&Milestone{}, id)
}
