package pdf

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/message"

	"certdesk/certification/document"
)

// SitesOnPage is the most sites listed on the certificate's page; more
// go to an annex of sites on the pages after it.
const SitesOnPage = 3

// WriteCertificate writes d as a one-page A4 certificate (with an annex
// of sites when it covers more than SitesOnPage) in d.Language: every
// label through the catalogue (lang.go), the standard's name in English.
// A revision not valid on the day printed carries its status across
// every page.
func (Writer) WriteCertificate(w io.Writer, d *document.CertificateDoc) error {
	p := printer(d.Language)
	rev := strconv.Itoa(d.Revision)
	f, err := newA4(p.Sprintf("Certificate %s revision %s", d.Number, rev), d.AsOf.Time())
	if err != nil {
		return err
	}
	f.SetAuthor(d.Body, true)
	f.SetHeaderFunc(func() {
		if mark := d.Watermark(); mark != "" {
			watermark(f, p.Sprintf(mark))
		}
	})
	f.AddPage()
	if err := certificateFront(f, p, d); err != nil {
		return err
	}
	if err := drawQR(f, d.QRText(), 150, 232, 40); err != nil {
		return err
	}
	note := p.Sprintf(qrNote)
	if d.RegisterURL != "" {
		note = p.Sprintf(qrNoteRegister)
	}
	f.SetFont(Font, "", 7)
	f.SetXY(20, 264)
	f.MultiCell(125, 3.5, note, "", "L", false)
	if len(d.Sites) > SitesOnPage {
		f.AddPage()
		heading(f, p.Sprintf("Annex: sites covered by certificate %s revision %s", d.Number, rev))
		sites(f, p, d)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: certificate %s: %w", d.Number, err)
	}
	return f.Output(w)
}

// The note under the QR code: what it holds, without and with the
// register's address.
const (
	qrNote = "The QR code holds the certificate number, revision and the start of the SHA-256 of this document's content. " +
		"Whether a PDF file is one the body issued, and the certificate's status today, is answered by the body from the file's SHA-256."
	qrNoteRegister = "The QR code opens this certificate in the body's public register, with the revision and the start of the SHA-256 of this document's content. " +
		"Whether a PDF file is one the body issued is answered by the SHA-256 of the file, listed there."
)

// certificateFront is the certificate's page above the QR code.
func certificateFront(f *fpdf.Fpdf, p *message.Printer, d *document.CertificateDoc) error {
	if err := letterhead(f, d); err != nil {
		return err
	}
	f.Ln(10)
	f.SetFont(Font, "B", 28)
	f.CellFormat(0, 14, p.Sprintf("CERTIFICATE"), "", 1, "C", false, 0, "")
	f.SetFont(Font, "", 11)
	f.CellFormat(0, 8, p.Sprintf("This is to certify that the management system of"), "", 1, "C", false, 0, "")
	f.SetFont(Font, "B", 18)
	f.MultiCell(0, 9, d.Client, "", "C", false)
	f.SetFont(Font, "", 11)
	f.CellFormat(0, 8, p.Sprintf("conforms to the requirements of"), "", 1, "C", false, 0, "")
	f.SetFont(Font, "B", 16)
	f.CellFormat(0, 9, string(d.Standard), "", 1, "C", false, 0, "")
	f.SetFont(Font, "", 11)
	f.CellFormat(0, 8, p.Sprintf("for the scope"), "", 1, "C", false, 0, "")
	f.SetFont(Font, "B", 11)
	f.MultiCell(0, 5.5, d.Scope, "", "C", false)
	f.Ln(4)
	if len(d.Sites) <= SitesOnPage {
		sites(f, p, d)
	} else {
		f.SetFont(Font, "", 10)
		f.CellFormat(0, 6, p.Sprintf("at the %s sites listed in the annex.", strconv.Itoa(len(d.Sites))), "", 1, "L", false, 0, "")
	}
	f.Ln(4)
	rev := strconv.Itoa(d.Revision)
	if d.Supersedes > 0 {
		rev = p.Sprintf("%s (supersedes revision %s)", rev, strconv.Itoa(d.Supersedes))
	}
	rows := [][2]string{
		{p.Sprintf("Certificate number"), d.Number},
		{p.Sprintf("Revision"), rev},
		{p.Sprintf("Original certification"), longDate(p, d.OriginalDate)},
		{p.Sprintf("Date of this issue"), longDate(p, d.IssueDate)},
		{p.Sprintf("Expiry date"), longDate(p, d.Expiry)},
		{p.Sprintf("Status on %s", longDate(p, d.AsOf)), p.Sprintf(d.StatusText())},
	}
	if d.TransferredFrom != "" {
		rows = slices.Insert(rows, 3, [2]string{p.Sprintf("Transferred from"), d.TransferredFrom})
	}
	f.SetFont(Font, "", 10)
	label := 55.0 // wide enough for the longest label of the language
	for _, row := range rows {
		label = max(label, f.GetStringWidth(row[0])+4)
	}
	for _, row := range rows {
		f.SetFont(Font, "", 10)
		f.CellFormat(label, 6, row[0], "", 0, "L", false, 0, "")
		f.SetFont(Font, "B", 10)
		f.CellFormat(0, 6, row[1], "", 1, "L", false, 0, "")
	}
	f.SetY(240)
	f.SetDrawColor(0, 0, 0)
	f.Line(20, 244, 95, 244)
	f.SetXY(20, 246)
	f.SetFont(Font, "", 10)
	f.MultiCell(80, 5, strings.TrimSpace(p.Sprintf("For %s", d.Body)+"\n"+d.Signatory), "", "L", false)
	return accreditation(f, p, d)
}

// letterhead is the body's logo (top left, when the policy has one)
// with its name and address beside it.
func letterhead(f *fpdf.Fpdf, d *document.CertificateDoc) error {
	left, top := f.GetX(), f.GetY()
	bottom := top
	if len(d.Logo) > 0 {
		w, h, err := placeImage(f, "logo", d.Logo, left, top, 45, 22)
		if err != nil {
			return err
		}
		f.SetLeftMargin(left + w + 6)
		f.SetXY(left+w+6, top)
		bottom = top + h
	}
	f.SetFont(Font, "B", 13)
	f.MultiCell(0, 7, d.Body, "", "L", false)
	if d.BodyAddress != "" {
		f.SetFont(Font, "", 9)
		f.MultiCell(0, 4.5, d.BodyAddress, "", "L", false)
	}
	f.SetLeftMargin(left)
	f.SetXY(left, max(f.GetY(), bottom))
	return nil
}

// accreditation is the accreditation mark with the accreditation body
// and number under it, between the signature and the QR code, when the
// policy has them.
func accreditation(f *fpdf.Fpdf, p *message.Printer, d *document.CertificateDoc) error {
	x, y := 104.0, 232.0
	if len(d.Mark) > 0 {
		_, h, err := placeImage(f, "accreditation mark", d.Mark, x, y, 42, 20)
		if err != nil {
			return err
		}
		y += h + 1
	}
	var lines []string
	if d.AccreditationBody != "" {
		lines = append(lines, p.Sprintf("Accredited by %s", d.AccreditationBody))
	}
	if d.AccreditationNumber != "" {
		lines = append(lines, p.Sprintf("Accreditation number %s", d.AccreditationNumber))
	}
	if len(lines) > 0 {
		f.SetFont(Font, "", 7)
		f.SetXY(x, y)
		f.MultiCell(44, 3.5, strings.Join(lines, "\n"), "", "L", false)
	}
	return nil
}

// heading is an annex's title.
func heading(f *fpdf.Fpdf, text string) {
	f.SetFont(Font, "B", 13)
	f.MultiCell(0, 7, text, "", "L", false)
	f.Ln(3)
}

// sites lists the covered sites, each with its scope where it differs.
func sites(f *fpdf.Fpdf, p *message.Printer, d *document.CertificateDoc) {
	f.SetFont(Font, "B", 10)
	f.CellFormat(0, 6, p.Sprintf("Sites covered"), "B", 1, "L", false, 0, "")
	for _, s := range d.Sites {
		f.SetFont(Font, "B", 10)
		f.CellFormat(18, 5.5, s.Code, "", 0, "L", false, 0, "")
		f.SetFont(Font, "", 10)
		text := s.Address
		if s.Scope != "" {
			text += "\n" + p.Sprintf("Scope at this site: %s", s.Scope)
		}
		f.MultiCell(0, 5.5, text, "", "L", false)
	}
}
