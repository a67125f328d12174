package xlsx

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
	"certdesk/storage"
)

// A stage 1 in progress: its readiness items come first on the report's
// checklist with the results recorded, each line says whether it was due
// (DueItems: the S1 items, not the clauses), the cover lists the
// readiness items and what is still missing, and the plan lists them.
func TestAuditReportShowsTheStage1ReadinessItems(t *testing.T) {
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	fx, err := auditfixture.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	id := fx.Integrated42001
	for _, e := range []certification.ChecklistEntry{
		{Ref: "S1.4", Result: certification.ResultMinor, Notes: "The AI systems inventory misses the route planner."},
		{Ref: "S1.9", Result: certification.ResultConform, Notes: "Internal audit IA-2025-01 seen."},
	} {
		if err := fx.Svc.RecordChecklist(ctx, id, e); err != nil {
			t.Fatal(err)
		}
	}
	p, err := document.NewAuditPack(ctx, fx.Svc, id)
	if err != nil {
		t.Fatal(err)
	}
	report := writePack(t, "audit-report-stage1.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditReport(ctx, b, p) })
	rows, _ := report.GetRows(ReportChecklist)
	if rows[3][3] != "Result" || rows[3][4] != "Due" || rows[3][5] != "Notes" {
		t.Fatalf("checklist header %q", rows[3])
	}
	data := rows[4:]
	// S1.1–S1.11 (all apply to ISO/IEC 42001) before the first clause.
	for i := range 11 {
		if want := "S1." + strconv.Itoa(i+1); data[i][0] != want {
			t.Fatalf("checklist row %d is %q, want %s first", i, data[i][0], want)
		}
	}
	row := func(ref string) []string {
		i := slices.IndexFunc(data, func(r []string) bool { return r[0] == ref })
		if i < 0 {
			t.Fatalf("no checklist row %s", ref)
		}
		return append(data[i], make([]string, 8)...)
	}
	if r := row("S1.4"); r[3] != "Minor NC" || r[4] != "Yes" || r[5] != "The AI systems inventory misses the route planner." || r[2] != "Stage 1 readiness" {
		t.Errorf("S1.4 row %q", r)
	}
	if r := row("S1.9"); r[3] != "Conform" || r[4] != "Yes" || r[5] != "Internal audit IA-2025-01 seen." {
		t.Errorf("S1.9 row %q", r)
	}
	if r := row("S1.1"); r[3] != "Not audited" || r[4] != "Yes — no result" {
		t.Errorf("S1.1 row %q", r)
	}
	// A clause answered at stage 1 is not due in it.
	if r := row("4.1"); r[3] != "Conform" || r[4] != "No" {
		t.Errorf("4.1 row %q", r)
	}

	// The cover: the readiness items with result and notes, and what the
	// audit still has to cover.
	at, _ := findRow(t, report, ReportCoverSheet, "Stage 1 readiness items")
	_, r := findRowAfter(t, report, ReportCoverSheet, "S1.4", at)
	if !slices.Contains(r, "Minor NC") || !slices.Contains(r, "The AI systems inventory misses the route planner.") {
		t.Errorf("cover S1.4 row %q", r)
	}
	cover, _ := report.GetRows(ReportCoverSheet)
	if text := flatten(cover); !strings.Contains(text, "9 of the 11 checklist items due in this audit have no result yet: S1.1, S1.2, S1.3, S1.5,") {
		t.Errorf("the cover does not say what is missing:\n%s", text)
	}

	// The plan lists the readiness items the visit answers.
	plan := writePack(t, "audit-plan-stage1.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditPlan(ctx, b, p) })
	at, _ = findRow(t, plan, PlanCoverSheet, "Stage 1 readiness items the audit answers")
	if _, r := findRowAfter(t, plan, PlanCoverSheet, "S1.11", at); !slices.Contains(r, "Planning of stage 2: sites, processes, team, dates") {
		t.Errorf("plan S1.11 row %q", r)
	}
}
