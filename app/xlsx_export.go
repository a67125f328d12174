package app

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/document"
)

// The Excel exports (issue 5): the Export menu and its chooser (Ctrl+E),
// the registers, the IAF CertSearch upload, an audit's plan and report,
// a decision record, an audit time justification and a client's response
// form. The domain reads the data; Workbooks (storage/xlsx, handed in by
// main.go) writes it.
//
// Every export runs in the background behind the progress dialog of
// interchange.go, with a bar that fills as the writer reports rows and a
// Cancel that cancels the work's context. A workbook is written to a
// temporary file beside the one chosen and renamed to it once complete:
// a cancelled or failed export leaves no file behind.
//
// The file and folder dialogs only choose where to write: their
// callbacks call exportFile and exportCertSearch, which tests call
// directly (or through u.xl.saveAs, u.xl.chooseFolder and u.xl.openFile,
// which tests replace).

// Workbooks writes and reads the Excel workbooks. storage/xlsx implements
// it (xlsx.Workbooks); app never imports excelize.
type Workbooks interface {
	document.RegisterWriter
	document.CaseRegisterWriter
	document.CertSearchWriter
	document.AuditTimeWriter
	document.DecisionRecordWriter
	document.AuditPackWriter
	document.ResponseWorkbook
}

const (
	xkProgramme xlsxKind = iota
	xkFindings
	xkCertificates
	xkCases
	xkCertSearch
	xkAuditPlan
	xkAuditReport
)

// startExport asks where to write a workbook of the Export menu, then
// writes it.
func (u *ui) startExport(k xlsxKind, asOf certification.Date) {
	switch k {
	case xkCertSearch:
		u.chooseFolder("Folder for the IAF CertSearch upload", "Write the upload here", func(dir string) { u.exportCertSearch(dir, asOf) })
	case xkAuditPlan, xkAuditReport:
		aw := u.openAudit()
		if aw == nil {
			u.showInfo("No audit open", "Open the audit in the Audit workspace first: its plan and report are exported from there, or from the Export menu while it is open.")
			return
		}
		job := auditPackJob(k == xkAuditReport, aw.audit, aw.file)
		u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
	default:
		job := registerJob(k, asOf)
		u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
	}
}

// xlsxWork is what a job's write works with.
type xlsxWork struct {
	svc   *certification.Service
	books Workbooks
	// step says what is being done now; progress how far the writing is.
	step     func(text string)
	progress func(done, total int)
}

// setProgress shows how far the work is: done of total units.
func (x *transfer) setProgress(done, total int, unit string) {
	if total <= 0 {
		return
	}
	if x.bar.Hidden {
		x.busy.Stop()
		x.busy.Hide()
		x.bar.Show()
	}
	done = min(done, total)
	x.bar.Max = float64(total)
	x.bar.TextFormatter = func() string {
		return fmt.Sprintf("%s of %s %s", xlGroup(done), xlGroup(total), unit)
	}
	x.bar.SetValue(float64(done))
}

// xlsxWork is the work of an export behind its progress dialog; where
// says where it writes, under what it is doing.
func (u *ui) xlsxWork(x *transfer, unit, where string) *xlsxWork {
	return &xlsxWork{
		svc: u.svc(), books: u.books,
		step: func(text string) {
			u.bg.ui(func() {
				if x.ctx.Err() == nil {
					x.note.SetText(text + "\n" + where)
				}
			})
		},
		progress: func(done, total int) {
			if unit == "" {
				return
			}
			u.bg.ui(func() { x.setProgress(done, total, unit) })
		},
	}
}

// noWorkbooks reports that this build cannot write workbooks.
func (u *ui) noWorkbooks() bool {
	if u.books != nil {
		return false
	}
	u.showInfo("Excel export not available", "This CertDesk was started without its Excel writer. Use certctl export xlsx on the command line.")
	return true
}

// exportFile writes a workbook to path in the background behind the
// progress dialog. It writes a temporary file beside path and renames it
// to path when complete, so that Cancel or a failure leaves path as it
// was (the file dialog has already removed the empty file it made).
func (u *ui) exportFile(job xlsxJob, path string) {
	if u.noWorkbooks() {
		return
	}
	name := filepath.Base(path)
	where := "Saving as " + name + " in " + filepath.Dir(path)
	x := u.startTransfer("Exporting: "+job.title, "Preparing …\n"+where, "Cancelling: the unfinished file will be removed …")
	work := u.xlsxWork(x, job.unit, where)
	var beside string // what beside wrote, for the done dialog
	transferJob(u, x, func(ctx context.Context) (int64, error) {
		defer context.AfterFunc(ctx, x.cancel)()
		if job.beside != nil {
			var err error
			if beside, err = job.beside(x.ctx, work, path); err != nil {
				return 0, err
			}
		}
		return writeReplacing(path, func(w io.Writer) error { return job.write(x.ctx, work, w) })
	}, func(size int64, err error, cancelled bool) {
		switch {
		case cancelled:
			u.showInfo("Export cancelled", "The export was cancelled: "+name+" was not written.")
		case err != nil:
			u.showError("write "+name, err)
		default:
			u.exportDone(job.title+" written",
				fmt.Sprintf("%s (%s) was written to the folder %s.%s", name, byteSize(size), filepath.Dir(path), beside), path)
		}
	})
}

// exportDone reports a finished export, offering to open the workbook.
func (u *ui) exportDone(title, text, open string) { u.doneDialog(title, text, "Open", open) }

// doneDialog reports finished work with OK and, when open is a path, a
// button (openLabel) that opens that file in its program.
func (u *ui) doneDialog(title, text, openLabel, open string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := widget.NewButton("OK", func() { d.Hide() })
	ok.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{ok}
	if open != "" {
		openBtn := widget.NewButtonWithIcon(openLabel, theme.FolderOpenIcon(), func() {
			d.Hide()
			u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(open)})
		})
		buttons = []fyne.CanvasObject{openBtn, ok}
	}
	d = dialog.NewCustomWithoutButtons(title, container.NewPadded(msg), u.win)
	d.SetButtons(buttons)
	u.openDialog(d, 600, 220)
}

// exportExcel writes the calculator's result as the audit time
// justification workbook.
func (c *audittimeCalc) exportExcel() {
	if c.res == nil {
		return
	}
	in, _, err := c.input()
	if err != nil {
		return
	}
	job := auditTimeJob(document.AuditTimeSheet{Prepared: c.u.today(), Client: c.view.Client, Input: in, Result: c.res})
	c.u.saveAs(job.title, job.file, func(path string) { c.u.exportFile(job, path) })
}

// auditExportButton is the audit workspace's Export button: the audit's
// plan and its report as workbooks and as PDF, and the client's response
// form for its findings.
func (u *ui) auditExportButton(w *auditWS) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("Export…", theme.DownloadIcon(), func() {
		if w.audit == nil || w.file == nil {
			return
		}
		a, f := w.audit, w.file
		items := []*fyne.MenuItem{
			fyne.NewMenuItem("Audit plan (Excel)…", func() {
				job := auditPackJob(false, a, f)
				u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
			}),
			fyne.NewMenuItem("Audit report (Excel)…", func() {
				job := auditPackJob(true, a, f)
				u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
			}),
		}
		items = append(items, fyne.NewMenuItemSeparator())
		items = append(items, u.pdfMenuItems(w, a.ID)...) // audit_pdf.go
		if hasAnswerableFindings(w.findings, a.ID) {
			items = append(items, fyne.NewMenuItemSeparator(),
				fyne.NewMenuItem("Response form for the client (Excel)…", func() { u.exportResponseForm(a.ClientID, a.ID) }))
		}
		widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), u.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
	})
	return b
}

// hasAnswerableFindings reports whether an audit has a nonconformity the client
// can still answer (what a response form carries).
func hasAnswerableFindings(xs []certification.Finding, auditID certification.ID) bool {
	for i := range xs {
		x := &xs[i]
		if x.AuditID != auditID || !x.Grade.IsNC() {
			continue
		}
		switch x.Status() {
		case certification.FindingAwaitingResponse, certification.FindingPlanRejected, certification.FindingResponded:
			return true
		}
	}
	return false
}
