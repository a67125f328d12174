package app

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/certification/view"
)

// The client response round trip in the GUI: a client's open
// nonconformities go out as a response form (exportResponseForm,
// xlsx_export.go); the filled form comes back through "Import client
// responses…", is read and checked against the store without writing,
// and its preview shows per finding what will change (new, changed,
// unchanged) and every problem with its cell ("Findings!L7: …"). Apply
// is offered only for a form without problems and records every
// response in one transaction, or none.

// clientResponsesButton is the client page's "Responses" button: export
// the client's response form, or import a filled one.
func clientResponsesButton(u *ui, clientID certification.ID) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("Responses…", theme.MailReplyIcon(), func() {
		menu := fyne.NewMenu("",
			fyne.NewMenuItem("Export response form (Excel)…", func() { u.exportResponseForm(clientID, 0) }),
			fyne.NewMenuItem("Import client responses (Excel)…", func() { u.importResponsesMenu(clientID) }),
		)
		widget.ShowPopUpMenuAtRelativePosition(menu, u.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
	})
	return b
}

// importResponsesMenu asks for a filled response form and imports it;
// with clientID not 0, a form of another client is refused.
func (u *ui) importResponsesMenu(clientID certification.ID) {
	u.openXLSX("Import client responses", func(r io.ReadCloser, name string) { u.importResponses(r, name, clientID) })
}

// openXLSX asks for a workbook to read (Fyne's open dialog, or the
// test's choice).
func (u *ui) openXLSX(title string, then func(r io.ReadCloser, name string)) {
	u.openFileFor(title, "Import", xlsxFilter, then)
}

// importResponses reads a filled response form from r (closing it),
// checks it against the store without writing and shows the preview.
func (u *ui) importResponses(r io.ReadCloser, name string, clientID certification.ID) {
	if u.noWorkbooks() {
		r.Close()
		return
	}
	books, svc := u.books, u.svc()
	// failed completes "Could not …" when err is not nil.
	type previewed struct {
		pv     *document.ResponsePreview
		audits map[certification.ID]string
		failed string
	}
	backgroundThen(u.bg, func(ctx context.Context) (previewed, error) {
		defer r.Close()
		form, err := books.ReadResponseForm(ctx, r)
		if err != nil {
			return previewed{failed: "read " + name + " as a response form"}, err
		}
		if err := form.CheckScope(clientID, 0); err != nil {
			return previewed{failed: "import " + name}, err
		}
		pv, err := document.PreviewResponses(ctx, svc, form)
		// The form names its audits by id: the preview names them.
		audits := map[certification.ID]string{}
		for _, fa := range form.Audits {
			if a, f, err := view.AuditFile(ctx, svc, fa.ID); err == nil && a.ClientID == form.ClientID {
				audits[fa.ID] = fmt.Sprintf("%s · %s", a.Kind.Label(), stdName(f.Certification.Standard))
			}
		}
		return previewed{pv, audits, "check " + name}, err
	}, func(p previewed, err error) {
		if err != nil {
			u.showError(p.failed, err)
			return
		}
		u.showResponsePreview(name, p.pv, p.audits)
	})
}

// responsePreview is the dialog of an imported response form.
type responsePreview struct {
	part
	pv       *document.ResponsePreview
	audits   map[certification.ID]string // the form's audits named
	d        *dialog.CustomDialog
	intro    *widget.Label
	summary  *widget.Label
	problems *widget.Label // nil without problems
	table    *widget.Table
	detail   *widget.Label
	apply    *widget.Button
	close    *widget.Button
}

// responseChangeColumns are the preview's columns; audit names a
// change's audit ("Stage 2 · 42001").
func responseChangeColumns(audit func(certification.ID) string) []column[document.ResponseChange] {
	return []column[document.ResponseChange]{
		{title: "Row", width: 100, text: func(c *document.ResponseChange) string { return c.Cell }},
		{title: "Audit", width: 200, text: func(c *document.ResponseChange) string { return audit(c.AuditID) }},
		{title: "Finding", width: 170, text: func(c *document.ResponseChange) string {
			s := fmt.Sprintf("#%d %s", c.Number, c.Grade.Label())
			if c.Reference != "" {
				s += " · " + c.Reference
			}
			return s
		}},
		{title: "Change", width: 104, text: func(c *document.ResponseChange) string { return rpKindText(c.Kind) },
			importance: func(c *document.ResponseChange) widget.Importance {
				switch c.Kind {
				case document.ResponseNew:
					return widget.SuccessImportance
				case document.ResponseChanged:
					return widget.WarningImportance
				}
				return widget.LowImportance
			}},
		{title: "What", width: 470, text: func(c *document.ResponseChange) string { return rpWhat(c) }},
	}
}

// rpKindText names a change kind for the table.
func rpKindText(k document.ResponseChangeKind) string {
	switch k {
	case document.ResponseNew:
		return "New"
	case document.ResponseChanged:
		return "Changed"
	}
	return "Unchanged"
}

// rpWhat says what a row changes: the fields and the note.
func rpWhat(c *document.ResponseChange) string {
	var fields []string
	for _, f := range c.Fields {
		fields = append(fields, f.Label())
	}
	switch {
	case len(fields) > 0 && c.Note != "":
		return strings.Join(fields, ", ") + " · " + c.Note
	case len(fields) > 0:
		return strings.Join(fields, ", ")
	}
	return c.Note
}

// showResponsePreview shows what importing the form would record, and
// its problems; Apply records it (all or nothing).
// audits names the form's audits.
func (u *ui) showResponsePreview(name string, pv *document.ResponsePreview, audits map[certification.ID]string) {
	p := &responsePreview{pv: pv, audits: audits}
	fm := pv.Form
	client := pv.ClientName
	if client == "" {
		client = fm.ClientName
	}
	scope := "every open finding"
	if fm.AuditID != 0 {
		scope = "the audit " + audits[fm.AuditID]
	}
	p.intro = widget.NewLabel(fmt.Sprintf("%s is the response form of %s for %s, written on %s (%d findings). "+
		"Nothing is recorded until you choose Apply; then every response below is recorded together, or none.",
		name, client, scope, fm.AsOf, len(fm.Rows)))
	p.intro.Wrapping = fyne.TextWrapWord

	counts := map[document.ResponseChangeKind]int{}
	for _, c := range pv.Changes {
		counts[c.Kind]++
	}
	summary := fmt.Sprintf("%d new · %d changed · %d unchanged", counts[document.ResponseNew],
		counts[document.ResponseChanged], counts[document.ResponseUnchanged])
	if n := len(fm.Rows) - len(pv.Changes); n > 0 {
		summary += fmt.Sprintf(" · %d %s with problems", n, plural(n, "row", "rows"))
	}
	p.summary = widget.NewLabelWithStyle(summary, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	rows := pv.Changes
	p.detail = widget.NewLabel("Select a row to see the response it records.")
	p.detail.Wrapping = fyne.TextWrapWord
	p.detail.Importance = widget.LowImportance
	p.table = newTable(responseChangeColumns(func(id certification.ID) string { return audits[id] }), func() []document.ResponseChange { return rows }, func(i int) { p.showDetail(&rows[i]) })
	detailScroll := container.NewVScroll(p.detail)
	detailScroll.SetMinSize(fyne.NewSize(0, 110))
	changes := container.NewBorder(nil, detailScroll, nil, nil, p.table)
	if len(rows) == 0 {
		changes = container.NewBorder(nil, nil, nil, nil, lowLabel("No row of the form could be matched to a finding: see the problems above."))
	}

	body := fyne.CanvasObject(changes)
	if !pv.OK() {
		lines := make([]string, len(pv.Problems))
		for i, pr := range pv.Problems {
			lines[i] = pr.String()
		}
		n := len(lines)
		head := widget.NewLabelWithStyle(fmt.Sprintf("%d %s: fix %s in the workbook (or ask the client to) and import it again. Nothing can be recorded until then.",
			n, plural(n, "problem", "problems"), plural(n, "it", "them")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		head.Importance = widget.DangerImportance
		// One problem a paragraph, so that wrapped lines read as one.
		p.problems = widget.NewLabel(strings.Join(lines, "\n\n"))
		p.problems.Wrapping = fyne.TextWrapWord
		p.problems.Selectable = true
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		bg.CornerRadius = theme.InputRadiusSize()
		bg.StrokeColor = theme.Color(theme.ColorNameError)
		bg.StrokeWidth = 1
		scroll := container.NewVScroll(p.problems)
		scroll.SetMinSize(fyne.NewSize(0, 120))
		copyBtn := widget.NewButtonWithIcon("Copy the list", theme.ContentCopyIcon(), func() {
			u.app.Clipboard().SetContent(strings.Join(lines, "\n"))
		})
		copyBtn.Importance = widget.LowImportance
		problems := container.NewBorder(container.NewBorder(nil, nil, nil, copyBtn, head), nil, nil, nil, container.NewStack(bg, scroll))
		split := container.NewVSplit(problems, changes)
		split.Offset = 0.5
		body = split
	}

	pending := pv.Pending()
	label := fmt.Sprintf("Apply: record %d %s", pending, plural(pending, "response", "responses"))
	p.apply = widget.NewButtonWithIcon(label, theme.ConfirmIcon(), func() { u.applyResponses(p) })
	p.apply.Importance = widget.HighImportance
	switch {
	case !pv.OK():
		p.apply.SetText("Apply")
		p.apply.Disable()
	case pending == 0:
		p.apply.SetText("Nothing to record")
		p.apply.Disable()
	}
	p.close = widget.NewButton("Close", func() { p.d.Hide() })
	top := container.NewVBox(p.intro, p.summary)
	title := "Client responses: " + client
	if !pv.OK() {
		title = "Client responses: problems to fix"
	}
	p.d = dialog.NewCustomWithoutButtons(title, p.as(p, container.NewBorder(top, nil, nil, nil, body)), u.win)
	p.d.SetButtons([]fyne.CanvasObject{p.close, p.apply})
	u.openDialog(p.d, 1120, 740)
}

// showDetail shows what a row records.
func (p *responsePreview) showDetail(c *document.ResponseChange) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, finding #%d (%s), row %s: %s.", p.audits[c.AuditID], c.Number, c.Grade.Label(), c.Cell, strings.ToLower(rpKindText(c.Kind)))
	if c.Note != "" {
		b.WriteString(" " + sentence(c.Note))
	}
	if r := c.After; r != nil {
		fmt.Fprintf(&b, "\nRoot cause: %s\nCorrection (%s): %s\nCorrective action (%s): %s", r.RootCause, r.CorrectionDate, r.Correction,
			r.ActionDate, r.CorrectiveAction)
		if c.RespondedBy != "" {
			fmt.Fprintf(&b, "\nResponded by %s on %s", c.RespondedBy, r.Received)
		}
	}
	p.detail.Importance = widget.MediumImportance
	p.detail.SetText(b.String())
}

// applyResponses records the previewed responses (all or nothing).
func (u *ui) applyResponses(p *responsePreview) {
	pv := p.pv
	if !pv.OK() || pv.Pending() == 0 {
		return
	}
	p.apply.Disable()
	var numbers []string
	for _, c := range pv.Changes {
		if c.Kind != document.ResponseUnchanged {
			numbers = append(numbers, fmt.Sprintf("#%d", c.Number))
		}
	}
	n := pv.Pending()
	u.do(command{what: "record the responses", run: func(ctx context.Context, svc *certification.Service) error {
		return document.ApplyResponses(ctx, svc, pv)
	}, done: func() {
		p.d.Hide()
		client := pv.ClientName
		u.showInfo("Responses recorded", fmt.Sprintf("%d %s of %s recorded (findings %s), in one transaction. "+
			"They now wait for the body's review in the Findings workspace.", n, plural(n, "response", "responses"), client, strings.Join(numbers, ", ")))
	}, actor: true})
	// A refusal leaves the preview open: Apply may be tried again after
	// previewing anew, so it stays disabled.
}

// plural picks the singular or plural word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
