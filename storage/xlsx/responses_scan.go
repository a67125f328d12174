package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// What excelize cannot tell the reader of a response form: which cells
// hold bytes that are not UTF-8 text (excelize drops such a cell's text,
// or fails on the whole workbook) and which hold formulas (excelize gives
// the cached result, if any, as if it were typed). formScan finds both in
// the workbook's own XML, by cell, before excelize reads it.

// formScan is what the scan found in the rows sheet.
type formScan struct {
	damaged  map[string]bool   // cell ref ("K6") → holds invalid UTF-8
	formulas map[string]string // cell ref → its formula ("" for a shared one)
}

// scanForm scans the workbook data for the sheet named sheet. It returns
// the data to read on: the same bytes, or a copy in which the invalid
// bytes of that sheet and of the shared strings are replaced by U+FFFD so
// that excelize reads the rest of the form.
func scanForm(data []byte, sheet string) ([]byte, formScan, error) {
	scan := formScan{damaged: map[string]bool{}, formulas: map[string]string{}}
	parts, err := unzipParts(data)
	if err != nil {
		return data, scan, nil // excelize says what is wrong with it
	}
	sheetPath := sheetPart(parts, sheet)
	ws, ok := parts[sheetPath]
	if !ok {
		return data, scan, nil
	}
	shared := parts["xl/sharedStrings.xml"]
	for _, off := range invalidOffsets(ws) {
		if ref := cellAt(ws, off); ref != "" {
			scan.damaged[ref] = true
		}
	}
	if bad := invalidOffsets(shared); len(bad) > 0 {
		items := map[int]bool{}
		for _, off := range bad {
			items[bytes.Count(shared[:off], []byte("<si>"))+bytes.Count(shared[:off], []byte("<si "))-1] = true
		}
		for _, m := range sharedCell.FindAllSubmatch(ws, -1) {
			if n, err := strconv.Atoi(string(m[2])); err == nil && items[n] {
				scan.damaged[string(m[1])] = true
			}
		}
	}
	if len(scan.damaged) > 0 {
		parts[sheetPath] = bytes.ToValidUTF8(ws, []byte("\uFFFD"))
		if shared != nil {
			parts["xl/sharedStrings.xml"] = bytes.ToValidUTF8(shared, []byte("\uFFFD"))
		}
		if data, err = rezipParts(data, parts); err != nil {
			return nil, scan, err
		}
		ws = parts[sheetPath]
	}
	scan.formulas = formulaCells(ws)
	return data, scan, nil
}

// sharedCell matches a shared-string cell: its ref and string index.
var sharedCell = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"[^>]*t="s"[^>]*>\s*<v>([0-9]+)</v>`)

// cellStart matches the ref at the start of a <c> element.
var cellStart = regexp.MustCompile(`^<c r="([A-Z]+[0-9]+)"`)

// invalidOffsets lists where b holds bytes that are not UTF-8 (at most 1,000).
func invalidOffsets(b []byte) []int {
	var offs []int
	for i := 0; i < len(b) && len(offs) < 1000; {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			offs = append(offs, i)
		}
		i += max(n, 1)
	}
	return offs
}

// cellAt is the ref of the <c> element holding offset off of a sheet's XML.
func cellAt(ws []byte, off int) string {
	start := bytes.LastIndex(ws[:off], []byte("<c "))
	if start < 0 || bytes.LastIndex(ws[:off], []byte("</c>")) > start {
		return ""
	}
	m := cellStart.FindSubmatch(ws[start:])
	if m == nil {
		return ""
	}
	return string(m[1])
}

// formulaCells lists the cells of a sheet's XML that hold a formula.
func formulaCells(ws []byte) map[string]string {
	found := map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(ws))
	cell := ""
	for {
		tok, err := d.Token()
		if err != nil {
			return found
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				cell = ""
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						cell = a.Value
					}
				}
			case "f":
				var text string
				if d.DecodeElement(&text, &t) == nil && cell != "" {
					found[cell] = strings.TrimSpace(text)
				}
			}
		}
	}
}

// sheetPart finds the XML part of the sheet named name through the
// workbook and its relationships.
func sheetPart(parts map[string][]byte, name string) string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(parts["xl/workbook.xml"], &wb) != nil || xml.Unmarshal(parts["xl/_rels/workbook.xml.rels"], &rels) != nil {
		return ""
	}
	for _, s := range wb.Sheets {
		if s.Name != name {
			continue
		}
		for _, r := range rels.Rel {
			if r.ID == s.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/")
				}
				return path.Join("xl", r.Target)
			}
		}
	}
	return ""
}

// unzipParts reads the XML parts of a workbook.
func unzipParts(data []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		if f.UncompressedSize64 > maxFormBytes*8 {
			return nil, fmt.Errorf("%s is too large", f.Name)
		}
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(io.LimitReader(r, maxFormBytes*8))
		r.Close()
		if err != nil {
			return nil, err
		}
		parts[f.Name] = b
	}
	return parts, nil
}

// rezipParts writes data again with the parts given replaced.
func rezipParts(data []byte, parts map[string][]byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if b, ok := parts[f.Name]; ok {
			_, err = w.Write(b)
		} else {
			var r io.ReadCloser
			if r, err = f.Open(); err == nil {
				_, err = io.Copy(w, io.LimitReader(r, maxFormBytes*8))
				r.Close()
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
