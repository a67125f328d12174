package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"

	fynestorage "fyne.io/fyne/v2/storage"

	"certdesk/certification"
	"certdesk/certification/document"
)

// One way the app writes a PDF document (issue 17): the domain builds the
// document (document.CertificateDoc, ReportDoc, PlanDoc), the writer
// handed in by main.go (storage/pdf) draws it, and the file's SHA-256 is
// recorded in the journal (command issue-document) in the name of the
// person working before the file is written, so that certctl
// check-document and File › Check a document… recognise every file the
// app wrote (docs/documents.md). A draft report is drawn and written,
// never recorded. The same steps as certctl export pdf.

// PDFWriter draws the PDF documents (storage/pdf's Writer).
type PDFWriter interface {
	document.CertificateWriter
	document.ReportWriter
	document.PlanWriter
}

var pdfFilter = fynestorage.NewExtensionFileFilter([]string{".pdf"})

// pdfJob is one PDF to write: what it is (for messages) and how the
// document is built and drawn. draw returns the document to record, or
// nil for a draft, which is not recorded.
type pdfJob struct {
	what  string // "print the certificate": the error's heading
	title string // "Certificate printed": the message's title
	draw  func(ctx context.Context, svc *certification.Service, w PDFWriter, b *bytes.Buffer) (document.Issuable, error)
}

// printed is what writing a PDF did.
type printed struct {
	doc  certification.IssuedDocument
	size int64
	// again: the same file had been recorded before (same content and
	// day), so no new journal entry was made.
	again, draft bool
}

// pdfReady says why no PDF can be written now (no writer, nobody
// chosen), or returns true.
func (u *ui) pdfReady() bool {
	if u.pdf == nil {
		u.showInfo("PDF not available", "This CertDesk was started without its PDF writer. Use certctl export pdf on the command line.")
		return false
	}
	if u.actor.PersonID == 0 {
		u.showInfo("Choose who you are first", "An issued document is recorded in the journal in the name of the person working: choose who you are in Settings › People, then try again.")
		return false
	}
	return true
}

// writePDF runs job off the UI goroutine and writes the file to path
// (beside it, renamed when complete); it reports where the file went and
// its SHA-256, or why it was refused.
func (u *ui) writePDF(job pdfJob, path string) {
	svc, w, today := u.svc(), u.pdf, u.today()
	background(u, job.what, func(ctx context.Context) (printed, error) {
		if err := actorMayChange(ctx, svc); err != nil {
			return printed{}, err
		}
		var b bytes.Buffer
		d, err := job.draw(ctx, svc, w, &b)
		if err != nil {
			return printed{}, err
		}
		var p printed
		if p.draft = d == nil; !p.draft {
			if p.doc, p.again, err = document.RecordIssued(ctx, svc, d, b.Bytes(), today); err != nil {
				return p, err
			}
		}
		p.size, err = writeReplacing(path, func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err })
		return p, err
	}, func(p printed) {
		if !p.again && !p.draft {
			u.changed()
		}
		u.exportDone(job.title, fmt.Sprintf("%s (%s) was written to the folder %s.\n\n%s",
			filepath.Base(path), byteSize(p.size), filepath.Dir(path), p.record()), path)
	})
}

// record says what the journal holds of the file.
func (p printed) record() string {
	if p.draft {
		return "A draft is not an issued document: it is not recorded, and check-document does not recognise it."
	}
	d := p.doc
	what := fmt.Sprintf("The %s of audit %d", d.Kind, d.AuditID)
	if d.Kind == certification.DocCertificate {
		what = fmt.Sprintf("Certificate %s revision %d", d.Number, d.Revision)
	}
	rec := fmt.Sprintf("recorded in the journal as document %d, issued by %s", d.ID, d.IssuedBy.Name)
	if p.again {
		rec = fmt.Sprintf("the same file as written on %s, recorded then as document %d", d.Issued, d.ID)
	}
	return fmt.Sprintf("%s; SHA-256 %s, %s. certctl check-document recognises this file.", what, d.SHA256, rec)
}
