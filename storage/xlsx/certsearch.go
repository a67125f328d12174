package xlsx

// The IAF CertSearch upload workbook (see docs/certsearch.md).
//
// certSearchLayout below is THE column layout of the upload template:
// sheets in the template's order, each with its columns in order (header
// text, required, longest value, width) and the function that gives the
// value. When the template changes, edit that table and nothing else.
//
// Every value is written as text (no numbers, no formulas; the cells also
// carry Excel's "@" text format so that a person editing a file keeps
// them text). Dates are YYYYMMDD text, as the legacy template and the API
// document (certSearchDate). The header is the first row: no title block,
// no Excel table, nothing else on the sheet.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

// csRow is one row of an upload sheet: the certificate it belongs to
// and, on the sheets that have them, the entity, site or sector.
type csRow struct {
	entity *document.CertSearchEntity
	cert   *document.CertSearchCert
	site   *document.CertSearchSite
	sector *document.CertSearchSector
}

// csColumn is one column of the template.
type csColumn struct {
	Header   string
	Required bool
	Max      int     // longest value in characters; 0: Excel's cell limit
	Width    float64 // column width in characters (looks only)
	Value    func(r csRow) string
}

// csSheet is one sheet of the template with its rows.
type csSheet struct {
	Name    string
	Rows    func(d *document.CertSearchData) iter.Seq[csRow]
	Columns []csColumn
}

// excelCellMax is the most characters an Excel cell holds.
const excelCellMax = 32767

// certSearchDate writes a date as the template wants it: YYYYMMDD text.
func certSearchDate(d certification.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d%02d%02d", d.Year(), int(d.Month()), d.Day())
}

// certSearchLayout is the upload template, version 2.x
// (../shared/domain/CERTSEARCH.md): five sheets in this order.
var certSearchLayout = []csSheet{
	{
		Name: "Certified Entity",
		Rows: entityRows,
		Columns: []csColumn{
			{"Certified Entity Unique ID", true, 45, 22, func(r csRow) string { return r.entity.UniqueID }},
			{"Certified Entity Name", true, 300, 40, func(r csRow) string { return r.entity.Name }},
			{"Trading Name", false, 300, 28, func(r csRow) string { return r.entity.TradingName }},
			{"English Name", false, 300, 28, func(r csRow) string { return r.entity.EnglishName }},
			{"Country", false, 0, 16, func(r csRow) string { return r.entity.Address.Country }},
			{"Street", false, 0, 16, func(r csRow) string { return r.entity.Address.Street }},
			{"City", false, 0, 14, func(r csRow) string { return r.entity.Address.City }},
			{"State", false, 0, 10, func(r csRow) string { return r.entity.Address.State }},
			{"Postcode", false, 0, 10, func(r csRow) string { return r.entity.Address.Postcode }},
			{"Full Address", false, 0, 50, func(r csRow) string { return r.entity.Address.Full }},
		},
	},
	{
		Name: "Certification",
		Rows: certRows,
		Columns: []csColumn{
			{"Certification Identity Number", true, 60, 24, func(r csRow) string { return r.cert.IdentityNumber }},
			{"Certificate Number", true, 0, 22, func(r csRow) string { return r.cert.Number }},
			{"Certification Status", true, 0, 12, func(r csRow) string { return r.cert.Status }},
			{"Accreditation Status", true, 0, 13, func(r csRow) string { return r.cert.Accreditation }},
			{"Certification Type", true, 0, 19, func(r csRow) string { return r.cert.Type }},
			{"Scope", false, 0, 50, func(r csRow) string { return r.cert.Scope }},
			{"Original Issue Date", false, 0, 12, func(r csRow) string { return certSearchDate(r.cert.OriginalIssue) }},
			{"Issue Date", true, 0, 12, func(r csRow) string { return certSearchDate(r.cert.Issue) }},
			{"Expiry Date", true, 0, 12, func(r csRow) string { return certSearchDate(r.cert.Expiry) }},
			// Not in the documented field list: the link from a
			// certificate to its entity (the legacy sheet has the entity
			// on the certificate's row). Check against the template.
			{"Certified Entity Unique ID", true, 45, 22, func(r csRow) string { return r.cert.EntityID }},
		},
	},
	{
		Name: "Certification Sites",
		Rows: siteRows,
		Columns: []csColumn{
			{"Certification Identity Number", true, 60, 24, func(r csRow) string { return r.cert.IdentityNumber }},
			{"Site Country", true, 0, 16, func(r csRow) string { return r.site.Address.Country }},
			{"Street", false, 0, 16, func(r csRow) string { return r.site.Address.Street }},
			{"City", false, 0, 14, func(r csRow) string { return r.site.Address.City }},
			{"State", false, 0, 10, func(r csRow) string { return r.site.Address.State }},
			{"Postcode", false, 0, 10, func(r csRow) string { return r.site.Address.Postcode }},
			{"Full Address", false, 0, 50, func(r csRow) string { return r.site.Address.Full }},
			{"Site Scope", false, 0, 50, func(r csRow) string { return r.site.Scope }},
		},
	},
	{
		Name: "Certification Standard & Scheme",
		Rows: certRows,
		Columns: []csColumn{
			{"Certification Identity Number", true, 60, 24, func(r csRow) string { return r.cert.IdentityNumber }},
			{"Scheme Name", true, 0, 40, func(r csRow) string { return r.cert.Scheme }},
			{"Standard Name", true, 0, 22, func(r csRow) string { return r.cert.Standard }},
		},
	},
	{
		Name: "Certification Sector",
		Rows: sectorRows,
		Columns: []csColumn{
			{"Certification Identity Number", true, 60, 24, func(r csRow) string { return r.cert.IdentityNumber }},
			{"Sector Name", true, 0, 50, func(r csRow) string { return r.sector.Name }},
			{"Sector Code", true, 0, 11, func(r csRow) string { return strconv.Itoa(r.sector.Code) }},
		},
	},
}

func entityRows(d *document.CertSearchData) iter.Seq[csRow] {
	return func(yield func(csRow) bool) {
		for i := range d.Entities {
			if !yield(csRow{entity: &d.Entities[i]}) {
				return
			}
		}
	}
}

func certRows(d *document.CertSearchData) iter.Seq[csRow] {
	return func(yield func(csRow) bool) {
		for i := range d.Certificates {
			if !yield(csRow{cert: &d.Certificates[i]}) {
				return
			}
		}
	}
}

func siteRows(d *document.CertSearchData) iter.Seq[csRow] {
	return func(yield func(csRow) bool) {
		for i := range d.Certificates {
			c := &d.Certificates[i]
			for j := range c.Sites {
				if !yield(csRow{cert: c, site: &c.Sites[j]}) {
					return
				}
			}
		}
	}
}

func sectorRows(d *document.CertSearchData) iter.Seq[csRow] {
	return func(yield func(csRow) bool) {
		for i := range d.Certificates {
			c := &d.Certificates[i]
			for j := range c.Sectors {
				if !yield(csRow{cert: c, sector: &c.Sectors[j]}) {
					return
				}
			}
		}
	}
}

// record names the row for a message: its certificate, or its entity.
func (r csRow) record() string {
	switch {
	case r.cert != nil && r.site != nil:
		site := r.site.Code
		if site == "" {
			site = "registered address"
		}
		return fmt.Sprintf("certificate %s (site %s)", r.cert.Number, site)
	case r.cert != nil && r.sector != nil:
		return fmt.Sprintf("certificate %s (IAF sector %d)", r.cert.Number, r.sector.Code)
	case r.cert != nil:
		return "certificate " + r.cert.Number
	case r.entity != nil:
		return "certified entity " + r.entity.UniqueID
	}
	return "row"
}

// checkCertSearch checks every cell against the layout (required, length)
// after the domain's own checks. It returns the first problems joined.
func checkCertSearch(d *document.CertSearchData) error {
	if err := d.Validate(); err != nil {
		return err
	}
	var errs []error
	for _, sh := range certSearchLayout {
		for r := range sh.Rows(d) {
			for _, c := range sh.Columns {
				v := c.Value(r)
				field := fmt.Sprintf("%s (sheet %s)", c.Header, sh.Name)
				limit := c.Max
				if limit == 0 {
					limit = excelCellMax
				}
				switch {
				case c.Required && strings.TrimSpace(v) == "":
					errs = append(errs, &certification.ValidationError{Record: r.record(), Field: field, Msg: "required by CertSearch, and empty"})
				case utf8.RuneCountInString(v) > limit:
					errs = append(errs, &certification.ValidationError{Record: r.record(), Field: field,
						Msg: fmt.Sprintf("%d characters, CertSearch takes at most %d", utf8.RuneCountInString(v), limit)})
				}
				if len(errs) >= 20 {
					return errors.Join(errs...)
				}
			}
		}
	}
	return errors.Join(errs...)
}

var _ document.CertSearchWriter = Workbooks{}

// certSearchRows counts the rows the data makes on every sheet.
func certSearchRows(d *document.CertSearchData) int {
	n := 0
	for _, sh := range certSearchLayout {
		for range sh.Rows(d) {
			n++
		}
	}
	return n
}

// WriteCertSearch writes one upload file (at most
// document.CertSearchFileLimit certificates).
func (Workbooks) WriteCertSearch(ctx context.Context, w io.Writer, d *document.CertSearchData, progress func(done, total int)) error {
	if n := len(d.Certificates); n > document.CertSearchFileLimit {
		return fmt.Errorf("xlsx: %d certificates in one CertSearch file, at most %d: use WriteCertSearchFiles", n, document.CertSearchFileLimit)
	}
	if err := checkCertSearch(d); err != nil {
		return err
	}
	total := certSearchRows(d)
	done := 0
	return writeCertSearch(ctx, w, d, func() {
		done++
		if progress != nil && (done%1000 == 0 || done == total) {
			progress(done, total)
		}
	})
}

// WriteCertSearchFiles splits the data at document.CertSearchFileLimit
// certificates and saves each part as cb_certs_1.xlsx, cb_certs_2.xlsx, …
// Everything is checked before the first file is saved.
func (Workbooks) WriteCertSearchFiles(ctx context.Context, d *document.CertSearchData, save func(name string, write func(io.Writer) error) error, progress func(done, total int)) ([]string, error) {
	if err := checkCertSearch(d); err != nil {
		return nil, err
	}
	parts := d.Split(document.CertSearchFileLimit)
	total := 0
	for _, p := range parts {
		total += certSearchRows(p)
	}
	done := 0
	tick := func() {
		done++
		if progress != nil && (done%1000 == 0 || done == total) {
			progress(done, total)
		}
	}
	var names []string
	for i, p := range parts {
		name := document.CertSearchFileName(i + 1)
		if err := save(name, func(w io.Writer) error { return writeCertSearch(ctx, w, p, tick) }); err != nil {
			return names, err
		}
		names = append(names, name)
	}
	return names, nil
}

// writeCertSearch streams the sheets of one file; tick counts each row.
func writeCertSearch(ctx context.Context, w io.Writer, d *document.CertSearchData, tick func()) error {
	b, err := New(Meta{Title: "IAF CertSearch upload", Body: d.Body, AsOf: d.AsOf})
	if err != nil {
		return err
	}
	defer b.Close()
	f := b.File()
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: "Calibri", Size: 11}, Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "left"}})
	if err != nil {
		return err
	}
	n := 0
	for _, sh := range certSearchLayout {
		if err := b.AddSheet(sh.Name); err != nil {
			return err
		}
		// For a person who prints a sheet to check it: landscape, the
		// columns fitted to the width (set before the stream starts).
		if err := (printLayout{landscape: true}).setUp(f, sh.Name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(sh.Name)
		if err != nil {
			return err
		}
		for i, c := range sh.Columns {
			// Wide enough for the header on one line.
			if err := sw.SetColWidth(i+1, i+1, max(c.Width, float64(utf8.RuneCountInString(c.Header))*1.15+2)); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
			return err
		}
		row := make([]any, len(sh.Columns))
		for i, c := range sh.Columns {
			row[i] = excelize.Cell{StyleID: head, Value: c.Header}
		}
		if err := sw.SetRow("A1", row); err != nil {
			return err
		}
		at := 1
		for r := range sh.Rows(d) {
			if n++; n%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			for i, c := range sh.Columns {
				// Empty optional values leave the cell blank.
				if v := c.Value(r); v != "" {
					row[i] = excelize.Cell{StyleID: text, Value: v}
				} else {
					row[i] = excelize.Cell{StyleID: text}
				}
			}
			at++
			if err := sw.SetRow("A"+strconv.Itoa(at), row); err != nil {
				return err
			}
			tick()
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Not b.Write: its SetActiveSheet reads every streamed sheet back
	// into memory; the first sheet is active already.
	_, err = f.WriteTo(w)
	return err
}
