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
// (at least 44 pixels high: the inner padding of 12 makes a one-line
// button, entry or radio button 46) on a tablet.
//
// The high-contrast choice is black on white with strong outlines, for
// readers who find Fyne's soft greys hard to tell apart.
type hearthTheme struct {
	variant  fyne.ThemeVariant
	scale    float32
	contrast bool
}

var _ fyne.Theme = hearthTheme{}

// newTheme builds the theme from the app's stored settings.
func newTheme(a *app.App) hearthTheme {
	t := hearthTheme{variant: theme.VariantLight, scale: float32(a.TextScale())}
	switch a.Theme() {
	case app.ThemeDark:
		t.variant = theme.VariantDark
	case app.ThemeContrast:
		t.contrast = true
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
	theme.SizeNameInnerPadding:   12,
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

// focusColor marks the control the keyboard is on, in every look: a strong
// blue, so the focus is easy to follow (3:1 against the background, and
// black or white text on it stays readable).
var focusColor = color.NRGBA{R: 0x00, G: 0x50, B: 0xc8, A: 0xb0}

// highContrast are the colours of the high-contrast look, over light. Every
// control's edge is at least 3:1 against white and all text at least 7:1.
var highContrast = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:          color.White,
	theme.ColorNameForeground:          color.Black,
	theme.ColorNameInputBackground:     color.White,
	theme.ColorNameInputBorder:         color.Black,
	theme.ColorNamePlaceHolder:         color.NRGBA{R: 0x40, G: 0x40, B: 0x40, A: 0xff},
	theme.ColorNameDisabled:            color.NRGBA{R: 0x59, G: 0x59, B: 0x59, A: 0xff},
	theme.ColorNameDisabledButton:      color.NRGBA{R: 0xd0, G: 0xd0, B: 0xd0, A: 0xff},
	theme.ColorNameButton:              color.NRGBA{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff},
	theme.ColorNameSeparator:           color.Black,
	theme.ColorNamePrimary:             color.NRGBA{R: 0x00, G: 0x3a, B: 0x99, A: 0xff},
	theme.ColorNameForegroundOnPrimary: color.White,
	theme.ColorNameHyperlink:           color.NRGBA{R: 0x00, G: 0x3a, B: 0x99, A: 0xff},
	theme.ColorNameError:               color.NRGBA{R: 0xa8, G: 0x00, B: 0x00, A: 0xff},
	theme.ColorNameForegroundOnError:   color.White,
	theme.ColorNameSuccess:             color.NRGBA{R: 0x00, G: 0x5c, B: 0x00, A: 0xff},
	theme.ColorNameForegroundOnSuccess: color.White,
	theme.ColorNameWarning:             color.NRGBA{R: 0x7a, G: 0x45, B: 0x00, A: 0xff},
	theme.ColorNameForegroundOnWarning: color.White,
	theme.ColorNameHover:               color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0x30},
	theme.ColorNamePressed:             color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0x50},
	theme.ColorNameSelection:           color.NRGBA{R: 0x99, G: 0xbb, B: 0xff, A: 0xff},
	theme.ColorNameScrollBar:           color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0xcc},
	theme.ColorNameHeaderBackground:    color.NRGBA{R: 0xe0, G: 0xe0, B: 0xe0, A: 0xff},
	theme.ColorNameMenuBackground:      color.White,
	theme.ColorNameOverlayBackground:   color.White,
	theme.ColorNameShadow:              color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0x99},
}

func (t hearthTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameFocus {
		return focusColor
	}
	if t.contrast {
		if c, ok := highContrast[n]; ok {
			return c
		}
		return theme.DefaultTheme().Color(n, theme.VariantLight)
	}
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
