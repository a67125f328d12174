package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/view"
)

// certctl export pdf report refuses an incomplete report and writes
// nothing; --draft writes it, marked, without recording it; once the
// report details are set the report is recorded and check-document
// accepts it, and refuses it with one byte changed. The plan likewise.
func TestAuditReportAndPlanPDF(t *testing.T) {
	dir, as := pdfDemo(t)
	// A closed stage 2 with findings whose report lacks only what the
	// team writes into it (the demo does not).
	var want []string
	p := auditPackOf(t, dir, 0, func(a *certification.Audit, f *certification.File) bool {
		gaps, err := certification.ReportGaps(f, a)
		if a.Kind != certification.Stage2 || a.Status != certification.AuditClosed || len(f.FindingsOf([]*certification.Audit{a})) == 0 || err != nil || len(gaps) != 2 {
			return false
		}
		want = gaps
		return true
	})
	audit := p.Audit.ID.String()
	out := filepath.Join(t.TempDir(), "report.pdf")

	r := fails(t, dir, 1, "report-complete-before-release", append(as, "export", "pdf", "report", "--audit", audit, "--out", out)...)
	for _, w := range []string{"client's representative", "conclusion"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("the refusal does not name %q: %s", w, r.stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a refused report was written: %v", err)
	}
	var details struct {
		AuditID certification.ID `json:"audit_id"`
		Report  certification.ReportDetails
		Missing []string
	}
	decodeJSON(t, ok(t, dir, "--json", "audit", "report-details", audit), &details)
	if strings.Join(details.Missing, "|") != strings.Join(want, "|") {
		t.Errorf("report-details says missing %q, ReportGaps %q", details.Missing, want)
	}

	journal := func() int { return strings.Count(ok(t, dir, "journal"), "\n") }
	before := journal()
	draft := filepath.Join(t.TempDir(), "draft.pdf")
	var drafted struct {
		Kind, Written string
		Draft         bool
		Missing       []string
	}
	decodeJSON(t, ok(t, dir, "--today", "2026-11-25", "--json", "export", "pdf", "report", "--audit", audit, "--draft", "--out", draft), &drafted)
	if !drafted.Draft || drafted.Written != draft || len(drafted.Missing) != 2 || journal() != before {
		t.Fatalf("draft: %+v, journal %d → %d entries", drafted, before, journal())
	}
	fails(t, dir, 2, "is not a document this body issued", "check-document", draft)
	// The mark is set diagonally: without white space it reads as the word.
	if flat := strings.Join(strings.Fields(pdfText(t, draft)), ""); !strings.Contains(flat, "DRAFT") || !strings.Contains(flat, "Draft:notreleased") {
		t.Errorf("the draft is not marked DRAFT")
	}

	ok(t, dir, append(as, "audit", "report-details", audit, "--representative", "Zofia Łukasiewicz, Prezes Zarządu",
		"--conclusion", "Το σύστημα διαχείρισης συμμορφώνεται· effective in the areas sampled.")...)
	var wrote struct {
		Kind, Written string
		Document      certification.IssuedDocument
	}
	decodeJSON(t, ok(t, dir, append(as, "--json", "export", "pdf", "report", "--audit", audit, "--out", out)...), &wrote)
	content, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if d := wrote.Document; wrote.Kind != "report" || d.ID == 0 || d.AuditID != p.Audit.ID || d.SHA256 != certification.ContentHash(content) {
		t.Fatalf("wrote %+v", wrote)
	}
	if flat := strings.Join(strings.Fields(pdfText(t, out)), ""); !strings.Contains(flat, "ZofiaŁukasiewicz") || strings.Contains(flat, "DRAFT") {
		t.Errorf("the released report lacks the representative or says DRAFT")
	}
	var chk struct{ Check view.DocumentCheck }
	decodeJSON(t, ok(t, dir, "--today", "2026-11-26", "--json", "check-document", out), &chk)
	if c := chk.Check; c.Document.ID != wrote.Document.ID || c.AuditKind != certification.Stage2 || c.Client != p.Client.LegalName || c.Status != "" {
		t.Fatalf("check-document: %+v", c)
	}
	if text := ok(t, dir, "check-document", out); !strings.Contains(text, "the audit report of audit "+audit) || strings.Contains(text, "Status on") {
		t.Errorf("check-document says:\n%s", text)
	}
	fails(t, dir, 2, "is not a document this body issued", "check-document", oneByteChanged(t, content))
	fails(t, dir, 1, "report-fixed-once-issued", append(as, "audit", "report-details", audit, "--conclusion", "rewritten")...)

	plan := filepath.Join(t.TempDir(), "plan.pdf")
	decodeJSON(t, ok(t, dir, append(as, "--json", "export", "pdf", "plan", "--audit", audit, "--out", plan)...), &wrote)
	if wrote.Kind != "plan" || wrote.Document.AuditID != p.Audit.ID {
		t.Fatalf("plan: %+v", wrote)
	}
	if text := ok(t, dir, "check-document", plan); !strings.Contains(text, "the audit plan of audit "+audit) {
		t.Errorf("check-document of the plan says:\n%s", text)
	}
	ok(t, dir, "verify")
}

// The README's PDF lines after its walk-through: the stage 2 (closed)
// gets its report details, then its report and plan are issued and
// recognised.
func TestWalkThroughReportPDF(t *testing.T) {
	dir := walkedFolder(t, grantedWalkThrough)
	t.Setenv(UserEnv, "Lena Lead")
	report, plan := filepath.Join(t.TempDir(), "report.pdf"), filepath.Join(t.TempDir(), "plan.pdf")
	fails(t, dir, 1, "client's representative", "export", "pdf", "report", "--audit", "2", "--out", report)
	ok(t, dir, "audit", "report-details", "2", "--representative", "Maria Müller, Head of AI governance",
		"--conclusion", "The system conforms and is effective; the major is verified as corrected.")
	ok(t, dir, "export", "pdf", "report", "--audit", "2", "--out", report)
	ok(t, dir, "export", "pdf", "plan", "--audit", "2", "--out", plan)
	if text := ok(t, dir, "check-document", report); !strings.Contains(text, "the audit report of audit 2 (Stage 2") || !strings.Contains(text, "Acme AI GmbH") {
		t.Errorf("check-document says:\n%s", text)
	}
	if flat := strings.Join(strings.Fields(pdfText(t, report)), " "); !strings.Contains(flat, "Maria Müller") || !strings.Contains(flat, "Verified") {
		t.Errorf("the report lacks the representative or the verified major")
	}
}

// pdfText is the text of a PDF file (pdftotext -raw), or skips.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (make deps installs poppler-utils)")
	}
	text, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}
