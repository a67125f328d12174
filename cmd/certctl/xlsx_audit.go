package main

import (
	"context"
	"errors"
	"io"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage/evidencedir"
	"certdesk/storage/xlsx"
)

// certctl export xlsx audit-plan, audit-report and decision: a workbook
// of one record.

type xlsxAuditPlanCmd struct {
	Audit certification.ID `required:"" help:"the audit's id"`
	xlsxOut
}

func (c *xlsxAuditPlanCmd) Run(e *env) error {
	return writeRecord(e, "audit-plan", c.Out, c.Audit, document.NewAuditPack, xlsx.Workbooks{}.AuditPlan)
}

type xlsxAuditReportCmd struct {
	Audit certification.ID `required:"" help:"the audit's id"`
	xlsxOut
	EvidenceDir string `placeholder:"DIR" help:"the folder for the audit's evidence files (default: \"<FILE without .xlsx> evidence\" beside the workbook)"`
	NoEvidence  bool   `help:"write the workbook only, not the evidence files"`
}

func (xlsxAuditReportCmd) Help() string {
	return `Writes the audit report workbook to FILE and the files attached to the
audit's checklist and findings (its Evidence sheet) into a folder beside it,
"<FILE without .xlsx> evidence" unless --evidence-dir names another; each
file is named "<evidence id> <file name>" and is checked against its SHA-256
on the way out. A file already in the folder with the same content is kept;
a different one is refused before anything is written. No folder is made
for an audit without evidence.`
}

func (c *xlsxAuditReportCmd) Run(e *env) error {
	if c.NoEvidence && c.EvidenceDir != "" {
		return inputf("--evidence-dir and --no-evidence exclude each other")
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	p, err := document.NewAuditPack(e.ctx, svc, c.Audit)
	if err != nil {
		return err
	}
	var files []string
	if !c.NoEvidence {
		dir := c.EvidenceDir
		if dir == "" {
			dir = evidencedir.Beside(c.Out)
		}
		// The evidence first: a file in the way refuses the export before
		// the workbook is written.
		if files, err = evidencedir.Write(e.ctx, svc, p, dir); errors.Is(err, evidencedir.ErrDifferentFile) {
			return inputf("%v", err)
		} else if err != nil {
			return err
		}
	}
	if err := writeAtomically(c.Out, func(w io.Writer) error { return xlsx.Workbooks{}.AuditReport(e.ctx, w, p) }); err != nil {
		return err
	}
	return e.wroteWorkbooks("audit-report", append([]string{c.Out}, files...))
}

type xlsxDecisionCmd struct {
	Decision certification.ID `required:"" help:"the decision's id"`
	xlsxOut
}

func (xlsxDecisionCmd) Help() string {
	return `Writes the record of a certification decision as a printable page: kind,
date, decision makers, reasons, the gates re-checked on the file as it stood
just before the decision, the audits and findings it rests on (its snapshot)
and the certificate it issued or changed.`
}

func (c *xlsxDecisionCmd) Run(e *env) error {
	return writeRecord(e, "decision", c.Out, c.Decision, document.NewDecisionRecord, xlsx.Workbooks{}.WriteDecisionRecord)
}

// writeRecord writes the workbook kind of record id to out: read reads
// the document, write writes it.
func writeRecord[T any](e *env, kind, out string, id certification.ID, read func(context.Context, *certification.Service, certification.ID) (T, error),
	write func(context.Context, io.Writer, T) error) error {
	return e.writeWorkbook(kind, out, func(w io.Writer) error {
		return readWrite(e, w, func(svc *certification.Service) (T, error) { return read(e.ctx, svc, id) }, write)
	})
}

func readWrite[T any](e *env, w io.Writer, read func(*certification.Service) (T, error), write func(context.Context, io.Writer, T) error) error {
	svc, err := e.reader()
	if err != nil {
		return err
	}
	x, err := read(svc)
	if err != nil {
		return err
	}
	return write(e.ctx, w, x)
}
