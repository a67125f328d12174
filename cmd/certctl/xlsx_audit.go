package main

import (
	"context"
	"io"

	"certdesk/certification"
	"certdesk/certification/document"
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
}

func (c *xlsxAuditReportCmd) Run(e *env) error {
	return writeRecord(e, "audit-report", c.Out, c.Audit, document.NewAuditPack, xlsx.Workbooks{}.AuditReport)
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
