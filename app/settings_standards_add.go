package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/storage/catalogfile"
)

// The form that adds a standard from the catalogue file read: its name
// (a CISO Assistant library suggests one) and where its audit time
// comes from.

// timeTableChoices label catalogue.TimeTables, in order.
var timeTableChoices = []string{"IAF MD 5 quality-management table (as ISO 9001)", "Set by hand for each audit (no table minimum)"}

func (p *standardsPane) showAddForm(f catalogfile.File) { p.showForm(f, timeTableChoices[0]) }

// showForm is the form for f with the audit-time choice chosen.
func (p *standardsPane) showForm(f catalogfile.File, chosen string) {
	u := p.s.u
	name := u.newEntry()
	name.SetText(f.Name)
	name.SetPlaceHolder("ISO 14001:2015")
	name.Validator = func(s string) error { return catalogue.CheckName(strings.TrimSpace(s)) }
	table := widget.NewRadioGroup(timeTableChoices, nil)
	table.Required = true
	table.SetSelected(chosen)
	cat, _ := catalogue.New("the file", f.Items) // read and checked by catalogfile.Items
	what := fmt.Sprintf("%d lines from %s", len(f.Items), f.Source)
	if cat != nil {
		what = fmt.Sprintf("%d clauses and %d controls from %s", len(cat.Clauses()), len(cat.Controls()), f.Source)
	}
	read := widget.NewLabel(what)
	read.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		{Text: "Catalogue", Widget: read},
		{Text: "Name", Widget: name, HintText: "The standard with its edition, as certificates print it."},
		{Text: "Audit time", Widget: table},
	}
	u.formDialog("Add a standard", "Add", items, func() {
		b := certification.BodyStandard{Name: certification.Standard(strings.TrimSpace(name.Text)), Table: catalogue.TableQMS, Source: f.Source, Items: f.Items}
		if table.Selected == timeTableChoices[1] {
			b.Table = catalogue.TableNone
		}
		p.define(b, table.Selected)
	}, fyne.NewSize(560, 320))
}

// define adds b off the UI goroutine. A refusal comes back over the form
// as it was filled in (chosen: its audit-time choice), so nothing is lost.
func (p *standardsPane) define(b certification.BodyStandard, chosen string) {
	u := p.s.u
	svc := u.svc()
	backgroundThen(u.bg, func(ctx context.Context) (struct{}, error) {
		if err := actorMayChange(ctx, svc); err != nil {
			return struct{}{}, err
		}
		_, err := svc.DefineStandard(ctx, b)
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		if err != nil {
			p.showForm(catalogfile.File{Name: string(b.Name), Source: b.Source, Items: b.Items}, chosen)
			u.showError("add "+string(b.Name), err)
			return
		}
		u.changed()
	})
}
