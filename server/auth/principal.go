// Package auth turns a bearer token into a Principal: it verifies the
// token as a JWT against the configured issuer's keys (OIDC discovery and
// JWKS) and decides whether the subject is LA staff. The server trusts
// nothing else about a caller.
package auth

// Principal is a verified caller. What they may touch beyond that (which
// household or care leaver) comes from their enrolment, kept by the
// server's store, not from the token.
type Principal struct {
	Subject string
	// Staff is true for LA staff: a role claim in the token, or a subject
	// on the server's configured staff list.
	Staff bool
}
