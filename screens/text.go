package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Text helpers. Every piece of running text wraps at word boundaries,
// because with text at 200% on a 1024-pixel tablet a single line of a
// standard's title is wider than the screen, and clipped text is text a
// carer cannot read.

// heading is a page title.
func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// subheading titles a section of a page.
func subheading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// bold is emphasised body text.
func bold(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// para is body text.
func para(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// note is secondary text: hints, context and "set by your local
// authority" remarks. It is smaller but keeps the full text colour: faint
// grey text is unreadable for many older carers.
func note(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// problem is a message about something the user must fix, in the theme's
// error colour. It starts hidden and is shown by setProblem.
func problem() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Hide()
	return l
}

// setProblem shows a message on a problem label, or hides it when empty.
func setProblem(l *widget.Label, s string) {
	l.SetText(s)
	if s == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// tightLayout stacks objects like a VBox but pulls lines of text closer:
// a label already has padding of its own, and a VBox's extra gap makes a
// record's title, date and note look like three separate things.
type tightLayout struct{}

func (tightLayout) gap() float32 { return -theme.InnerPadding() / 2 }

func (l tightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + l.gap()
	}
}

func (l tightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		n++
	}
	if n > 1 {
		s.Height += float32(n-1) * l.gap()
	}
	return s
}

// tight groups lines that belong together, such as a title and its date.
func tight(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(tightLayout{}, objs...)
}

// itemCard is one record in a list: its lines on the left and the button
// that opens it on the right, so a list stays compact.
func itemCard(action *widget.Button, lines ...fyne.CanvasObject) *widget.Card {
	right := container.NewVBox(layout.NewSpacer(), action, layout.NewSpacer())
	return widget.NewCard("", "", container.NewBorder(nil, nil, nil, right, tight(lines...)))
}

// card groups related content on a raised background.
func card(objs ...fyne.CanvasObject) *widget.Card {
	return widget.NewCard("", "", container.NewVBox(objs...))
}

// page wraps a screen's content so that it scrolls rather than clips when
// the window is small or the text is large.
func page(objs ...fyne.CanvasObject) *container.Scroll {
	return container.NewVScroll(container.NewPadded(container.NewVBox(objs...)))
}

// columnLayout centres its content in a column at most about 50 characters
// of body text wide. Forms stretched across a 1280-pixel window are hard to
// read; the limit follows the text size so large text still gets its room.
type columnLayout struct{}

func (columnLayout) maxWidth() float32 { return 52 * theme.TextSize() }

func (l columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.maxWidth())
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// newTwoLineRow is the template of a row in a long list: a bold line saying
// what the item is and a line of its text. Each line is cut short with an
// ellipsis rather than wrapped, so every row has the same height and the
// list stays fast however long it is.
func newTwoLineRow() fyne.CanvasObject {
	head := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Truncation = fyne.TextTruncateEllipsis
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	return tight(head, text)
}

// twoLineRow returns the two labels of a row made by newTwoLineRow.
func twoLineRow(o fyne.CanvasObject) (head, text *widget.Label) {
	objs := o.(*fyne.Container).Objects
	return objs[0].(*widget.Label), objs[1].(*widget.Label)
}

// column is a scrolling, centred column of content: the shape of every form.
func column(objs ...fyne.CanvasObject) *container.Scroll {
	inner := container.NewPadded(container.NewVBox(objs...))
	return container.NewVScroll(container.New(columnLayout{}, inner))
}
