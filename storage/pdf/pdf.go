// Package pdf writes CertDesk's PDF documents (docs/documents.md): the
// certificate, from document.CertificateDoc. It is the only package that
// imports codeberg.org/go-pdf/fpdf and the QR encoder that comes with it
// (github.com/boombuler/barcode). Text is set in DejaVu Sans, embedded
// here (fonts/, with its licence), so Greek, Polish and accented names
// print the same on every machine.
package pdf

import (
	_ "embed"
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/boombuler/barcode/qr"
)

//go:embed fonts/DejaVuSans.ttf
var sans []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var sansBold []byte

// Font is the family every document is set in.
const Font = "DejaVuSans"

// Writer writes the PDF documents; it holds no state.
type Writer struct{}

// newA4 starts an A4 portrait document with the embedded fonts, dated
// on (so the same content on the same day gives the same bytes).
func newA4(title string, on time.Time) (*fpdf.Fpdf, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(Font, "", sans)
	f.AddUTF8FontFromBytes(Font, "B", sansBold)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdf: the embedded font: %w", err)
	}
	f.SetCatalogSort(true)
	f.SetCreationDate(on)
	f.SetModificationDate(on)
	f.SetTitle(title, true)
	f.SetCreator("CertDesk", true)
	f.SetProducer("CertDesk", true)
	f.SetMargins(20, 18, 20)
	f.SetAutoPageBreak(true, 18)
	return f, nil
}

// drawQR draws text as a QR code (error correction M) of side mm at x, y:
// one filled square per dark module, so it stays sharp at any scale.
func drawQR(f *fpdf.Fpdf, text string, x, y, side float64) error {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return fmt.Errorf("pdf: QR code of %q: %w", text, err)
	}
	b := code.Bounds()
	n := b.Dx()
	quiet := 4 // modules of white around, as the QR standard asks
	m := side / float64(n+2*quiet)
	f.SetFillColor(255, 255, 255)
	f.Rect(x, y, side, side, "F")
	f.SetFillColor(0, 0, 0)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if r, _, _, _ := code.At(b.Min.X+i, b.Min.Y+j).RGBA(); r == 0 {
				f.Rect(x+float64(i+quiet)*m, y+float64(j+quiet)*m, m, m, "F")
			}
		}
	}
	return nil
}

// watermark prints text large, light and diagonally across the page.
func watermark(f *fpdf.Fpdf, text string) {
	w, h := f.GetPageSize()
	f.TransformBegin()
	f.TransformRotate(50, w/2, h/2)
	f.SetAlpha(0.25, "Normal")
	f.SetFont(Font, "B", 80)
	f.SetTextColor(200, 0, 0)
	tw := f.GetStringWidth(text)
	if tw > h*0.9 { // long words get smaller, to stay on the page
		f.SetFontSize(80 * h * 0.9 / tw)
		tw = f.GetStringWidth(text)
	}
	f.Text(w/2-tw/2, h/2+10, text)
	f.SetAlpha(1, "Normal")
	f.TransformEnd()
	f.SetTextColor(0, 0, 0)
}
