package screens

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// missionColours give each Mission a colour of its own on the care
// leaver's progress picture. Each is dark enough for white text on it and
// stands out on both the light and the dark theme.
var missionColours = map[app.Mission]color.NRGBA{
	app.MissionRelationships: {R: 0xc2, G: 0x18, B: 0x5b, A: 0xff},
	app.MissionEducation:     {R: 0x15, G: 0x65, B: 0xc0, A: 0xff},
	app.MissionHome:          {R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
	app.MissionWork:          {R: 0xbf, G: 0x4e, B: 0x00, A: 0xff},
	app.MissionHealth:        {R: 0x6a, G: 0x1b, B: 0x9a, A: 0xff},
}

// missionChart is the care leaver's progress drawn as a picture: for each
// Mission a coloured disc holding the number of achievements, and a bar
// filled as far as the steps of its goals are done. The words beside each
// bar say the same thing, for screen readers and for anyone who finds a
// picture harder to read than a sentence.
type missionChart struct {
	obj   *fyne.Container
	rows  map[app.Mission]*chartRow
	byKey map[app.Mission]app.MissionGoalProgress
}

// chartRow is one Mission's part of the chart.
type chartRow struct {
	count *canvas.Text
	bar   *fyne.Container
	line  *widget.Label
}

func newMissionChart(progress []app.MissionGoalProgress) *missionChart {
	c := &missionChart{obj: container.NewVBox(), rows: map[app.Mission]*chartRow{}, byKey: map[app.Mission]app.MissionGoalProgress{}}
	for _, p := range progress {
		colour := missionColours[p.Mission]
		r := &chartRow{line: para("")}
		disc := canvas.NewCircle(colour)
		r.count = canvas.NewText("", color.White)
		r.count.TextStyle = fyne.TextStyle{Bold: true}
		r.count.Alignment = fyne.TextAlignCenter
		track, fill := canvasBar(colour)
		r.bar = container.New(&barLayout{}, track, fill)
		c.rows[p.Mission] = r
		body := tight(bold(missionNames[p.Mission].text()), container.NewPadded(r.bar), r.line)
		c.obj.Add(container.NewBorder(nil, nil, container.New(discLayout{}, disc, r.count), nil, body))
		c.set(p)
	}
	return c
}

// set shows a Mission's new numbers, as when a step is ticked.
func (c *missionChart) set(p app.MissionGoalProgress) {
	r, ok := c.rows[p.Mission]
	if !ok {
		return
	}
	c.byKey[p.Mission] = p
	r.count.Text = strconv.Itoa(p.Achieved)
	r.count.Refresh()
	frac := float32(0)
	if p.StepsTotal > 0 {
		frac = float32(p.StepsDone) / float32(p.StepsTotal)
	}
	r.bar.Layout.(*barLayout).fraction = frac
	r.bar.Refresh()
	r.line.SetText(missionProgressLine(p))
}

// missionProgressLine says a Mission's progress in words: steps done out
// of all the steps ("2/3"), the number of goals and of achievements.
func missionProgressLine(p app.MissionGoalProgress) string {
	if p.Goals == 0 && p.Achieved == 0 {
		return lang.X("leaver.chart.empty", "No goals or achievements here yet.")
	}
	return lang.X("leaver.chart.line", "Steps done: {{.Done}}/{{.Total}} · Goals: {{.Goals}} · Achievements: {{.Achieved}}",
		map[string]any{"Done": p.StepsDone, "Total": p.StepsTotal, "Goals": p.Goals, "Achieved": p.Achieved})
}

// canvasBar is the track and the fill of a progress bar in a colour.
func canvasBar(colour color.Color) (track, fill *canvas.Rectangle) {
	track = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	track.StrokeColor = colour
	track.StrokeWidth = 1
	track.CornerRadius = 4
	fill = canvas.NewRectangle(colour)
	fill.CornerRadius = 4
	return track, fill
}

// discLayout draws a disc as big as a touch target with its text centred,
// and keeps it at the top of its row.
type discLayout struct{}

func (discLayout) size() float32 { return 2.75 * theme.TextSize() }

func (l discLayout) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	s := l.size()
	for _, o := range objs {
		m := o.MinSize()
		if _, ok := o.(*canvas.Circle); ok {
			m = fyne.NewSquareSize(s)
		}
		o.Resize(m)
		o.Move(fyne.NewPos((s-m.Width)/2, (s-m.Height)/2))
	}
}

func (l discLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.size()+theme.Padding(), l.size())
}

// barLayout fills its second object (the bar) to a fraction of the width
// of the first (the track).
type barLayout struct{ fraction float32 }

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	objs[1].Move(fyne.NewPos(0, 0))
	objs[1].Resize(fyne.NewSize(size.Width*min(max(l.fraction, 0), 1), size.Height))
	if l.fraction <= 0 {
		objs[1].Hide()
	} else {
		objs[1].Show()
	}
}

func (l *barLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(4*theme.TextSize(), theme.TextSize())
}
