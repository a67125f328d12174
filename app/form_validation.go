package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// primeFormValidation makes a form dialog know every invalid field from
// the start. widget.Form records only that a field is invalid, not its
// error, when it is built; then the first field made valid enables the
// confirm button although others are still invalid. Reporting each
// field's error once through its validation callback fixes that.
func primeFormValidation(items []*widget.FormItem) {
	for _, it := range items {
		switch w := it.Widget.(type) {
		case *entry:
			if w.Validator != nil {
				w.SetValidationError(nil)
				w.Validate()
			}
		case *roleChecks:
			if w.onValid != nil {
				w.onValid(nil)
				w.onValid(w.Validate())
			}
		}
	}
}

// notBefore validates a date field as a date on or after min.
func notBefore(e *entry, min certification.Date, what string) {
	base := e.Validator
	e.Validator = func(s string) error {
		if err := base(s); err != nil {
			return err
		}
		if d, err := certification.ParseDate(strings.TrimSpace(s)); err == nil && d < min {
			return fmt.Errorf("before %s (%s)", what, min)
		}
		return nil
	}
}

// pgRow is a form row: a bold label of fixed width, the field beside it.
func pgRow(label string, field fyne.CanvasObject) *fyne.Container {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	box := container.New(layout.NewGridWrapLayout(fyne.NewSize(136, l.MinSize().Height)), l)
	return container.NewBorder(nil, nil, container.NewVBox(box), nil, field)
}
