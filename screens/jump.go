package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// jumpSection is one part of a long page, with the title the page's "Go
// to" chooser shows for it.
type jumpSection struct {
	title string
	obj   fyne.CanvasObject
}

// cardSection is a card headed by title, as a section the chooser can
// jump to under the same title.
func cardSection(title string, objs ...fyne.CanvasObject) jumpSection {
	return jumpSection{title, card(append([]fyne.CanvasObject{subheading(title)}, objs...)...)}
}

// jumpChooser makes sel a one-line "Go to a section" chooser for a long
// page. Settings has grown to a dozen cards; on a tablet at 200% text the
// local authority or backup card is many screens down, and scrolling by
// thumb to find it is slow for the people Hearth is for. A chooser takes
// one row, works by touch and keyboard, and leaves every card where it is.
func jumpChooser(sel *widget.Select, scroll *container.Scroll, sections []jumpSection) {
	for _, s := range sections {
		sel.Options = append(sel.Options, s.title)
	}
	sel.PlaceHolder = lang.X("settings.jump", "Go to a section…")
	sel.OnChanged = func(title string) {
		for _, s := range sections {
			if s.title == title {
				// Cards sit in a padded box inside the scroll.
				scroll.ScrollToOffset(fyne.NewPos(0, s.obj.Position().Y+theme.Padding()))
				return
			}
		}
	}
	sel.Refresh()
}
