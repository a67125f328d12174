package main

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage"
	"certdesk/storage/xlsx"
)

// withData opens the data folder (certctl has closed it) with a service
// whose clock stands on asOf, runs fn and closes the folder again.
func withData(t *testing.T, dir string, asOf certification.Date, fn func(svc *certification.Service)) {
	t.Helper()
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(certification.NewService(db, certification.FixedClock(asOf.Time())))
}

// auditPackOf reads the audit pack of an audit, or with pick set, of the
// first audit pick accepts, in id order.
func auditPackOf(t *testing.T, dir string, id certification.ID, pick func(*certification.Audit, *certification.File) bool) (p *document.AuditPack) {
	t.Helper()
	withData(t, dir, certification.NewDate(2026, 11, 25), func(svc *certification.Service) {
		ctx := context.Background()
		if pick != nil {
			err := svc.View(ctx, func(tx certification.Tx) error {
				return tx.Each(certification.KindAudit, func(aid certification.ID, decode func(certification.Record) error) error {
					var a certification.Audit
					if err := decode(&a); err != nil {
						return err
					}
					f, err := certification.LoadFile(tx, a.CertificationID)
					if err != nil {
						return err
					}
					if pick(&a, f) {
						id = aid
						return certification.ErrStop
					}
					return nil
				})
			})
			if err != nil || id == 0 {
				t.Fatalf("no audit to export (%v)", err)
			}
		}
		var err error
		if p, err = document.NewAuditPack(ctx, svc, id); err != nil {
			t.Fatal(err)
		}
	})
	return p
}

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// cellAfter returns column B of the row labelled label in column A.
func cellAfter(t *testing.T, f *excelize.File, sheet, label string) (int, string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 1 && r[0] == label {
			return i + 1, r[1]
		}
	}
	t.Fatalf("%s: no row %q", sheet, label)
	return 0, ""
}

// A closed stage 2 with findings from the demo body.
func TestExportAuditWorkbooksOfADemoAudit(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	ok(t, dir, "demo", "--clients", "40", "--seed", "1", "--as-of", "2026-11-25")
	p := auditPackOf(t, dir, 0, func(a *certification.Audit, f *certification.File) bool {
		return a.Kind == certification.Stage2 && a.Status == certification.AuditClosed && len(f.FindingsOf([]*certification.Audit{a})) >= 2
	})
	id := p.Audit.ID.String()
	out := t.TempDir()
	plan, report := filepath.Join(out, "plan.xlsx"), filepath.Join(out, "report.xlsx")
	if s := ok(t, dir, "--today", "2026-11-25", "export", "xlsx", "audit-plan", "--audit", id, "--out", plan); s != "" {
		t.Errorf("export printed %q to stdout", s)
	}
	ok(t, dir, "--today", "2026-11-25", "export", "xlsx", "audit-report", "--audit", id, "--out", report)

	f := openXLSX(t, plan)
	if got := f.GetSheetList(); !slices.Equal(got, []string{xlsx.PlanCoverSheet, xlsx.PlanTimetableSheet, xlsx.PlanTeamSheet}) {
		t.Fatalf("plan sheets %v", got)
	}
	if _, v := cellAfter(t, f, xlsx.PlanCoverSheet, "Organisation"); !strings.HasPrefix(v, p.Client.LegalName) {
		t.Errorf("plan organisation %q, want %s", v, p.Client.LegalName)
	}
	row, _ := cellAfter(t, f, xlsx.PlanCoverSheet, "Dates")
	if v, _ := f.GetCellValue(xlsx.PlanCoverSheet, "B"+strconv.Itoa(row)); v != p.Audit.Start().String() {
		t.Errorf("plan first day %q, want %s", v, p.Audit.Start())
	}
	lead, _ := p.Lead()
	rows, _ := f.GetRows(xlsx.PlanCoverSheet)
	if !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 1 && r[0] == "Lead auditor" && r[1] == lead.Name }) {
		t.Errorf("the plan does not name the lead auditor %s", lead.Name)
	}

	f = openXLSX(t, report)
	if got := f.GetSheetList(); !slices.Equal(got, []string{xlsx.ReportCoverSheet, xlsx.ReportChecklist, xlsx.ReportFindings, xlsx.ReportEvidence}) {
		t.Fatalf("report sheets %v", got)
	}
	rows, _ = f.GetRows(xlsx.ReportChecklist)
	if got := len(rows) - 4; got != len(p.Checklist) {
		t.Errorf("%d checklist rows, want %d", got, len(p.Checklist))
	}
	items, _ := certification.ChecklistItems(&p.Certification)
	if p.Applicable() != len(items) {
		t.Errorf("applicable %d, items %d", p.Applicable(), len(items))
	}
	rows, _ = f.GetRows(xlsx.ReportFindings)
	if got := len(rows) - 4; got != len(p.Findings) {
		t.Errorf("%d finding rows, want %d", got, len(p.Findings))
	}
	if raw, _ := f.GetCellValue(xlsx.ReportFindings, "G5", excelize.Options{RawCellValue: true}); raw == p.Findings[0].Raised.String() {
		t.Errorf("the raised date is text, not a date: %q", raw)
	}
	if _, v := cellAfter(t, f, xlsx.ReportCoverSheet, "Recommendation"); v == "" || v == "Not yet given" {
		t.Errorf("a closed stage 2 has a recommendation, got %q", v)
	}
}

// The fixture's sampled stage 2, through the command line.
func TestExportAuditReportOfTheFixture(t *testing.T) {
	dir, fx := fixtureFolder(t)
	out := filepath.Join(t.TempDir(), "report.xlsx")
	ok(t, dir, "--today", fx.AsOf.String(), "export", "xlsx", "audit-report", "--audit", fx.Stage2.String(), "--out", out)
	f := openXLSX(t, out)
	if _, v := cellAfter(t, f, xlsx.ReportCoverSheet, "Conditions"); !strings.Contains(v, "Minor NC #3 (7.2)") {
		t.Errorf("conditions %q", v)
	}
	rows, _ := f.GetRows(xlsx.ReportChecklist)
	i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 3 && r[0] == "A.7.3" })
	if i < 0 || rows[i][3] != "Excluded (SoA)" {
		t.Errorf("A.7.3 row %q", rows[max(i, 0)])
	}
}

func TestExportAuditWorkbookRefusals(t *testing.T) {
	dir := walkedFolder(t, walkThrough)
	out := filepath.Join(t.TempDir(), "x.xlsx")
	fails(t, dir, 2, "--audit is required", "export", "xlsx", "audit-plan", "--out", out)
	fails(t, dir, 2, "there is no audit 99", "export", "xlsx", "audit-report", "--audit", "99", "--out", out)
	fails(t, dir, 2, "--audit", "export", "xlsx", "audit-report", "--audit", "two", "--out", out)
	// The walk-through's stage 1 (audit 1) has a plan and a report too.
	ok(t, dir, "export", "xlsx", "audit-report", "--audit", "1", "--out", out)
	f := openXLSX(t, out)
	if _, v := cellAfter(t, f, xlsx.ReportCoverSheet, "Stage 1 outcome"); v != "Ready for stage 2" {
		t.Errorf("stage 1 outcome %q", v)
	}
}
