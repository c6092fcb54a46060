package screens

import (
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/translations"
)

// languageNames are each language's name in itself, so a Welsh speaker
// finds "Cymraeg" whatever language the screen is in now.
var languageNames = map[string]msg{
	"en": {"language.en", "English"},
	"cy": {"language.cy", "Cymraeg"},
}

// languageRadio offers the languages, each named in itself, with current
// chosen. chosen is called with a newly chosen language's code.
func languageRadio(current string, chosen func(code string)) *widget.RadioGroup {
	var labels []string
	for _, code := range app.Languages {
		labels = append(labels, languageNames[code].text())
	}
	r := widget.NewRadioGroup(labels, nil)
	r.Required = true
	for i, code := range app.Languages {
		if code == current {
			r.SetSelected(labels[i])
		}
	}
	r.OnChanged = func(s string) {
		for i, l := range labels {
			if l == s && app.Languages[i] != current {
				chosen(app.Languages[i])
			}
		}
	}
	return r
}

// applyLanguage makes every later lang.X call answer in the chosen
// language.
//
// Fyne has no call to set the language: it matches the system locale
// against the languages it has messages for, and when a key is missing in
// the matched language it falls back to English ("en"). Our keys exist only
// under the tags we load, so loading the chosen language's messages under
// both "en" and "cy" means that whichever of the two the localizer lands on
// (and the "en" fallback used for any other system locale) answers in the
// user's choice.
//
// Loading a language takes a few milliseconds, so one already loaded is
// not loaded again: Open loads the first language off the UI thread while
// the window is made, and Show then finds it loaded.
func applyLanguage(code string) error {
	loaded.Lock()
	defer loaded.Unlock()
	if loaded.code == code {
		return nil
	}
	data, err := translations.Messages(code)
	if err != nil {
		return fmt.Errorf("apply language %q: %w", code, err)
	}
	loaded.code = ""
	for _, l := range []fyne.Locale{"en", "cy"} {
		if err := lang.AddTranslationsForLocale(data, l); err != nil {
			return fmt.Errorf("apply language %q: %w", code, err)
		}
	}
	loaded.code = code
	return nil
}

// loaded is the language whose messages Fyne has, for applyLanguage.
var loaded struct {
	sync.Mutex
	code string
}

// startLanguage is the language to show: the user's choice (a is nil
// before a profile is open), or at first
// run Welsh on a Welsh-language system and English otherwise, so Welsh
// speakers are offered Welsh without having to ask.
func startLanguage(a *app.App) string {
	if a != nil {
		if code := a.Language(); code != "" {
			return code
		}
	}
	if strings.HasPrefix(string(lang.SystemLocale()), "cy") {
		return "cy"
	}
	return "en"
}
