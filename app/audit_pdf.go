package app

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/document"
)

// The audit plan and the audit report as PDF, from the audit workspace's
// Export… menu (issue 17), written and recorded as every issued PDF is
// (pdf_issue.go). A report the domain would refuse to release
// (document.ReportDoc.Missing) is not offered for issue: the app names
// what is missing and offers a draft, which is written but not recorded.

// pdfMenuItems are the Export… menu's PDF entries for audit id.
func (u *ui) pdfMenuItems(w *auditWS, id certification.ID) []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Audit plan (PDF)…", func() { u.printPlan(id) }),
		fyne.NewMenuItem("Audit report (PDF)…", func() { u.printReport(w, id) }),
	}
}

// printPlan asks where to save the audit's plan and writes it there.
func (u *ui) printPlan(id certification.ID) {
	if !u.pdfReady() {
		return
	}
	name := (&document.PlanDoc{DocAudit: document.DocAudit{AuditID: id}}).FileName()
	u.saveFileAs(fmt.Sprintf("Plan of audit %d", id), name, pdfFilter, func(path string) {
		u.writePDF(pdfJob{what: "write the audit plan", title: "Audit plan written",
			draw: func(ctx context.Context, svc *certification.Service, w PDFWriter, b *bytes.Buffer) (document.Issuable, error) {
				d, err := document.NewPlanDoc(ctx, svc, id)
				if err != nil {
					return nil, err
				}
				return d, w.WritePlan(b, d)
			}}, path)
	})
}

// printReport reads the report; complete, it asks where to save it and
// issues it; incomplete, it names what is missing and offers a draft.
func (u *ui) printReport(w *auditWS, id certification.ID) {
	if !u.pdfReady() {
		return
	}
	query(u, "the audit report", func(ctx context.Context, svc *certification.Service) (*document.ReportDoc, error) {
		return document.NewReportDoc(ctx, svc, id)
	}, func(d *document.ReportDoc) {
		if missing := d.Missing(); len(missing) > 0 {
			u.reportIncomplete(w, d, missing)
			return
		}
		u.saveReport(d)
	})
}

// saveReport asks where to save report d (a draft or not) and writes it.
func (u *ui) saveReport(d *document.ReportDoc) {
	id, draft := d.AuditID, d.Draft
	title, done := fmt.Sprintf("Report of audit %d", id), "Audit report issued"
	if draft {
		title, done = "Draft "+strings.ToLower(title), "Draft report written"
	}
	u.saveFileAs(title, d.FileName(), pdfFilter, func(path string) {
		u.writePDF(pdfJob{what: "write the audit report", title: done,
			draw: func(ctx context.Context, svc *certification.Service, w PDFWriter, b *bytes.Buffer) (document.Issuable, error) {
				d, err := document.NewReportDoc(ctx, svc, id)
				if err != nil {
					return nil, err
				}
				d.Draft = draft
				if err := w.WriteReport(b, d); err != nil || draft {
					return nil, err // a draft is never recorded
				}
				return d, nil
			}}, path)
	})
}

// reportIncomplete names what stops the report's release and offers the
// report's details and a draft.
func (u *ui) reportIncomplete(w *auditWS, d *document.ReportDoc, missing []string) {
	list := widget.NewLabel("• " + strings.Join(missing, "\n• "))
	list.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(fmt.Sprintf("The report of audit %d cannot be issued until it is complete. Record what is still missing in Report details… (representative, conclusion, deviations), the checklist, or Finish…:", d.AuditID))
	intro.Wrapping = fyne.TextWrapWord
	var dlg *dialog.CustomDialog
	draft := widget.NewButton("Print a draft…", func() {
		dlg.Hide()
		d.Draft = true
		u.saveReport(d)
	})
	details := widget.NewButton("Report details…", func() { dlg.Hide(); w.editReportDetails() })
	closeB := widget.NewButton("Close", func() { dlg.Hide() })
	closeB.Importance = widget.HighImportance
	dlg = dialog.NewCustomWithoutButtons("Report not complete", container.NewBorder(intro, nil, nil, nil, container.NewVScroll(list)), u.win)
	dlg.SetButtons([]fyne.CanvasObject{draft, details, closeB})
	dlg.Resize(fyne.NewSize(640, 420))
	u.showDialog(dlg)
}
