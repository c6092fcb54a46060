package screens

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// eraseCard is the Settings card for deleting for good: one child's
// records, or this whole profile. Each asks first, in words that say what
// goes and that it cannot be undone.
func (u *UI) eraseCard() fyne.CanvasObject {
	done := widget.NewLabel("")
	done.Importance = widget.SuccessImportance
	problem := problem()
	objs := []fyne.CanvasObject{
		subheading(lang.X("erase.title", "Delete records for good")),
		note(lang.X("erase.intro", "Deleted records are overwritten on this computer, so they cannot be brought back. This does not delete what your local authority already holds.")),
	}
	if !u.leaver() {
		kids, err := u.a.Children()
		if err != nil {
			_, m := explain("list children", err)
			setProblem(problem, m)
		}
		for _, c := range kids {
			name := app.DisplayName(c)
			id := c.ID
			row := container.NewHBox()
			row.Add(dangerButton(lang.X("erase.child", "Delete everything about {{.Name}}", map[string]any{"Name": name}), func() {
				confirmDelete(u.w, lang.X("erase.child_question", "Delete {{.Name}} and all their milestones, photos, daily recordings and support needs from this computer? This can't be undone.", map[string]any{"Name": name}), func() {
					if err := u.a.EraseChild(id); err != nil {
						_, m := explain("erase child", err)
						setProblem(problem, m)
						return
					}
					row.Hide()
					setProblem(problem, "")
					done.SetText(lang.X("erase.child_done", "{{.Name}}'s records were deleted.", map[string]any{"Name": name}))
				})
			}))
			objs = append(objs, row)
		}
	}
	if u.profiles != nil {
		objs = append(objs, widget.NewSeparator(), container.NewHBox(dangerButton(lang.X("erase.profile", "Delete this whole profile"), func() {
			u.confirmDeleteProfile(problem)
		})))
	}
	return card(append(objs, problem, done)...)
}

// confirmDeleteProfile asks before the profile goes and, when it has an
// app lock, for its PIN or passphrase too.
func (u *UI) confirmDeleteProfile(problem *widget.Label) {
	question := lang.X("erase.profile_question", "Delete this profile and every record in it from this computer, and its key from the keychain? Nobody will be able to open it again, unless you have a backup. This can't be undone.")
	if !u.a.LockEnabled() {
		confirmDelete(u.w, question, func() { u.deleteProfile("", problem) })
		return
	}
	current := widget.NewPasswordEntry()
	content := container.NewVBox(para(question), bold(lang.X("lock.current", "Your PIN or passphrase now")), current)
	d := dialog.NewCustomConfirm(lang.X("delete.title", "Delete?"), lang.X("action.delete", "Delete"), lang.X("action.keep", "Keep it"), content, func(ok bool) {
		if ok {
			u.deleteProfile(current.Text, problem)
		}
	}, u.w)
	d.Show()
	u.w.Canvas().Focus(current)
}

// deleteProfile erases the open profile and goes on as Hearth starts:
// first-run setup when no profile is left, the picker otherwise. A wrong
// PIN or passphrase leaves the profile open and says so.
func (u *UI) deleteProfile(current string, problem *widget.Label) {
	var err error
	u.background(func() { err = u.a.DeleteProfile(current) }, func() {
		var ue *app.UserError
		if errors.As(err, &ue) {
			_, m := lockProblem("delete profile", err)
			setProblem(problem, m)
			return
		}
		// The profile is closed either way: DeleteProfile closes it first.
		u.a, u.view, u.body, u.cur = nil, nil, nil, route{}
		if err != nil {
			_, m := explain("delete profile", err)
			u.showPickerWith(m)
			return
		}
		list, err := app.ListProfiles(u.profiles.Root)
		if err == nil && len(list) == 0 {
			u.addProfile()
			return
		}
		u.showPicker()
	})
}
