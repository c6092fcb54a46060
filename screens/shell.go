// Package screens is Hearth's user interface, built with Fyne. It is the
// only package besides main that knows about Fyne: every rule lives in the
// app package, and the screens only collect what the user types, call the
// app, and show the result (or the app's translated reason for refusing it).
package screens

import (
	"log/slog"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// UI is Hearth's window and everything shown in it.
type UI struct {
	fa fyne.App
	a  *app.App
	w  fyne.Window

	// redraw rebuilds whatever is on screen, in the current language. Each
	// top-level screen (onboarding, unlock, the shell) sets it when shown,
	// so a language switch re-renders the right thing and keeps the page.
	redraw func()

	cur  route
	view screen
	body *fyne.Container
	nav  map[pageID]*widget.Button

	// onboard, unlock and picker are the pre-shell screens, when showing.
	onboard *onboarding
	unlock  *unlockView
	picker  *pickerView

	// profiles is the root folder of every profile, when the UI may add
	// and switch profiles; a is then nil while the picker shows.
	profiles *Profiles

	// lang is the language on screen.
	lang string

	// jobs counts background work still to be applied on the UI thread.
	// Only tests wait on it; the app itself never blocks on its goroutines.
	jobs sync.WaitGroup

	// toUI hands a function to the UI thread: fyne.Do. Fyne's test driver
	// runs fyne.Do at once on the calling goroutine, so tests swap in a
	// queue that the test's own goroutine drains, as a real UI thread would.
	toUI func(func())

	// notified is set once this session's reminder notifications are sent.
	notified bool
}

// New builds the UI for an opened app in a new window of fa.
func New(fa fyne.App, a *app.App) *UI {
	u := &UI{fa: fa, a: a, toUI: fyne.Do}
	u.w = fa.NewWindow(lang.X("app.title", "Hearth"))
	u.w.Resize(fyne.NewSize(1280, 800))
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.w }

// Show applies the user's language and theme, shows the first screen the
// app's state calls for (first-run setup, unlock or home), and shows the
// window.
func (u *UI) Show() {
	u.useLanguage(startLanguage(u.a))
	if u.a != nil {
		u.applyTheme()
	}
	u.start()
	u.w.Show()
}

// start shows the screen the app's state calls for.
func (u *UI) start() {
	if u.a == nil {
		u.showPicker()
		return
	}
	switch u.a.State() {
	case app.StateNew:
		u.showOnboarding()
	case app.StateLocked:
		u.showUnlock()
	default:
		u.showShell(route{page: pageHome})
	}
}

// useLanguage switches the language of every string shown from now on. A
// failure leaves the previous language in place, which is still usable.
func (u *UI) useLanguage(code string) {
	if err := applyLanguage(code); err != nil {
		slog.Error("could not load language", "language", code, "err", err)
		return
	}
	u.lang = code
	u.w.SetTitle(lang.X("app.title", "Hearth"))
}

// applyTheme applies the stored theme and text size at once.
func (u *UI) applyTheme() { u.fa.Settings().SetTheme(newTheme(u.a)) }

// background runs slow work (deriving a key from a passphrase, a search)
// off the UI thread so the window keeps responding, then applies its
// result on the UI thread through fyne.Do.
func (u *UI) background(work func(), apply func()) {
	u.jobs.Add(1)
	go func() {
		work()
		u.toUI(func() {
			defer u.jobs.Done()
			apply()
		})
	}()
}

// pageID names a page of the shell.
type pageID int

const (
	pageHome pageID = iota
	pageChildren
	pageChild
	pageChildForm
	pageMilestoneForm
	pageRecordingForm
	pageNeeds
	pageNeedForm
	pageTraining
	pageTrainingForm
	pageSearch
	pageSettings

	// A care leaver's pages.
	pageGoals
	pageGoalForm
	pageAchievements
	pageAchievementForm
	pageShared
	pageAdviser
	pageEntitlements
)

// route is where the user is: enough to rebuild the page after a language
// switch or to come back to it after saving a form.
type route struct {
	page    pageID
	id      string // the record shown or edited; "" for a new one
	childID string // the child a milestone or recording belongs to
	tab     int    // the selected tab, on pages with tabs
}

// screen is one page's widgets.
type screen interface{ object() fyne.CanvasObject }

// focuser is a page that puts the cursor somewhere when it opens, so the
// user can type at once (the search box).
type focuser interface{ firstFocus() fyne.Focusable }

// base gives a page struct its screen method.
type base struct{ root fyne.CanvasObject }

func (b base) object() fyne.CanvasObject { return b.root }

// navItem is one entry of the navigation column.
type navItem struct {
	page  pageID
	label msg
	icon  fyne.Resource
}

var navItems = []navItem{
	{pageHome, msg{"nav.home", "Home"}, theme.HomeIcon()},
	{pageChildren, msg{"nav.children", "Children"}, theme.AccountIcon()},
	{pageNeeds, msg{"nav.needs", "Support needs"}, theme.HelpIcon()},
	{pageTraining, msg{"nav.training", "Training"}, theme.DocumentIcon()},
	{pageSearch, msg{"nav.search", "Search"}, theme.SearchIcon()},
	{pageSettings, msg{"nav.settings", "Settings"}, theme.SettingsIcon()},
}

// leaverNavItems are a care leaver's pages. None of the carer's pages
// (children, support needs, training and TSD) is ever offered to them.
var leaverNavItems = []navItem{
	{pageHome, msg{"nav.home", "Home"}, theme.HomeIcon()},
	{pageGoals, msg{"nav.goals", "My goals"}, theme.ConfirmIcon()},
	{pageAchievements, msg{"nav.achievements", "My achievements"}, theme.MediaRecordIcon()},
	{pageShared, msg{"nav.shared", "What my adviser can see"}, theme.VisibilityIcon()},
	{pageAdviser, msg{"nav.adviser", "My adviser"}, theme.AccountIcon()},
	{pageEntitlements, msg{"nav.entitlements", "What you're entitled to"}, theme.InfoIcon()},
	{pageSearch, msg{"nav.search", "Search"}, theme.SearchIcon()},
	{pageSettings, msg{"nav.settings", "Settings"}, theme.SettingsIcon()},
}

// leaver reports whether the open profile is a care leaver's.
func (u *UI) leaver() bool { return u.a.ProfileKind() == app.ProfileCareLeaver }

// section is the navigation entry a page belongs to, so a child's page
// keeps "Children" highlighted.
func section(p pageID) pageID {
	switch p {
	case pageGoalForm:
		return pageGoals
	case pageAchievementForm:
		return pageAchievements
	case pageChild, pageChildForm, pageMilestoneForm, pageRecordingForm:
		return pageChildren
	case pageNeedForm:
		return pageNeeds
	case pageTrainingForm:
		return pageTraining
	}
	return p
}

// showShell shows the navigation column and a page.
func (u *UI) showShell(r route) {
	u.onboard, u.unlock, u.picker = nil, nil, nil
	u.redraw = func() { u.showShell(u.cur) }
	u.body = container.NewStack()
	u.nav = map[pageID]*widget.Button{}
	col := container.NewVBox(container.NewPadded(subheading(lang.X("app.title", "Hearth"))))
	items := navItems
	if u.leaver() {
		items = leaverNavItems
	}
	for _, it := range items {
		b := widget.NewButtonWithIcon(it.label.text(), it.icon, func() { u.open(route{page: it.page}) })
		b.Alignment = widget.ButtonAlignLeading
		u.nav[it.page] = b
		col.Add(b)
	}
	nav := container.NewHBox(container.NewVScroll(col), widget.NewSeparator())
	u.w.SetContent(container.NewBorder(nil, nil, nav, nil, u.body))
	u.open(r)
}

// open shows a page in the shell.
func (u *UI) open(r route) {
	s, err := u.build(r)
	if err != nil {
		s = u.failure(r, err)
	}
	u.cur, u.view = r, s
	u.body.Objects = []fyne.CanvasObject{s.object()}
	u.body.Refresh()
	if f, ok := s.(focuser); ok {
		u.w.Canvas().Focus(f.firstFocus())
	}
	for p, b := range u.nav {
		if p == section(r.page) {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		b.Refresh()
	}
}

// build makes a page's widgets from the app's current data.
func (u *UI) build(r route) (screen, error) {
	if u.leaver() {
		return u.buildLeaver(r)
	}
	switch r.page {
	case pageChildren:
		return u.newChildrenList()
	case pageChild:
		return u.newChildPage(r)
	case pageChildForm:
		return u.newChildForm(r.id)
	case pageMilestoneForm:
		return u.newMilestoneForm(r.childID, r.id)
	case pageRecordingForm:
		return u.newRecordingForm(r.childID, r.id, r.tab)
	case pageNeeds:
		return u.newNeedsList()
	case pageNeedForm:
		return u.newNeedForm(r.id)
	case pageTraining:
		return u.newTrainingPage(r)
	case pageTrainingForm:
		return u.newTrainingForm(r.id)
	case pageSearch:
		return u.newSearch()
	case pageSettings:
		return u.newSettings()
	}
	return u.newDashboard()
}

// failure is shown instead of a page that could not be loaded. Nothing is
// lost; trying again rebuilds the page.
func (u *UI) failure(r route, err error) screen {
	_, message := explain("load page", err)
	again := primary(lang.X("action.try_again", "Try again"), theme.ViewRefreshIcon(), func() { u.open(r) })
	return base{page(heading(lang.X("error.title", "Sorry")), para(message), container.NewHBox(again))}
}
