package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// Profiles is the root data folder that holds every profile on this
// computer, and how to open one. With it the UI can show a profile picker,
// add a profile and switch between profiles: one profile is open at a
// time, and each has its own data key, so one never sees another's records.
type Profiles struct {
	Root string
	Open func(dir string) (*app.App, error)
}

// profileKindNames say whose a profile is without saying who: names are
// encrypted and cannot be shown before the profile is unlocked.
var profileKindNames = map[app.ProfileKind]msg{
	app.ProfileCarer:      {"profiles.kind.carer", "Carer profile"},
	app.ProfileCareLeaver: {"profiles.kind.care_leaver", "Care leaver profile"},
	"":                    {"profiles.kind.new", "New profile (not set up yet)"},
}

// UseProfiles lets the UI add and switch profiles in p.Root.
func (u *UI) UseProfiles(p Profiles) { u.profiles = &p }

// Close closes the open profile, if any.
func (u *UI) Close() error {
	if u.a == nil {
		return nil
	}
	err := u.a.Close()
	u.a = nil
	return err
}

// pickerView lets the user choose a profile.
type pickerView struct {
	list    []app.ProfileInfo
	buttons []*widget.Button
	add     *widget.Button
	problem *widget.Label
}

// showPicker closes the open profile and lists the profiles to choose
// from. It shows each profile's kind only: everything else is locked.
func (u *UI) showPicker() { u.showPickerWith("") }

func (u *UI) showPickerWith(message string) {
	if err := u.Close(); err != nil {
		_, message = explain("close profile", err)
	}
	u.onboard, u.unlock, u.view = nil, nil, nil
	u.redraw = func() { u.showPickerWith(message) }
	v := &pickerView{problem: problem()}
	u.picker = v
	setProblem(v.problem, message)
	list, err := app.ListProfiles(u.profiles.Root)
	if err != nil {
		_, m := explain("list profiles", err)
		setProblem(v.problem, m)
	}
	v.list = list
	objs := []fyne.CanvasObject{
		heading(lang.X("profiles.title", "Choose your profile")),
		para(lang.X("profiles.intro", "Each person who uses Hearth on this computer has their own profile, locked with its own key. Nobody can see another profile's records.")),
		languageRadio(u.lang, func(code string) {
			u.useLanguage(code)
			u.redraw()
		}),
	}
	seen := map[app.ProfileKind]int{}
	for _, p := range list {
		seen[p.Kind]++
		label := profileKindNames[p.Kind].text()
		if n := countKind(list, p.Kind); n > 1 {
			label = lang.X("profiles.numbered", "{{.Kind}} (number {{.Number}})", map[string]any{"Kind": label, "Number": seen[p.Kind]})
		}
		dir := p.Dir
		b := widget.NewButtonWithIcon(label, theme.AccountIcon(), func() { u.openProfile(dir) })
		b.Alignment = widget.ButtonAlignLeading
		v.buttons = append(v.buttons, b)
		objs = append(objs, b)
	}
	v.add = widget.NewButtonWithIcon(lang.X("profiles.add", "Add another profile"), theme.ContentAddIcon(), u.addProfile)
	objs = append(objs, v.problem, widget.NewSeparator(), container.NewHBox(v.add))
	u.w.SetContent(column(objs...))
}

// countKind counts the profiles of one kind.
func countKind(list []app.ProfileInfo, k app.ProfileKind) int {
	n := 0
	for _, p := range list {
		if p.Kind == k {
			n++
		}
	}
	return n
}

// openProfile closes the open profile and opens the one in dir, rebuilding
// the window for it: its language, its theme and its first screen.
func (u *UI) openProfile(dir string) {
	if err := u.Close(); err != nil {
		_, message := explain("close profile", err)
		u.showPickerWith(message)
		return
	}
	a, err := u.profiles.Open(dir)
	if err != nil {
		_, message := explain("open profile", err)
		u.showPickerWith(message)
		return
	}
	u.a, u.picker, u.cur, u.view = a, nil, route{}, nil
	u.useLanguage(startLanguage(a))
	u.applyTheme()
	u.start()
}

// addProfile makes a new, empty profile and starts its first-run setup.
func (u *UI) addProfile() {
	dir, err := app.NewProfileDir(u.profiles.Root)
	if err != nil {
		_, message := explain("add profile", err)
		u.showPickerWith(message)
		return
	}
	u.openProfile(dir)
}

// canSwitch reports whether there is another profile to switch to.
func (u *UI) canSwitch() bool {
	if u.profiles == nil {
		return false
	}
	list, err := app.ListProfiles(u.profiles.Root)
	return err == nil && len(list) > 1
}

// switchButton goes back to the profile picker.
func (u *UI) switchButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.X("profiles.switch", "Switch profile"), theme.LogoutIcon(), u.showPicker)
}

// otherProfiles offers the way back to the picker on the screens before a
// profile is open (unlock, first-run setup), for whoever chose the wrong
// one; it is empty when there is no other profile.
func (u *UI) otherProfiles() fyne.CanvasObject {
	if !u.canSwitch() {
		return widget.NewLabel("")
	}
	return container.NewVBox(widget.NewSeparator(), container.NewHBox(u.switchButton()))
}

// profilesCard is the Settings card for adding and switching profiles.
func (u *UI) profilesCard() fyne.CanvasObject {
	if u.profiles == nil {
		return nil
	}
	add := widget.NewButtonWithIcon(lang.X("profiles.add", "Add another profile"), theme.ContentAddIcon(), u.addProfile)
	return card(subheading(lang.X("profiles.settings", "Profiles")),
		note(lang.X("profiles.settings_hint", "Add a profile for someone else who uses this computer, such as a care leaver living with a carer. Each profile has its own records and its own key.")),
		container.NewVBox(container.NewHBox(add), container.NewHBox(u.switchButton())))
}
