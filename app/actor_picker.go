package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// "Working as" is chosen in a dialog of its own: a search over the
// active people of the register and a list; the change happens only when
// a person is picked and "Work as …" pressed, so a stray click or a
// scroll over a field never changes who is journalled.

// whoPicker is the body of the "Who is using CertDesk" dialog.
type whoPicker struct {
	part
	search *entry
	list   *widget.List
	info   *widget.Label
	ok     *widget.Button
	all    []certification.Person
	shown  []certification.Person
	picked certification.ID
}

// activePeople are the people one may work as: the active ones, and the
// current person even if marked inactive since.
func activePeople(people []certification.Person, current certification.ID) []certification.Person {
	var out []certification.Person
	for _, p := range people {
		if !p.Inactive || p.ID == current {
			out = append(out, p)
		}
	}
	return out
}

// chooseWho asks who is using the app; then runs with the person picked.
func (u *ui) chooseWho(people []certification.Person, then func(certification.Person)) {
	wp := &whoPicker{all: activePeople(people, u.actor.PersonID)}
	wp.search = u.newEntry()
	wp.search.SetPlaceHolder("Type part of your name")
	wp.info = widget.NewLabel("")
	wp.info.Importance = widget.LowImportance
	wp.list = widget.NewList(func() int { return len(wp.shown) }, func() fyne.CanvasObject {
		name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		roles := widget.NewLabel("")
		roles.Truncation = fyne.TextTruncateEllipsis
		roles.SizeName = theme.SizeNameCaptionText
		return container.NewVBox(name, roles)
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id >= len(wp.shown) {
			return
		}
		p := wp.shown[id]
		box := o.(*fyne.Container)
		name := p.Name
		if p.Email != "" {
			name += " <" + p.Email + ">"
		}
		box.Objects[0].(*widget.Label).SetText(name)
		box.Objects[1].(*widget.Label).SetText("Roles: " + rolesText(p.Roles))
	})
	var d *dialog.CustomDialog
	wp.ok = widget.NewButtonWithIcon("Work as…", theme.ConfirmIcon(), func() {
		for _, p := range wp.all {
			if p.ID == wp.picked && p.ID != 0 {
				d.Hide()
				then(p)
				return
			}
		}
	})
	wp.ok.Importance = widget.HighImportance
	wp.ok.Disable()
	wp.list.OnSelected = func(id widget.ListItemID) {
		if id < len(wp.shown) {
			wp.pick(wp.shown[id])
		}
	}
	wp.search.OnChanged = func(string) { wp.filter() }
	wp.search.OnSubmitted = func(string) {
		if len(wp.shown) == 1 {
			wp.list.Select(0)
		}
	}
	wp.filter()
	body := container.NewBorder(container.NewVBox(wp.search, wp.info), nil, nil, nil, wp.list)
	d = dialog.NewCustomWithoutButtons("Who is using CertDesk", wp.as(wp, body), u.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() }), wp.ok})
	u.openDialog(d, 560, 520)
	u.win.Canvas().Focus(wp.search)
}

// filter shows the people whose name or e-mail holds the search text.
func (wp *whoPicker) filter() {
	q := certification.Fold(wp.search.Text)
	wp.shown = wp.shown[:0]
	for _, p := range wp.all {
		if q == "" || strings.Contains(certification.Fold(p.Name+" "+p.Email), q) {
			wp.shown = append(wp.shown, p)
		}
	}
	wp.list.UnselectAll()
	wp.pick(certification.Person{})
	wp.info.SetText(countText(len(wp.shown), "person") + ": choose yourself, then Work as")
	wp.list.Refresh()
}

// pick marks p as the one to work as (zero: nobody yet).
func (wp *whoPicker) pick(p certification.Person) {
	wp.picked = p.ID
	if p.ID == 0 {
		wp.ok.SetText("Work as…")
		wp.ok.Disable()
		return
	}
	wp.ok.SetText("Work as " + p.Name)
	wp.ok.Enable()
}
