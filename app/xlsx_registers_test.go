package app

import (
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/document"
)

// The registers of the Export chooser, each written as of a date and read
// back with excelize: one table row per row of the register's query.
func TestXLSXRegistersThroughTheChooser(t *testing.T) {
	w := newXLWorld(t)
	h := w.h
	asOf := certification.NewDate(2026, 11, 25)
	for i, subject := range []string{"The auditor left early on day 2", "The register omits our Lyon site"} {
		c := certification.Case{Kind: certification.CaseComplaint, ClientID: certification.ID(i + 1), From: certification.CaseParty{Name: "A. Client"},
			Subject: subject, Received: certification.NewDate(2026, 11, 2+i)}
		if _, err := w.svc.ReceiveCase(h.ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		kind  string
		file  string
		sheet string
		rows  func() int
	}{
		{"Audit programme register", "audit-programme-2026-11-25.xlsx", "Programme", func() int {
			r, err := document.NewProgrammeRegister(h.ctx, w.svc, asOf)
			if err != nil {
				t.Fatal(err)
			}
			return len(r.Rows)
		}},
		{"Findings register", "findings-register-2026-11-25.xlsx", "Findings", func() int {
			r, err := document.NewFindingsRegister(h.ctx, w.svc, asOf)
			if err != nil {
				t.Fatal(err)
			}
			return len(r.Rows)
		}},
		{"Certificate register", "certificate-register-2026-11-25.xlsx", "Certificates", func() int {
			r, err := document.NewCertificateRegister(h.ctx, w.svc, asOf)
			if err != nil {
				t.Fatal(err)
			}
			return len(r.Rows)
		}},
		{"Complaints and appeals register", "complaints-appeals-2026-11-25.xlsx", "Cases", func() int {
			r, err := document.NewCasesRegister(h.ctx, w.svc, asOf)
			if err != nil {
				t.Fatal(err)
			}
			return len(r.Rows)
		}},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			cdMenu(t, h, "Export to Excel…")
			c := xlChooserShown(t, h)
			xlChoose(t, c, tc.kind)
			if c.asOf.Disabled() {
				t.Error("the as-of date is disabled for a register")
			}
			if c.help.Text == "" {
				t.Error("no help for the workbook chosen")
			}
			c.asOf.SetText(asOf.String())
			fxTap(h, fxButton(t, h.w, "Choose where to save…"))
			if w.lastAsked() != tc.file {
				t.Fatalf("save dialog offered %q, want %q", w.lastAsked(), tc.file)
			}
			if h.u.xfer != nil {
				t.Error("the progress dialog is still open")
			}
			if done := xlDoneMessage(h); done == nil || !strings.Contains(done.Text, tc.file) {
				t.Errorf("no report of the file written")
			}
			h.u.escape()
			f := w.open(tc.file)
			xlSheets(t, f, tc.sheet)
			n := tc.rows()
			if n == 0 {
				t.Fatal("the demo data has no rows for this register")
			}
			if got := xlTableRows(t, f, tc.sheet); got != n {
				t.Errorf("table of %d rows, want %d", got, n)
			}
		})
	}
	if got := w.files(); len(got) != 4 {
		t.Errorf("folder holds %q, want the four registers and nothing else", got)
	}
}
