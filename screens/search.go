package screens

import (
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// searchDelay is how long typing must pause before a search runs, so a
// fast typist does not start a search per letter.
const searchDelay = 150 * time.Millisecond

// searchView finds records as the user types. Each search runs off the UI
// thread; results arrive through fyne.Do and are dropped if the user has
// typed more since, so the list never shows results for old text.
type searchView struct {
	base
	u      *UI
	entry  *widget.Entry
	list   *widget.List
	status *widget.Label
	header *fyne.Container // the heading and intro, which give way to results on a short window
	names  map[string]string
	hits   []app.Hit
	gen    atomic.Int64 // bumped on every keystroke; results of older ones are stale
}

func (u *UI) newSearch() (screen, error) {
	names, err := u.childNames()
	if err != nil {
		return nil, err
	}
	v := &searchView{u: u, names: names, entry: widget.NewEntry(), status: para("")}
	v.entry.SetPlaceHolder(lang.X("search.placeholder", "Type a word, such as dentist or football"))
	v.entry.OnChanged = v.changed
	v.list = widget.NewList(func() int { return len(v.hits) }, newTwoLineRow, v.updateRow)
	v.list.OnSelected = func(i widget.ListItemID) {
		v.list.UnselectAll()
		if i < len(v.hits) {
			v.openHit(v.hits[i])
		}
	}
	v.showStatus("")
	intro := lang.X("search.intro", "Search your daily recordings, milestones, support needs and training.")
	if u.leaver() {
		intro = lang.X("search.intro_leaver", "Search your goals and achievements.")
	}
	v.header = container.NewVBox(heading(lang.X("nav.search", "Search")), para(intro))
	top := container.NewVBox(
		v.header,
		container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, v.entry),
		v.status,
	)
	v.root = container.New(&searchLayout{v}, container.NewPadded(top), v.list)
	return v, nil
}

// searchLayout puts the search box above the results and gives the
// results most of the page. At large text on a tablet the heading and its
// introduction would leave room for barely two results, so once there are
// results and they would get less than half the page, the heading and
// introduction give way; the search box, the count and the bar's marked
// Search button still say where the user is. With no results, all of it
// shows.
type searchLayout struct{ v *searchView }

func (l *searchLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top, list := objs[0], objs[1]
	l.v.header.Show()
	if h := top.MinSize().Height; len(l.v.hits) > 0 && size.Height-h < size.Height/2 {
		l.v.header.Hide()
	}
	h := top.MinSize().Height
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, h))
	list.Move(fyne.NewPos(0, h))
	list.Resize(fyne.NewSize(size.Width, size.Height-h))
}

// MinSize counts the heading, since it shows whenever there is room.
func (l *searchLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	top, list := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(top.Width, list.Width), top.Height+list.Height)
}

// firstFocus puts the cursor in the search box.
func (v *searchView) firstFocus() fyne.Focusable { return v.entry }

// changed starts a search for the text typed so far. The search waits for
// a pause in typing first and gives up if another key was pressed
// meanwhile, so only the latest text is searched.
func (v *searchView) changed(q string) {
	gen := v.gen.Add(1)
	if !searchable(q) {
		// Too short to search: drop any results for longer text.
		v.hits = nil
		v.root.Refresh()
		v.list.Refresh()
		v.showStatus(q)
		return
	}
	v.u.jobs.Add(1)
	go func() {
		time.Sleep(searchDelay)
		if v.gen.Load() != gen {
			v.u.jobs.Done()
			return
		}
		hits, err := v.u.a.Search(q)
		v.u.toUI(func() {
			defer v.u.jobs.Done()
			if v.gen.Load() != gen {
				return
			}
			if err != nil {
				_, message := explain("search", err)
				v.status.SetText(message)
				return
			}
			v.hits = hits
			v.root.Refresh() // the heading may give way to the results
			v.list.Refresh()
			v.list.ScrollToTop()
			v.showStatus(q)
		})
	}()
}

// minQuery is the fewest letters or digits a search needs. One letter
// matches nearly every record, says nothing about what the user wants,
// and is the slowest search there is: on 100,000 recordings the index
// must merge the entries of every word starting with that letter.
const minQuery = 2

// searchable reports whether q has enough letters or digits to search.
func searchable(q string) bool {
	n := 0
	for _, r := range q {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n >= minQuery
}

// showStatus says how many results there are, or what to do.
func (v *searchView) showStatus(q string) {
	switch {
	case strings.TrimSpace(q) == "":
		v.status.SetText(lang.X("search.prompt", "Results appear as you type."))
	case !searchable(q):
		v.status.SetText(lang.X("search.too_short", "Type at least two letters to search."))
	case len(v.hits) == 0:
		v.status.SetText(lang.X("search.none", "Nothing found. Try another word."))
	default:
		v.status.SetText(lang.X("search.count", "Results: {{.Count}}. Tap one to open it.", map[string]any{"Count": len(v.hits)}))
	}
}

func (v *searchView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(v.hits) {
		return
	}
	head, text := twoLineRow(o)
	head.SetText(hitHeading(v.hits[i], v.names))
	text.SetText(v.hits[i].Snippet)
}

// hitHeading is a result's kind, child and date.
func hitHeading(h app.Hit, names map[string]string) string {
	s := hitKindNames[h.Kind].text()
	if name := names[h.ChildID]; name != "" {
		s += " · " + name
	}
	if !h.Date.IsZero() {
		s += " · " + formatDate(h.Date)
	}
	return s
}

// openHit opens the record a result points at.
func (v *searchView) openHit(h app.Hit) {
	switch h.Kind {
	case app.HitRecording:
		v.u.open(route{page: pageRecordingForm, childID: h.ChildID, id: h.ID})
	case app.HitMilestone:
		v.u.open(milestoneRoute(h.ChildID, h.ID))
	case app.HitGoal:
		v.u.open(route{page: pageGoalForm, id: h.ID})
	case app.HitNeed:
		v.u.open(route{page: pageNeedForm, id: h.ID})
	case app.HitTraining:
		v.u.open(route{page: pageTrainingForm, id: h.ID})
	}
}
