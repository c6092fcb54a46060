package data

import "fmt"

var leaverTable = &tableDef{"leaver_profile", "care leaver profile"}

func (p *LeaverProfile) table() *tableDef { return leaverTable }

func (p *LeaverProfile) bind(f fieldMap) {
	f.secret("name", &p.Name)
	f.date("date_of_birth", &p.DateOfBirth)
	f.date("pathway_review_date", &p.PathwayReviewDate)
	f.secret("adviser_name", &p.AdviserName)
	f.secret("adviser_contact", &p.AdviserContact)
	// As for a child: a tombstone keeps no date of birth.
	f.personal("date_of_birth")
}

// LeaverProfile reads the care leaver's profile; ErrNotFound means the
// store is not (yet) a care leaver's.
func (s *Store) LeaverProfile() (LeaverProfile, error) {
	got, err := list[LeaverProfile](s, "get care leaver profile", "ORDER BY created_at LIMIT 1")
	if err == nil && len(got) == 0 {
		err = fmt.Errorf("get care leaver profile: %w", ErrNotFound)
	}
	if err != nil {
		return LeaverProfile{}, err
	}
	return got[0], nil
}

// SaveLeaverProfile inserts the profile at first run and updates it after.
func (s *Store) SaveLeaverProfile(p *LeaverProfile) error {
	return s.write("save care leaver profile", func(b *Batch) error {
		if err := required(p.Name, "name"); err != nil {
			return err
		}
		if err := b.onlyOne(p); err != nil {
			return err
		}
		return b.put(p)
	})
}
