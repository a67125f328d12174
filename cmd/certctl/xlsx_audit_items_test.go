package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage/xlsx"
)

// A demo body's closed stage 1 and surveillance: the report's checklist
// shows the kind's own items (S1.x, SV.x) with the results the audit
// recorded, and each line's Due column is what DueItems says.
func TestExportAuditReportShowsTheKindsItems(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	ok(t, dir, "demo", "--clients", "40", "--seed", "1", "--as-of", "2026-11-25")
	for _, c := range []struct {
		kind   certification.AuditKind
		prefix string
		n      int // at least
	}{{certification.Stage1, "S1.", 7}, {certification.Surveillance, "SV.", 4}} {
		p := auditPackOf(t, dir, 0, func(a *certification.Audit, f *certification.File) bool {
			return a.Kind == c.kind && a.Status == certification.AuditClosed
		})
		out := filepath.Join(t.TempDir(), "report.xlsx")
		ok(t, dir, "--today", "2026-11-25", "export", "xlsx", "audit-report", "--audit", p.Audit.ID.String(), "--out", out)
		f := openXLSX(t, out)
		rows, _ := f.GetRows(xlsx.ReportChecklist)
		if h := rows[3]; h[0] != "Ref" || h[3] != "Result" || h[4] != "Due" || h[5] != "Notes" {
			t.Fatalf("checklist header %q", h)
		}
		data := rows[4:]
		if len(data) != len(p.Checklist) {
			t.Fatalf("%s: %d checklist rows, the pack has %d lines", c.kind, len(data), len(p.Checklist))
		}
		kindRows := 0
		for _, r := range data {
			r = append(r, make([]string, 6)...)
			ln := p.Checklist[slices.IndexFunc(p.Checklist, func(l document.PackLine) bool { return l.Ref == r[0] })]
			if ln.Excluded {
				continue
			}
			due := strings.HasPrefix(r[4], "Yes")
			if due != p.Due.IsDue(r[0]) {
				t.Errorf("%s %s: Due %q, DueItems says %v", c.kind, r[0], r[4], p.Due.IsDue(r[0]))
			}
			if !strings.HasPrefix(r[0], c.prefix) {
				continue
			}
			kindRows++
			e, recorded := p.Audit.Entry(r[0])
			if !recorded || !due || r[3] != e.Result.Label() || r[5] != e.Notes || ln.Kind == catalogue.Clause {
				t.Errorf("%s %s row %q, the audit recorded %+v (%v)", c.kind, r[0], r[:6], e, recorded)
			}
		}
		if kindRows < c.n || kindRows != len(p.KindLines()) {
			t.Errorf("%s: %d %s rows, the pack has %d", c.kind, kindRows, c.prefix, len(p.KindLines()))
		}
		if _, v := cellAfter(t, f, xlsx.ReportCoverSheet, p.KindLines()[0].Ref); v != p.KindLines()[0].Title {
			t.Errorf("%s: the cover's first item %q", c.kind, v)
		}
	}
}
