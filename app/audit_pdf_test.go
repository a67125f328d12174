package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
)

// The audit workspace writes the audit's plan as an issued PDF, and an
// incomplete report only as a draft: the app names what is missing, and
// the draft is written but not recorded. Report details… stores only
// what was changed.
func TestAuditPlanAndReportPDF(t *testing.T) {
	h, aw, id := startKestrelStage2(t)
	files := xlSeams(h)
	before := lastJournalEntry(h)

	h.u.printPlan(id)
	h.settle()
	plan := filepath.Join(files.dir, "audit-"+id.String()+"-plan.pdf")
	if content, err := os.ReadFile(plan); err != nil || !strings.HasPrefix(string(content), "%PDF") {
		t.Fatalf("plan not written: %v", err)
	} else if last := lastJournalEntry(h); last.Command != "issue-document" || !strings.Contains(string(last.Args), certification.ContentHash(content)) {
		t.Fatalf("the plan was not recorded: last entry %s %s", last.Command, last.Args)
	}
	if got := topTexts(h); !strings.Contains(got, "The plan of audit "+id.String()) {
		t.Errorf("done message: %q", got)
	}
	h.u.escape()
	recorded := lastJournalEntry(h)
	if recorded.Seq == before.Seq {
		t.Fatal("journal did not move")
	}

	h.u.printReport(aw, id)
	h.settle()
	if got := topTexts(h); !strings.Contains(got, "cannot be issued until it is complete") || !strings.Contains(strings.ToLower(got), "representative") {
		t.Fatalf("an incomplete report did not name what is missing: %q", got)
	}
	tapDialogButton(t, h, "Print a draft…")
	h.settle()
	draft := filepath.Join(files.dir, "audit-"+id.String()+"-report-DRAFT.pdf")
	if _, err := os.Stat(draft); err != nil {
		t.Fatalf("draft not written: %v (asked %v)", err, files.asked)
	}
	if last := lastJournalEntry(h); last.Seq != recorded.Seq {
		t.Errorf("a draft was recorded: %s", last.Command)
	}
	h.u.escape()

	tapAuditAction(t, h, aw, "Report details…")
	test.Type(dialogField[*entry](t, h, "Client's representative"), "Zofia Łukasiewicz, Head of AI governance")
	tapDialogButton(t, h, "Save")
	h.settle()
	a, _ := storedAudit(t, h, id)
	if a.Report.Representative != "Zofia Łukasiewicz, Head of AI governance" || a.Report.Conclusion != "" {
		t.Fatalf("report details stored as %+v", a.Report)
	}
	if last := lastJournalEntry(h); last.Command != "set-report-details" || !strings.Contains(string(last.Args), "Łukasiewicz") || strings.Contains(strings.ToLower(string(last.Args)), "conclusion\":\"") {
		t.Errorf("last entry %s %s: want set-report-details of the representative only", last.Command, last.Args)
	}
}
