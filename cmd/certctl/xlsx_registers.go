package main

import (
	"context"
	"io"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage/xlsx"
)

// certctl export xlsx programme, findings and certificates: the three
// registers, each as of a date (default today).

func init() {
	registerXLSX(registerKind("programme", "the audit programme: every certification with its cycle, each audit planned or done, each programme audit still to plan, what falls due next and its state",
		func(s *certification.Service, ctx context.Context, asOf certification.Date) (*document.ProgrammeRegister, error) {
			return document.NewProgrammeRegister(ctx, s, asOf)
		}, xlsx.Workbooks{}.ProgrammeRegister))
	registerXLSX(registerKind("findings", "the findings register: every finding with grade, clause, deadlines, response, review and verification, and whether it is late",
		func(s *certification.Service, ctx context.Context, asOf certification.Date) (*document.FindingsRegister, error) {
			return document.NewFindingsRegister(ctx, s, asOf)
		}, xlsx.Workbooks{}.FindingsRegister))
	registerXLSX(registerKind("certificates", "the certificate register: every certificate in the revision in force on the date, with sites, scope, dates and status",
		func(s *certification.Service, ctx context.Context, asOf certification.Date) (*document.CertificateRegister, error) {
			return document.NewCertificateRegister(ctx, s, asOf)
		}, xlsx.Workbooks{}.CertificateRegister))
}

// registerKind is a register as of --as-of: read reads it, write writes
// it, showing its progress.
func registerKind[T any](name, help string, read func(*certification.Service, context.Context, certification.Date) (T, error),
	write func(context.Context, io.Writer, T, func(done, total int)) error) xlsxKind {
	return xlsxKind{
		name:  name,
		help:  help,
		usage: "[--as-of DATE] --out FILE",
		flags: func(e *env, f *flags) xlsxRun {
			asOfS := f.String("as-of", "", "the date states and statuses are given on (default today)")
			return xlsxRun{write: func(w io.Writer) error {
				asOf, err := date("as-of", *asOfS, e.todayDate())
				if err != nil {
					return err
				}
				return readWrite(e, w, func(svc *certification.Service) (T, error) { return read(svc, e.ctx, asOf) },
					func(ctx context.Context, w io.Writer, reg T) error {
						defer e.progressDone()
						return write(ctx, w, reg, e.progress("writing", "rows"))
					})
			}}
		},
	}
}
