package exchange_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/exchange"
	"certdesk/certification/memstore"
	"certdesk/storage"
)

// walkthroughEvidence is attached to the walk-through's stage 2 audit: a
// file on checklist item 8.2 and a photo on the major finding (FindingID
// 1 stands for it).
var walkthroughEvidence = []exchange.EvidenceFile{
	{Evidence: certification.Evidence{Ref: "8.2", FileName: "risk-assessment.pdf", Caption: "The assessment before the model change"},
		Content: []byte("%PDF-1.7\nAI risk assessment, version 3 <&> \"quoted\"\n")},
	{Evidence: certification.Evidence{FindingID: 1, FileName: "whiteboard.jpg"},
		Content: []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 0xff, 0xd9}},
}

// attachToOpenFindings attaches a small file to each of the first n open
// findings of st on the day on.
func attachToOpenFindings(t *testing.T, st certification.Store, on certification.Date, n int) {
	t.Helper()
	svc := certification.NewService(st, certification.FixedClock(on.Time()))
	var open []certification.Finding
	err := st.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindFinding, func(_ certification.ID, decode func(certification.Record) error) error {
			var f certification.Finding
			if err := decode(&f); err != nil {
				return err
			}
			if f.Open() {
				open = append(open, f)
			}
			if len(open) == n {
				return certification.ErrStop
			}
			return nil
		})
	})
	if err != nil || len(open) < n {
		t.Fatalf("%d open findings (%v), want %d", len(open), err, n)
	}
	for i, f := range open {
		content := []byte(fmt.Sprintf("corrective action plan %d for finding %d\n", i, f.ID))
		if _, err := svc.AttachEvidence(ctx, certification.Evidence{AuditID: f.AuditID, FindingID: f.ID, FileName: fmt.Sprintf("plan-%d.txt", i)}, content); err != nil {
			t.Fatal(err)
		}
	}
}

// disk opens a store on disk in a directory of the test's own.
func disk(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// contentOf reads evidence id's content back through the service, which
// re-hashes it.
func contentOf(t *testing.T, st certification.Store, id certification.ID) (certification.Evidence, []byte) {
	t.Helper()
	e, content, err := certification.NewService(st, certification.FixedClock(certification.NewDate(2025, 6, 1).Time())).EvidenceContent(ctx, id)
	if err != nil {
		t.Fatalf("evidence %d: %v", id, err)
	}
	return e, content
}

// sameEvidence checks that st holds the walk-through's evidence files.
func sameEvidence(t *testing.T, st certification.Store) {
	t.Helper()
	for i, want := range walkthroughEvidence {
		e, content := contentOf(t, st, certification.ID(i+1))
		if e.FileName != want.FileName || e.AuditID != 2 || !bytes.Equal(content, want.Content) {
			t.Errorf("evidence %d is %s of audit %d with %q, want %s of audit 2 with %q", i+1, e.FileName, e.AuditID, content, want.FileName, want.Content)
		}
	}
}

func TestEvidenceRoundTrip(t *testing.T) {
	first := walkthrough(t, disk(t))
	b, err := exchange.Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Evidence) != 2 || b.Evidence[0].Ref != "8.2" || b.Evidence[1].FindingID != 1 {
		t.Fatalf("the export's evidence: %+v", b.Evidence)
	}
	if again, err := exchange.Marshal(b); err != nil || !bytes.Equal(first, again) {
		t.Errorf("Export differs from Marshal of the decoded bundle (%v)", err)
	}
	// The content is base64, in the last section.
	if i, j := bytes.Index(first, []byte(`"evidence": [`)), bytes.Index(first, []byte(`"content": "/9j/4AAQSkZJRgD/2Q=="`)); i < 0 || j < i {
		t.Errorf("no base64 content in an evidence section at the end:\n%s", first[max(0, len(first)-1500):])
	}

	dst := disk(t)
	counts, err := exchange.Import(ctx, dst, bytes.NewReader(first), actor)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Evidence != 2 {
		t.Errorf("counts = %+v, want 2 evidence", counts)
	}
	if second := export(t, dst); !bytes.Equal(first, second) {
		t.Fatalf("export → import → export is not byte-identical (%d vs %d bytes)", len(first), len(second))
	}
	sameEvidence(t, dst)
}

func TestCopyCarriesEvidence(t *testing.T) {
	src := memstore.New() // as the demo generator fills it
	first := walkthrough(t, src)
	dst := disk(t)
	counts, err := exchange.Copy(ctx, src, dst, actor, "demo", nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Evidence != 2 {
		t.Errorf("counts = %+v, want 2 evidence", counts)
	}
	sameEvidence(t, dst)
	if !bytes.Equal(first, export(t, dst)) {
		t.Error("Copy → export differs from the source's export")
	}
}

func TestImportRefusesEvidence(t *testing.T) {
	good := walkthrough(t, memory(t))
	big := bytes.Repeat([]byte{'x'}, 1<<20+1)
	n := len(walkthroughEvidence[0].Content)
	for _, tc := range []struct {
		name string
		fn   func(b *exchange.Bundle)
		want []string
	}{
		{"content not matching its sha256", func(b *exchange.Bundle) { b.Evidence[1].Content[4] ^= 1 },
			[]string{"evidence[1] (id 2): content: its SHA-256 is ", "the record's sha256 says " + certification.ContentHash(walkthroughEvidence[1].Content)}},
		{"content not matching its size", func(b *exchange.Bundle) { b.Evidence[0].Size++ },
			[]string{fmt.Sprintf("evidence[0] (id 1): content: is %d bytes, but the record's size says %d", n, n+1)}},
		{"missing audit", func(b *exchange.Bundle) { b.Evidence[0].AuditID = 99 },
			[]string{"evidence[0] (id 1): audit_id: there is no audit 99"}},
		{"missing finding", func(b *exchange.Bundle) { b.Evidence[1].FindingID = 7 },
			[]string{"evidence[1] (id 2): finding_id: there is no finding 7"}},
		{"finding of another audit", func(b *exchange.Bundle) { b.Evidence[1].AuditID = 1 },
			[]string{"evidence[1] (id 2): finding_id: finding 1 is of audit 2, not of audit 1"}},
		{"ref not in the checklist", func(b *exchange.Bundle) { b.Evidence[0].Ref = "S1.1" },
			[]string{"evidence[0] (id 1): ref: ", "S1.1"}},
		{"invalid record", func(b *exchange.Bundle) { b.Evidence[0].FindingID = 1 },
			[]string{"evidence[0] (id 1): ref: ", "one of the two"}},
		{"duplicate id", func(b *exchange.Bundle) { b.Evidence[1].ID = 1 },
			[]string{"evidence[1] (id 1): id: id 1 is used by two evidence"}},
		{"larger than the policy allows", func(b *exchange.Bundle) {
			b.Policy.EvidenceMaxMB = 1
			e := &b.Evidence[0]
			e.Content, e.Size, e.SHA256 = big, int64(len(big)), certification.ContentHash(big)
		}, []string{"evidence[0] (id 1): content: refused by rule " + certification.RuleEvidenceSize, "1048577 bytes, more than the 1048576 bytes", "policy evidence_max_mb"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := refused(t, edit(t, good, tc.fn))
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
		})
	}

	// No evidence dated after today, when ImportOn is given today.
	late := edit(t, good, func(b *exchange.Bundle) { b.Evidence[0].AddedOn = certification.NewDate(2025, 3, 6) })
	_, err := exchange.ImportOn(ctx, memory(t), bytes.NewReader(late), actor, certification.NewDate(2025, 3, 5))
	if err == nil || !strings.Contains(err.Error(), "evidence[0] (id 1): added_on: ") || !strings.Contains(err.Error(), certification.RuleFutureDate) {
		t.Errorf("evidence added after today: %v", err)
	}
}
