package pdf

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"certdesk/certification"
	"certdesk/certification/document"
)

// SitesOnPage is the most sites listed on the certificate's page; more
// go to an annex of sites on the pages after it.
const SitesOnPage = 3

// WriteCertificate writes d as a one-page A4 certificate (with an annex
// of sites when it covers more than SitesOnPage). A revision not valid on
// the day printed carries its status across every page.
func (Writer) WriteCertificate(w io.Writer, d *document.CertificateDoc) error {
	f, err := newA4("Certificate "+d.Number+" revision "+fmt.Sprint(d.Revision), d.AsOf.Time())
	if err != nil {
		return err
	}
	f.SetAuthor(d.Body, true)
	f.SetHeaderFunc(func() {
		if mark := d.Watermark(); mark != "" {
			watermark(f, mark)
		}
	})
	f.AddPage()
	certificateFront(f, d)
	if err := drawQR(f, d.QRText(), 150, 232, 40); err != nil {
		return err
	}
	f.SetFont(Font, "", 7)
	f.SetXY(20, 264)
	f.MultiCell(125, 3.5, "The QR code holds the certificate number, revision and the start of the SHA-256 of this document's content. "+
		"Whether a PDF file is one the body issued, and the certificate's status today, is answered by the body from the file's SHA-256.", "", "L", false)
	if len(d.Sites) > SitesOnPage {
		f.AddPage()
		heading(f, "Annex: sites covered by certificate "+d.Number+" revision "+fmt.Sprint(d.Revision))
		sites(f, d)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: certificate %s: %w", d.Number, err)
	}
	return f.Output(w)
}

// certificateFront is the certificate's page above the QR code.
func certificateFront(f *fpdf.Fpdf, d *document.CertificateDoc) {
	f.SetFont(Font, "B", 13)
	f.CellFormat(0, 7, d.Body, "", 1, "L", false, 0, "")
	if d.BodyAddress != "" {
		f.SetFont(Font, "", 9)
		f.MultiCell(0, 4.5, d.BodyAddress, "", "L", false)
	}
	f.Ln(10)
	f.SetFont(Font, "B", 28)
	f.CellFormat(0, 14, "CERTIFICATE", "", 1, "C", false, 0, "")
	f.SetFont(Font, "", 11)
	f.CellFormat(0, 8, "This is to certify that the management system of", "", 1, "C", false, 0, "")
	f.SetFont(Font, "B", 18)
	f.MultiCell(0, 9, d.Client, "", "C", false)
	f.SetFont(Font, "", 11)
	f.CellFormat(0, 8, "conforms to the requirements of", "", 1, "C", false, 0, "")
	f.SetFont(Font, "B", 16)
	f.CellFormat(0, 9, string(d.Standard), "", 1, "C", false, 0, "")
	f.SetFont(Font, "", 11)
	f.CellFormat(0, 8, "for the scope", "", 1, "C", false, 0, "")
	f.SetFont(Font, "B", 11)
	f.MultiCell(0, 5.5, d.Scope, "", "C", false)
	f.Ln(4)
	if len(d.Sites) <= SitesOnPage {
		sites(f, d)
	} else {
		f.SetFont(Font, "", 10)
		f.CellFormat(0, 6, fmt.Sprintf("at the %d sites listed in the annex.", len(d.Sites)), "", 1, "L", false, 0, "")
	}
	f.Ln(4)
	rev := fmt.Sprint(d.Revision)
	if d.Supersedes > 0 {
		rev += fmt.Sprintf(" (supersedes revision %d)", d.Supersedes)
	}
	for _, row := range [][2]string{
		{"Certificate number", d.Number},
		{"Revision", rev},
		{"Original certification", longDate(d.OriginalDate)},
		{"Date of this issue", longDate(d.IssueDate)},
		{"Expiry date", longDate(d.Expiry)},
		{"Status on " + longDate(d.AsOf), d.StatusText()},
	} {
		f.SetFont(Font, "", 10)
		f.CellFormat(55, 6, row[0], "", 0, "L", false, 0, "")
		f.SetFont(Font, "B", 10)
		f.CellFormat(0, 6, row[1], "", 1, "L", false, 0, "")
	}
	f.SetY(240)
	f.SetDrawColor(0, 0, 0)
	f.Line(20, 244, 100, 244)
	f.SetXY(20, 246)
	f.SetFont(Font, "", 10)
	f.MultiCell(120, 5, strings.TrimSpace("For "+d.Body+"\n"+d.Signatory), "", "L", false)
}

// heading is an annex's title.
func heading(f *fpdf.Fpdf, text string) {
	f.SetFont(Font, "B", 13)
	f.MultiCell(0, 7, text, "", "L", false)
	f.Ln(3)
}

// sites lists the covered sites, each with its scope where it differs.
func sites(f *fpdf.Fpdf, d *document.CertificateDoc) {
	f.SetFont(Font, "B", 10)
	f.CellFormat(0, 6, "Sites covered", "B", 1, "L", false, 0, "")
	for _, s := range d.Sites {
		f.SetFont(Font, "B", 10)
		f.CellFormat(18, 5.5, s.Code, "", 0, "L", false, 0, "")
		f.SetFont(Font, "", 10)
		text := s.Address
		if s.Scope != "" {
			text += "\nScope at this site: " + s.Scope
		}
		f.MultiCell(0, 5.5, text, "", "L", false)
	}
}

// longDate is a date as printed: "7 December 2026".
func longDate(d certification.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 January 2006")
}
