// Command hearth-gen makes a realistic long-lived carer's store for
// benchmarks: a foster household with five children and ten years of daily
// recordings, milestones, training and support needs (about 18,000
// recordings by default; --records 100000 makes the search-heavy variant).
// It writes through the app package, so every record is validated and
// encrypted as the real app would, and uses one transaction per batch so
// generation takes seconds.
//
// The text is drawn from a seeded generator: the same flags give the same
// records (ids and timestamps differ). The store is unlocked by the
// passphrase given, and by the secret written to <data-dir>/bench-keychain,
// which a `-tags bench` build of Hearth reads from HEARTH_BENCH_KEYCHAIN to
// stand in for the OS keychain. Never use either for real records.
package main

import (
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/hearth-app/hearth/app"
)

// Config is what to generate.
type Config struct {
	Root       string // data folder: one new profile is made under it
	Passphrase string
	Records    int // daily recordings in all
	Milestones int
	Trainings  int
	Needs      int
	Years      int
	Seed       uint64
	Today      time.Time
}

func main() {
	c := Config{Today: time.Now().UTC()}
	flag.StringVar(&c.Root, "data-dir", "", "the data folder to create the profile in (must hold no profile)")
	flag.StringVar(&c.Passphrase, "passphrase", "hearth-bench", "passphrase that unlocks the generated store")
	flag.IntVar(&c.Records, "records", 18000, "number of daily recordings")
	flag.IntVar(&c.Milestones, "milestones", 2000, "number of milestones")
	flag.IntVar(&c.Trainings, "training", 500, "number of training records")
	flag.IntVar(&c.Needs, "needs", 500, "number of support needs")
	flag.IntVar(&c.Years, "years", 10, "years of history")
	flag.Uint64Var(&c.Seed, "seed", 1, "random seed")
	flag.Parse()
	start := time.Now()
	if err := Generate(c); err != nil {
		fmt.Fprintln(os.Stderr, "hearth-gen:", err)
		os.Exit(1)
	}
	fmt.Printf("hearth-gen: %d recordings, %d milestones, %d training, %d needs in %s (%.1fs)\n",
		c.Records, c.Milestones, c.Trainings, c.Needs, c.Root, time.Since(start).Seconds())
}

// KeychainFile is where Generate leaves the keychain secret, under Root.
const KeychainFile = "bench-keychain"

// fileKeychain keeps the one secret setup stores, so it can be written out.
type fileKeychain struct{ secret string }

func (*fileKeychain) Available() bool { return true }
func (k *fileKeychain) Get(string) (string, error) {
	if k.secret == "" {
		return "", errors.New("no secret")
	}
	return k.secret, nil
}
func (k *fileKeychain) Set(_, s string) error { k.secret = s; return nil }
func (k *fileKeychain) Delete(string) error   { k.secret = ""; return nil }

// Generate makes one carer profile under c.Root and fills it.
func Generate(c Config) error {
	if c.Root == "" {
		return errors.New("give --data-dir")
	}
	if err := os.MkdirAll(c.Root, 0o700); err != nil {
		return err
	}
	if existing, err := app.ListProfiles(c.Root); err != nil {
		return err
	} else if len(existing) > 0 {
		return fmt.Errorf("%s already holds a profile; give an empty folder", c.Root)
	}
	dir, err := app.NewProfileDir(c.Root)
	if err != nil {
		return err
	}
	kc := &fileKeychain{}
	today := time.Date(c.Today.Year(), c.Today.Month(), c.Today.Day(), 0, 0, 0, 0, time.UTC)
	a, err := app.Open(app.Options{Dir: dir, Keychain: kc, Now: func() time.Time { return c.Today }})
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.CompleteSetup(app.Setup{Language: "en", Kind: app.KindFoster, Passphrase: c.Passphrase,
		CarerNames: []string{"Rhian Bevan", "Owain Bevan"}, ApprovalDate: today.AddDate(-c.Years, 0, -40)}); err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	if err := os.WriteFile(filepath.Join(c.Root, KeychainFile), []byte(base64.StdEncoding.EncodeToString([]byte(kc.secret))), 0o600); err != nil {
		return err
	}
	g := gen{rng: rand.New(rand.NewPCG(c.Seed, 7)), today: today}
	children, err := g.children(a, c.Years)
	if err != nil {
		return err
	}
	if err := g.recordings(a, children, c.Records); err != nil {
		return err
	}
	for i := range c.Milestones {
		m := g.milestone(children[i%len(children)])
		if err := a.SaveMilestone(&m, nil); err != nil {
			return fmt.Errorf("milestone: %w", err)
		}
	}
	for range c.Trainings {
		t := g.training(c.Years)
		if err := a.SaveTraining(&t, nil); err != nil {
			return fmt.Errorf("training: %w", err)
		}
	}
	for i := range c.Needs {
		n := g.need(children, i)
		if err := a.SaveNeed(&n); err != nil {
			return fmt.Errorf("need: %w", err)
		}
	}
	if err := g.keepUp(a); err != nil {
		return err
	}
	return a.Close()
}

// keptUpTo is how long ago a reminder may have fallen due and still be
// open in a generated store: a carer who keeps up has ticked off everything
// older, and perhaps not yet this week's.
const keptUpTo = 7

// keepUp marks every reminder that fell due more than keptUpTo days ago as
// done, a few days after it fell due, series by series, as ten years of a
// carer who keeps up would leave it. Without it, every statutory reminder
// since the first placement (ten years of overdue visits and reviews) was
// open, and the home page showed nothing else.
func (g *gen) keepUp(a *app.App) error {
	cutoff := g.today.AddDate(0, 0, -keptUpTo)
	// Each pass moves each series on by one; the longest series (visits
	// every few weeks for ten years) takes a few hundred passes.
	for pass := 0; pass < 5000; pass++ {
		all, _, err := a.Timetable()
		if err != nil {
			return fmt.Errorf("reminders: %w", err)
		}
		marked := 0
		for _, r := range all {
			if !r.Due.Before(cutoff) {
				continue
			}
			done := r.Due.AddDate(0, 0, g.rng.IntN(4))
			if err := a.MarkReminderDone(r, done); err != nil {
				return fmt.Errorf("reminder: %w", err)
			}
			marked++
		}
		if marked == 0 {
			return nil
		}
	}
	return errors.New("reminders: marking them done did not catch up")
}

type gen struct {
	rng   *rand.Rand
	today time.Time
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// children places five children at staggered dates over the years, the
// first two for the whole span.
func (g *gen) children(a *app.App, years int) ([]app.Child, error) {
	yearsBack := []int{years, years, years * 8 / 10, years * 6 / 10, years * 3 / 10}
	var out []app.Child
	for i, y := range yearsBack {
		start := g.today.AddDate(-max(y, 1), 0, -i*17)
		c := app.Child{Name: childNames[i][0], PreferredName: childNames[i][1],
			DateOfBirth: start.AddDate(-(2 + g.rng.IntN(8)), -g.rng.IntN(12), 0), Arrangement: app.ArrangementFoster,
			PlacementStart: start, LongTerm: i < 2, School: g.pick(schools), GP: "Riverside Surgery", Dentist: "Bridge Street Dental"}
		if err := a.SaveChild(&c); err != nil {
			return nil, fmt.Errorf("child: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// recordings spreads n recordings over the children's placements: a diary
// day for each child each day (in proportion to how long they have been
// placed), more than one on some days, saved a year of one child at a time.
func (g *gen) recordings(a *app.App, children []app.Child, n int) error {
	days := make([]int, len(children))
	total := 0
	for i, c := range children {
		days[i] = int(g.today.Sub(c.PlacementStart).Hours()/24) + 1
		total += days[i]
	}
	for i, c := range children {
		share := n * days[i] / total
		if i == len(children)-1 {
			share = n
			for j := range i {
				share -= n * days[j] / total
			}
		}
		batch := make([]app.Recording, 0, 400)
		for k := range share {
			// Spread share entries evenly over the days, newest last.
			day := c.PlacementStart.AddDate(0, 0, k*days[i]/share)
			batch = append(batch, g.recording(c, day))
			if len(batch) == cap(batch) || k == share-1 {
				if err := a.SaveRecordings(batch); err != nil {
					return fmt.Errorf("recordings: %w", err)
				}
				batch = batch[:0]
			}
		}
	}
	return nil
}

func (g *gen) recording(c app.Child, day time.Time) app.Recording {
	name := c.PreferredName
	text := fmt.Sprintf("%s %s %s. %s", name, g.pick(activities), g.pick(whens), g.pick(moods))
	for range g.rng.IntN(3) {
		text += " " + fmt.Sprintf(g.pick(extras), name)
	}
	r := app.Recording{ChildID: c.ID, Day: day, Text: text}
	if g.rng.IntN(3) == 0 {
		r.Tags = []app.Tag{app.Tags[g.rng.IntN(len(app.Tags))]}
	}
	r.Significant = g.rng.IntN(60) == 0
	return r
}

func (g *gen) milestone(c app.Child) app.Milestone {
	m := app.Milestone{ChildID: c.ID, Mission: app.Missions[g.rng.IntN(len(app.Missions))],
		Title: fmt.Sprintf("%s %s", g.pick(milestoneTitles), g.pick(milestoneQualifiers)), Notes: g.pick(moods)}
	span := int(g.today.Sub(c.PlacementStart).Hours() / 24)
	if g.rng.IntN(5) > 0 {
		m.Status, m.AchievedDate = app.MilestoneAchieved, g.today.AddDate(0, 0, -g.rng.IntN(span+1))
	} else {
		m.Status, m.TargetDate = app.MilestonePlanned, g.today.AddDate(0, 0, 7+g.rng.IntN(300))
	}
	return m
}

func (g *gen) training(years int) app.Training {
	t := app.Training{Title: g.pick(trainingTitles), Provider: g.pick(providers),
		Date: g.today.AddDate(0, 0, -g.rng.IntN(years*365)), Hours: float64(1 + g.rng.IntN(12)),
		Format: app.TrainingFormats[g.rng.IntN(len(app.TrainingFormats))], Evidence: g.pick(moods)}
	for s := 1; s <= 7; s++ {
		if g.rng.IntN(4) == 0 {
			t.Standards = append(t.Standards, s)
		}
	}
	return t
}

func (g *gen) need(children []app.Child, i int) app.Need {
	n := app.Need{Category: app.NeedCategories[g.rng.IntN(len(app.NeedCategories))],
		Description: g.pick(needTexts), Urgency: app.Urgencies[g.rng.IntN(len(app.Urgencies))]}
	if i%3 > 0 {
		n.ChildID = children[g.rng.IntN(len(children))].ID
	}
	return n
}

var childNames = [][2]string{
	{"Tomos Price", "Tom"}, {"Leah Morgan", "Leah"}, {"Kacper Nowak", "Kacper"},
	{"Ffion Jenkins", "Ffi"}, {"Ruby-Mae Carter", "Ruby"},
}

var schools = []string{"Ysgol Gynradd Glan Afon", "Cathays High School", "Little Acorns Nursery", "St Teilo's", "Whitchurch High"}

var activities = []string{
	"went swimming at the leisure centre", "had a music lesson", "played football in the park",
	"visited Nan for tea", "went to the dentist for a check-up", "did homework at the kitchen table",
	"had contact with mum at the family centre", "went to Brownies", "baked flapjacks with me",
	"read two chapters of the new book", "went to the library", "had a parents' evening",
	"walked the dog along the river", "went to the cinema with friends", "had a review meeting with the social worker",
	"practised the recorder", "went to the GP about the cough", "helped with the shopping",
	"had a sleepover at a friend's house", "went climbing at the wall", "did a spelling test",
}

var whens = []string{"after school", "this morning", "in the afternoon", "before tea", "at the weekend", "this evening", "during half term"}

var moods = []string{
	"Came home cheerful and chatty.", "Was tired and a bit tearful at bedtime.", "Ate a good tea and slept well.",
	"Seemed worried about the change of teacher.", "Proud of the certificate and showed everyone.",
	"Argued with a sibling over the tablet; settled after a talk.", "Quiet but content.",
	"Asked lots of questions about birth family.", "Enjoyed it and wants to go again next week.",
	"Struggled with the homework but kept trying.", "Laughed a lot; a really good day.",
}

var extras = []string{
	"%s tidied the bedroom without being asked.", "Medication given at 8am and 6pm.",
	"School reported %s had a good day.", "%s rang grandad to tell him about it.",
	"Bedtime was calm; story and lights out by 8.", "%s had a nosebleed at lunch, soon stopped.",
	"Social worker phoned to arrange the next visit.", "%s wore the new school shoes.",
}

var milestoneTitles = []string{
	"Swam 25 metres", "Started secondary school", "Learned to ride a bike", "First school trip away",
	"Registered with a dentist", "Joined the football team", "Made a life story book", "Passed grade 1 piano",
	"Caught the bus alone", "Opened a savings account", "First part-time job", "Went on holiday abroad",
}

var milestoneQualifiers = []string{"", "with support", "independently", "at last", "with friends", "after lots of practice"}

var trainingTitles = []string{
	"Safeguarding refresher", "Therapeutic parenting", "First aid for carers", "Managing allegations",
	"Understanding attachment", "Online safety", "Recording skills", "Supporting contact", "Trauma-informed care",
}

var providers = []string{"Fostering Network", "Local authority", "Red Cross", "CoramBAAF", "NSPCC Learning"}

var needTexts = []string{
	"A weekend of respite before the school holidays", "Help with the cost of a school trip",
	"Therapy sessions after a difficult contact", "A bunk bed so siblings can share",
	"Advice about a passport application", "A tutor for maths", "Support group for kinship carers",
	"Transport to contact twice a week", "Help with a housing adaptation",
}
