package app

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

type siteRow struct {
	code, name, address, personnel *entry
	central                        *widget.Check
	remove                         *widget.Button
}

type contactRow struct {
	name, role, email, phone *entry
	remove                   *widget.Button
}

type systemRow struct {
	name, purpose *entry
	risk          *widget.Select
	personal      *widget.Check
	autonomy      *widget.Select
	remove        *widget.Button
}

func (f *clientForm) newSite(s certification.Site) *siteRow {
	r := &siteRow{code: f.u.newEntry(), name: f.u.newEntry(), address: f.u.newEntry(), personnel: f.u.newEntry()}
	r.code.SetText(s.Code)
	r.code.SetPlaceHolder("HQ")
	r.code.Validator = required("a site code")
	r.name.SetText(s.Name)
	r.address.SetText(s.Address)
	r.address.Validator = required("the site's address")
	if s.Personnel > 0 {
		r.personnel.SetText(strconv.Itoa(s.Personnel))
	}
	r.personnel.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < 0 {
			return errors.New("a whole number")
		}
		return nil
	}
	r.central = widget.NewCheck("", nil)
	r.central.SetChecked(s.Central)
	r.central.OnChanged = func(on bool) {
		if on { // one central function: the others are not
			for _, o := range f.sites {
				if o != r && o.central.Checked {
					o.central.SetChecked(false)
				}
			}
		}
		f.validate()
	}
	r.remove = removeRowButton(f, &f.sites, r)
	f.validateOnChange(r.code, r.name, r.address, r.personnel)
	f.sites = append(f.sites, r)
	return r
}

func (f *clientForm) newContact(c certification.Contact) *contactRow {
	r := &contactRow{name: f.u.newEntry(), role: f.u.newEntry(), email: f.u.newEntry(), phone: f.u.newEntry()}
	r.name.SetText(c.Name)
	r.name.Validator = required("a name")
	r.role.SetText(c.Role)
	r.role.SetPlaceHolder("e.g. Quality manager")
	r.email.SetText(c.Email)
	r.phone.SetText(c.Phone)
	r.remove = removeRowButton(f, &f.contacts, r)
	f.validateOnChange(r.name, r.role, r.email, r.phone)
	f.contacts = append(f.contacts, r)
	return r
}

func (f *clientForm) newSystem(s certification.AISystem) *systemRow {
	r := &systemRow{name: f.u.newEntry(), purpose: f.u.newEntry()}
	r.name.SetText(s.Name)
	r.name.Validator = required("a name")
	r.purpose.SetText(s.Purpose)
	r.purpose.SetPlaceHolder("what it does")
	var risks, autos []string
	for _, c := range certification.RiskClasses {
		risks = append(risks, c.Label())
	}
	for _, a := range certification.Autonomies {
		autos = append(autos, a.Label())
	}
	r.risk = widget.NewSelect(risks, nil)
	if i := slices.Index(certification.RiskClasses, s.RiskClass); i >= 0 {
		r.risk.SetSelectedIndex(i)
	}
	r.personal = widget.NewCheck("", nil)
	r.personal.SetChecked(s.PersonalData)
	r.autonomy = widget.NewSelect(autos, nil)
	if i := slices.Index(certification.Autonomies, s.Autonomy); i >= 0 {
		r.autonomy.SetSelectedIndex(i)
	}
	r.risk.OnChanged = func(string) { f.validate() }
	r.autonomy.OnChanged = func(string) { f.validate() }
	r.personal.OnChanged = func(bool) { f.validate() }
	r.remove = removeRowButton(f, &f.systems, r)
	f.validateOnChange(r.name, r.purpose)
	f.systems = append(f.systems, r)
	return r
}

// removeRowButton is a row's delete button: it drops r from rows and lays
// the rows out again.
func removeRowButton[R comparable](f *clientForm, rows *[]R, r R) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		*rows = slices.DeleteFunc(*rows, func(o R) bool { return o == r })
		f.layoutRows()
	})
	b.Importance = widget.LowImportance
	return b
}

// validateOnChange revalidates the form whenever one of the entries changes.
func (f *clientForm) validateOnChange(entries ...*entry) {
	for _, e := range entries {
		e.OnChanged = func(string) { f.validate() }
	}
}

// layoutRows rebuilds the row editors after a row was added or removed.
func (f *clientForm) layoutRows() {
	f.sitesBox.Objects = nil
	for _, r := range f.sites {
		f.sitesBox.Add(container.New(&gridColumns{widths: siteWidths}, r.code, r.name, r.address, r.personnel, r.central, r.remove))
	}
	f.contactBox.Objects = nil
	for _, r := range f.contacts {
		f.contactBox.Add(container.New(&gridColumns{widths: contactWidths}, r.name, r.role, r.email, r.phone, r.remove))
	}
	f.systemBox.Objects = nil
	for _, r := range f.systems {
		f.systemBox.Add(container.New(&gridColumns{widths: systemWidths}, r.name, r.purpose, r.risk, r.personal, r.autonomy, r.remove))
	}
	// The rows changed height: lay the whole form out again.
	if f.bodyBox != nil {
		f.bodyBox.Refresh()
		f.scroll.Refresh()
	}
	f.validate()
}
