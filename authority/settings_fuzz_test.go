package authority

import (
	"encoding/json"
	"testing"
)

// FuzzParseSettings: whatever is pasted, parsing never panics, and what it
// accepts passes Check and survives a round trip through JSON unchanged.
func FuzzParseSettings(f *testing.F) {
	f.Add([]byte(goodSettings))
	f.Add([]byte(`{"issuer":"http://127.0.0.1:1","client_id":"c","api_url":"http://[::1]:2","scopes":["openid"]}`))
	f.Add([]byte(`{"issuer":"https://x","client_id":"c","api_url":"https://y","scopes":["a"],"redirect_port":1024}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := ParseSettings(in)
		if err != nil {
			return
		}
		if err := s.Check(); err != nil {
			t.Fatalf("accepted settings fail Check: %v", err)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseSettings(b)
		if err != nil {
			t.Fatalf("re-encoded settings refused: %v\n%s", err, b)
		}
		b2, _ := json.Marshal(again)
		if string(b) != string(b2) {
			t.Fatalf("round trip changed the settings:\n%s\n%s", b, b2)
		}
	})
}
