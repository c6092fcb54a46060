package authority

import (
	"testing"

	"golang.org/x/oauth2"
)

func TestMemoryTokensKeepsTheLastSaved(t *testing.T) {
	var m MemoryTokens
	if tok, err := m.Load(); tok != nil || err != nil {
		t.Fatalf("empty store loads %v, %v", tok, err)
	}
	_ = m.Save(&oauth2.Token{RefreshToken: "r1"})
	_ = m.Save(&oauth2.Token{RefreshToken: "r2"})
	if tok, _ := m.Load(); tok == nil || tok.RefreshToken != "r2" {
		t.Fatalf("after two saves Load = %v, want r2", tok)
	}
	_ = m.Clear()
	if tok, _ := m.Load(); tok != nil {
		t.Fatalf("after Clear Load = %v", tok)
	}
}
