package data

import "fmt"

var attachmentsTable = &tableDef{"attachments", "attachment"}

func (a *Attachment) table() *tableDef { return attachmentsTable }

func (a *Attachment) bind(f fieldMap) {
	f.secret("name", &a.Name)
	f.text("mime", &a.MIME)
	f.secretBytes("content", &a.Content)
	f.personal("mime")
}

// SaveAttachment inserts or updates an encrypted file. Save it before the
// milestone or training record that points at it.
func (s *Store) SaveAttachment(a *Attachment) error {
	return s.write("save attachment", func(b *Batch) error { return b.put(a) })
}

// Attachment reads one live attachment, decrypted.
func (s *Store) Attachment(id string) (Attachment, error) {
	return get[Attachment](s, "get attachment", id)
}

// useAttachment checks that newID (when set) is a live attachment and
// tombstones the attachment that column col of row id in t pointed at
// before, if it is not newID. A replaced photo or certificate is deleted
// rather than left behind, unreferenced but still on disk.
func (b *Batch) useAttachment(t *tableDef, col, id, newID string) error {
	if newID != "" {
		if err := b.mustBeLive(attachmentsTable, newID); err != nil {
			return err
		}
	}
	if id == "" {
		return nil
	}
	_, err := b.tombstone(&Attachment{},
		fmt.Sprintf("id = (SELECT %s FROM %s WHERE id = ?) AND id IS NOT ?", col, t.name), id, nullable(newID, identity))
	return err
}
