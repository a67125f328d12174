package pdf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
	"certdesk/storage"
)

// reportFixture is the audit fixture on a real Badger store, with a
// Greek client name, a Polish body address and the stage 2 report's
// details written by the team.
func reportFixture(t *testing.T) *auditfixture.Fixture {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fx, err := auditfixture.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	pol, err := fx.Svc.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pol.BodyName, pol.BodyAddress = "Zertifizierung Nord GmbH", "ul. Piotrkowska 1, 90-001 Łódź, Polska"
	if err := fx.Svc.SetPolicy(ctx, pol); err != nil {
		t.Fatal(err)
	}
	c, err := fx.Svc.Client(ctx, fx.Client)
	if err != nil {
		t.Fatal(err)
	}
	c.LegalName = "Ελληνική Τεχνητή Νοημοσύνη Α.Ε."
	if err := fx.Svc.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := fx.Svc.SetReportDetails(ctx, fx.Stage2, reportDetails); err != nil {
		t.Fatal(err)
	}
	return fx
}

func ptr(s string) *string { return &s }

var reportDetails = certification.ReportDetailsChange{
	Representative:    ptr("Zofia Łukasiewicz, Head of AI governance"),
	Objectives:        ptr("Confirm the readiness of the Kraków model lab's release process (Łódź data labelling excluded)."),
	ClientDocuments:   ptr("AI manual AIM-01 rev. 5; procedures AI-RR rev. 3, AI-LC-01 rev. 2"),
	SignificantIssues: ptr("The Kraków lab moves to new premises in 2026: its next visit must be re-planned."),
	Changes:           ptr("New chat assistant release 2.0 since stage 1."),
	Unresolved:        ptr("Whether the partner banks' own scoring rules are in the scope."),
	DivergingOpinions: ptr("The client considers finding 3 an observation; the team keeps it as a minor."),
	MarksUse:          ptr("Not applicable before certification."),
	Conclusion:        ptr("The AI management system conforms to ISO/IEC 42001 except for the findings raised and is effective in the areas sampled; the audit objectives were met."),
}

// pdfText is the PDF's text from pdftotext -layout, with white space
// folded, and its page count from pdfinfo.
func pdfText(t *testing.T, content []byte) (string, int, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", path, "-")), " ")
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(tool(t, "pdfinfo", path))
	n, _ := strconv.Atoi(m[1])
	return text, n, path
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// wantText fails for each string pdftotext does not show (long ones by
// their first 60 characters, which a page break does not cut).
func wantText(t *testing.T, text string, want []string) {
	t.Helper()
	for _, w := range want {
		w = fold(w)
		if r := []rune(w); len(r) > 60 {
			w = strings.TrimSpace(string(r[:60]))
		}
		if w != "" && !strings.Contains(text, w) {
			t.Errorf("pdftotext does not show %q", w)
		}
	}
}

// fontsEmbedded fails unless every font pdffonts lists is embedded DejaVu.
func fontsEmbedded(t *testing.T, path string) {
	t.Helper()
	fonts := tool(t, "pdffonts", path)
	if !strings.Contains(strings.ToLower(fonts), "dejavusans") {
		t.Fatalf("pdffonts shows no DejaVuSans:\n%s", fonts)
	}
	for _, line := range strings.Split(fonts, "\n")[2:] {
		// name, type (two words), encoding, emb, sub, uni, object id
		if f := strings.Fields(line); len(f) >= 8 && f[len(f)-5] != "yes" {
			t.Errorf("a font is not embedded: %s", line)
		}
	}
}

// The stage 2 report, complete, read back: every 9.4.8 item the model
// holds is in the text, pages are numbered "Page N of M", the checklist
// table repeats its header on the pages it runs over, fonts embedded.
func TestReportFromTheDomain(t *testing.T) {
	need(t, "pdftotext", "pdffonts", "pdfinfo")
	fx := reportFixture(t)
	d, err := document.NewReportDoc(context.Background(), fx.Svc, fx.Stage2)
	if err != nil {
		t.Fatal(err)
	}
	if m := d.Missing(); len(m) != 0 {
		t.Fatalf("the stage 2 report misses %q", m)
	}
	var b bytes.Buffer
	if err := (Writer{}).WriteReport(&b, d); err != nil {
		t.Fatal(err)
	}
	text, pages, path := pdfText(t, b.Bytes())
	want := []string{d.Body, d.BodyAddress, d.Client, d.ClientAddress, d.Representative, "Stage 2", string(d.Standard), d.Scope,
		d.ClientDocuments, "10 February 2025 – 12 February 2025", "7.5 auditor-days", "None: the audit was carried out as planned.",
		"sampling process", d.SignificantIssues, d.Changes, d.Unresolved, d.DivergingOpinions, d.MarksUse, d.Conclusion,
		certification.RecommendNotYet.Label(), "Lena Lindqvist", "Lead auditor", "Ahmed Aziz", "Technical expert", "Dr. Tomasz Nowak",
		"central function HH, seed 20250210"}
	want = append(want, d.Criteria...)
	want = append(want, d.Objectives...)
	for _, s := range d.Sites {
		want = append(want, s.Address)
	}
	for _, f := range d.Findings {
		want = append(want, "#"+strconv.Itoa(f.Number)+" "+f.Grade.Label()+" — "+f.Reference, f.Statement, f.Evidence)
	}
	wantText(t, text, want)
	if !strings.Contains(text, "Page 1 of "+strconv.Itoa(pages)) || !strings.Contains(text, "Page "+strconv.Itoa(pages)+" of "+strconv.Itoa(pages)) {
		t.Errorf("pages are not numbered 1 to %d of %d", pages, pages)
	}
	if n := strings.Count(text, "Ref. Clause or control Result Notes"); n < 2 || pages < 4 {
		t.Errorf("the checklist's header shows %d times on %d pages: the table does not run over pages", n, pages)
	}
	if strings.Contains(text, "DRAFT") {
		t.Error("a released report says DRAFT")
	}
	fontsEmbedded(t, path)
	var again bytes.Buffer
	if err := (Writer{}).WriteReport(&again, d); err != nil || !bytes.Equal(again.Bytes(), b.Bytes()) {
		t.Errorf("the same report written twice differs (%v)", err)
	}
}

// An incomplete report — the follow-up visit, not carried out — is
// refused unless printed as a draft; the draft says DRAFT on every
// page, lists what is missing on the first, and shows the earlier
// findings it follows up with their verification.
func TestReportDraft(t *testing.T) {
	need(t, "pdftotext", "pdfinfo")
	fx := reportFixture(t)
	d, err := document.NewReportDoc(context.Background(), fx.Svc, fx.FollowUp)
	if err != nil {
		t.Fatal(err)
	}
	missing := d.Missing()
	if len(missing) == 0 {
		t.Fatal("the follow-up's report misses nothing")
	}
	var b bytes.Buffer
	if err := (Writer{}).WriteReport(&b, d); err == nil || !strings.Contains(err.Error(), "representative") {
		t.Fatalf("an incomplete report written as released: %v", err)
	}
	d.Draft = true
	b.Reset()
	if err := (Writer{}).WriteReport(&b, d); err != nil {
		t.Fatal(err)
	}
	text, pages, path := pdfText(t, b.Bytes())
	first := strings.Join(strings.Fields(tool(t, "pdftotext", "-l", "1", "-layout", path, "-")), " ")
	wantText(t, first, append([]string{"Draft: not released"}, missing...))
	raw := strings.Join(strings.Fields(tool(t, "pdftotext", "-raw", path, "-")), "")
	if n := strings.Count(raw, "DRAFT"); n < pages {
		t.Errorf("DRAFT shows %d times on %d pages", n, pages)
	}
	if len(d.Earlier) == 0 {
		t.Fatal("the follow-up has no earlier findings to verify")
	}
	want := []string{"Verification of earlier corrective actions"}
	for _, f := range d.Earlier {
		want = append(want, f.Reference)
		if !f.VerifiedOn.IsZero() {
			want = append(want, "verified on "+longDate(printer(""), f.VerifiedOn))
		}
	}
	wantText(t, text, want)
}

// The plan of the stage 2: sites with addresses, the team with roles,
// objectives, scope, criteria and a timetable for each day.
func TestPlanFromTheDomain(t *testing.T) {
	need(t, "pdftotext", "pdffonts", "pdfinfo")
	fx := reportFixture(t)
	d, err := document.NewPlanDoc(context.Background(), fx.Svc, fx.Stage2)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := (Writer{}).WritePlan(&b, d); err != nil {
		t.Fatal(err)
	}
	text, pages, path := pdfText(t, b.Bytes())
	want := []string{"Audit plan", d.Body, d.Client, d.Contact, d.Scope, "Opening meeting", "Day 1 — 10 February 2025",
		"Day 3 — 12 February 2025", "Lead auditor", "Page " + strconv.Itoa(pages) + " of " + strconv.Itoa(pages)}
	want = append(want, d.Objectives...)
	want = append(want, d.Criteria...)
	for _, s := range d.Sites {
		want = append(want, s.Address)
	}
	for _, m := range d.Team {
		want = append(want, m.Name)
	}
	wantText(t, text, want)
	if d.Contact != "Zofia Łukasiewicz, Head of AI governance" {
		t.Errorf("the plan's contact is %q, not the report's representative", d.Contact)
	}
	fontsEmbedded(t, path)
}

// Every audit of the fixture — a stage 1, a closed stage 2, a follow-up
// not yet carried out, both halves of an integrated stage 1 in progress —
// prints its plan and its report (a draft where incomplete), and an
// integrated audit's documents name the other standard.
func TestEveryAuditPrints(t *testing.T) {
	need(t, "pdftotext", "pdfinfo")
	fx := reportFixture(t)
	ctx := context.Background()
	for _, id := range []certification.ID{fx.Stage1, fx.Stage2, fx.FollowUp, fx.Integrated42001, fx.Integrated9001} {
		d, err := document.NewReportDoc(ctx, fx.Svc, id)
		if err != nil {
			t.Fatalf("audit %d: %v", id, err)
		}
		d.Draft = len(d.Missing()) > 0
		var b bytes.Buffer
		if err := (Writer{}).WriteReport(&b, d); err != nil {
			t.Fatalf("report of audit %d: %v", id, err)
		}
		text, _, _ := pdfText(t, b.Bytes())
		p, err := document.NewPlanDoc(ctx, fx.Svc, id)
		if err != nil {
			t.Fatalf("audit %d: %v", id, err)
		}
		b.Reset()
		if err := (Writer{}).WritePlan(&b, p); err != nil {
			t.Fatalf("plan of audit %d: %v", id, err)
		}
		plan, _, _ := pdfText(t, b.Bytes())
		for _, other := range d.Integrated {
			if !strings.Contains(text, "integrated audit with "+string(other)) || !strings.Contains(plan, "integrated audit with "+string(other)) {
				t.Errorf("audit %d: the documents do not say it is integrated with %s", id, other)
			}
		}
		if (id == fx.Integrated42001 || id == fx.Integrated9001) != (len(d.Integrated) == 1) {
			t.Errorf("audit %d is integrated with %v", id, d.Integrated)
		}
	}
}
