package screens

import (
	"encoding/json"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/hearth-app/hearth/app"
	"github.com/hearth-app/hearth/translations"
)

func TestSearchFindsRecordingAsYouType(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	c := addChild(t, a, "Jayden")
	for _, text := range []string{"Quiet day at home.", "Football training after school, scored twice."} {
		r := app.Recording{ChildID: c.ID, Day: time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC), Text: text}
		if err := a.SaveRecording(&r); err != nil {
			t.Fatal(err)
		}
	}
	u := newUI(t, a)
	test.Tap(u.nav[pageSearch])
	s := view[*searchView](t, u)
	mustShow(t, u, "Results appear as you type.")

	test.Type(s.entry, "footb")
	waitIdle(t, u)
	if len(s.hits) != 1 || s.hits[0].Kind != app.HitRecording {
		t.Fatalf("hits %+v", s.hits)
	}
	mustShow(t, u, "Daily recording · Jayden · 10/06/2025")
	mustShow(t, u, "Results: 1.")

	test.Type(s.entry, "zzz")
	waitIdle(t, u)
	if len(s.hits) != 0 {
		t.Fatalf("hits for footbzzz: %+v", s.hits)
	}
	mustShow(t, u, "Nothing found.")

	s.entry.SetText("football")
	waitIdle(t, u)
	s.list.Select(0)
	f := view[*recordingForm](t, u)
	if f.text.Text != "Football training after school, scored twice." {
		t.Fatalf("opened %q", f.text.Text)
	}
}

// cyText is the Welsh for a key when cy.json has it; until the Welsh
// translation lands, the switch falls back to English, which is what the
// user would then see.
func cyText(t *testing.T, key, en string) string {
	t.Helper()
	raw, err := translations.Messages("cy")
	if err != nil {
		t.Fatal(err)
	}
	var cy map[string]string
	if err := json.Unmarshal(raw, &cy); err != nil {
		t.Fatal(err)
	}
	if s, ok := cy[key]; ok && s != "" {
		return s
	}
	return en
}

func TestSwitchToWelshAndBack(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	addChild(t, a, "Jay")
	u := newUI(t, a)
	test.Tap(u.nav[pageSettings])
	s := view[*settingsView](t, u)
	s.language.SetSelected("Cymraeg")

	if a.Language() != "cy" {
		t.Fatalf("stored language %q", a.Language())
	}
	view[*settingsView](t, u) // still on Settings after the switch
	test.Tap(u.nav[pageHome])
	mustShow(t, u, cyText(t, "dashboard.missions", "The five Missions"))
	mustShow(t, u, cyText(t, "nav.children", "Children"))
	mustShow(t, u, "Jay")

	test.Tap(u.nav[pageSettings])
	view[*settingsView](t, u).language.SetSelected("English")
	test.Tap(u.nav[pageHome])
	mustShow(t, u, "The five Missions")
	if a.Language() != "en" {
		t.Fatalf("stored language %q", a.Language())
	}
	if cs, _ := a.Children(); len(cs) != 1 {
		t.Fatal("switching language lost a child")
	}
}

func TestApplyLanguageReplacesMessages(t *testing.T) {
	t.Cleanup(func() { _ = applyLanguage("en") })
	test.NewTempApp(t)
	label := para("")
	show := func() { label.SetText(msg{"nav.home", "Home"}.text()) }
	if err := applyLanguage("cy"); err != nil {
		t.Fatal(err)
	}
	show()
	if want := cyText(t, "nav.home", "Home"); label.Text != want {
		t.Fatalf("in Welsh the label says %q, want %q", label.Text, want)
	}
	if err := applyLanguage("en"); err != nil {
		t.Fatal(err)
	}
	show()
	if label.Text != "Home" {
		t.Fatalf("back in English the label says %q", label.Text)
	}
	if err := applyLanguage("xx"); err == nil {
		t.Fatal("an unknown language should be an error")
	}
}

func TestThemeAndTextSizeApplyAtOnce(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	base := u.fa.Settings().Theme().Size(theme.SizeNameText)
	test.Tap(u.nav[pageSettings])
	s := view[*settingsView](t, u)
	s.size.SetSelected("200%")
	if a.TextScale() != 2 {
		t.Fatalf("stored text scale %v", a.TextScale())
	}
	if got := u.fa.Settings().Theme().Size(theme.SizeNameText); got != 2*base {
		t.Fatalf("text size %v after choosing 200%%, want %v", got, 2*base)
	}
	choose(t, s.theme, app.ThemeDark)
	if a.Theme() != app.ThemeDark {
		t.Fatalf("stored theme %q", a.Theme())
	}
	th := u.fa.Settings().Theme()
	if th.Color(theme.ColorNameBackground, theme.VariantLight) != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Fatal("the dark theme is not applied")
	}
}

func TestSettingsEditHousehold(t *testing.T) {
	a := newApp(t)
	setUp(t, a, app.KindFoster)
	u := newUI(t, a)
	test.Tap(u.nav[pageSettings])
	s := view[*settingsView](t, u)
	s.approval.entry.SetText("01/01/2030")
	test.Tap(s.save)
	mustShow(t, u, "The approval date can't be in the future.")
	s.approval.entry.SetText("01/04/2025")
	s.name2.SetText("Jo Carer")
	test.Tap(s.save)
	mustShow(t, u, "Saved.")
	h, err := a.Household()
	if err != nil || len(h.Carers) != 2 || h.Carers[1].Name != "Jo Carer" || !h.ApprovalDate.Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("household %+v, %v", h, err)
	}
	choose(t, s.kind, app.KindSpecialGuardian)
	if s.approval.obj.Visible() && s.form.box.Visible() && shows(u, "Approval date") {
		t.Fatal("special guardians have no approval date to edit")
	}
}
