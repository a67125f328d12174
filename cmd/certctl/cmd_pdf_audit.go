package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage/pdf"
)

// certctl export pdf report and plan: an audit's report (ISO/IEC 17021-1
// 9.4.8) and plan (9.2.3) as PDF documents (docs/documents.md).

type pdfReportCmd struct {
	Audit certification.ID `required:"" placeholder:"ID" help:"the audit's id"`
	Draft bool             `help:"print the report as a draft, DRAFT across every page and what is missing listed on the first; not recorded"`
	Out   string           `placeholder:"FILE" help:"the file to write (default audit-ID-report.pdf, audit-ID-report-DRAFT.pdf for a draft)"`
}

func (pdfReportCmd) Help() string {
	return `Writes the audit's report as an A4 PDF with what ISO/IEC 17021-1 9.4.8 asks:
the body, the client and its representative, the kind of audit, criteria,
objectives and scope, the dates, sites and team, deviations from the plan
with their reasons, the sampling, every finding with its grade, clause,
statement and evidence, the verification of earlier corrective actions,
the checklist, significant issues and changes, unresolved issues and
diverging opinions, the conclusion and the team's recommendation.
A complete report is recorded in the journal (command issue-document)
before the file is written, so 'certctl check-document FILE' recognises
it; an incomplete one is refused (exit 1, rule
report-complete-before-release) naming what is missing, and nothing is
written. --draft prints it anyway, marked DRAFT, with what is missing on
the first page, and records nothing. certctl audit report-details sets the
report's own content.`
}

func (c *pdfReportCmd) Run(e *env) error {
	open := func() (*certification.Service, error) { return e.service(true) }
	if c.Draft { // a draft records nothing: the folder is opened read-only
		open = e.reader
	}
	svc, err := open()
	if err != nil {
		return err
	}
	d, err := document.NewReportDoc(e.ctx, svc, c.Audit)
	if err != nil {
		return err
	}
	d.Draft = c.Draft
	if !c.Draft {
		if err := d.Releasable(); err != nil {
			return fmt.Errorf("%w\n(record what is missing with certctl audit report-details (representative, conclusion, deviations), audit checklist and audit finish; or write a draft with --draft)", err)
		}
	}
	var b bytes.Buffer
	if err := (pdf.Writer{}).WriteReport(&b, d); err != nil {
		return err
	}
	out := orDefault(c.Out, d.FileName())
	if c.Draft {
		if err := writeFile(out, b.Bytes()); err != nil {
			return err
		}
		if e.json {
			return e.writeJSON(map[string]any{"kind": "report", "written": out, "draft": true, "missing": d.Missing()})
		}
		e.printf("Wrote %s: DRAFT of the report of audit %d, not recorded", out, d.AuditID)
		if m := d.Missing(); len(m) > 0 {
			e.printf("; it still needs:\n  - %s", strings.Join(m, "\n  - "))
		}
		e.printf("\n")
		return nil
	}
	return e.issueFile(svc, d, b.Bytes(), out, fmt.Sprintf("report of audit %d (%s, %s)", d.AuditID, d.Kind.Label(), d.Client))
}

type pdfPlanCmd struct {
	Audit certification.ID `required:"" placeholder:"ID" help:"the audit's id"`
	Out   string           `placeholder:"FILE" help:"the file to write (default audit-ID-plan.pdf)"`
}

func (pdfPlanCmd) Help() string {
	return `Writes the audit's plan as an A4 PDF (ISO/IEC 17021-1 9.2.3): objectives,
scope and criteria, the dates and auditor-days, the sites with their
addresses, the team with its roles and the proposed timetable by day (the
one the Excel plan shows). The file's SHA-256 is recorded in the journal
(command issue-document) before it is written; a cancelled audit has no
plan.`
}

func (c *pdfPlanCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	d, err := document.NewPlanDoc(e.ctx, svc, c.Audit)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := (pdf.Writer{}).WritePlan(&b, d); err != nil {
		return err
	}
	return e.issueFile(svc, d, b.Bytes(), orDefault(c.Out, d.FileName()), fmt.Sprintf("plan of audit %d (%s, %s)", d.AuditID, d.Kind.Label(), d.Client))
}

// issueFile records content, the PDF of d, as issued and then writes it
// to out, and says so (what names the document).
func (e *env) issueFile(svc *certification.Service, d document.Issuable, content []byte, out, what string) error {
	rec, _, err := document.RecordIssued(e.ctx, svc, d, content, e.todayDate())
	if err != nil {
		return err
	}
	if err := writeFile(out, content); err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"kind": rec.Kind, "written": out, "document": rec})
	}
	fmt.Fprintf(e.stderr, "Wrote %s: %s; SHA-256 %s, recorded as document %s\n", out, what, rec.SHA256, rec.ID)
	return nil
}

// writeFile writes content to path (atomically).
func writeFile(path string, content []byte) error {
	return writeAtomically(path, func(w io.Writer) error { _, err := w.Write(content); return err })
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
