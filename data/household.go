package data

import (
	"crypto/cipher"
	"fmt"
)

var (
	householdsTable = &tableDef{"households", "household"}
	carersTable     = &tableDef{"carers", "carer"}
)

func (h *Household) table() *tableDef { return householdsTable }

func (h *Household) bind(f fieldMap) {
	f.text("kind", (*string)(&h.Kind))
	f.date("approval_date", &h.ApprovalDate)
}

func (c *Carer) table() *tableDef { return carersTable }

func (c *Carer) bind(f fieldMap) { f.secret("name", &c.Name) }

// Household reads the carer's profile; ErrNotFound means first-run setup
// has not happened yet.
func (s *Store) Household() (Household, error) {
	var h Household
	err := s.snapshot("get household", func(q querier, aead cipher.AEAD) error {
		hs, err := queryAll[Household](q, aead, "ORDER BY created_at LIMIT 1")
		if err != nil {
			return err
		}
		if len(hs) == 0 {
			return fmt.Errorf("household: %w", ErrNotFound)
		}
		h = hs[0]
		h.Carers, err = queryAll[Carer](q, aead, "AND household_id = ? ORDER BY position", h.ID)
		return err
	})
	return h, err
}

// SaveHousehold saves the profile and its carers in one transaction.
// Carers keep the order given; carers no longer listed are deleted.
func (s *Store) SaveHousehold(h *Household) error {
	return s.write("save household", func(b *Batch) error { return b.saveHousehold(h) })
}

func (b *Batch) saveHousehold(h *Household) error {
	if err := oneOf(h.Kind, CarerKinds, "carer kind"); err != nil {
		return err
	}
	if err := b.onlyOne(h); err != nil {
		return err
	}
	if err := b.put(h); err != nil {
		return err
	}
	return putOwned(b, "household_id", h.ID, h.Carers)
}
