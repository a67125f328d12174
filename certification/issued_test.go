package certification_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
)

func hexSum(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// IssueDocument records a certificate's document under its file's
// SHA-256, in one journal entry; DocumentBySHA256 finds it, and only it.
func TestIssueDocument(t *testing.T) {
	ctx := context.Background()
	asOf := NewDate(2026, 11, 24)
	st := memstore.New()
	if _, err := demo.Generate(ctx, st, demo.Options{Clients: 3, Seed: 1, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	svc := NewService(st, FixedClock(asOf.Time().Add(9*3600e9))).As(Actor{Name: "Tess Tester"})
	states, err := view.Certificates(ctx, svc, asOf)
	if err != nil || len(states) == 0 {
		t.Fatalf("%d certificates, %v", len(states), err)
	}
	c := states[0].Certificate
	d := IssuedDocument{Kind: DocCertificate, CertificateID: c.ID, Number: c.Number, Revision: c.Revision,
		ContentSHA256: hexSum("content"), SHA256: hexSum("file"), Size: 4}
	before, _ := svc.Journal(ctx, 1, 0)
	id, err := svc.IssueDocument(ctx, d)
	if err != nil || id == 0 {
		t.Fatalf("IssueDocument: %d, %v", id, err)
	}
	after, _ := svc.Journal(ctx, 1, 0)
	if last := after[len(after)-1]; len(after) != len(before)+1 || last.Command != "issue-document" || !strings.Contains(string(last.Args), d.SHA256) {
		t.Fatalf("journal: %d → %d entries, last %+v", len(before), len(after), last)
	}
	var got IssuedDocument
	if err := st.View(ctx, func(tx Tx) error {
		var err error
		got, err = DocumentBySHA256(tx, d.SHA256)
		return err
	}); err != nil || got.ID != id || got.Issued != asOf || got.IssuedBy.Name != "Tess Tester" || got.ContentSHA256 != d.ContentSHA256 {
		t.Fatalf("read back %+v, %v", got, err)
	}
	if err := st.View(ctx, func(tx Tx) error { _, err := DocumentBySHA256(tx, hexSum("other")); return err }); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown hash: %v", err)
	}

	refused := func(what string, change func(*IssuedDocument)) {
		t.Helper()
		x := d
		x.SHA256 = hexSum(what)
		change(&x)
		if _, err := svc.IssueDocument(ctx, x); err == nil {
			t.Errorf("%s: accepted", what)
		}
	}
	refused("the same file again", func(x *IssuedDocument) { x.SHA256 = d.SHA256 })
	refused("another revision", func(x *IssuedDocument) { x.Revision++ })
	refused("another number", func(x *IssuedDocument) { x.Number += "X" })
	refused("no such certificate", func(x *IssuedDocument) { x.CertificateID = 9999 })
	refused("a short hash", func(x *IssuedDocument) { x.SHA256 = x.SHA256[:16] })
	refused("upper-case hex", func(x *IssuedDocument) { x.ContentSHA256 = strings.ToUpper(x.ContentSHA256) })
	refused("another kind", func(x *IssuedDocument) { x.Kind = "report" })
	refused("empty file", func(x *IssuedDocument) { x.Size = 0 })
	refused("tomorrow", func(x *IssuedDocument) { x.Issued = asOf.AddDays(1) })
	refused("before the revision", func(x *IssuedDocument) { x.Issued = c.IssueDate.AddDays(-1) })
	if again, _ := svc.Journal(ctx, 1, 0); len(again) != len(after) {
		t.Errorf("refused documents wrote %d entries", len(again)-len(after))
	}
}
