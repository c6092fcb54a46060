// Package screens is Hearth's user interface, built with Fyne. It is the
// only package besides main that knows about Fyne: every rule lives in the
// app package, and the screens only collect what the user types, call the
// app, and show the result (or the app's translated reason for refusing it).
package screens

import (
	"log/slog"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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

	// tiles are the touch form's navigation buttons, laid out by bar in
	// barBox over the background barBg; touch is whether the shell is in
	// its touch-first form (a narrow window or a tablet).
	tiles  map[pageID]*navTile
	bar    *navBarLayout
	barBox *fyne.Container
	barBg  *canvas.Rectangle
	touch  bool

	// onboard, unlock and picker are the pre-shell screens, when showing.
	onboard *onboarding
	unlock  *unlockView
	picker  *pickerView

	// profiles is the root folder of every profile, when the UI may add
	// and switch profiles; a is then nil while the picker shows.
	profiles *Profiles

	// lang is the language on screen.
	lang string

	// locks counts the times Hearth has locked, so background work started
	// before a lock can tell that its page is gone.
	locks atomic.Uint64
	// jobs counts background work still to be applied on the UI thread.
	// Only tests wait on it; the app itself never blocks on its goroutines.
	jobs sync.WaitGroup

	// toUI hands a function to the UI thread: fyne.Do. Fyne's test driver
	// runs fyne.Do at once on the calling goroutine, so tests swap in a
	// queue that the test's own goroutine drains, as a real UI thread would.
	toUI func(func())

	// notified is set once this session's reminder notifications are sent.
	notified bool

	// homeRestAfter, until the first home page uses it, holds back that
	// page's lower part until the channel closes (HomeRestAfter).
	homeRestAfter <-chan struct{}
	// homeStart, until the first home page uses it, is that page's data
	// read ahead by Open.
	homeStart *homeStart

	// locker locks Hearth after idle time or in the background (lock_idle.go).
	locker *lockWatcher

	// sync syncs with the local authority in the background (sync.go).
	sync *syncLoop
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
	// A window Open already showed is drawn again at once, with its
	// content, rather than on the event loop's next tick.
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
func (u *UI) applyTheme() {
	t := newTheme(u.a)
	u.fa.Settings().SetTheme(t)
	if u.barBg != nil {
		u.barBg.FillColor = t.Color(theme.ColorNameBackground, t.variant)
		u.barBg.Refresh()
	}
}

// background runs slow work (deriving a key from a passphrase, a search)
// off the UI thread so the window keeps responding, then applies its
// result on the UI thread through fyne.Do.
//
// A result that arrives after Hearth locked is dropped: the page it was
// for is gone, and applying it could put decrypted text, or a dialog that
// names records, over the unlock screen.
func (u *UI) background(work func(), apply func()) {
	gen := u.locks.Load()
	u.jobs.Add(1)
	go func() {
		work()
		u.toUI(func() {
			defer u.jobs.Done()
			if u.locks.Load() != gen {
				return
			}
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

// showShell shows the navigation and a page. The shell has two frames
// around the same page: a navigation column on the left for a desktop, and
// for a tablet or a window narrower than touchWidth a bar of large buttons
// at the bottom, where a thumb reaches. The frame follows the window's
// width as it changes (shellLayout); the page itself is never rebuilt.
func (u *UI) showShell(r route) {
	u.onboard, u.unlock, u.picker = nil, nil, nil
	u.redraw = func() { u.showShell(u.cur) }
	u.body = container.NewStack()
	u.nav = map[pageID]*widget.Button{}
	u.tiles = map[pageID]*navTile{}
	items := navItems
	if u.leaver() {
		items = leaverNavItems
	}
	u.bar = &navBarLayout{}
	// The column and the bar are made with all their buttons at once:
	// adding them one by one would lay each out again per button.
	colObjs := []fyne.CanvasObject{container.NewPadded(subheading(lang.X("app.title", "Hearth")))}
	var tiles []fyne.CanvasObject
	for _, it := range items {
		goTo := func() { u.open(route{page: it.page}) }
		b := widget.NewButtonWithIcon(it.label.text(), it.icon, goTo)
		b.Alignment = widget.ButtonAlignLeading
		u.nav[it.page] = b
		colObjs = append(colObjs, b)
		t := newNavTile(u.bar, it.label.text(), it.icon, goTo)
		u.tiles[it.page] = t
		tiles = append(tiles, t.obj)
	}
	col := container.NewVBox(colObjs...)
	bar := container.New(u.bar, tiles...)
	u.barBox = bar
	side := container.NewHBox(container.NewVScroll(col), widget.NewSeparator())
	// The bar has the page's background, and is drawn after the page so
	// nothing scrolled under it shows through.
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bottom := container.NewBorder(widget.NewSeparator(), nil, nil, nil, container.NewStack(bg, bar))
	u.barBg = bg
	u.touch = u.touchFor(u.w.Canvas().Size().Width)
	u.w.SetContent(container.New(&shellLayout{u: u}, u.body, side, bottom))
	u.open(r)
	u.lockWatch().arm()
	u.startSync()
}

// touchWidth is the window width below which the shell takes its
// touch-first form: below it the navigation column leaves too little room
// for a page at large text sizes.
const touchWidth = 1100

// touchFor reports whether a window of width w gets the touch form. A
// tablet or phone always does.
func (u *UI) touchFor(w float32) bool {
	if d := fyne.CurrentDevice(); d != nil && d.IsMobile() {
		return true
	}
	return w > 0 && w < touchWidth
}

// navBarLayout lays out the bottom bar's buttons in as many columns as their
// labels allow at the current width and text size: all in one row at
// normal text, two or more rows at 200%, so no label is ever cut off or
// wrapped mid-word. Each column is as wide as its widest label needs (the
// spare width shared out evenly), so one long label, such as Welsh
// "Anghenion cymorth", does not force every column to its width and the
// bar to another row.
type navBarLayout struct {
	width  float32
	beside bool // icons beside their labels, when the bar has several rows
}

// grid is the number of columns and rows, each column's width and the
// rows' height, and sets whether icons go beside their labels.
func (l *navBarLayout) grid(objs []fyne.CanvasObject, width float32) (cols, rows int, colWidths []float32, rowHeight float32) {
	if len(objs) == 0 {
		return 0, 0, nil, 0
	}
	l.beside = false
	if cw, h, ok := fitColumns(objs, len(objs), width); ok {
		return len(objs), 1, cw, h
	}
	l.beside = true
	for cols = len(objs); cols > 1; cols-- {
		// Balance the rows: eight buttons are two rows of four, not
		// five and three.
		rows = (len(objs) + cols - 1) / cols
		if balanced := (len(objs) + rows - 1) / rows; balanced != cols {
			continue
		}
		if cw, h, ok := fitColumns(objs, cols, width); ok {
			return cols, rows, cw, h
		}
	}
	cw, h, _ := fitColumns(objs, 1, width)
	return 1, len(objs), cw, h
}

// fitColumns sizes a grid of cols columns for width: equal columns when
// the widest object fits in each, and otherwise each column its widest
// object's width plus an even share of what is left over. ok is false
// when the objects need more than width.
func fitColumns(objs []fyne.CanvasObject, cols int, width float32) (colWidths []float32, rowHeight float32, ok bool) {
	colWidths = make([]float32, cols)
	var widest float32
	for i, o := range objs {
		m := o.MinSize()
		colWidths[i%cols] = max(colWidths[i%cols], m.Width)
		rowHeight = max(rowHeight, m.Height)
		widest = max(widest, m.Width)
	}
	if widest*float32(cols) <= width {
		for i := range colWidths {
			colWidths[i] = width / float32(cols)
		}
		return colWidths, rowHeight, true
	}
	var sum float32
	for _, w := range colWidths {
		sum += w
	}
	if sum > width && cols > 1 {
		return colWidths, rowHeight, false
	}
	extra := max(width-sum, 0) / float32(cols)
	for i := range colWidths {
		colWidths[i] += extra
	}
	return colWidths, rowHeight, true
}

func (l *navBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	cols, _, colWidths, h := l.grid(objs, size.Width)
	var x float32
	for i, o := range objs {
		c := i % cols
		if c == 0 {
			x = 0
		}
		o.Move(fyne.NewPos(x, float32(i/cols)*h))
		o.Resize(fyne.NewSize(colWidths[c], h))
		x += colWidths[c]
	}
}

func (l *navBarLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	_, rows, _, h := l.grid(objs, l.width)
	if l.width <= 0 {
		rows = 1
	}
	var w float32
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, float32(rows)*h)
}

// shellLayout places the shell's three parts (the navigation column, the
// bottom bar and the page) for the window's width, showing one of the two
// navigations.
type shellLayout struct{ u *UI }

func (l *shellLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	body, side, bottom := objs[0], objs[1], objs[2]
	if touch := l.u.touchFor(size.Width); touch != l.u.touch {
		l.u.touch = touch
		l.u.markSection()
	}
	if l.u.touch {
		l.u.bar.width = size.Width
		side.Hide()
		bottom.Show()
		h := bottom.MinSize().Height
		bottom.Move(fyne.NewPos(0, size.Height-h))
		bottom.Resize(fyne.NewSize(size.Width, h))
		body.Move(fyne.NewPos(0, 0))
		body.Resize(fyne.NewSize(size.Width, size.Height-h))
		return
	}
	bottom.Hide()
	side.Show()
	w := side.MinSize().Width
	side.Move(fyne.NewPos(0, 0))
	side.Resize(fyne.NewSize(w, size.Height))
	body.Move(fyne.NewPos(w, 0))
	body.Resize(fyne.NewSize(size.Width-w, size.Height))
}

func (l *shellLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	// Only the navigation showing is measured (see markSection).
	body := objs[0].MinSize()
	if l.u.touch {
		bottom := objs[2].MinSize()
		// Fyne grows a window to its content's minimum. A page with a list
		// under a tall heading (search, a child's tabs) can want more
		// height than a tablet has at 200% text, which would push the
		// navigation bar off the screen. The page only claims touchBodyMin
		// towards the window's height: below its own minimum, its list
		// simply shows fewer rows and scrolls.
		return fyne.NewSize(max(bottom.Width, body.Width), bottom.Height+min(body.Height, touchBodyMin))
	}
	side := objs[1].MinSize()
	return fyne.NewSize(side.Width+body.Width, max(side.Height, body.Height))
}

// touchBodyMin is the most height a page claims towards the window's
// minimum in the touch form (see shellLayout.MinSize).
const touchBodyMin = 240

// minTouch is the smallest a touch target may be, in each direction.
const minTouch = 44

// navTile is one button of the touch form's bottom bar: a large target
// with the icon above its label, which the bar always gives room for.
// The button under them takes the taps and the
// keyboard focus.
type navTile struct {
	button *widget.Button
	label  *widget.Label
	obj    fyne.CanvasObject
}

func newNavTile(bar *navBarLayout, text string, icon fyne.Resource, tapped func()) *navTile {
	t := &navTile{button: widget.NewButton("", tapped), label: widget.NewLabel(text)}
	t.button.Importance = widget.LowImportance
	face := container.New(tileLayout{bar}, widget.NewIcon(icon), t.label)
	t.obj = container.New(minSizeLayout{fyne.NewSize(minTouch, minTouch)}, t.button, face)
	return t
}

// tileLayout puts a bar button's icon above its label when the bar is one
// row, and beside it when the bar needs more rows (large text), which
// keeps the bar low enough to leave most of the screen to the page. Beside
// its icon, a label's own inner padding (twice 24 pixels each way at 200%)
// is not given room: it is empty space, and at 200% it made each of the
// bar's rows about 90 pixels high and the bar a third of a tablet's
// screen. The tile keeps half that padding above and below the text
// instead, and stays at least a fingertip (minTouch) high.
type tileLayout struct{ bar *navBarLayout }

// textSize is the size of a label's text without its inner padding.
func textSize(label fyne.CanvasObject) fyne.Size {
	ip := theme.InnerPadding()
	ls := label.MinSize()
	return fyne.NewSize(max(ls.Width-2*ip, 0), max(ls.Height-2*ip, 0))
}

func (l tileLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	icon, label := objs[0], objs[1]
	is, ls := icon.MinSize(), label.MinSize()
	if l.bar.beside {
		ts, ip := textSize(label), theme.InnerPadding()
		x := (size.Width - is.Width - ip/2 - ts.Width) / 2
		icon.Move(fyne.NewPos(x, (size.Height-is.Height)/2))
		icon.Resize(is)
		// The label keeps its full size so its text is drawn whole; only
		// its empty padding reaches past the text's place.
		label.Move(fyne.NewPos(x+is.Width+ip/2-ip, (size.Height-ls.Height)/2))
		label.Resize(ls)
		return
	}
	y := (size.Height - is.Height - ls.Height) / 2
	icon.Move(fyne.NewPos((size.Width-is.Width)/2, y))
	icon.Resize(is)
	label.Move(fyne.NewPos((size.Width-ls.Width)/2, y+is.Height))
	label.Resize(ls)
}

func (l tileLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	is, ls := objs[0].MinSize(), objs[1].MinSize()
	p := theme.Padding()
	if l.bar.beside {
		ts, ip := textSize(objs[1]), theme.InnerPadding()
		return fyne.NewSize(is.Width+ip/2+ts.Width+2*p, max(is.Height, ts.Height)+ip/2+2*p)
	}
	return fyne.NewSize(max(is.Width, ls.Width)+2*p, is.Height+ls.Height+p)
}

// setCurrent marks the tile of the section on screen.
func (t *navTile) setCurrent(on bool) {
	t.label.TextStyle.Bold = on
	if on {
		t.button.Importance = widget.MediumImportance
	} else {
		t.button.Importance = widget.LowImportance
	}
	t.label.Refresh()
	t.button.Refresh()
}

// minSizeLayout stacks its objects, never smaller than a minimum size. Its
// size follows the last object (a tile's icon and label), not the button
// under them: an empty button still claims a line of text and its padding,
// about 90 pixels high at 200%, which would undo tileLayout's compact rows.
type minSizeLayout struct{ min fyne.Size }

func (minSizeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l minSizeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return l.min
	}
	return l.min.Max(objs[len(objs)-1].MinSize())
}

// open shows a page in the shell.
func (u *UI) open(r route) {
	u.touched()
	u.syncSoon() // after a save, the form opens the page it came from
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
	u.markSection()
}

// markSection shows which section is on screen, in whichever navigation
// is showing. The hidden one is left alone, and so is never measured or
// drawn: refreshing a widget makes its renderer, and the bar's icons and
// labels cost a desktop's first frame time for a bar it does not show.
// shellLayout marks the other navigation when it swaps them.
func (u *UI) markSection() {
	cur := section(u.cur.page)
	if u.touch {
		for p, t := range u.tiles {
			t.setCurrent(p == cur)
		}
		return
	}
	for p, b := range u.nav {
		if p == cur {
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
		return u.newRecordingForm(r.childID, r.id)
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
