package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/certification/view"
	"certdesk/storage/pdf"
)

// certctl export pdf certificate and certctl check-document: the PDF
// documents and the check that a file is one the body issued
// (docs/documents.md).

// exportPDFCmd writes the PDF documents CertDesk produces.
type exportPDFCmd struct {
	Certificate pdfCertificateCmd `cmd:"" help:"a certificate revision as a PDF; its SHA-256 is recorded in the journal"`
	Report      pdfReportCmd      `cmd:"" help:"an audit's report as a PDF (complete: recorded in the journal; --draft: marked DRAFT, not recorded)"`
	Plan        pdfPlanCmd        `cmd:"" help:"an audit's plan as a PDF; its SHA-256 is recorded in the journal"`
}

type pdfCertificateCmd struct {
	Certificate certification.ID `required:"" placeholder:"ID" help:"the certificate's id (any revision of its number; certctl status --json lists them)"`
	Revision    int              `help:"print this revision of the number instead of the current one"`
	Out         string           `placeholder:"FILE" help:"the file to write (default NUMBER-revN.pdf in the current folder)"`
}

func (pdfCertificateCmd) Help() string {
	return `Writes the certificate as a one-page A4 PDF (an annex lists the sites when
there are more than three): the body's name and address and the signatory
(policy body_name, body_address, signatory), the client's legal name, every
covered site, scope, standard with its edition, original certification date,
date of this issue, expiry date, number and revision, and the status today.
The current revision is the one in force today; --revision prints another.
A revision that is not valid today (suspended, withdrawn, expired,
superseded) carries its status across the page. It is printed in the
client's document language (certctl client language: en, fr or el), with
the policy's logo, accreditation mark, accreditation_body and
accreditation_number when set. The QR code holds the number, the revision
and the start of the SHA-256 of the content; with the policy's
register_url, as the address of the certificate's page in the published
register (REGISTER_URL/cert/NUMBER.html?rev=N&sha256=HASH). The
file's SHA-256 is recorded in the journal (command issue-document), so
'certctl check-document FILE' recognises it; printing the same revision
again on the same day gives the same file, recorded once.`
}

func (c *pdfCertificateCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	today := e.todayDate()
	d, err := document.NewCertificateDoc(e.ctx, svc, c.Certificate, c.Revision, today)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := (pdf.Writer{}).WriteCertificate(&b, d); err != nil {
		return err
	}
	rec, _, err := document.RecordIssued(e.ctx, svc, d, b.Bytes(), today)
	if err != nil {
		return err
	}
	out := c.Out
	if out == "" {
		out = d.FileName()
	}
	if err := writeFile(out, b.Bytes()); err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"kind": "certificate", "written": out, "document": rec, "status": d.Status})
	}
	fmt.Fprintf(e.stderr, "Wrote %s: certificate %s revision %d, %s on %s; SHA-256 %s, recorded as document %s\n",
		out, d.Number, d.Revision, d.StatusText(), today, rec.SHA256, rec.ID)
	return nil
}

type checkDocumentCmd struct {
	File string `arg:"" type:"existingfile" placeholder:"FILE" help:"the PDF file to check"`
}

func (checkDocumentCmd) Help() string {
	return `Says whether FILE is a document the body issued: its SHA-256 is looked up
among the documents recorded in the journal (certctl export pdf certificate,
report and plan record each). A certificate the body issued gives its
revision and its status today (exit 0, whatever the status); an audit
report or plan gives its audit, the client and the standard; any other
file, one changed byte included, is refused (exit 2). A draft report was
never recorded and is refused too.`
}

func (c *checkDocumentCmd) Run(e *env) error {
	content, err := os.ReadFile(c.File)
	if err != nil {
		return inputf("%v", err)
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	sum := certification.ContentHash(content)
	chk, err := view.CheckDocument(e.ctx, svc, sum, e.todayDate())
	if errors.Is(err, certification.ErrNotFound) {
		return fmt.Errorf("%s is not a document this body issued (nor is a copy of one with even one byte changed): SHA-256 %s: %w", c.File, sum, certification.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"file": c.File, "sha256": sum, "issued": true, "check": chk})
	}
	d := chk.Document
	if d.Kind != certification.DocCertificate {
		e.printf("%s was issued by this body on %s: the audit %s of audit %d (%s, %s to %s), %s, %s.\n", c.File, d.Issued, d.Kind, d.AuditID,
			chk.AuditKind.Label(), chk.AuditStart, chk.AuditEnd, chk.Client, chk.Standard)
		return nil
	}
	e.printf("%s was issued by this body on %s: certificate %s revision %d, %s, %s.\n", c.File, d.Issued, d.Number, d.Revision, chk.Client, chk.Standard)
	status := string(chk.Status)
	if !chk.Current {
		status += " (a later revision replaced it)"
	}
	e.printf("Status on %s: %s.\n", chk.AsOf, status)
	return nil
}
