package app

// The demo care leaver's fictional content. Every name and event is
// invented; the phone number is in Ofcom's range kept for drama.

const (
	demoAdviserName    = "Tom Pritchard"
	demoAdviserContact = "07700 900461, tom.pritchard@example.org"
)

type demoGoal struct {
	mission Mission
	title   string
	why     string
	areas   []Area
	steps   []string
	done    int  // how many of the steps, from the first, are done
	inDays  int  // target date from today; 0 means none
	shared  bool // whether her personal adviser sees it
}

var demoGoals = []demoGoal{
	{MissionRelationships, "Keep in touch with my sister Cerys", "She's the person who knows me best.",
		[]Area{AreaRelationships}, []string{"Text her every Sunday", "Meet up for her birthday", "Plan a day at the coast together"}, 2, 45, false},
	{MissionEducation, "Start the Level 3 childcare course at college", "I want to work in a nursery one day.",
		[]Area{AreaEducation}, []string{"Go to the open evening", "Send my application", "Apply for the 16 to 19 bursary", "Buy the books"}, 2, 20, true},
	{MissionHome, "Move into my own flat", "Somewhere that's mine, where friends can come round.",
		[]Area{AreaAccommodation, AreaMoney, AreaIndependence}, []string{"Open a bank account", "Make a budget with Tom",
			"Ask about the setting-up-home allowance", "Bid for a council flat", "Buy a kettle and bedding"}, 2, 120, true},
	{MissionWork, "Find a Saturday job", "My own money, and something for my CV.",
		[]Area{AreaEducation, AreaMoney}, []string{"Write a CV", "Hand it in at three cafés"}, 1, -10, false},
	{MissionHealth, "Register with a GP near the new flat", "",
		[]Area{AreaHealth}, []string{"Find the nearest surgery", "Fill in the form"}, 0, 30, false},
	{MissionHealth, "Learn to cook five meals", "Eat better and save money.",
		[]Area{AreaHealth, AreaIndependence}, []string{"Spaghetti bolognese", "Chilli", "Vegetable curry", "Fish pie", "Stir fry"}, 2, 0, true},
}

type demoLeaverMilestone struct {
	mission Mission
	title   string
	notes   string
	daysAgo int // achieved that many days ago; negative means planned for that many days ahead
	shared  bool
}

var demoLeaverMilestones = []demoLeaverMilestone{
	{MissionEducation, "Passed my English GCSE resit", "Grade 5! Mrs Hughes said she knew I could.", 200, true},
	{MissionRelationships, "Named two people I trust: Cerys and Tom", "", 150, false},
	{MissionHealth, "Registered with a dentist", "", 90, false},
	{MissionWork, "First payslip from the café", "Spent some on a takeaway with Cerys.", 60, true},
	{MissionHome, "Got the keys to my flat", "", -120, false},
}
