package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// infoPane shows named values as a read-only two-column form whose
// values wrap.
type infoPane struct {
	form *widget.Form
	vals map[string]*widget.Label
}

func newInfoPane(names ...string) *infoPane {
	p := &infoPane{form: widget.NewForm(), vals: map[string]*widget.Label{}}
	for _, n := range names {
		l := widget.NewLabel("—")
		l.Wrapping = fyne.TextWrapWord
		p.vals[n] = l
		p.form.Append(n, l)
	}
	return p
}

// set shows value beside name ("—" when empty).
func (p *infoPane) set(name, value string) {
	l := p.vals[name]
	l.Importance = widget.MediumImportance
	l.SetText(orDash(value))
}

// setStyled shows a coloured value.
func (p *infoPane) setStyled(name, value string, imp widget.Importance) {
	l := p.vals[name]
	l.Importance = imp
	l.SetText(orDash(value))
}
