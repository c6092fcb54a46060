package screens

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// step is one page of first-run setup.
type step int

const (
	stepLanguage step = iota
	stepKind
	stepNames
	stepApproval
	stepPassphrase
	stepCheck
	stepLeaverAbout
	stepLeaverReview
)

// leaverKind stands for "I'm a care leaver" among the kinds of carer on
// the "who are you" page. It is the screens' own marker, never stored: a
// care leaver's profile is set up by CompleteLeaverSetup instead.
const leaverKind app.CarerKind = "care_leaver"

// whoNames and whoHelp are the options of the "who are you" page: every
// kind of carer, and a care leaver.
var (
	whoNames = withLeaver(carerKindNames, msg{"kind.care_leaver", "I'm a care leaver (16–25)"})
	whoHelp  = withLeaver(carerKindHelp, msg{"kind.help.care_leaver", "You are 16 to 25 and have left care, or are getting ready to. Hearth will keep your own goals and achievements, and you decide what your personal adviser sees."})
)

func withLeaver(m map[app.CarerKind]msg, leaver msg) map[app.CarerKind]msg {
	out := map[app.CarerKind]msg{leaverKind: leaver}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// onboarding walks a new user through setup one question per page, which
// is easier to follow than one long form. The answers live in this struct,
// not in the widgets, so going back, switching language or being sent back
// by a refused answer never loses what was typed.
type onboarding struct {
	u       *UI
	at      step
	setup   app.Setup
	names   [2]string
	date    string // the approval date as typed
	dob     string // a care leaver's date of birth as typed
	review  string // a care leaver's last pathway plan review as typed
	confirm string // the passphrase typed a second time
	message string // the problem to show on the current step
	busy    bool

	// The current step's widgets, for tests.
	language *widget.RadioGroup
	kind     *choice[app.CarerKind]
	name1    *widget.Entry
	name2    *widget.Entry
	approval *dateField
	dobField *dateField
	reviewAt *dateField
	pass1    *widget.Entry
	pass2    *widget.Entry
	next     *widget.Button
	back     *widget.Button
	problem  *widget.Label
}

// showOnboarding starts first-run setup.
func (u *UI) showOnboarding() {
	o := &onboarding{u: u}
	o.setup.Language = startLanguage(u.a)
	u.onboard = o
	u.redraw = o.render
	o.render()
}

// steps lists the pages this user sees: the approval date only for carers
// who are approved, and a passphrase only where there is no keychain.
func (o *onboarding) steps() []step {
	s := []step{stepLanguage, stepKind, stepNames}
	if o.isLeaver() {
		s = []step{stepLanguage, stepKind, stepLeaverAbout, stepLeaverReview}
	}
	if app.NeedsApproval(o.setup.Kind) {
		s = append(s, stepApproval)
	}
	if !o.u.a.KeychainAvailable() {
		s = append(s, stepPassphrase)
	}
	return append(s, stepCheck)
}

// move goes forward or back by one page, after saving the typed answers.
func (o *onboarding) move(by int) {
	o.collect()
	if by > 0 {
		if err := o.checkStep(); err != nil {
			_, o.message = explain("setup", err)
			o.render()
			return
		}
	}
	steps := o.steps()
	for i, s := range steps {
		if s == o.at {
			o.at = steps[min(max(i+by, 0), len(steps)-1)]
			break
		}
	}
	o.message = ""
	o.render()
}

// collect copies the current page's inputs into the answers.
func (o *onboarding) collect() {
	switch o.at {
	case stepNames:
		o.names = [2]string{o.name1.Text, o.name2.Text}
	case stepApproval:
		o.date = o.approval.entry.Text
	case stepLeaverAbout:
		o.names[0], o.dob = o.name1.Text, o.dobField.entry.Text
	case stepLeaverReview:
		o.review = o.reviewAt.entry.Text
	case stepPassphrase:
		o.setup.Passphrase, o.confirm = o.pass1.Text, o.pass2.Text
	}
}

// checkStep catches what only the screen can know (a date that is not a
// date, two passphrases that differ) before moving on. Everything else is
// the app's to judge when the user finishes.
func (o *onboarding) checkStep() error {
	switch o.at {
	case stepApproval:
		_, err := o.approval.value()
		return err
	case stepLeaverAbout:
		_, err := o.dobField.value()
		return err
	case stepLeaverReview:
		_, err := o.reviewAt.value()
		return err
	case stepPassphrase:
		if o.setup.Passphrase != o.confirm {
			return &app.UserError{Key: "error.passphrase_mismatch", Field: "passphrase"}
		}
	}
	return nil
}

// finish hands the answers to the app. Deriving a key from a passphrase
// takes a moment, so it runs in the background; a refused answer sends the
// user back to the page that asked for it, with their answers intact.
func (o *onboarding) finish() {
	if o.isLeaver() {
		o.finishLeaver()
		return
	}
	s := o.setup
	s.CarerNames = o.names[:]
	if app.NeedsApproval(s.Kind) {
		t, err := parseDate(o.date)
		if err == nil {
			s.ApprovalDate = t
		}
	}
	o.complete(func() error { return o.u.a.CompleteSetup(s) },
		map[string]step{"kind": stepKind, "name": stepNames, "approval": stepApproval, "passphrase": stepPassphrase})
}

// finishLeaver hands a care leaver's answers to the app.
func (o *onboarding) finishLeaver() {
	s := app.LeaverSetup{Language: o.setup.Language, Name: o.names[0], Passphrase: o.setup.Passphrase}
	s.DateOfBirth, _ = parseDate(o.dob)
	s.PathwayReviewDate, _ = parseDate(o.review)
	o.complete(func() error { return o.u.a.CompleteLeaverSetup(s) },
		map[string]step{"name": stepLeaverAbout, "dob": stepLeaverAbout, "pathway_review": stepLeaverReview, "passphrase": stepPassphrase})
}

// complete runs setup in the background and opens the home screen, or
// sends the user back to the page of the answer the app refused.
func (o *onboarding) complete(setup func() error, pages map[string]step) {
	o.busy, o.message = true, ""
	o.render()
	var err error
	o.u.background(func() { err = setup() }, func() {
		o.busy = false
		if err == nil {
			o.u.showShell(route{page: pageHome})
			return
		}
		field, message := explain("complete setup", err)
		o.message = message
		if at, ok := pages[field]; ok {
			o.at = at
		}
		o.render()
	})
}

// isLeaver reports whether the user said they are a care leaver.
func (o *onboarding) isLeaver() bool { return o.setup.Kind == leaverKind }

// render draws the current page.
func (o *onboarding) render() {
	var body []fyne.CanvasObject
	switch o.at {
	case stepLanguage:
		body = o.languagePage()
	case stepKind:
		body = o.kindPage()
	case stepNames:
		body = o.namesPage()
	case stepApproval:
		body = o.approvalPage()
	case stepPassphrase:
		body = o.passphrasePage()
	case stepLeaverAbout:
		body = o.leaverAboutPage()
	case stepLeaverReview:
		body = o.leaverReviewPage()
	default:
		body = o.checkPage()
	}
	o.problem = problem()
	setProblem(o.problem, o.message)
	o.back = widget.NewButtonWithIcon(lang.X("action.back", "Back"), theme.NavigateBackIcon(), func() { o.move(-1) })
	var other fyne.CanvasObject = widget.NewLabel("")
	if o.at == stepLanguage {
		o.back.Hide()
		other = o.u.otherProfiles()
	}
	if o.at == stepCheck {
		o.next = primary(lang.X("onboarding.finish", "Start using Hearth"), theme.ConfirmIcon(), o.finish)
	} else {
		o.next = primary(lang.X("action.next", "Next"), theme.NavigateNextIcon(), func() { o.move(1) })
	}
	if o.at == stepKind && o.setup.Kind == "" {
		o.next.Disable()
	}
	var wait fyne.CanvasObject = widget.NewLabel("")
	if o.busy {
		o.next.Disable()
		o.back.Disable()
		wait = container.NewVBox(note(lang.X("onboarding.wait", "Setting up. This takes a few seconds…")), widget.NewProgressBarInfinite())
	}
	body = append(body, o.problem, container.NewHBox(o.back, o.next), wait, other)
	o.u.w.SetContent(column(body...))
}

func (o *onboarding) languagePage() []fyne.CanvasObject {
	o.language = languageRadio(o.setup.Language, func(code string) {
		o.setup.Language = code
		o.u.useLanguage(code)
		o.render()
	})
	return []fyne.CanvasObject{
		heading(lang.X("onboarding.welcome", "Welcome to Hearth")),
		para(lang.X("onboarding.intro", "Hearth helps you keep your records in one safe place on this device: about the children you care for or, if you are a care leaver, about your own goals.")),
		bold(lang.X("onboarding.language", "Which language would you like to use?")),
		o.language,
		note(lang.X("onboarding.language_later", "You can change this at any time in Settings.")),
		o.u.setupRestoreButton(),
	}
}

func (o *onboarding) kindPage() []fyne.CanvasObject {
	help := para("")
	help.Hide()
	show := func(k app.CarerKind) {
		if m, ok := whoHelp[k]; ok {
			help.SetText(m.text())
			help.Show()
		}
	}
	o.kind = newChoice(append(slices.Clone(app.CarerKinds), leaverKind), whoNames, o.setup.Kind, func(k app.CarerKind) {
		o.setup.Kind = k
		show(k)
		o.next.Enable()
	})
	show(o.setup.Kind)
	return []fyne.CanvasObject{
		heading(lang.X("onboarding.kind", "Which of these describes you best?")),
		para(lang.X("onboarding.kind_why", "This tells Hearth which records and reminders are right for you.")),
		o.kind.obj,
		help,
		note(lang.X("onboarding.kind_unsure", "Not sure? Your social worker can tell you. You can change this later in Settings.")),
	}
}

func (o *onboarding) namesPage() []fyne.CanvasObject {
	o.name1, o.name2 = entry(o.names[0]), entry(o.names[1])
	return []fyne.CanvasObject{
		heading(lang.X("onboarding.names", "What are your names?")),
		bold(lang.X("household.carer1", "Your name")),
		o.name1,
		tight(bold(lang.X("household.carer2", "Second carer's name (optional)")),
			note(lang.X("household.carer2_hint", "If you look after the children with a partner, add their name too."))),
		o.name2,
	}
}

func (o *onboarding) approvalPage() []fyne.CanvasObject {
	o.approval = newDateField(o.u.w, "approval", o.u.a.Today())
	o.approval.entry.SetText(o.date)
	return []fyne.CanvasObject{
		heading(lang.X("onboarding.approval", "When were you approved as a carer?")),
		para(lang.X("household.approval_hint", "This is the date on your approval letter. Hearth uses it to work out when your training standards are due.")),
		note(lang.X("form.date_hint", "Day/month/year, for example 25/12/2024")),
		o.approval.obj,
	}
}

func (o *onboarding) passphrasePage() []fyne.CanvasObject {
	o.pass1, o.pass2 = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	o.pass1.SetText(o.setup.Passphrase)
	o.pass2.SetText(o.confirm)
	return []fyne.CanvasObject{
		heading(lang.X("onboarding.passphrase", "Choose a passphrase")),
		para(lang.X("onboarding.passphrase_why", "This computer has no keychain, which is a safe place where Hearth could keep the key to your records. So Hearth needs a passphrase instead. You will type it each time you open Hearth.")),
		para(lang.X("onboarding.passphrase_warning", "If you forget it, nobody can get your records back, not even us. Write it down and keep it somewhere safe.")),
		tight(bold(lang.X("onboarding.passphrase1", "Passphrase")),
			note(lang.X("onboarding.passphrase_hint", "Use at least {{.Min}} characters. A few words you will remember works well.", userErrorData))),
		o.pass1,
		bold(lang.X("onboarding.passphrase2", "Type it again")),
		o.pass2,
	}
}

func (o *onboarding) leaverAboutPage() []fyne.CanvasObject {
	o.name1 = entry(o.names[0])
	o.dobField = newDateField(o.u.w, "dob", time.Time{})
	o.dobField.entry.SetText(o.dob)
	return []fyne.CanvasObject{
		heading(lang.X("onboarding.leaver_about", "About you")),
		bold(lang.X("household.carer1", "Your name")),
		o.name1,
		tight(bold(lang.X("onboarding.leaver_dob", "Your date of birth")),
			note(lang.X("form.date_hint", "Day/month/year, for example 25/12/2024"))),
		o.dobField.obj,
	}
}

func (o *onboarding) leaverReviewPage() []fyne.CanvasObject {
	o.reviewAt = newDateField(o.u.w, "pathway_review", time.Time{})
	o.reviewAt.entry.SetText(o.review)
	return []fyne.CanvasObject{
		heading(lang.X("onboarding.leaver_review", "When was your last pathway plan review?")),
		para(lang.X("adviser.review_hint", "Your pathway plan is the plan you make with your personal adviser for your future. It should be reviewed at least every 6 months. Leave this empty if you don't know.")),
		note(lang.X("form.date_hint", "Day/month/year, for example 25/12/2024")),
		o.reviewAt.obj,
	}
}

func (o *onboarding) checkPage() []fyne.CanvasObject {
	answer := func(label string, values ...string) fyne.CanvasObject {
		lines := []fyne.CanvasObject{bold(label)}
		for _, v := range values {
			if v != "" {
				lines = append(lines, para(v))
			}
		}
		return tight(lines...)
	}
	objs := []fyne.CanvasObject{
		heading(lang.X("onboarding.check", "Check your answers")),
		answer(lang.X("onboarding.check_language", "Language"), languageNames[o.setup.Language].text()),
		answer(lang.X("onboarding.check_kind", "You are"), whoNames[o.setup.Kind].text()),
	}
	if o.isLeaver() {
		return append(objs,
			answer(lang.X("household.carer1", "Your name"), o.names[0]),
			answer(lang.X("onboarding.leaver_dob", "Your date of birth"), o.dob),
			answer(lang.X("adviser.review", "Date of your last pathway plan review"), o.review),
			note(lang.X("onboarding.check_hint", "To change an answer, press Back.")))
	}
	objs = append(objs, answer(lang.X("onboarding.check_names", "Names"), o.names[:]...))
	if app.NeedsApproval(o.setup.Kind) {
		objs = append(objs, answer(lang.X("household.approval", "Approval date"), o.date))
	}
	return append(objs, note(lang.X("onboarding.check_hint", "To change an answer, press Back.")))
}
