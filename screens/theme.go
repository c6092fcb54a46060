package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hearth-app/hearth/app"
)

// hearthTheme is Fyne's default look with the user's two choices forced on
// it. The variant is fixed rather than following the system, because a
// shared family PC's setting belongs to whoever set it. Text and icons are
// scaled from 100% to 200% for carers with low vision, and the base sizes
// are a little larger than Fyne's so buttons are comfortable touch targets
// (about 44 pixels) on a tablet.
type hearthTheme struct {
	variant fyne.ThemeVariant
	scale   float32
}

var _ fyne.Theme = hearthTheme{}

// newTheme builds the theme from the app's stored settings.
func newTheme(a *app.App) hearthTheme {
	t := hearthTheme{variant: theme.VariantLight, scale: float32(a.TextScale())}
	if a.Theme() == app.ThemeDark {
		t.variant = theme.VariantDark
	}
	return t
}

// baseSizes are Hearth's sizes at 100%, where they differ from Fyne's.
var baseSizes = map[fyne.ThemeSizeName]float32{
	theme.SizeNameText:           16,
	theme.SizeNameHeadingText:    26,
	theme.SizeNameSubHeadingText: 20,
	theme.SizeNameCaptionText:    14,
	theme.SizeNameInlineIcon:     22,
	theme.SizeNameInnerPadding:   10,
}

// scaled lists the sizes that grow with the text-size setting: text, the
// icons beside it, and the padding inside controls so text never touches a
// button's edge.
var scaled = map[fyne.ThemeSizeName]bool{
	theme.SizeNameText:           true,
	theme.SizeNameHeadingText:    true,
	theme.SizeNameSubHeadingText: true,
	theme.SizeNameCaptionText:    true,
	theme.SizeNameInlineIcon:     true,
	theme.SizeNameInnerPadding:   true,
	theme.SizeNameLineSpacing:    true,
}

// contrast overrides the colours of Fyne's default theme that are too faint
// for many older readers: mid-grey body text, and the near-invisible
// outlines of empty check boxes, radio buttons and entries (WCAG asks for
// 3:1 against the background for the edges of controls).
var contrast = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameForeground:  color.NRGBA{R: 0x1f, G: 0x1f, B: 0x1f, A: 0xff},
		theme.ColorNameInputBorder: color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff},
	},
	theme.VariantDark: {
		theme.ColorNameInputBorder: color.NRGBA{R: 0x8f, G: 0x8f, B: 0x8f, A: 0xff},
		theme.ColorNamePlaceHolder: color.NRGBA{R: 0xa8, G: 0xa8, B: 0xa8, A: 0xff},
	},
}

func (t hearthTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if c, ok := contrast[t.variant][n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, t.variant)
}

func (t hearthTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t hearthTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t hearthTheme) Size(n fyne.ThemeSizeName) float32 {
	s, ok := baseSizes[n]
	if !ok {
		s = theme.DefaultTheme().Size(n)
	}
	if scaled[n] {
		s *= t.scale
	}
	return s
}
