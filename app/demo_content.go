package app

// The demo household's fictional content. Every name and event is invented.

type demoDay struct {
	text string
	tags []Tag
}

type demoMilestone struct {
	mission Mission
	title   string
	notes   string
	daysAgo int // achieved that many days ago; negative means planned for that many days ahead
}

var demoJayDays = []demoDay{
	{"Jay walked to school with his friend Callum and was in good spirits at pick-up. Homework done without fuss.", []Tag{TagEducation}},
	{"Football training after school. Coach said Jay's passing has really improved. Tired but happy at tea.", []Tag{TagAchievement}},
	{"Quiet day. Jay spent the evening building Lego and asked to phone his nan, which we did at 6pm.", []Tag{TagFamilyTime}},
	{"Family time with mum at the contact centre, 4pm to 5.30pm. Jay was unsettled afterwards and went to bed early.", []Tag{TagFamilyTime, TagBehaviour}},
	{"Jay complained of toothache after lunch. Booked a check-up at the dentist for next week.", []Tag{TagHealth}},
	{"Reading record signed: Jay read three chapters of his library book and told me the whole plot at dinner.", []Tag{TagEducation, TagAchievement}},
	{"A difficult morning: Jay refused to get ready for school and shouted at Millie. Calm again by 9am and apologised.", []Tag{TagBehaviour}},
	{"Swimming lesson at the leisure centre. Jay swam a full length without stopping for the first time.", []Tag{TagAchievement, TagHealth}},
	{"Parents' evening: teacher pleased with maths, wants more practice with spellings.", []Tag{TagEducation}},
	{"Ordinary school day. Jay helped cook spaghetti bolognese and set the table.", nil},
}

var demoJaySignificant = map[int]demoDay{
	97:  {"Jay did not come home from the park at the agreed time of 6pm. Reported missing to the police at 7.15pm; found safe at a friend's house at 8pm. Social worker informed.", []Tag{TagIncident}},
	241: {"Jay fell from the climbing frame at school and was taken to A&E with a suspected broken wrist. X-ray showed a sprain. Social worker and school informed.", []Tag{TagIncident, TagHealth}},
}

var demoMillieDays = []demoDay{
	{"Millie had a good morning at nursery and painted a picture of our cat, Pebbles.", []Tag{TagEducation}},
	{"Millie slept through the night for the first time this week. Bright and chatty at breakfast.", []Tag{TagHealth}},
	{"Video call with her grandad in the afternoon. Millie showed him her new shoes.", []Tag{TagFamilyTime}},
	{"Tantrum at bedtime over brushing teeth. Settled after two stories.", []Tag{TagBehaviour, TagHealth}},
	{"Walk to the duck pond. Millie counted the ducks up to ten by herself.", []Tag{TagAchievement}},
	{"Nursery key worker says Millie is playing alongside other children more now.", []Tag{TagEducation}},
	{"Quiet day at home with a cold. Temperature normal by the evening.", []Tag{TagHealth}},
	{"Baked fairy cakes together. Millie did the sprinkles and shared them with Jay.", nil},
}

var demoJayMilestones = []demoMilestone{
	{MissionRelationships, "Named two trusted adults: his nan and his football coach", "Jay chose them himself during his review.", 200},
	{MissionRelationships, "Sleepover at Callum's house", "", 45},
	{MissionEducation, "Started Year 5 at Glan Afon", "Settled well; new teacher Mr Price.", 85},
	{MissionEducation, "Reading age at or above his real age", "Target agreed at the last PEP meeting.", -90},
	{MissionHome, "Chose the paint colour for his bedroom", "Dark blue with a football border.", 300},
	{MissionWork, "Ran the tuck shop stall at the school fair", "Counted the change himself.", 150},
	{MissionHealth, "Joined the football club", "Trains Tuesdays and Thursdays.", 330},
	{MissionHealth, "Registered with a dentist", "", 350},
	{MissionHealth, "Swim 25 metres", "", 20},
	{MissionHealth, "Annual health assessment", "", -30},
}

var demoMillieMilestones = []demoMilestone{
	{MissionRelationships, "Regular video calls with her grandad", "Every Sunday afternoon.", 180},
	{MissionEducation, "Started nursery", "Three mornings a week.", 310},
	{MissionEducation, "Start in Reception class", "School place accepted.", -200},
	{MissionHome, "Moved into her own bedroom", "", 120},
	{MissionHealth, "Registered with a dentist", "", 320},
	{MissionHealth, "Up to date with immunisations", "Pre-school booster given.", 60},
	{MissionHealth, "Dry at night", "", -60},
}

var demoTrainings = []struct {
	title, provider, evidence string
	daysAgo                   int
	hours                     float64
	format                    TrainingFormat
	standards                 []int
}{
	{"Skills to Foster", "Glan Afon Fostering Service", "Completed the three-day preparation course before approval; workbook section 1 finished.", 290, 18, FormatCourse, []int{1, 2}},
	{"Safeguarding children, level 1", "Local safeguarding partnership", "Certificate gained. Wrote up what I would do if a child told me something worrying.", 240, 3, FormatELearning, []int{6}},
	{"Paediatric first aid", "St John Ambulance", "Two-day course; certificate valid for three years.", 200, 12, FormatCourse, []int{3}},
	{"Supervision with our social worker", "Supervising social worker", "Discussed keeping the daily log and how we talk to Jay after family time.", 150, 1.5, FormatSupervision, []int{4, 2}},
	{"Understanding attachment and trauma", "Fostering Network", "Read the guide and discussed it at the support group.", 110, 4, FormatReading, []int{5}},
	{"Online safety for carers", "Fostering Network", "Set up parental controls on the tablet and agreed screen-time rules with Jay.", 60, 2, FormatELearning, []int{6, 3}},
	{"Carers' support group", "Glan Afon foster carers' group", "Monthly meeting; shared ideas about bedtime routines.", 25, 2, FormatPeerGroup, []int{7}},
}

var demoNeeds = []struct {
	category    NeedCategory
	description string
	urgency     Urgency
	forJay      bool
	laStatus    NeedStatus
	laResponse  string
}{
	{NeedRespite, "A weekend of respite in the school holidays so we can visit family in Aberystwyth.", UrgencySoon, false, "", ""},
	{NeedTherapeutic, "Jay is struggling after family time. We would like advice from the therapeutic team.", UrgencySoon, true, NeedAcknowledged, "Referral made to the therapeutic team; they will call within two weeks."},
	{NeedEquipment, "A bigger car seat for Millie.", UrgencyRoutine, false, NeedMet, "Approved and delivered."},
	{NeedFinancial, "Question about the holiday allowance for this year.", UrgencyRoutine, false, "", ""},
}
