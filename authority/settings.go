package authority

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// Settings are an LA's connection settings: the small JSON file an LA
// publishes, or a user pastes, to connect Hearth to it. Nothing about any
// LA is built in, because each runs its own identity provider (most use
// Microsoft Entra ID).
type Settings struct {
	// Name is how the LA calls itself, shown as "Connected to <Name>".
	Name string `json:"name,omitempty"`
	// Issuer is the OpenID provider's issuer URL; discovery starts there.
	Issuer string `json:"issuer"`
	// ClientID is Hearth's public client id at that provider (no secret).
	ClientID string `json:"client_id"`
	// APIURL is the base of the LA's sync API; paths /v1/... go under it.
	APIURL string `json:"api_url"`
	// Scopes to ask for, for example ["openid", "offline_access"].
	Scopes []string `json:"scopes"`
	// Audience and Resource name the API the access token is for, for
	// providers that need one (Resource is RFC 8707; Audience is the
	// older, provider-specific parameter). Sent on sign-in and exchange.
	Audience string `json:"audience,omitempty"`
	Resource string `json:"resource,omitempty"`
	// RedirectPort fixes the loopback redirect's port, for providers that
	// accept only exact redirect URIs; 0 means any free port (RFC 8252).
	RedirectPort int `json:"redirect_port,omitempty"`
	// PreferDevice says the LA would rather its users sign in with the
	// device grant (a code on another device), for example on tablets.
	PreferDevice bool `json:"prefer_device,omitempty"`
}

// SettingsError says which field of a settings file is wrong, so the app
// can point at it.
type SettingsError struct {
	Field  string // the JSON field name, or "" for the file as a whole
	Reason string
}

func (e *SettingsError) Error() string {
	if e.Field == "" {
		return "connection settings: " + e.Reason
	}
	return fmt.Sprintf("connection settings: %s: %s", e.Field, e.Reason)
}

// maxSettingsBytes bounds a pasted settings file; a real one is a few
// hundred bytes.
const maxSettingsBytes = 16 << 10

// ParseSettings reads and checks a settings file. It is strict, because a
// mistake here sends the user's sign-in somewhere else: unknown fields and
// trailing data are refused, and every URL must be https unless its host
// is this computer (for demos and tests).
func ParseSettings(b []byte) (Settings, error) {
	var s Settings
	if len(b) > maxSettingsBytes {
		return s, &SettingsError{Reason: fmt.Sprintf("the file is larger than %d bytes", maxSettingsBytes)}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Settings{}, &SettingsError{Reason: "not a valid settings file: " + err.Error()}
	}
	if dec.More() {
		return Settings{}, &SettingsError{Reason: "there is more after the settings"}
	}
	if err := s.Check(); err != nil {
		return Settings{}, err
	}
	s.APIURL = strings.TrimRight(s.APIURL, "/")
	return s, nil
}

// Check reports the first thing wrong with s as a *SettingsError, or nil.
func (s Settings) Check() error {
	if len(s.Name) > 200 || strings.ContainsFunc(s.Name, unicode.IsControl) {
		return &SettingsError{"name", "must be at most 200 characters, without control characters"}
	}
	if err := checkURL(s.Issuer); err != nil {
		return &SettingsError{"issuer", err.Error()}
	}
	if s.ClientID == "" || len(s.ClientID) > 200 || !isVSChars(s.ClientID) {
		return &SettingsError{"client_id", "must be 1 to 200 printable ASCII characters"}
	}
	if err := checkURL(s.APIURL); err != nil {
		return &SettingsError{"api_url", err.Error()}
	}
	if len(s.Scopes) == 0 || len(s.Scopes) > 20 {
		return &SettingsError{"scopes", "must list 1 to 20 scopes"}
	}
	for i, sc := range s.Scopes {
		if sc == "" || len(sc) > 200 || !isScopeToken(sc) {
			return &SettingsError{"scopes", fmt.Sprintf("scope %d is empty, too long or has a space, quote or backslash", i+1)}
		}
		if slices.Contains(s.Scopes[:i], sc) {
			return &SettingsError{"scopes", fmt.Sprintf("scope %q is listed twice", sc)}
		}
	}
	if len(s.Audience) > 500 || !isVSChars(s.Audience) {
		return &SettingsError{"audience", "must be at most 500 printable ASCII characters"}
	}
	if s.Resource != "" {
		u, err := url.Parse(s.Resource)
		if err != nil || !u.IsAbs() || u.Fragment != "" || len(s.Resource) > 500 {
			return &SettingsError{"resource", "must be an absolute URI without a #fragment, at most 500 characters"}
		}
	}
	if s.RedirectPort != 0 && (s.RedirectPort < 1024 || s.RedirectPort > 65535) {
		return &SettingsError{"redirect_port", "must be 0 (any free port) or 1024 to 65535"}
	}
	return nil
}

// checkURL accepts an absolute https URL, or http when the host is this
// computer, without credentials, query or fragment.
func checkURL(raw string) error {
	if raw == "" {
		return fmt.Errorf("is missing")
	}
	if len(raw) > 500 {
		return fmt.Errorf("is longer than 500 characters")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("is not a valid address: %v", err)
	}
	switch {
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("must be a full address such as https://login.example.gov.uk")
	case u.User != nil:
		return fmt.Errorf("must not contain a user name or password")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#"):
		return fmt.Errorf("must not have a ?query or #fragment")
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	case u.Scheme == "http":
		return fmt.Errorf("must use https (plain http is allowed only for this computer)")
	default:
		return fmt.Errorf("must start with https://")
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isVSChars: RFC 6749 appendix A's VSCHAR, %x20-7E.
func isVSChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// isScopeToken: RFC 6749 section 3.3's NQCHAR, %x21 / %x23-5B / %x5D-7E.
func isScopeToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
