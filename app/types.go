package app

import "github.com/hearth-app/hearth/data"

// The screens work only with the app package, so the record types and their
// enumerations are re-exported here as aliases. This keeps the dependency
// rule (screens → app → data) without copying every struct.
type (
	Household       = data.Household
	Carer           = data.Carer
	Child           = data.Child
	Milestone       = data.Milestone
	Recording       = data.Recording
	Need            = data.Need
	Training        = data.Training
	SignOff         = data.SignOff
	Attachment      = data.Attachment
	Hit             = data.Hit
	HitKind         = data.HitKind
	Mission         = data.Mission
	CarerKind       = data.CarerKind
	Arrangement     = data.Arrangement
	MilestoneStatus = data.MilestoneStatus
	Tag             = data.Tag
	NeedCategory    = data.NeedCategory
	Urgency         = data.Urgency
	NeedStatus      = data.NeedStatus
	TrainingFormat  = data.TrainingFormat
	Goal            = data.Goal
	Step            = data.Step
	Area            = data.Area
	LeaverProfile   = data.LeaverProfile
	ReminderEvent   = data.ReminderEvent
	// KDFParams is the Argon2id cost used to derive a key from a passphrase.
	KDFParams = data.Argon2Params
)

// Re-exported enumeration values, so screens can name them.
const (
	MissionRelationships = data.MissionRelationships
	MissionEducation     = data.MissionEducation
	MissionHome          = data.MissionHome
	MissionWork          = data.MissionWork
	MissionHealth        = data.MissionHealth

	KindFoster            = data.KindFoster
	KindShortBreak        = data.KindShortBreak
	KindKinshipFoster     = data.KindKinshipFoster
	KindSpecialGuardian   = data.KindSpecialGuardian
	KindChildArrangements = data.KindChildArrangements
	KindInformalKinship   = data.KindInformalKinship

	ArrangementFoster            = data.ArrangementFoster
	ArrangementKinshipFoster     = data.ArrangementKinshipFoster
	ArrangementSGO               = data.ArrangementSGO
	ArrangementChildArrangements = data.ArrangementChildArrangements
	ArrangementInformalKinship   = data.ArrangementInformalKinship
	ArrangementPrivateFostering  = data.ArrangementPrivateFostering

	MilestonePlanned  = data.MilestonePlanned
	MilestoneAchieved = data.MilestoneAchieved

	TagHealth      = data.TagHealth
	TagEducation   = data.TagEducation
	TagFamilyTime  = data.TagFamilyTime
	TagBehaviour   = data.TagBehaviour
	TagIncident    = data.TagIncident
	TagAchievement = data.TagAchievement

	NeedFinancial   = data.NeedFinancial
	NeedLegal       = data.NeedLegal
	NeedTherapeutic = data.NeedTherapeutic
	NeedRespite     = data.NeedRespite
	NeedTraining    = data.NeedTraining
	NeedEquipment   = data.NeedEquipment
	NeedEducation   = data.NeedEducation
	NeedHealth      = data.NeedHealth
	NeedHousing     = data.NeedHousing
	NeedPeer        = data.NeedPeer
	NeedOther       = data.NeedOther

	UrgencyRoutine = data.UrgencyRoutine
	UrgencySoon    = data.UrgencySoon
	UrgencyUrgent  = data.UrgencyUrgent

	NeedDraft        = data.NeedDraft
	NeedRaised       = data.NeedRaised
	NeedAcknowledged = data.NeedAcknowledged
	NeedInProgress   = data.NeedInProgress
	NeedMet          = data.NeedMet
	NeedDeclined     = data.NeedDeclined

	FormatCourse      = data.FormatCourse
	FormatELearning   = data.FormatELearning
	FormatReading     = data.FormatReading
	FormatSupervision = data.FormatSupervision
	FormatPeerGroup   = data.FormatPeerGroup

	HitRecording = data.HitRecording
	HitMilestone = data.HitMilestone
	HitNeed      = data.HitNeed
	HitTraining  = data.HitTraining
	HitGoal      = data.HitGoal

	AreaHealth        = data.AreaHealth
	AreaEducation     = data.AreaEducation
	AreaAccommodation = data.AreaAccommodation
	AreaRelationships = data.AreaRelationships
	AreaMoney         = data.AreaMoney
	AreaIdentity      = data.AreaIdentity
	AreaIndependence  = data.AreaIndependence
	AreaSafety        = data.AreaSafety
)

// Display-order lists of each enumeration.
var (
	Missions        = data.Missions
	CarerKinds      = data.CarerKinds
	Arrangements    = data.Arrangements
	Tags            = data.Tags
	NeedCategories  = data.NeedCategories
	Urgencies       = data.Urgencies
	NeedStatuses    = data.NeedStatuses
	TrainingFormats = data.TrainingFormats
	Areas           = data.Areas
)

// DisplayName is how a child is addressed on screen: the name they prefer,
// falling back to their full name.
func DisplayName(c Child) string {
	if c.PreferredName != "" {
		return c.PreferredName
	}
	return c.Name
}
