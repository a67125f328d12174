package app

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage/evidencedir"
)

// xlsxJob is one workbook to write.
type xlsxJob struct {
	title string // "Findings register": the dialogs' titles
	file  string // the file name offered
	unit  string // what the writer's progress counts ("rows"); "" when it reports none
	// write reads the data and writes the workbook to w, off the UI
	// goroutine; it stops when ctx is cancelled.
	write func(ctx context.Context, x *xlsxWork, w io.Writer) error
	// beside, when set, writes what goes beside the workbook at path
	// (an audit report's evidence files) before the workbook is written,
	// off the UI goroutine; it returns a sentence for the done dialog.
	beside func(ctx context.Context, x *xlsxWork, path string) (string, error)
}

// registerJob is a register as of a date.
func registerJob(k xlsxKind, asOf certification.Date) xlsxJob {
	day := asOf.String()
	switch k {
	case xkProgramme:
		return xlsxJob{title: "Audit programme register", file: "audit-programme-" + day + ".xlsx", unit: "rows",
			write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
				x.step("Reading the audit programme as of " + day + " …")
				reg, err := document.NewProgrammeRegister(ctx, x.svc, asOf)
				if err != nil {
					return err
				}
				x.step(fmt.Sprintf("Writing %s rows (audits planned or done, audits still to plan) …", xlGroup(len(reg.Rows))))
				return x.books.ProgrammeRegister(ctx, w, reg, x.progress)
			}}
	case xkFindings:
		return xlsxJob{title: "Findings register", file: "findings-register-" + day + ".xlsx", unit: "findings",
			write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
				x.step("Reading every finding as of " + day + " …")
				reg, err := document.NewFindingsRegister(ctx, x.svc, asOf)
				if err != nil {
					return err
				}
				x.step(fmt.Sprintf("Writing %s findings …", xlGroup(len(reg.Rows))))
				return x.books.FindingsRegister(ctx, w, reg, x.progress)
			}}
	case xkCases:
		return xlsxJob{title: "Complaints and appeals register", file: "complaints-appeals-" + day + ".xlsx", unit: "cases",
			write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
				x.step("Reading the complaints and appeals as of " + day + " …")
				reg, err := document.NewCasesRegister(ctx, x.svc, asOf)
				if err != nil {
					return err
				}
				x.step(fmt.Sprintf("Writing %s cases …", xlGroup(len(reg.Rows))))
				return x.books.CasesRegister(ctx, w, reg, x.progress)
			}}
	}
	return xlsxJob{title: "Certificate register", file: "certificate-register-" + day + ".xlsx", unit: "certificates",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			x.step("Reading the certificates as of " + day + " …")
			reg, err := document.NewCertificateRegister(ctx, x.svc, asOf)
			if err != nil {
				return err
			}
			x.step(fmt.Sprintf("Writing %s certificates …", xlGroup(len(reg.Rows))))
			return x.books.CertificateRegister(ctx, w, reg, x.progress)
		}}
}

// auditPackJob is the plan or the report of an audit.
func auditPackJob(report bool, a *certification.Audit, f *certification.File) xlsxJob {
	title, stem, writeIt := "Audit plan", "audit-plan", Workbooks.AuditPlan
	if report {
		title, stem, writeIt = "Audit report", "audit-report", Workbooks.AuditReport
	}
	id := a.ID
	var p *document.AuditPack // read once, by beside or write
	read := func(ctx context.Context, x *xlsxWork) (err error) {
		if p == nil {
			x.step("Reading the audit, its team, checklist and findings …")
			p, err = document.NewAuditPack(ctx, x.svc, id)
		}
		return err
	}
	job := xlsxJob{title: title, file: fileStem(stem, f.Client.DisplayName(), stdName(f.Certification.Standard), a.Start().String()) + ".xlsx",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			if err := read(ctx, x); err != nil {
				return err
			}
			x.step("Writing the " + strings.ToLower(title) + " …")
			return writeIt(x.books, ctx, w, p)
		}}
	if report {
		// The evidence files go into "<report> evidence" beside it, as
		// certctl export xlsx audit-report writes them.
		job.beside = func(ctx context.Context, x *xlsxWork, path string) (string, error) {
			if err := read(ctx, x); err != nil || len(p.Evidence) == 0 {
				return "", err
			}
			dir := evidencedir.Beside(path)
			x.step(fmt.Sprintf("Writing the %d evidence files …", len(p.Evidence)))
			files, err := evidencedir.Write(ctx, x.svc, p, dir)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf(" Its %d evidence files were written to the folder %s.", len(files), dir), nil
		}
	}
	return job
}

// decisionJob is the record of a decision.
func decisionJob(d *certification.Decision, client string) xlsxJob {
	id := d.ID
	return xlsxJob{title: "Decision record", file: fileStem("decision", d.Kind.Label(), client, d.Date.String()) + ".xlsx",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			x.step("Reading the decision, its gates and the audits it rests on …")
			r, err := document.NewDecisionRecord(ctx, x.svc, id)
			if err != nil {
				return err
			}
			x.step("Writing the decision record …")
			return x.books.WriteDecisionRecord(ctx, w, r)
		}}
}

// auditTimeJob is an audit time justification; the body's name is read
// from the policy.
func auditTimeJob(sheet document.AuditTimeSheet) xlsxJob {
	name := sheet.Client.DisplayName()
	if sheet.Client.ID == 0 {
		name = "calculation"
	}
	return xlsxJob{title: "Audit time justification", file: fileStem("audit-time", name, sheet.Prepared.String()) + ".xlsx",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			p, err := x.svc.Policy(ctx)
			if err != nil {
				return err
			}
			sheet.Body = p.BodyName
			x.step("Writing the audit time justification …")
			return x.books.WriteAuditTime(ctx, w, &sheet)
		}}
}

// responseFormJob writes a response form already read.
func responseFormJob(form *document.ResponseForm) xlsxJob {
	return xlsxJob{title: "Response form", file: fileStem("responses", form.ClientName, form.AsOf.String()) + ".xlsx",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			x.step(fmt.Sprintf("Writing the response form (%d findings) …", len(form.Rows)))
			return x.books.WriteResponseForm(ctx, w, form)
		}}
}

// exportDecision asks where to write a decision's record, then writes it.
func (u *ui) exportDecision(d *certification.Decision, client string) {
	job := decisionJob(d, client)
	u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
}

// exportResponseForm reads a client's response form (of one audit, or
// of every open finding with auditID 0) and asks where to write it; a
// client with nothing to answer is told so before any file is chosen.
func (u *ui) exportResponseForm(clientID, auditID certification.ID) {
	today := u.today()
	query(u, "the response form", func(ctx context.Context, svc *certification.Service) (*document.ResponseForm, error) {
		return document.NewResponseForm(ctx, svc, clientID, auditID, today)
	}, func(form *document.ResponseForm) {
		job := responseFormJob(form)
		u.saveAs("Response form for "+form.ClientName, job.file, func(path string) { u.exportFile(job, path) })
	})
}

// fileStem makes a file name of its parts: "audit-plan-nordlicht-ag-iso-iec-42001-2026-11-10".
func fileStem(parts ...string) string {
	var out []string
	for _, p := range parts {
		var b strings.Builder
		dash := false
		for _, r := range strings.ToLower(p) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				b.WriteRune(r)
				dash = false
			} else {
				dash = true
			}
		}
		s := b.String()
		if r := []rune(s); len(r) > 32 {
			s = strings.TrimRight(string(r[:32]), "-")
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "-")
}
