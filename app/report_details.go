package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Report details… in the audit workspace: what the team writes into the
// audit report beyond the audit's other records (ISO/IEC 17021-1 9.4.8;
// certification.ReportDetails), set by the journalled command
// set-report-details. Only the fields changed are sent, so two people
// writing different parts of a report do not undo each other.

// reportField is one detail as the form shows it.
type reportField struct {
	label, hint string
	multi       bool
	// field is the detail's place in the record.
	field func(*certification.ReportDetails) *string
}

var reportFields = []reportField{
	{"Client's representative", "Name and role of the person who represented the client", false,
		func(r *certification.ReportDetails) *string { return &r.Representative }},
	{"Objectives", "The audit's own objectives, beyond those of its kind", true,
		func(r *certification.ReportDetails) *string { return &r.Objectives }},
	{"Client's documents", "Manual, procedures and their revisions audited against", true,
		func(r *certification.ReportDetails) *string { return &r.ClientDocuments }},
	{"Deviations from the plan", "What was done otherwise than planned, and why", true,
		func(r *certification.ReportDetails) *string { return &r.Deviations }},
	{"Significant issues", "Issues affecting the audit programme", true,
		func(r *certification.ReportDetails) *string { return &r.SignificantIssues }},
	{"Changes since the last audit", "Significant changes to the client's management system", true,
		func(r *certification.ReportDetails) *string { return &r.Changes }},
	{"Unresolved issues", "Issues left open at the closing meeting", true,
		func(r *certification.ReportDetails) *string { return &r.Unresolved }},
	{"Diverging opinions", "Where the team and the client disagree", true,
		func(r *certification.ReportDetails) *string { return &r.DivergingOpinions }},
	{"Use of marks", "Whether the client controls its use of certificates and marks", true,
		func(r *certification.ReportDetails) *string { return &r.MarksUse }},
	{"Conclusion", "The team's statement on the conformity and effectiveness of the management system", true,
		func(r *certification.ReportDetails) *string { return &r.Conclusion }},
}

// editReportDetails opens the open audit's report details.
func (w *auditWS) editReportDetails() {
	a := w.audit
	if a == nil {
		return
	}
	id, was := a.ID, a.Report
	form := widget.NewForm()
	entries := make([]*entry, len(reportFields))
	for i, f := range reportFields {
		e := w.u.newEntry()
		if f.multi {
			e = w.u.newMultiLineEntry()
			e.SetMinRowsVisible(2)
		}
		e.SetText(*f.field(&was))
		e.SetPlaceHolder(f.hint)
		entries[i] = e
		form.Append(f.label, e)
	}
	w.reportDetailsDialog(form, func() {
		now := was
		for i, f := range reportFields {
			*f.field(&now) = entries[i].Text
		}
		ch, changed := certification.ReportDetailsChangeTo(was, now)
		if changed {
			w.u.do(command{what: "save the report details", run: func(ctx context.Context, svc *certification.Service) error {
				return svc.SetReportDetails(ctx, id, ch)
			}, actor: true})
		}
	})
}

// reportDetailsDialog shows the form in a scrolling dialog, tall enough
// for a laptop's screen, and calls save on Save.
func (w *auditWS) reportDetailsDialog(form *widget.Form, save func()) {
	d := dialog.NewCustomConfirm("Report details of audit "+w.audit.ID.String(), "Save", "Cancel", container.NewVScroll(form), func(ok bool) {
		if ok {
			save()
		}
	}, w.u.win)
	d.Resize(fyne.NewSize(760, min(640, w.u.win.Canvas().Size().Height-40)))
	w.u.showDialog(d)
}
