package data

import (
	"bytes"
	"testing"
)

func TestAttachmentRoundTrip(t *testing.T) {
	s := unlocked(t)
	content := bytes.Repeat([]byte{0, 1, 2, 255}, 50_000)
	a := Attachment{Name: "first day at school.jpg", MIME: "image/jpeg", Content: content}
	must(t, s.SaveAttachment(&a))
	got, err := s.Attachment(a.ID)
	must(t, err)
	same(t, got, a)

	a.Name, a.Content = "renamed.png", []byte("png")
	must(t, s.SaveAttachment(&a))
	got, err = s.Attachment(a.ID)
	must(t, err)
	same(t, got, a)

	_, err = s.Attachment("missing")
	wantErr(t, err, ErrNotFound)
	wantErr(t, s.SaveAttachment(&Attachment{Record: Record{ID: "missing"}}), ErrNotFound)
}
