package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

// csTestData builds n certificates of (n+1)/2 entities; odd certificates
// have two sites and two sectors, even ones one of each.
func csTestData(n int) *document.CertSearchData {
	d := &document.CertSearchData{AsOf: certification.NewDate(2026, 11, 25), Body: "Test Certification"}
	for i := 1; i <= (n+1)/2; i++ {
		e := document.CertSearchEntity{UniqueID: fmt.Sprintf("client-%d", i), Name: fmt.Sprintf("Client %d GmbH", i),
			Address: document.CertSearchAddressOf(fmt.Sprintf("Straße %d, 10115 Berlin, Germany", i)), ClientID: certification.ID(i)}
		if i%2 == 0 {
			e.TradingName = fmt.Sprintf("Client %d", i)
		}
		d.Entities = append(d.Entities, e)
	}
	for i := 1; i <= n; i++ {
		c := document.CertSearchCert{
			IdentityNumber: fmt.Sprintf("certification-%d", i), EntityID: fmt.Sprintf("client-%d", (i+1)/2),
			Number: fmt.Sprintf("CD-9001-2025-%05d", i), Status: "Active", Accreditation: document.CertSearchAccredited, Type: document.CertSearchType,
			Scope: "Design and sale of things", OriginalIssue: certification.NewDate(2024, 1, 10), Issue: certification.NewDate(2025, 3, 7),
			Expiry: certification.NewDate(2027, 1, 9), Scheme: document.CertSearchScheme(certification.ISO9001), Standard: string(certification.ISO9001),
			Sites:   []document.CertSearchSite{{Code: "HQ", Address: document.CertSearchAddressOf("Straße 1, 10115 Berlin, Germany")}},
			Sectors: []document.CertSearchSector{{Code: 33, Name: "Information technology"}},
		}
		if i%2 == 1 {
			c.Sites = append(c.Sites, document.CertSearchSite{Code: "S2", Address: document.CertSearchAddressOf("Rue 2, 75001 Paris, France"), Scope: "Sale"})
			c.Sectors = append(c.Sectors, document.CertSearchSector{Code: 29, Name: "Wholesale and retail trade"})
		}
		d.Certificates = append(d.Certificates, c)
	}
	return d
}

func csOpen(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestCertSearchLayoutReadsBack(t *testing.T) {
	d := csTestData(5)
	d.Certificates[2].Status = "Withdrawn"
	d.Certificates[3].OriginalIssue = 0 // optional: left blank
	var buf bytes.Buffer
	var last [2]int
	if err := (Workbooks{}).WriteCertSearch(context.Background(), &buf, d, func(done, total int) { last = [2]int{done, total} }); err != nil {
		t.Fatal(err)
	}
	f := csOpen(t, buf.Bytes())

	// Sheets in the layout's order, headers as the layout names them.
	var names []string
	for _, sh := range certSearchLayout {
		names = append(names, sh.Name)
	}
	if got := f.GetSheetList(); !slices.Equal(got, names) {
		t.Fatalf("sheets %q, want %q", got, names)
	}
	if want := []string{"Certified Entity", "Certification", "Certification Sites", "Certification Standard & Scheme", "Certification Sector"}; !slices.Equal(names, want) {
		t.Errorf("layout sheets %q, want the template's %q", names, want)
	}
	wantRows := map[string]int{"Certified Entity": 3, "Certification": 5, "Certification Sites": 8, "Certification Standard & Scheme": 5, "Certification Sector": 8}
	total := 0
	for _, sh := range certSearchLayout {
		rows, err := f.GetRows(sh.Name)
		if err != nil {
			t.Fatal(err)
		}
		var head []string
		for _, c := range sh.Columns {
			head = append(head, c.Header)
		}
		if !slices.Equal(rows[0], head) {
			t.Errorf("%s: header %q, want %q", sh.Name, rows[0], head)
		}
		if len(rows)-1 != wantRows[sh.Name] {
			t.Errorf("%s: %d rows, want %d", sh.Name, len(rows)-1, wantRows[sh.Name])
		}
		total += len(rows) - 1
		// Every value is text, and nothing is a formula.
		for r := range rows {
			for c := range sh.Columns {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				v, _ := f.GetCellValue(sh.Name, cell)
				if v == "" {
					continue
				}
				if typ, _ := f.GetCellType(sh.Name, cell); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("%s!%s %q is not text (type %v)", sh.Name, cell, v, typ)
				}
				if fx, _ := f.GetCellFormula(sh.Name, cell); fx != "" {
					t.Errorf("%s!%s has a formula %q", sh.Name, cell, fx)
				}
			}
		}
		if tables, _ := f.GetTables(sh.Name); len(tables) != 0 {
			t.Errorf("%s: %d tables: the upload has none", sh.Name, len(tables))
		}
		if panes, err := f.GetPanes(sh.Name); err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v %v", sh.Name, panes, err)
		}
	}
	if last != [2]int{total, total} {
		t.Errorf("last progress %v, want %d of %d", last, total, total)
	}

	// Values: dates as YYYYMMDD text, the status, the bare sector number,
	// the entity's trading name, blank optional cells.
	rows, _ := f.GetRows("Certification")
	if r := rows[1]; r[0] != "certification-1" || r[1] != "CD-9001-2025-00001" || r[2] != "Active" || r[3] != "Accredited" || r[4] != "Management System" ||
		r[6] != "20240110" || r[7] != "20250307" || r[8] != "20270109" || r[9] != "client-1" {
		t.Errorf("certification row %q", r)
	}
	if rows[3][2] != "Withdrawn" || rows[4][6] != "" {
		t.Errorf("rows %q / %q", rows[3], rows[4])
	}
	sec, _ := f.GetRows("Certification Sector")
	if r := sec[2]; r[0] != "certification-1" || r[1] != "Wholesale and retail trade" || r[2] != "29" {
		t.Errorf("sector row %q", r)
	}
	ent, _ := f.GetRows("Certified Entity")
	if r := ent[2]; r[0] != "client-2" || r[1] != "Client 2 GmbH" || r[2] != "Client 2" || r[4] != "Germany" || r[9] != "Straße 2, 10115 Berlin, Germany" {
		t.Errorf("entity row %q", r)
	}
	sites, _ := f.GetRows("Certification Sites")
	if r := sites[2]; r[0] != "certification-1" || r[1] != "France" || r[6] != "Rue 2, 75001 Paris, France" || r[7] != "Sale" {
		t.Errorf("site row %q", r)
	}
	std, _ := f.GetRows("Certification Standard & Scheme")
	if r := std[1]; r[1] != "Quality Management Systems" || r[2] != "ISO 9001:2015" {
		t.Errorf("standard row %q", r)
	}
	if raw, _ := f.GetCellValue("Certification", "H2", excelize.Options{RawCellValue: true}); raw != "20250307" {
		t.Errorf("issue date raw %q", raw)
	}
}

// 10,003 certificates make two files of 10,000 and 3; each file's
// entities, sites, standards and sectors are those of its certificates.
func TestCertSearchSplitsFiles(t *testing.T) {
	d := csTestData(document.CertSearchFileLimit + 3)
	saved := map[string][]byte{}
	var order []string
	calls := 0
	names, err := (Workbooks{}).WriteCertSearchFiles(context.Background(), d, func(name string, write func(io.Writer) error) error {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		saved[name] = buf.Bytes()
		order = append(order, name)
		return nil
	}, func(done, total int) {
		calls++
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"cb_certs_1.xlsx", "cb_certs_2.xlsx"}; !slices.Equal(names, want) || !slices.Equal(order, want) {
		t.Fatalf("files %v (saved %v)", names, order)
	}
	if calls < 10 {
		t.Errorf("progress called %d times", calls)
	}
	for i, name := range names {
		f := csOpen(t, saved[name])
		certs, _ := f.GetRows("Certification")
		want := []int{document.CertSearchFileLimit, 3}[i]
		if len(certs)-1 != want {
			t.Fatalf("%s: %d certificates, want %d", name, len(certs)-1, want)
		}
		ids, entities := map[string]bool{}, map[string]bool{}
		for _, r := range certs[1:] {
			ids[r[0]] = true
			entities[r[9]] = true
		}
		for _, sh := range []string{"Certification Sites", "Certification Standard & Scheme", "Certification Sector"} {
			rows, _ := f.GetRows(sh)
			seen := map[string]bool{}
			for _, r := range rows[1:] {
				if !ids[r[0]] {
					t.Fatalf("%s, %s: row for %s, a certificate of another file", name, sh, r[0])
				}
				seen[r[0]] = true
			}
			if len(seen) != len(ids) {
				t.Errorf("%s, %s: rows for %d of %d certificates", name, sh, len(seen), len(ids))
			}
		}
		ent, _ := f.GetRows("Certified Entity")
		if len(ent)-1 != len(entities) {
			t.Errorf("%s: %d entities, its certificates name %d", name, len(ent)-1, len(entities))
		}
		for _, r := range ent[1:] {
			if !entities[r[0]] {
				t.Errorf("%s: entity %s has no certificate in the file", name, r[0])
			}
		}
	}
	// One file cannot take more than the limit.
	if err := (Workbooks{}).WriteCertSearch(context.Background(), io.Discard, d, nil); err == nil {
		t.Error("10,003 certificates written to one file")
	}
}

// Bad data is refused before any file is saved, naming the certificate
// and the field.
func TestCertSearchRefusesBadData(t *testing.T) {
	for _, tc := range []struct {
		name          string
		edit          func(d *document.CertSearchData)
		record, field string
	}{
		{"status (domain)", func(d *document.CertSearchData) { d.Certificates[1].Status = "" }, "certificate CD-9001-2025-00002", "status"},
		{"site country (domain)", func(d *document.CertSearchData) { d.Certificates[2].Sites[1].Address.Country = "" }, "certificate CD-9001-2025-00003", "sites[1].country"},
		{"scope over the cell limit (layout)", func(d *document.CertSearchData) { d.Certificates[0].Scope = strings.Repeat("s", excelCellMax+1) },
			"certificate CD-9001-2025-00001", "Scope (sheet Certification)"},
		{"empty sector name (domain)", func(d *document.CertSearchData) { d.Certificates[1].Sectors[0].Name = " " },
			"certificate CD-9001-2025-00002", "sectors[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := csTestData(4)
			tc.edit(d)
			saved := 0
			_, err := (Workbooks{}).WriteCertSearchFiles(context.Background(), d, func(string, func(io.Writer) error) error { saved++; return nil }, nil)
			var ve *certification.ValidationError
			if !errors.As(err, &ve) || ve.Record != tc.record || ve.Field != tc.field {
				t.Fatalf("got %v, want %s: %s", err, tc.record, tc.field)
			}
			if saved != 0 {
				t.Errorf("%d files saved", saved)
			}
			if err := (Workbooks{}).WriteCertSearch(context.Background(), io.Discard, d, nil); !errors.As(err, &ve) {
				t.Errorf("one file: %v", err)
			}
		})
	}
}

// The layout's own limits apply to what the domain does not check.
func TestCertSearchLayoutLimits(t *testing.T) {
	d := csTestData(2)
	d.Entities[0].TradingName = strings.Repeat("t", 301)
	err := checkCertSearch(d)
	var ve *certification.ValidationError
	if !errors.As(err, &ve) || ve.Record != "certified entity client-1" || ve.Field != "Trading Name (sheet Certified Entity)" || !strings.Contains(ve.Msg, "at most 300") {
		t.Fatalf("got %v", err)
	}
}

func TestCertSearchCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := (Workbooks{}).WriteCertSearch(ctx, io.Discard, csTestData(3000), nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}
