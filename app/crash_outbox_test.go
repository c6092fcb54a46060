package app

import (
	"fmt"

	"github.com/hearth-app/hearth/data"
)

// verifyOutbox checks that the sync outbox and the recordings agree after a
// kill: each change and its outbox entry are written in one transaction, so
// every stored recording has exactly one waiting entry, and no entry points
// at a recording that is not there. Nothing is sent in the harness, so no
// entry has been acknowledged away.
func (h *crashStore) verifyOutbox(a *App, recordings map[int]string) error {
	entries, err := a.store.Outbox(1 << 30)
	if err != nil {
		return err
	}
	stored := make(map[string]bool, len(recordings))
	for _, id := range recordings {
		stored[id] = true
	}
	queued := map[string]int{}
	for _, e := range entries {
		if e.Kind != data.SyncRecording {
			continue
		}
		if !stored[e.RecordID] {
			return fmt.Errorf("outbox entry %s points at recording %s, which is not stored", e.Key, e.RecordID)
		}
		if e.Op != data.OpUpsert {
			return fmt.Errorf("outbox entry %s for recording %s is a %s, want an upsert", e.Key, e.RecordID, e.Op)
		}
		queued[e.RecordID]++
	}
	for id := range stored {
		if queued[id] != 1 {
			return fmt.Errorf("recording %s has %d outbox entries, want 1", id, queued[id])
		}
	}
	return nil
}
