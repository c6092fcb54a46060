package data

import (
	"strings"
	"testing"
)

func TestDecryptFailureNamesTheRow(t *testing.T) {
	s := unlocked(t)
	c := addChild(t, s, "Ada")
	_, err := s.w.Exec("UPDATE children SET gp = x'00112233' WHERE id = ?", c.ID)
	must(t, err)
	_, err = s.Child(c.ID)
	if err == nil || !strings.Contains(err.Error(), "child "+c.ID) || !strings.Contains(err.Error(), "decrypt gp") {
		t.Errorf("error does not say which row and column: %v", err)
	}
}

func TestGetMissingSaysWhat(t *testing.T) {
	s := unlocked(t)
	_, err := s.Attachment("abc")
	wantErr(t, err, ErrNotFound)
	same(t, err.Error(), "get attachment: attachment abc: not found")
}
