// Package data is Hearth's on-device store: one SQLite file with embedded,
// numbered migrations, a single writer connection and a read-only pool, and
// field-level encryption of everything sensitive. It is the only package that
// speaks SQL, so the rest of the app never has to think about how records are
// kept safe on disk.
package data

import "time"

// Record carries the identity and lifecycle every stored row has. The UUID,
// timestamps and tombstone exist so that sync can be added later without
// reshaping the schema: deletes must travel, so nothing is ever removed
// outright by the normal delete path.
type Record struct {
	ID      string
	Created time.Time
	Updated time.Time
	Deleted time.Time // zero while the record is live
}

// Mission is one of the five Missions of the Independent Review of
// Children's Social Care; every milestone and goal belongs to exactly one.
type Mission string

// The five Missions, in the order the review lists them.
const (
	MissionRelationships Mission = "relationships"
	MissionEducation     Mission = "education"
	MissionHome          Mission = "home"
	MissionWork          Mission = "work"
	MissionHealth        Mission = "health"
)

// Missions lists the Missions in display order.
var Missions = []Mission{MissionRelationships, MissionEducation, MissionHome, MissionWork, MissionHealth}

// CarerKind says what sort of carer the household is; it decides which TSD
// standards (if any) apply and which screens are shown.
type CarerKind string

// Carer kinds offered at first run.
const (
	KindFoster            CarerKind = "foster"
	KindShortBreak        CarerKind = "short_break"
	KindKinshipFoster     CarerKind = "kinship_foster" // family and friends (connected person) foster carer
	KindSpecialGuardian   CarerKind = "special_guardian"
	KindChildArrangements CarerKind = "child_arrangements"
	KindInformalKinship   CarerKind = "informal_kinship"
)

// CarerKinds lists the carer kinds in display order.
var CarerKinds = []CarerKind{KindFoster, KindShortBreak, KindKinshipFoster, KindSpecialGuardian, KindChildArrangements, KindInformalKinship}

// Household is the carer's own profile. A household has one or two carers.
type Household struct {
	Record
	Kind         CarerKind
	ApprovalDate time.Time // zero when the kind has no approval (e.g. special guardians)
	Carers       []Carer
}

// Carer is one adult in the household.
type Carer struct {
	Record
	Name string // sensitive
}

// Arrangement is the legal basis on which a child lives with the household.
type Arrangement string

// Arrangement types from the brief.
const (
	ArrangementFoster            Arrangement = "foster"
	ArrangementKinshipFoster     Arrangement = "kinship_foster"
	ArrangementSGO               Arrangement = "sgo"
	ArrangementChildArrangements Arrangement = "cao"
	ArrangementInformalKinship   Arrangement = "informal_kinship"
	ArrangementPrivateFostering  Arrangement = "private_fostering"
)

// Arrangements lists arrangement types in display order.
var Arrangements = []Arrangement{ArrangementFoster, ArrangementKinshipFoster, ArrangementSGO, ArrangementChildArrangements, ArrangementInformalKinship, ArrangementPrivateFostering}

// Child is a child placed with the household.
type Child struct {
	Record
	Name           string // sensitive
	PreferredName  string // sensitive
	DateOfBirth    time.Time
	Arrangement    Arrangement
	PlacementStart time.Time
	PlacementEnd   time.Time // zero while the placement continues; LA-owned once sync exists
	School         string    // sensitive
	GP             string    // sensitive
	Dentist        string    // sensitive
	LAReference    string    // owned by the local authority
	// LongTerm says the placement is intended to last until the child is
	// 18, which spaces social worker visits further apart.
	LongTerm bool
}

// MilestoneStatus is planned or achieved.
type MilestoneStatus string

// Milestone statuses.
const (
	MilestonePlanned  MilestoneStatus = "planned"
	MilestoneAchieved MilestoneStatus = "achieved"
)

// Milestone is a step in a child's life, or in a care leaver's own,
// recorded under one Mission.
type Milestone struct {
	Record
	ChildID      string // empty for a care leaver's own milestone
	Mission      Mission
	Title        string // sensitive
	Status       MilestoneStatus
	TargetDate   time.Time
	AchievedDate time.Time
	Notes        string // sensitive
	PhotoID      string // attachment id, empty when there is no photo
	Shared       bool   // a care leaver chose to let their personal adviser see it
}

// Tag labels a daily recording.
type Tag string

// Recording tags.
const (
	TagHealth      Tag = "health"
	TagEducation   Tag = "education"
	TagFamilyTime  Tag = "family_time"
	TagBehaviour   Tag = "behaviour"
	TagIncident    Tag = "incident"
	TagAchievement Tag = "achievement"
)

// Tags lists recording tags in display order.
var Tags = []Tag{TagHealth, TagEducation, TagFamilyTime, TagBehaviour, TagIncident, TagAchievement}

// Recording is one day's note about a child.
type Recording struct {
	Record
	ChildID     string
	Day         time.Time
	Text        string // sensitive
	Tags        []Tag
	Significant bool // must reach the LA promptly; syncs first
}

// NeedCategory classifies a support need.
type NeedCategory string

// Support need categories.
const (
	NeedFinancial   NeedCategory = "financial"
	NeedLegal       NeedCategory = "legal"
	NeedTherapeutic NeedCategory = "therapeutic"
	NeedRespite     NeedCategory = "respite"
	NeedTraining    NeedCategory = "training"
	NeedEquipment   NeedCategory = "equipment"
	NeedEducation   NeedCategory = "education"
	NeedHealth      NeedCategory = "health"
	NeedHousing     NeedCategory = "housing"
	NeedPeer        NeedCategory = "peer"
	NeedOther       NeedCategory = "other"
)

// NeedCategories lists categories in display order.
var NeedCategories = []NeedCategory{NeedFinancial, NeedLegal, NeedTherapeutic, NeedRespite, NeedTraining, NeedEquipment, NeedEducation, NeedHealth, NeedHousing, NeedPeer, NeedOther}

// Urgency says how soon a need must be met.
type Urgency string

// Urgencies.
const (
	UrgencyRoutine Urgency = "routine"
	UrgencySoon    Urgency = "soon"
	UrgencyUrgent  Urgency = "urgent"
)

// Urgencies lists urgencies in display order.
var Urgencies = []Urgency{UrgencyRoutine, UrgencySoon, UrgencyUrgent}

// NeedStatus tracks a need through the LA. Everything after Raised is set by
// the LA, never by the carer.
type NeedStatus string

// Need statuses.
const (
	NeedDraft        NeedStatus = "draft"
	NeedRaised       NeedStatus = "raised"
	NeedAcknowledged NeedStatus = "acknowledged"
	NeedInProgress   NeedStatus = "in_progress"
	NeedMet          NeedStatus = "met"
	NeedDeclined     NeedStatus = "declined"
)

// NeedStatuses lists statuses in lifecycle order.
var NeedStatuses = []NeedStatus{NeedDraft, NeedRaised, NeedAcknowledged, NeedInProgress, NeedMet, NeedDeclined}

// Need is something the household or a child needs from the LA or others.
type Need struct {
	Record
	ChildID     string // empty for the household as a whole
	Category    NeedCategory
	Description string // sensitive
	Urgency     Urgency
	Status      NeedStatus
	Response    string    // sensitive; the LA's response note (LA-owned)
	StatusSetAt time.Time // when the status last changed
}

// TrainingFormat is how a piece of training was done.
type TrainingFormat string

// Training formats.
const (
	FormatCourse      TrainingFormat = "course"
	FormatELearning   TrainingFormat = "elearning"
	FormatReading     TrainingFormat = "reading"
	FormatSupervision TrainingFormat = "supervision"
	FormatPeerGroup   TrainingFormat = "peer_group"
)

// TrainingFormats lists formats in display order.
var TrainingFormats = []TrainingFormat{FormatCourse, FormatELearning, FormatReading, FormatSupervision, FormatPeerGroup}

// Training is one entry in the carer's training log.
type Training struct {
	Record
	Title         string // sensitive
	Provider      string // sensitive
	Date          time.Time
	Hours         float64
	Format        TrainingFormat
	Standards     []int  // TSD standard numbers this evidences, ascending
	Evidence      string // sensitive
	CertificateID string // attachment id, empty when there is none
}

// SignOff records that the supervising social worker signed a TSD standard
// off. It is owned by the LA.
type SignOff struct {
	Standard int
	SignedOn time.Time
}

// Attachment is an encrypted file: a training certificate or a milestone
// photo. Content is only ever held decrypted in memory.
type Attachment struct {
	Record
	Name    string // sensitive: original file name
	MIME    string
	Content []byte // sensitive
}

// HitKind says what kind of record a search hit points at.
type HitKind string

// Search hit kinds.
const (
	HitRecording HitKind = "recording"
	HitMilestone HitKind = "milestone"
	HitNeed      HitKind = "need"
	HitTraining  HitKind = "training"
	HitGoal      HitKind = "goal"
)

// Hit is one search result.
type Hit struct {
	Kind    HitKind
	ID      string
	ChildID string // empty for household records
	Snippet string // decrypted text around the match
	Date    time.Time
}
