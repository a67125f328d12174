package main

import (
	"context"
	"io"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage/xlsx"
)

// certctl export xlsx audit-plan and audit-report: the documents of one
// audit (document.AuditPack, written by storage/xlsx); and the flags
// and reading the export xlsx kinds share.

func init() {
	registerXLSX(recordKind("audit-plan", "the audit plan for the client: cover (client, scope, dates, sites, team, objectives), a proposed timetable, the team",
		"audit", func(s *certification.Service, ctx context.Context, id certification.ID) (*document.AuditPack, error) {
			return document.NewAuditPack(ctx, s, id)
		}, xlsx.Workbooks{}.AuditPlan))
	registerXLSX(recordKind("audit-report", "the audit report: cover with the report's contents and the team's recommendation, the checklist with results, the findings",
		"audit", func(s *certification.Service, ctx context.Context, id certification.ID) (*document.AuditPack, error) {
			return document.NewAuditPack(ctx, s, id)
		}, xlsx.Workbooks{}.AuditReport))
}

// recordKind is a workbook of one record, named by the required flag
// --flag: read reads what the workbook shows of it, write writes it.
func recordKind[T any](name, help, flag string, read func(*certification.Service, context.Context, certification.ID) (T, error),
	write func(context.Context, io.Writer, T) error) xlsxKind {
	return xlsxKind{
		name:  name,
		help:  help,
		usage: "--" + flag + " ID --out FILE",
		flags: func(e *env, f *flags) xlsxRun {
			id := f.String(flag, "", "the "+flag+"'s id (required)")
			return xlsxRun{write: func(w io.Writer) error {
				rid, err := requiredID(flag, *id)
				if err != nil {
					return err
				}
				return readWrite(e, w, func(svc *certification.Service) (T, error) { return read(svc, e.ctx, rid) }, write)
			}}
		},
	}
}

// readWrite opens the data folder read-only, reads what a workbook shows
// with read and writes the workbook to w with write.
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

// requiredID reads the id given to the required flag --flag.
func requiredID(flag, v string) (certification.ID, error) {
	if err := required(flag, v); err != nil {
		return 0, err
	}
	return parseID("--"+flag, v)
}

// optionalID reads the id given to flag --flag; 0 when not given.
func optionalID(flag, v string) (certification.ID, error) {
	if v == "" {
		return 0, nil
	}
	return parseID("--"+flag, v)
}
