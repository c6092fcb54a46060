package authority

import (
	"errors"
	"strings"
	"testing"
)

const goodSettings = `{
  "name": "Example Council",
  "issuer": "https://login.example.gov.uk/tenant",
  "client_id": "hearth-app",
  "api_url": "https://hearth.example.gov.uk/api/",
  "scopes": ["openid", "offline_access"],
  "resource": "https://hearth.example.gov.uk/api",
  "redirect_port": 53682,
  "prefer_device": true
}`

func TestParseSettingsAcceptsAGoodFile(t *testing.T) {
	s, err := ParseSettings([]byte(goodSettings))
	if err != nil {
		t.Fatal(err)
	}
	if s.Issuer != "https://login.example.gov.uk/tenant" || s.ClientID != "hearth-app" ||
		s.APIURL != "https://hearth.example.gov.uk/api" || len(s.Scopes) != 2 ||
		s.RedirectPort != 53682 || !s.PreferDevice || s.Name != "Example Council" {
		t.Fatalf("parsed %+v", s)
	}
}

func TestParseSettingsAllowsPlainHTTPOnlyOnThisComputer(t *testing.T) {
	for _, host := range []string{"127.0.0.1:9000", "localhost:9000", "[::1]:9000"} {
		in := `{"issuer":"http://` + host + `","client_id":"c","api_url":"http://` + host + `","scopes":["openid"]}`
		if _, err := ParseSettings([]byte(in)); err != nil {
			t.Errorf("%s: %v", host, err)
		}
	}
}

func TestParseSettingsNamesTheFieldAtFault(t *testing.T) {
	cases := []struct {
		name, edit, field string
	}{
		{"http issuer", `"issuer": "http://login.example.gov.uk"`, "issuer"},
		{"missing issuer", `"issuer": ""`, "issuer"},
		{"issuer with query", `"issuer": "https://login.example.gov.uk/?x=1"`, "issuer"},
		{"issuer with fragment", `"issuer": "https://login.example.gov.uk/#x"`, "issuer"},
		{"issuer with password", `"issuer": "https://a:b@login.example.gov.uk"`, "issuer"},
		{"relative api", `"api_url": "/api"`, "api_url"},
		{"ftp api", `"api_url": "ftp://hearth.example.gov.uk"`, "api_url"},
		{"http api on a LAN host", `"api_url": "http://192.168.1.10"`, "api_url"},
		{"no client id", `"client_id": ""`, "client_id"},
		{"client id with newline", `"client_id": "a\nb"`, "client_id"},
		{"no scopes", `"scopes": []`, "scopes"},
		{"scope with space", `"scopes": ["openid profile"]`, "scopes"},
		{"scope twice", `"scopes": ["openid", "openid"]`, "scopes"},
		{"port too low", `"redirect_port": 80`, "redirect_port"},
		{"port too high", `"redirect_port": 70000`, "redirect_port"},
		{"relative resource", `"resource": "api"`, "resource"},
		{"audience with control", `"audience": "a\u0001"`, "audience"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := replaceField(t, goodSettings, c.edit)
			_, err := ParseSettings([]byte(in))
			se, ok := errors.AsType[*SettingsError](err)
			if !ok {
				t.Fatalf("want a *SettingsError, got %v", err)
			}
			if se.Field != c.field {
				t.Fatalf("field %q, want %q (%v)", se.Field, c.field, err)
			}
		})
	}
}

func TestParseSettingsRefusesUnknownFieldsAndTrailingData(t *testing.T) {
	for name, in := range map[string]string{
		"unknown field": strings.Replace(goodSettings, `"name"`, `"client_secret": "x", "name"`, 1),
		"trailing":      goodSettings + `{}`,
		"not json":      "issuer=https://x",
		"too large":     `{"name":"` + strings.Repeat("a", maxSettingsBytes) + `"}`,
	} {
		if _, err := ParseSettings([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// replaceField swaps the line of goodSettings holding edit's key for edit,
// or adds edit when the key is not there.
func replaceField(t *testing.T, doc, edit string) string {
	t.Helper()
	key := edit[:strings.Index(edit, ":")]
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), key) {
			comma := strings.HasSuffix(l, ",")
			lines[i] = "  " + edit
			if comma {
				lines[i] += ","
			}
			return strings.Join(lines, "\n")
		}
	}
	return strings.Replace(doc, "{", "{"+edit+",", 1)
}
