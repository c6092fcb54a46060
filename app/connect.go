package app

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/authority"
)

// Settings keys of the local authority connection. None holds a secret or
// personal data: the connection file names the LA's public addresses and
// client id, and the flags say only whether a sign-in is in the keychain
// and whether this profile is enrolled. The token itself lives only in the
// keychain (see laTokens).
const (
	settingLAConnection  = "la_connection"
	settingLASignedIn    = "la_signed_in"
	settingLAEnrolled    = "la_enrolled"
	settingLASignInAgain = "la_sign_in_again"
)

// Connection is the state of the profile's link with its local authority,
// for the settings card and the background sync to decide what to offer.
type Connection struct {
	// Configured is true once an LA settings file has been accepted.
	Configured bool
	Settings   authority.Settings
	// SignedIn is true while a sign-in is kept in the keychain.
	SignedIn bool
	// Enrolled is true once the LA has bound this sign-in to the
	// household or care leaver (with the code LA staff gave).
	Enrolled bool
	// SignInAgain is true when the LA stopped accepting the sign-in: the
	// user must sign in again; the changes not yet sent are kept.
	SignInAgain bool
}

// Ready reports whether syncing can run without asking the user anything.
func (c Connection) Ready() bool { return c.Configured && c.SignedIn && c.Enrolled }

// Connection reads the profile's connection state.
func (a *App) Connection() (Connection, error) {
	var c Connection
	raw, err := a.store.Setting(settingLAConnection)
	if err != nil {
		return c, fmt.Errorf("read the local authority connection: %w", err)
	}
	if raw == "" {
		return c, nil
	}
	s, err := authority.ParseSettings([]byte(raw))
	if err != nil {
		return c, fmt.Errorf("read the local authority connection: the stored settings no longer parse: %w", err)
	}
	c.Configured, c.Settings = true, s
	if c.SignedIn, err = a.flag(settingLASignedIn); err != nil {
		return c, err
	}
	if c.Enrolled, err = a.flag(settingLAEnrolled); err != nil {
		return c, err
	}
	c.SignInAgain, err = a.flag(settingLASignInAgain)
	return c, err
}

// flag reads a yes/no setting.
func (a *App) flag(key string) (bool, error) {
	v, err := a.store.Setting(key)
	return v == "1", err
}

// setFlag stores a yes/no setting.
func (a *App) setFlag(key string, on bool) error {
	v := ""
	if on {
		v = "1"
	}
	return a.store.SetSetting(key, v)
}

// SetAuthoritySettings checks and stores the connection settings file the
// LA publishes (issuer, client id, API address, scopes). A file that does
// not parse is refused with a UserError naming the part that is wrong, and
// nothing is stored. Changing to another sign-in service or API signs the
// user out, since the old sign-in means nothing to the new one; the
// changes waiting to be sent are kept.
func (a *App) SetAuthoritySettings(raw []byte) error {
	s, err := authority.ParseSettings(raw)
	if err != nil {
		return settingsProblem(err)
	}
	old, err := a.Connection()
	if err != nil {
		return err
	}
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("save the local authority connection: %w", err)
	}
	if old.Configured && (old.Settings.Issuer != s.Issuer || old.Settings.ClientID != s.ClientID || old.Settings.APIURL != s.APIURL) {
		if err := a.SignOut(); err != nil {
			return err
		}
	}
	if err := a.store.SetSetting(settingLAConnection, string(b)); err != nil {
		return fmt.Errorf("save the local authority connection: %w", err)
	}
	return nil
}

// settingsFields maps the settings file's fields to the message that says
// in plain words what is wrong with each.
var settingsFields = map[string]string{
	"name":          "connect.error.settings_name",
	"issuer":        "connect.error.settings_issuer",
	"client_id":     "connect.error.settings_client_id",
	"api_url":       "connect.error.settings_api_url",
	"scopes":        "connect.error.settings_scopes",
	"audience":      "connect.error.settings_audience",
	"resource":      "connect.error.settings_resource",
	"redirect_port": "connect.error.settings_redirect_port",
}

// settingsProblem turns a settings file error into a UserError.
func settingsProblem(err error) error {
	se, ok := errors.AsType[*authority.SettingsError](err)
	if !ok {
		return fmt.Errorf("read the local authority connection settings: %w", err)
	}
	if key, ok := settingsFields[se.Field]; ok {
		return &UserError{Key: key, Field: "settings"}
	}
	return &UserError{Key: "connect.error.settings_file", Field: "settings"}
}
