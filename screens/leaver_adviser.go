package screens

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearth-app/hearth/app"
)

// adviserPage keeps the care leaver's personal adviser's name and contact
// details, and the date of their last pathway plan review.
type adviserPage struct {
	base
	u       *UI
	p       app.LeaverProfile
	form    *form
	name    *widget.Entry
	contact *widget.Entry
	review  *dateField
	next    *widget.Label
	saved   *widget.Label
	save    *widget.Button
}

func (u *UI) newAdviserPage() (screen, error) {
	p, err := u.a.LeaverProfile()
	if err != nil {
		return nil, err
	}
	v := &adviserPage{u: u, p: p, form: newForm(), name: entry(p.AdviserName), contact: multiline(p.AdviserContact, 2),
		review: newDateField(u.w, "pathway_review", p.PathwayReviewDate), next: para("")}
	f := v.form
	f.add(para(lang.X("adviser.intro", "Your personal adviser is there to help you until you are 25. Keep their details here so they are easy to find.")))
	f.field("", lang.X("adviser.name", "Your personal adviser's name"), "", v.name)
	f.field("", lang.X("adviser.contact", "How to contact them"), lang.X("adviser.contact_hint", "A phone number or email address, as they gave it to you."), v.contact)
	f.field("pathway_review", lang.X("adviser.review", "Date of your last pathway plan review"),
		lang.X("adviser.review_hint", "Your pathway plan is the plan you make with your personal adviser for your future. It should be reviewed at least every 6 months. Leave this empty if you don't know."), v.review.obj)
	f.add(v.next)
	v.saved = widget.NewLabel("")
	v.saved.Importance = widget.SuccessImportance
	v.save = primary(lang.X("action.save", "Save"), theme.DocumentSaveIcon(), v.submit)
	f.actions(v.save, v.saved)
	v.showNext()
	v.root = f.page(lang.X("nav.adviser", "My adviser"))
	return v, nil
}

// showNext says when the next pathway plan review is due.
func (v *adviserPage) showNext() {
	items, err := v.u.a.LeaverComingUp()
	if err != nil {
		_, message := explain("coming up", err)
		v.next.SetText(message)
		return
	}
	v.next.SetText("")
	for _, it := range items {
		if it.Kind == app.UpcomingPathwayReview {
			v.next.SetText(lang.X("adviser.next_review", "Your next review is due by {{.Date}} ({{.Left}}).",
				map[string]any{"Date": formatDate(it.Due), "Left": daysLeft(it.DaysLeft)}))
		}
	}
}

// submit saves the details, or shows why not.
func (v *adviserPage) submit() {
	p := v.p
	p.AdviserName, p.AdviserContact = v.name.Text, v.contact.Text
	v.saved.SetText("")
	err := readDates(dateInto{v.review, &p.PathwayReviewDate})
	if err == nil {
		err = v.u.a.SaveLeaverProfile(&p)
	}
	if err != nil {
		v.form.fail("save adviser", err)
		return
	}
	v.p = p
	v.form.clear()
	v.showNext()
	v.saved.SetText(lang.X("settings.saved", "Saved."))
}
