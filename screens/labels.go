package screens

import (
	"fyne.io/fyne/v2/lang"

	"github.com/hearth-app/hearth/app"
)

// msg pairs a translation key with its English text. Enumerations are
// translated through explicit maps of these rather than keys built at run
// time, so every key is a literal the translation checks can see, and the
// English fallback sits next to it for the reader.
type msg struct {
	key string
	en  string
}

// text is the message in the user's language.
func (m msg) text() string { return lang.X(m.key, m.en) }

// missionNames are the five Missions of the Independent Review of
// Children's Social Care.
var missionNames = map[app.Mission]msg{
	app.MissionRelationships: {"mission.relationships", "Loving relationships"},
	app.MissionEducation:     {"mission.education", "Quality education"},
	app.MissionHome:          {"mission.home", "A decent home"},
	app.MissionWork:          {"mission.work", "Fulfilling work"},
	app.MissionHealth:        {"mission.health", "Good health"},
}

// missionAims are the review's national aims, shown as context only: they
// describe what the country should achieve, never a target for one child.
var missionAims = map[app.Mission]msg{
	app.MissionRelationships: {"mission.aim.relationships", "National aim: no young person leaves care without at least two loving relationships (by 2027)."},
	app.MissionEducation:     {"mission.aim.education", "National aim: double the proportion of care leavers going to university, especially the most selective (high-tariff) ones (by 2026)."},
	app.MissionHome:          {"mission.aim.home", "National aim: reduce homelessness among care-experienced people now, then end it."},
	app.MissionWork:          {"mission.aim.work", "National aim: at least 3,500 new well-paid jobs and apprenticeships for care leavers each year (by 2026)."},
	app.MissionHealth:        {"mission.aim.health", "National aim: raise the life expectancy of care-experienced people by narrowing health inequalities."},
}

// carerKindNames name each kind of carer the way carers describe
// themselves.
var carerKindNames = map[app.CarerKind]msg{
	app.KindFoster:            {"kind.foster", "Foster carer"},
	app.KindShortBreak:        {"kind.short_break", "Short-break foster carer"},
	app.KindKinshipFoster:     {"kind.kinship_foster", "Kinship foster carer (connected person)"},
	app.KindSpecialGuardian:   {"kind.special_guardian", "Special guardian"},
	app.KindChildArrangements: {"kind.child_arrangements", "Child arrangements order"},
	app.KindInformalKinship:   {"kind.informal_kinship", "Informal kinship carer"},
}

// carerKindHelp explains each kind in one plain sentence, because many
// kinship carers do not know the legal name of their arrangement.
var carerKindHelp = map[app.CarerKind]msg{
	app.KindFoster:            {"kind.help.foster", "You are approved as a foster carer by your local authority or a fostering agency."},
	app.KindShortBreak:        {"kind.help.short_break", "You are approved to look after children for short breaks, such as weekends or holidays."},
	app.KindKinshipFoster:     {"kind.help.kinship_foster", "You look after a relative's or friend's child who is in care, and you were approved as a family and friends foster carer."},
	app.KindSpecialGuardian:   {"kind.help.special_guardian", "A court made a Special Guardianship Order for the child you look after."},
	app.KindChildArrangements: {"kind.help.child_arrangements", "A court made a Child Arrangements Order that says the child lives with you."},
	app.KindInformalKinship:   {"kind.help.informal_kinship", "You look after a relative's child by agreement with the family, without a court order."},
}

// arrangementNames are the legal bases on which a child lives with the
// household.
var arrangementNames = map[app.Arrangement]msg{
	app.ArrangementFoster:            {"arrangement.foster", "Foster placement"},
	app.ArrangementKinshipFoster:     {"arrangement.kinship_foster", "Kinship foster care (connected person)"},
	app.ArrangementSGO:               {"arrangement.sgo", "Special Guardianship Order"},
	app.ArrangementChildArrangements: {"arrangement.cao", "Child Arrangements Order"},
	app.ArrangementInformalKinship:   {"arrangement.informal_kinship", "Informal kinship care"},
	app.ArrangementPrivateFostering:  {"arrangement.private_fostering", "Private fostering"},
}

// milestoneStatusNames are the two states of a milestone.
var milestoneStatusNames = map[app.MilestoneStatus]msg{
	app.MilestonePlanned:  {"milestone.status.planned", "Planned"},
	app.MilestoneAchieved: {"milestone.status.achieved", "Achieved"},
}

// tagNames label daily recordings.
var tagNames = map[app.Tag]msg{
	app.TagHealth:      {"tag.health", "Health"},
	app.TagEducation:   {"tag.education", "Education"},
	app.TagFamilyTime:  {"tag.family_time", "Family time"},
	app.TagBehaviour:   {"tag.behaviour", "Behaviour"},
	app.TagIncident:    {"tag.incident", "Incident"},
	app.TagAchievement: {"tag.achievement", "Achievement"},
}

// needCategoryNames are the kinds of support a household can ask for.
var needCategoryNames = map[app.NeedCategory]msg{
	app.NeedFinancial:   {"need.category.financial", "Money or allowance"},
	app.NeedLegal:       {"need.category.legal", "Legal advice"},
	app.NeedTherapeutic: {"need.category.therapeutic", "Therapy or emotional support"},
	app.NeedRespite:     {"need.category.respite", "Respite and short breaks"},
	app.NeedTraining:    {"need.category.training", "Training"},
	app.NeedEquipment:   {"need.category.equipment", "Equipment"},
	app.NeedEducation:   {"need.category.education", "Help with education"},
	app.NeedHealth:      {"need.category.health", "Health"},
	app.NeedHousing:     {"need.category.housing", "Housing"},
	app.NeedPeer:        {"need.category.peer", "Support from other carers"},
	app.NeedOther:       {"need.category.other", "Something else"},
}

// urgencyNames say how soon a need must be met.
var urgencyNames = map[app.Urgency]msg{
	app.UrgencyRoutine: {"urgency.routine", "Routine"},
	app.UrgencySoon:    {"urgency.soon", "Soon"},
	app.UrgencyUrgent:  {"urgency.urgent", "Urgent"},
}

// needStatusNames track a need through the local authority.
var needStatusNames = map[app.NeedStatus]msg{
	app.NeedDraft:        {"need.status.draft", "Draft (not sent yet)"},
	app.NeedRaised:       {"need.status.raised", "Raised"},
	app.NeedAcknowledged: {"need.status.acknowledged", "Acknowledged"},
	app.NeedInProgress:   {"need.status.in_progress", "In progress"},
	app.NeedMet:          {"need.status.met", "Met"},
	app.NeedDeclined:     {"need.status.declined", "Declined"},
}

// formatNames are the ways training can be done.
var formatNames = map[app.TrainingFormat]msg{
	app.FormatCourse:      {"format.course", "Course"},
	app.FormatELearning:   {"format.elearning", "E-learning (online)"},
	app.FormatReading:     {"format.reading", "Reading"},
	app.FormatSupervision: {"format.supervision", "Supervision"},
	app.FormatPeerGroup:   {"format.peer_group", "Peer group"},
}

// hitKindNames tell search results apart.
var hitKindNames = map[app.HitKind]msg{
	app.HitRecording: {"search.kind.recording", "Daily recording"},
	app.HitMilestone: {"search.kind.milestone", "Milestone"},
	app.HitNeed:      {"search.kind.need", "Support need"},
	app.HitTraining:  {"search.kind.training", "Training"},
	app.HitGoal:      {"search.kind.goal", "Goal"},
}

// tsdTitles are the Training, Support and Development Standards, worded
// exactly as published. The app package hands out these keys in
// StandardProgress.TitleKey and TSDStandardKeys.
var tsdTitles = map[string]string{
	"tsd.mainstream.1": "Understand the principles and values essential for fostering children and young people.",
	"tsd.mainstream.2": "Understand your role as a foster carer.",
	"tsd.mainstream.3": "Understand health and safety, and healthy care.",
	"tsd.mainstream.4": "Know how to communicate effectively.",
	"tsd.mainstream.5": "Understand the development of children and young people.",
	"tsd.mainstream.6": "Keep children and young people safe from harm.",
	"tsd.mainstream.7": "Develop yourself.",
	"tsd.family.1":     "Understand your role as a family and friends carer.",
	"tsd.family.2":     "Provide a safe environment and healthy care.",
	"tsd.family.3":     "Communicate effectively.",
	"tsd.family.4":     "Understand child development.",
	"tsd.family.5":     "Keep children safe from harm.",
	"tsd.family.6":     "Develop yourself.",
}

// tsdTitle is a standard's title in the user's language.
func tsdTitle(key string) string { return lang.X(key, tsdTitles[key]) }

// errorTexts are the messages for the problems the app package reports as
// UserError keys, and for the few the screens find themselves (a date that
// is not a date). They are written to tell the user what to do next.
var errorTexts = map[string]string{
	"error.achieved_future":            "The date it was achieved can't be in the future.",
	"error.approval_future":            "The approval date can't be in the future.",
	"error.approval_required":          "Please type the date you were approved as a carer.",
	"error.arrangement_required":       "Please choose how the child came to live with you.",
	"error.attachment_too_big":         "That file is too big. Please choose a file smaller than {{.MaxMB}} MB.",
	"error.attachment_type":            "That file can't be added. Please choose a photo (PNG or JPEG) or, for certificates, a PDF.",
	"error.category_required":          "Please choose what kind of support is needed.",
	"error.child_required":             "Please choose a child.",
	"error.date_future":                "The date can't be in the future.",
	"error.date_required":              "Please type the date.",
	"error.day_future":                 "The day can't be in the future. A recording is about what has happened.",
	"error.description_required":       "Please describe what is needed.",
	"error.dob_future":                 "The date of birth can't be in the future.",
	"error.dob_required":               "Please type the child's date of birth.",
	"error.format_required":            "Please choose what kind of training it was.",
	"error.hours_invalid":              "Please type the hours as a number more than 0 and no more than {{.MaxHours}}, for example 2 or 1.5.",
	"error.keychain_missing":           "Hearth can't find the key it saved on this computer, and no passphrase was set. Your records can't be opened here.",
	"error.kind_required":              "Please choose the option that describes you best.",
	"error.mission_required":           "Please choose a Mission.",
	"error.name_required":              "Please type a name.",
	"error.passphrase_required":        "Please choose a passphrase.",
	"error.passphrase_short":           "Your passphrase needs at least {{.Min}} characters.",
	"error.placement_before_birth":     "The placement can't start before the child's date of birth.",
	"error.placement_end_before_start": "The placement can't end before it started.",
	"error.placement_start_required":   "Please type the date the child came to live with you.",
	"error.standard_invalid":           "One of the standards you ticked does not apply to you. Please check them again.",
	"error.status_invalid":             "Please choose planned or achieved.",
	"error.status_la_owned":            "Only your local authority can set this status.",
	"error.tag_invalid":                "One of the tags is not recognised. Please tick them again.",
	"error.text_required":              "Please write what happened.",
	"error.title_required":             "Please type a title.",
	"error.too_many_carers":            "A household can have one or two carers.",
	"error.urgency_required":           "Please choose how urgent it is.",
	"error.wrong_passphrase":           "That passphrase is not right. Please check it and try again.",
	"error.leaver_dob_required":        "Please type your date of birth.",
	"error.leaver_age":                 "Hearth for care leavers is for people aged {{.MinAge}} to {{.MaxAge}}. Please check your date of birth.",
	"error.area_invalid":               "One of the areas you chose is not recognised. Please choose them again.",
	"error.date_format":                "Please type the date as day/month/year, for example 25/12/2024.",
	"error.passphrase_mismatch":        "The two passphrases are not the same. Please type them again.",
	"error.date_past":                  "Please choose a day after today.",
	"error.terms":                      "Please write each term as first and last day, month-day, for example 09-01:12-19, with commas between terms.",
}

// areaNames are the pathway-plan areas a goal can be tagged with, worded
// as they appear in pathway plans.
var areaNames = map[app.Area]msg{
	app.AreaHealth:        {"area.health_development", "Health and development"},
	app.AreaEducation:     {"area.education_employment", "Education, training and employment"},
	app.AreaAccommodation: {"area.accommodation", "Accommodation (where you live)"},
	app.AreaRelationships: {"area.relationships", "Family and social relationships"},
	app.AreaMoney:         {"area.money", "Money"},
	app.AreaIdentity:      {"area.identity", "Identity (who you are and where you come from)"},
	app.AreaIndependence:  {"area.independent_living", "Practical and independent-living skills"},
	app.AreaSafety:        {"area.keeping_safe", "Keeping safe"},
}
