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

// Print certificate… on the Certificates workspace (issue 17): the
// selected certificate as a PDF in two clicks, the button and the save
// dialog's Save. The domain builds the document (document.CertificateDoc);
// the writer handed in by main.go (storage/pdf) draws it; the file's
// SHA-256 is recorded in the journal (command issue-document) in the name
// of the person working before the file is written, so that certctl
// check-document recognises every file the app wrote
// (docs/documents.md). The same steps as certctl export pdf certificate.

var pdfFilter = fynestorage.NewExtensionFileFilter([]string{".pdf"})

// printed is what printing a certificate did.
type printed struct {
	doc  certification.IssuedDocument
	size int64
	// again: the same file had been recorded before (same revision,
	// status and day), so no new journal entry was made.
	again bool
}

// printCertificate asks where to save the selected certificate's PDF
// and prints it there.
func (c *certificatesSpace) printCertificate() {
	s, u := c.sel, c.u
	if s == nil {
		return
	}
	if u.pdf == nil {
		u.showInfo("Printing not available", "This CertDesk was started without its PDF writer. Use certctl export pdf certificate on the command line.")
		return
	}
	if u.actor.PersonID == 0 {
		u.showInfo("Choose who you are first", "Printing a certificate records the file in the journal in the name of the person working: choose who you are in Settings › People, then print again.")
		return
	}
	id, rev := s.ID, s.Revision
	u.saveFileAs("Certificate "+s.Number, document.CertificateFileName(s.Number, rev), pdfFilter, func(path string) {
		u.printCertificateTo(id, rev, path)
	})
}

// printCertificateTo writes revision rev of certificate id to path off
// the UI goroutine: the document, its PDF, the journal record, then the
// file (beside path, renamed when complete). It reports where the file
// went and its SHA-256, or why it was refused.
func (u *ui) printCertificateTo(id certification.ID, rev int, path string) {
	svc, w, today := u.svc(), u.pdf, u.today()
	name := filepath.Base(path)
	background(u, "print the certificate", func(ctx context.Context) (printed, error) {
		if err := actorMayChange(ctx, svc); err != nil {
			return printed{}, err
		}
		d, err := document.NewCertificateDoc(ctx, svc, id, rev, today)
		if err != nil {
			return printed{}, err
		}
		var b bytes.Buffer
		if err := w.WriteCertificate(&b, d); err != nil {
			return printed{}, err
		}
		var p printed
		if p.doc, p.again, err = document.RecordIssued(ctx, svc, d, b.Bytes(), today); err != nil {
			return p, err
		}
		p.size, err = writeReplacing(path, func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err })
		return p, err
	}, func(p printed) {
		if !p.again {
			u.changed()
		}
		rec := fmt.Sprintf("recorded in the journal as document %d, issued by %s", p.doc.ID, p.doc.IssuedBy.Name)
		if p.again {
			rec = fmt.Sprintf("the same file as printed on %s, recorded then as document %d", p.doc.Issued, p.doc.ID)
		}
		u.exportDone("Certificate printed", fmt.Sprintf("%s (%s) was written to the folder %s.\n\nCertificate %s revision %d; SHA-256 %s, %s. certctl check-document recognises this file.",
			name, byteSize(p.size), filepath.Dir(path), p.doc.Number, p.doc.Revision, p.doc.SHA256, rec), path)
	})
}
