// Package e2e holds Hearth's end-to-end sync tests. It is the one place
// that imports both sides of the protocol at once: the client (app and
// authority) and the reference local authority (server, server/store,
// server/auth and the development OpenID provider). The dependency rule
// keeps authority and server apart, and app's tests use a small stand-in
// LA, so only here does the real app sync with the real server, over
// loopback HTTP, with real tokens and real SQLite (or PostgreSQL) files.
//
// The package has no code of its own outside its tests.
package e2e
