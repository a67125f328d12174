package certification_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/memstore"
)

// evidenceFixture builds the audit fixture on st: Integrated42001 is in
// progress, Stage2 closed with open and done findings.
func evidenceFixture(t *testing.T, st Store) *auditfixture.Fixture {
	t.Helper()
	fx, err := auditfixture.Build(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func TestAttachEvidence(t *testing.T) {
	stores := map[string]func(t *testing.T, fn func(*testing.T, Store)){
		"badger": forEachStore,
		"memstore": func(t *testing.T, fn func(*testing.T, Store)) {
			fn(t, memstore.New())
		},
	}
	for name, each := range stores {
		t.Run(name, func(t *testing.T) {
			each(t, func(t *testing.T, st Store) { attachEvidenceCases(t, st) })
		})
	}
}

func attachEvidenceCases(t *testing.T, st Store) {
	ctx := context.Background()
	fx := evidenceFixture(t, st)
	svc, today := fx.Svc, fx.AsOf
	p, err := svc.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.EvidenceMaxMB = 1
	if err := svc.SetPolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	ofi := fx.Findings[3] // no action needed: done
	var major ID          // a nonconformity of stage 2 still open
	for _, id := range fx.Findings {
		if f, err := svc.Finding(ctx, id); err == nil && f.Open() && major == 0 {
			major = id
		}
	}
	if major == 0 {
		t.Fatal("the fixture has no open finding on stage 2")
	}
	open := fx.Integrated42001
	limit := make([]byte, 1<<20)
	for _, c := range []struct {
		name    string
		e       Evidence
		content []byte
		rule    string // refused by
		field   string // invalid field
	}{
		{"checklist item of an audit in progress", Evidence{AuditID: open, Ref: "4.1", FileName: "scope.pdf"}, []byte("%PDF scope"), "", ""},
		{"ref normalised", Evidence{AuditID: open, Ref: "a.5.2", FileName: "C:\\scans\\policy.png", Caption: "AI policy, signed"}, []byte("png"), "", ""},
		{"exactly the limit", Evidence{AuditID: open, Ref: "4.2", FileName: "big.bin"}, limit, "", ""},
		{"one byte past the limit", Evidence{AuditID: open, Ref: "4.2", FileName: "huge.bin"}, append(limit, 0), RuleEvidenceSize, ""},
		{"open finding of a closed audit", Evidence{AuditID: fx.Stage2, FindingID: major, FileName: "risk-assessment.pdf"}, []byte("ra"), "", ""},
		{"finding done on a closed audit", Evidence{AuditID: fx.Stage2, FindingID: ofi, FileName: "x.pdf"}, []byte("x"), RuleAuditNotOpen, ""},
		{"checklist of a closed audit", Evidence{AuditID: fx.Stage2, Ref: "4.1", FileName: "x.pdf"}, []byte("x"), RuleAuditNotOpen, ""},
		{"finding of another audit", Evidence{AuditID: open, FindingID: major, FileName: "x.pdf"}, []byte("x"), "", "finding_id"},
		{"neither ref nor finding", Evidence{AuditID: open, FileName: "x.pdf"}, []byte("x"), "", "ref"},
		{"both ref and finding", Evidence{AuditID: fx.Stage2, Ref: "4.1", FindingID: major, FileName: "x.pdf"}, []byte("x"), "", "ref"},
		{"unknown item", Evidence{AuditID: open, Ref: "11.1", FileName: "x.pdf"}, []byte("x"), "", "ref"},
		{"no file name", Evidence{AuditID: open, Ref: "4.1", FileName: "dir/"}, []byte("x"), "", "file_name"},
		{"no audit", Evidence{AuditID: 999, Ref: "4.1", FileName: "x.pdf"}, []byte("x"), "", "audit_id"},
		{"dated today", Evidence{AuditID: open, Ref: "4.3", FileName: "today.txt", AddedOn: today}, []byte("t"), "", ""},
		{"dated tomorrow", Evidence{AuditID: open, Ref: "4.3", FileName: "x.txt", AddedOn: today.AddDays(1)}, []byte("t"), RuleFutureDate, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			id, err := svc.AttachEvidence(ctx, c.e, c.content)
			var re *RuleError
			var ve *ValidationError
			switch {
			case c.rule != "":
				if !errors.As(err, &re) || re.Rule != c.rule {
					t.Fatalf("got %v, want refusal by %s", err, c.rule)
				}
			case c.field != "":
				if !errors.As(err, &ve) || ve.Field != c.field {
					t.Fatalf("got %v, want invalid %s", err, c.field)
				}
			case err != nil:
				t.Fatal(err)
			default:
				e, got, err := svc.EvidenceContent(ctx, id)
				if err != nil || !bytes.Equal(got, c.content) {
					t.Fatalf("read back %d bytes, %v", len(got), err)
				}
				if e.SHA256 != ContentHash(c.content) || e.Size != int64(len(c.content)) || e.AddedBy.Name != "Sam Scheme" || e.AddedOn != today || strings.ContainsAny(e.FileName, `/\`) {
					t.Fatalf("evidence = %+v", e)
				}
			}
		})
	}
	// The size refusal names the size and the limit.
	_, err = svc.AttachEvidence(ctx, Evidence{AuditID: open, Ref: "4.2", FileName: "huge.bin"}, append(limit, 0))
	if err == nil || !strings.Contains(err.Error(), "huge.bin is 1048577 bytes, more than the 1048576 bytes") || !strings.Contains(err.Error(), "huge.bin") || !strings.Contains(err.Error(), "evidence_max_mb") {
		t.Errorf("size refusal: %v", err)
	}
	list, err := svc.EvidenceOf(ctx, open)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Of()+" "+e.FileName+" "+e.MediaType)
	}
	want := []string{"checklist 4.1 scope.pdf application/pdf", "checklist A.5.2 policy.png image/png",
		"checklist 4.2 big.bin application/octet-stream", "checklist 4.3 today.txt text/plain"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("evidence of the audit:\n got %q\nwant %q", got, want)
	}
	if l, _ := svc.EvidenceOf(ctx, fx.Stage2); len(l) != 1 || l[0].FindingID != major {
		t.Errorf("evidence of stage 2: %+v", l)
	}
	// The journal entry names the content's hash and size.
	var last JournalEntry
	if err := st.Journal(ctx, 0, func(e JournalEntry) error { last = e; return nil }); err != nil {
		t.Fatal(err)
	}
	if last.Command != "attach-evidence" || !strings.Contains(last.Summary, ContentHash([]byte("t"))) || !strings.Contains(last.Summary, "1 bytes") {
		t.Errorf("last journal entry: %+v", last)
	}
}

func TestEvidenceContentOfNoEvidence(t *testing.T) {
	fx := evidenceFixture(t, memstore.New())
	if _, _, err := fx.Svc.EvidenceContent(context.Background(), 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("no such evidence: %v", err)
	}
}

func TestEvidenceSizeLabel(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1.0 KB", 1<<20 - 1: "1024.0 KB", 1 << 20: "1.0 MB", 25 << 20: "25.0 MB"} {
		if got := SizeLabel(n); got != want {
			t.Errorf("SizeLabel(%d) = %q, want %q", n, got, want)
		}
	}
}
