package app

import (
	"bytes"
	"context"

	"certdesk/certification"
	"certdesk/certification/document"
)

// Print certificate… on the Certificates workspace (issue 17): the
// selected certificate as a PDF in two clicks, the button and the save
// dialog's Save, written and recorded as every issued PDF is
// (pdf_issue.go).

// printCertificate asks where to save the selected certificate's PDF
// and prints it there.
func (c *certificatesSpace) printCertificate() {
	s, u := c.sel, c.u
	if s == nil || !u.pdfReady() {
		return
	}
	id, rev := s.ID, s.Revision
	u.saveFileAs("Certificate "+s.Number, document.CertificateFileName(s.Number, rev), pdfFilter, func(path string) {
		u.printCertificateTo(id, rev, path)
	})
}

// printCertificateTo writes revision rev of certificate id to path.
func (u *ui) printCertificateTo(id certification.ID, rev int, path string) {
	today := u.today()
	u.writePDF(pdfJob{what: "print the certificate", title: "Certificate printed",
		draw: func(ctx context.Context, svc *certification.Service, w PDFWriter, b *bytes.Buffer) (document.Issuable, error) {
			d, err := document.NewCertificateDoc(ctx, svc, id, rev, today)
			if err != nil {
				return nil, err
			}
			return d, w.WriteCertificate(b, d)
		}}, path)
}
