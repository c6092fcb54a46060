// Package api is the contract between the Hearth app and a local
// authority's server: the wire types, which side owns which field, strict
// decoding, and the OpenAPI 3.1 document (openapi.yaml) that describes it
// for an LA that wants to implement the protocol in its own systems.
//
// It is the only package the client (authority/) and the reference server
// (server/) share, so the two can only agree through what is written here.
//
// Endpoints, all under /v1, JSON, gzip accepted and sent both ways, every
// call with "Authorization: Bearer <access token>":
//
//	GET  /v1/me                  who the token belongs to and what it is enrolled to (Me)
//	POST /v1/enrol               bind the caller's subject to a household or care leaver (EnrolRequest → Me)
//	POST /v1/push                apply outbox operations exactly once (PushRequest → PushResponse)
//	GET  /v1/changes?since=N&limit=M
//	                             changes after revision N, oldest first (ChangesPage)
//
// Staff (LA) endpoints, for callers with the staff role:
//
//	POST /v1/staff/enrolments    issue a one-time enrolment code (EnrolmentCodeRequest → EnrolmentCode)
//	GET  /v1/staff/scopes/{scope}/needs?open=true
//	                             a household's or care leaver's needs (ChangesPage of kind "need")
//	POST /v1/staff/push          LA-owned field writes; each Operation names its Scope (PushRequest → PushResponse)
//	PUT  /v1/staff/rules         publish a reminder rules file to every scope (RulesDocument)
//
// A refused request is answered with a 4xx status and an Error body whose
// Reason says why in plain words.
package api
