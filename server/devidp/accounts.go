package devidp

import (
	"crypto/subtle"
	"strings"
)

// StaffClaim is the private claim the provider puts in an LA worker's
// access token; StaffValue is its value. The server's token verifier is
// configured with the same pair (auth.Config.StaffClaim/StaffValue), the way
// an LA would name an app role in its own identity provider.
const (
	StaffClaim = "hearth_role"
	StaffValue = "staff"
)

// The seeded demo accounts' usernames. Every password is the username
// followed by "-demo" (for example "foster" / "foster-demo"), so the README
// and tests can name them without a lookup.
const (
	FosterCarer  = "foster"
	KinshipCarer = "kinship"
	CareLeaver   = "leaver"
	LAWorker     = "worker"
)

// Account is one seeded demo account. Subject is the stable, opaque "sub"
// claim the server sees; it is deliberately not the username, as with real
// providers, so nothing downstream relies on the two being equal.
type Account struct {
	Username string
	Password string
	Subject  string
	Name     string
	// Staff marks an LA worker: their access tokens carry StaffClaim.
	Staff bool
}

// demoAccounts are fictional people, one of each kind of Hearth user.
var demoAccounts = []Account{
	{Username: FosterCarer, Password: FosterCarer + "-demo", Subject: "3f6c1a52-0b1e-4c36-9f0e-5d1a2b7c0001", Name: "Fran Foster (demo foster carer)"},
	{Username: KinshipCarer, Password: KinshipCarer + "-demo", Subject: "3f6c1a52-0b1e-4c36-9f0e-5d1a2b7c0002", Name: "Glen Kinship (demo kinship carer)"},
	{Username: CareLeaver, Password: CareLeaver + "-demo", Subject: "3f6c1a52-0b1e-4c36-9f0e-5d1a2b7c0003", Name: "Alex Leaver (demo care leaver)"},
	{Username: LAWorker, Password: LAWorker + "-demo", Subject: "3f6c1a52-0b1e-4c36-9f0e-5d1a2b7c0004", Name: "Sam Worker (demo LA social worker)", Staff: true},
}

// DemoAccounts returns a copy of the seeded accounts, for documentation
// and for tests that need a subject to enrol.
func DemoAccounts() []Account {
	return append([]Account(nil), demoAccounts...)
}

// DemoAccount returns the seeded account with the given username.
func DemoAccount(username string) (Account, bool) {
	for _, a := range demoAccounts {
		if a.Username == username {
			return a, true
		}
	}
	return Account{}, false
}

// accountBySubject finds the account a token's subject belongs to.
func accountBySubject(subject string) (Account, bool) {
	for _, a := range demoAccounts {
		if a.Subject == subject {
			return a, true
		}
	}
	return Account{}, false
}

// checkPassword returns the account when username and password match. The
// comparison is constant-time even for a demo, so the provider does not
// teach a bad pattern to anyone who copies it.
func checkPassword(username, password string) (Account, bool) {
	a, ok := DemoAccount(strings.TrimSpace(username))
	if !ok {
		return Account{}, false
	}
	if subtle.ConstantTimeCompare([]byte(a.Password), []byte(password)) != 1 {
		return Account{}, false
	}
	return a, true
}
