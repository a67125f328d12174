// Package catalogfile reads the catalogue of a standard a body adds
// (certification.BodyStandard) from the file it brings: its own TSV,
// written as CertDesk's catalogues are (reference, kind, group, title),
// or a CISO Assistant framework library in YAML. certctl standard add and
// the app's Settings › Standards both read through it.
package catalogfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/storage/cisoassistant"
)

// MaxSize is the largest catalogue file read: the largest CISO Assistant
// libraries are a few megabytes.
const MaxSize = 32 << 20

// Read reads the catalogue in file and returns the standard's record to
// define, named name — for a CISO Assistant library, name may be empty:
// the library's framework name is taken. An error names the file and,
// where the file is at fault, its line.
func Read(file, name string, table catalogue.TimeTable) (certification.BodyStandard, error) {
	st, err := os.Stat(file)
	if err != nil {
		return certification.BodyStandard{}, err
	}
	if st.Size() > MaxSize {
		return certification.BodyStandard{}, fmt.Errorf("%s is %d MB: a catalogue file is at most %d MB", file, st.Size()>>20, MaxSize>>20)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return certification.BodyStandard{}, err
	}
	return Parse(filepath.Base(file), data, name, table)
}

// Parse is Read on a file's content; base is the file's name, whose
// extension (.yaml or .yml) tells a CISO Assistant library from a TSV.
func Parse(base string, data []byte, name string, table catalogue.TimeTable) (certification.BodyStandard, error) {
	f, err := Items(base, data)
	if err != nil {
		return certification.BodyStandard{}, err
	}
	b := certification.BodyStandard{Name: certification.Standard(strings.TrimSpace(name)), Table: table, Source: f.Source, Items: f.Items}
	if b.Name == "" {
		if f.Name == "" {
			return b, fmt.Errorf("%s: give the standard's name with its edition, such as \"ISO 14001:2015\" (a TSV file does not carry it)", base)
		}
		b.Name = certification.Standard(f.Name)
	}
	if err := catalogue.CheckName(string(b.Name)); err != nil {
		return b, fmt.Errorf("%s: %w; give the name (certctl standard add --name, or the form's Name)", base, err)
	}
	return b, nil
}

// File is what a catalogue file holds.
type File struct {
	Name   string // the standard's name, if the file gives one (a library does)
	Source string // the file's name, and a library's reference
	Items  []catalogue.Item
}

// Items reads the lines of a catalogue file (base is its name) without
// naming the standard: a form shows them before it is named.
func Items(base string, data []byte) (File, error) {
	f := File{Source: base}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".yaml", ".yml":
		fw, err := cisoassistant.Parse(bytes.NewReader(data))
		if err != nil {
			return f, fmt.Errorf("%s: %w", base, err)
		}
		f.Name = standardName(fw.Name)
		if fw.Ref != "" {
			f.Source = base + " (CISO Assistant " + fw.Ref + ")"
		}
		f.Items = fw.Items
	default:
		c, err := catalogue.ParseTSV("the file", data)
		if err != nil {
			return f, fmt.Errorf("%s: %w", base, err)
		}
		f.Items = c.Items
	}
	return f, nil
}

// standardName is a library's framework name as certificates print a
// standard: "International standard ISO/IEC 27001:2013" → "ISO/IEC
// 27001:2013".
func standardName(framework string) string {
	n := strings.TrimSpace(framework)
	if i := strings.Index(n, "ISO"); i > 0 && n[i-1] == ' ' {
		return n[i:]
	}
	return n
}
