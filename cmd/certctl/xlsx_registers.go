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

// registerFlags are the flags of a register.
type registerFlags struct {
	AsOf certification.Date `help:"the date states and statuses are given on (default today)"`
	xlsxOut
}

type xlsxProgrammeCmd struct{ registerFlags }

func (c *xlsxProgrammeCmd) Run(e *env) error {
	return writeRegister(e, "programme", c.registerFlags, document.NewProgrammeRegister, xlsx.Workbooks{}.ProgrammeRegister)
}

type xlsxFindingsCmd struct{ registerFlags }

func (c *xlsxFindingsCmd) Run(e *env) error {
	return writeRegister(e, "findings", c.registerFlags, document.NewFindingsRegister, xlsx.Workbooks{}.FindingsRegister)
}

type xlsxCertificatesCmd struct{ registerFlags }

func (c *xlsxCertificatesCmd) Run(e *env) error {
	return writeRegister(e, "certificates", c.registerFlags, document.NewCertificateRegister, xlsx.Workbooks{}.CertificateRegister)
}

type xlsxCasesCmd struct{ registerFlags }

func (c *xlsxCasesCmd) Run(e *env) error {
	return writeRegister(e, "cases", c.registerFlags, document.NewCasesRegister, xlsx.Workbooks{}.CasesRegister)
}

// writeRegister writes a register as of --as-of: read reads it, write
// writes it, showing its progress.
func writeRegister[T any](e *env, kind string, f registerFlags, read func(context.Context, *certification.Service, certification.Date) (T, error),
	write func(context.Context, io.Writer, T, func(done, total int)) error) error {
	asOf := e.orToday(f.AsOf)
	return e.writeWorkbook(kind, f.Out, func(w io.Writer) error {
		return readWrite(e, w, func(svc *certification.Service) (T, error) { return read(e.ctx, svc, asOf) },
			func(ctx context.Context, w io.Writer, reg T) error {
				defer e.progressDone()
				return write(ctx, w, reg, e.progress("writing", "rows"))
			})
	})
}
