package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
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

// formRow is a form row: a bold label of fixed width, the field beside it.
func formRow(label string, field fyne.CanvasObject) *fyne.Container {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	box := container.New(layout.NewGridWrapLayout(fyne.NewSize(136, l.MinSize().Height)), l)
	return container.NewBorder(nil, nil, container.NewVBox(box), nil, field)
}

// recordForm is the lifecycle every record form shares: read the fields
// into a record (the error is the first problem), show that problem
// beside a Save button that is enabled only for a valid record, and save
// with a command that keeps the form open on a refusal. A form embeds it
// and sets read when it builds, and save and problem (buildButtons).
type recordForm[T any] struct {
	read    func() (T, error)
	save    *widget.Button
	problem *widget.Label
	saving  bool

	// check (optional) asks the domain about a record that reads without
	// a problem, as the user types; Save is enabled only once it passes.
	check *liveCheck[T]
	// show (optional) shows the first problem (nil: none) in the form's
	// own way instead of in problem.
	show func(err error)
}

// liveCheck is a recordForm's check: run is the domain's verdict on the
// record, asked off the UI goroutine once the fields have stayed
// unchanged for delay (latestQuery).
type liveCheck[T any] struct {
	u     *ui
	delay time.Duration
	run   func(ctx context.Context, svc *certification.Service, v T) error
	// gen counts validations: a verdict on an older record is dropped.
	// The debounce goroutine reads it, hence atomic.
	gen    atomic.Int64
	passed bool
}

// buildButtons makes the problem label, the Save button (labelled
// confirm, running submit) and Cancel (running cancel), and returns the
// row that shows them: the problem at the left, the buttons at the right.
func (f *recordForm[T]) buildButtons(confirm string, submit, cancel func()) *fyne.Container {
	f.problem = widget.NewLabel("")
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Importance = widget.WarningImportance
	f.save = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), submit)
	f.save.Importance = widget.HighImportance
	return container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), cancel), f.save), f.problem)
}

// validate shows the first problem, or enables Save; with a check, a
// record without problem is checked first and Save stays disabled until
// the verdict is in.
func (f *recordForm[T]) validate() {
	if f.save == nil || (f.problem == nil && f.show == nil) {
		return
	}
	v, err := f.read()
	c := f.check
	if c == nil {
		f.showProblem(err)
		return
	}
	g := c.gen.Add(1)
	c.passed = false
	f.save.Disable()
	if err != nil {
		f.showProblem(err)
		return
	}
	latestQuery(c.u, &c.gen, g, c.delay, func(ctx context.Context, svc *certification.Service) (struct{}, error) {
		return struct{}{}, c.run(ctx, svc, v)
	}, func(_ struct{}, err error) {
		c.passed = err == nil
		f.showProblem(err)
	})
}

// showProblem shows err (nil: none) and enables Save without one.
func (f *recordForm[T]) showProblem(err error) {
	if f.show == nil {
		showValidity(f.save, f.problem, err, f.saving)
		return
	}
	f.show(err)
	setEnabled(f.save, err == nil && !f.saving)
}

// submit saves a valid record with the command write makes of it; Save
// stays disabled while the write runs. On success the command's before
// runs after saving is cleared; on a refusal the form stays open with
// what was typed and its failed runs after the form is validated again.
func (f *recordForm[T]) submit(u *ui, write func(v T) command) {
	v, err := f.read()
	if err != nil || f.saving || (f.check != nil && !f.check.passed) {
		return
	}
	f.saving = true
	f.save.Disable()
	c := write(v)
	before, failed := c.before, c.failed
	c.before = func() {
		f.saving = false
		if before != nil {
			before()
		}
	}
	c.failed = func() {
		f.saving = false
		f.validate()
		if failed != nil {
			failed()
		}
	}
	u.do(c)
}

// domainProblem is the domain's verdict on a record as a form's first
// problem: a validation error as a sentence, nil for a valid record. The
// domain is the authority on what a valid record is.
func domainProblem(err error) error {
	var ve *certification.ValidationError
	if errors.As(err, &ve) {
		return errors.New(sentence(ve.Msg))
	}
	return err
}
