package api

// Kind is a type of record that syncs.
type Kind string

// Kinds that travel. Attachments (photos, certificates) stay on the
// device: they are large and the LA does not need them to act.
const (
	KindChild     Kind = "child"
	KindNeed      Kind = "need"
	KindTraining  Kind = "training"
	KindMilestone Kind = "milestone"
	KindRecording Kind = "recording"
	KindGoal      Kind = "goal"
	KindGoalStep  Kind = "goal_step"
	KindSignOff   Kind = "tsd_signoff"
	KindRules     Kind = "rules"
)

// Owner says which side may write a field.
type Owner string

// Owners. Conflicts are avoided by giving every field exactly one owner:
// the carer or care leaver owns what they write, the LA owns what it
// decides.
const (
	OwnerUser Owner = "user"
	OwnerLA   Owner = "la"
)

// Fields lists, per kind, every field that may travel and who owns it.
// The server rejects an operation carrying a field not listed here, or one
// owned by the other side. Sensitive text travels (over TLS, to the LA that
// is entitled to it); it is never logged.
var Fields = map[Kind]map[string]Owner{
	KindChild: {
		"name": OwnerUser, "preferred_name": OwnerUser, "date_of_birth": OwnerUser,
		"arrangement": OwnerUser, "placement_start": OwnerUser, "long_term": OwnerUser,
		"school": OwnerUser, "gp": OwnerUser, "dentist": OwnerUser,
		"la_reference": OwnerLA, "placement_end": OwnerLA,
	},
	KindNeed: {
		"child_id": OwnerUser, "category": OwnerUser, "description": OwnerUser, "urgency": OwnerUser,
		"status": OwnerLA, "response": OwnerLA,
	},
	KindTraining: {
		"title": OwnerUser, "provider": OwnerUser, "date": OwnerUser, "hours": OwnerUser,
		"format": OwnerUser, "standards": OwnerUser, "evidence": OwnerUser,
	},
	KindMilestone: {
		"child_id": OwnerUser, "mission": OwnerUser, "title": OwnerUser, "status": OwnerUser,
		"target_date": OwnerUser, "achieved_date": OwnerUser, "notes": OwnerUser,
	},
	KindRecording: {
		"child_id": OwnerUser, "day": OwnerUser, "text": OwnerUser, "tags": OwnerUser, "significant": OwnerUser,
	},
	KindGoal: {
		"mission": OwnerUser, "title": OwnerUser, "target_date": OwnerUser,
	},
	KindGoalStep: {
		"goal_id": OwnerUser, "text": OwnerUser, "done": OwnerUser, "position": OwnerUser,
	},
	KindSignOff: {
		"standard": OwnerLA, "signed_on": OwnerLA,
	},
	KindRules: {
		"document": OwnerLA,
	},
}

// LeaverKinds are the only kinds a care leaver's device sends: their
// shared goals, steps and milestones.
var LeaverKinds = map[Kind]bool{KindGoal: true, KindGoalStep: true, KindMilestone: true}

// LeaverWithheld lists fields a care leaver's device never sends, even on
// a shared record: a milestone's notes stay private (app.SharedSelection
// leaves them out) and a care leaver's milestones belong to no child. The
// server refuses them too, so a faulty or altered client cannot put a care
// leaver's private notes on the LA's server.
var LeaverWithheld = map[Kind]map[string]bool{KindMilestone: {"notes": true, "child_id": true}}

// OwnerOf returns who owns field f of kind k, and false when the field is
// not part of the protocol.
func OwnerOf(k Kind, f string) (Owner, bool) {
	o, ok := Fields[k][f]
	return o, ok
}
