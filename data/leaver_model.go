package data

import "time"

// The records a care leaver keeps about themself. A care leaver's store
// holds these instead of a household and children; their own milestones are
// Milestones without a ChildID.

// Area is a pathway-plan area; it tags a goal so the goal can be brought to
// the matching part of the pathway plan review.
type Area string

// Pathway-plan areas.
const (
	AreaHealth        Area = "health_development"   // health and development
	AreaEducation     Area = "education_employment" // education, training and employment
	AreaAccommodation Area = "accommodation"        // accommodation
	AreaRelationships Area = "relationships"        // family and social relationships
	AreaMoney         Area = "money"                // money
	AreaIdentity      Area = "identity"             // identity
	AreaIndependence  Area = "independent_living"   // practical and independent-living skills
	AreaSafety        Area = "keeping_safe"         // keeping safe
)

// Areas lists the pathway-plan areas in display order.
var Areas = []Area{AreaHealth, AreaEducation, AreaAccommodation, AreaRelationships, AreaMoney, AreaIdentity, AreaIndependence, AreaSafety}

// Goal is something a care leaver is working towards under one Mission.
type Goal struct {
	Record
	Mission    Mission
	Title      string // sensitive
	Why        string // sensitive: why it matters to them
	TargetDate time.Time
	Areas      []Area // in display order
	Shared     bool   // they chose to let their personal adviser see it
	Steps      []Step // the checklist, in order
}

// Step is one item on a goal's checklist.
type Step struct {
	Record
	Text string // sensitive
	Done bool
}

// LeaverProfile is the care leaver's own profile; a store has at most one.
type LeaverProfile struct {
	Record
	Name              string // sensitive
	DateOfBirth       time.Time
	PathwayReviewDate time.Time // the last pathway plan review, zero when not known
	AdviserName       string    // sensitive: their personal adviser
	AdviserContact    string    // sensitive: phone number or email, as typed
}
