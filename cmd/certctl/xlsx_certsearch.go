package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage/xlsx"
)

// certctl export xlsx certsearch, audit-time and decision.

type xlsxCertSearchCmd struct {
	AsOf certification.Date `help:"publish the certificates as they stand on this date (default: today)"`
	Out  string             `required:"" placeholder:"FOLDER" help:"the folder to write the upload files into"`
}

func (xlsxCertSearchCmd) Help() string {
	return `Writes the IAF CertSearch upload (IAF MD 28) into the folder --out, made if
missing: cb_certs_1.xlsx, cb_certs_2.xlsx, … with at most 10,000 certificates
each, every file holding the entities, sites, standards and sectors of its own
certificates. Published: every certificate issued by --as-of (default today),
in the revision then in force, with its status then (Active, Suspended,
Withdrawn, Expired). All values are text, dates YYYYMMDD. The data is checked
first (required fields, lengths, the country of each site read from its
address "street, postcode city, country"): a problem is reported naming the
certificate and field, and no file is written. cb_certs_N.xlsx files left in
the folder by an earlier, larger export are removed. Layout: docs/certsearch.md.`
}

func (c *xlsxCertSearchCmd) Run(e *env) error {
	files, err := e.certSearchFiles(c.Out, e.orToday(c.AsOf))
	if err != nil {
		return err
	}
	return e.wroteWorkbooks("certsearch", files)
}

type xlsxAuditTimeCmd struct {
	auditTimeFlags
	xlsxOut
}

func (xlsxAuditTimeCmd) Help() string {
	return `Writes the audit time justification (IAF MD 5) as a printable page for the
contract: client, standards, personnel, the table band and base days, each
adjustment with its reason, the caps, the integration reduction, stage 1 and
stage 2, surveillance and recertification, the split over sites and the
justification text. Takes the flags of 'certctl audit-time' (see 'certctl help
audit-time'): --client ID reads the client's record, or give --personnel.`
}

func (f *xlsxAuditTimeCmd) Run(e *env) error {
	return e.writeWorkbook("audit-time", f.Out, func(w io.Writer) error {
		c, err := f.calc(e)
		if err != nil {
			return err
		}
		sheet := &document.AuditTimeSheet{Prepared: e.todayDate(), Client: c.client, Input: c.in, Result: c.res}
		if c.client.ID != 0 {
			p, err := e.policy()
			if err != nil {
				return err
			}
			sheet.Body = p.BodyName
		}
		return xlsx.Workbooks{}.WriteAuditTime(e.ctx, w, sheet)
	})
}

func (e *env) certSearchFiles(out string, asOf certification.Date) ([]string, error) {
	if strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return nil, inputf("--out names a folder for %s, %s, …: give a folder, not a .xlsx file", document.CertSearchFileName(1), document.CertSearchFileName(2))
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return nil, inputf("--out: %s is a file: give a folder for the upload files", out)
	}
	svc, err := e.reader()
	if err != nil {
		return nil, err
	}
	data, err := document.NewCertSearch(e.ctx, svc, asOf)
	if err != nil {
		return nil, err
	}
	// Check before making the folder: a refused upload leaves nothing.
	if err := data.Validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o777); err != nil {
		return nil, inputf("--out: %v", err)
	}
	names, err := xlsx.Workbooks{}.WriteCertSearchFiles(e.ctx, data, func(name string, write func(io.Writer) error) error {
		return writeAtomically(filepath.Join(out, name), write)
	}, nil)
	var paths []string
	for _, n := range names {
		paths = append(paths, filepath.Join(out, n))
	}
	if err != nil {
		return paths, err
	}
	for n := len(names) + 1; ; n++ {
		stale := filepath.Join(out, document.CertSearchFileName(n))
		if _, err := os.Stat(stale); errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err := os.Remove(stale); err != nil {
			return paths, inputf("remove %s, left from an earlier export: %v", stale, err)
		}
		fmt.Fprintf(e.stderr, "Removed %s (left from an earlier export with more files)\n", stale)
	}
	if !e.json {
		fmt.Fprintf(e.stderr, "%d certificates of %d certified entities as of %s, in %d file(s)\n", len(data.Certificates), len(data.Entities), asOf, len(names))
	}
	return paths, nil
}
