package view_test

import (
	"context"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
)

// The register lists each number once in the revision in force, with
// every revision's issued documents; a withdrawn certificate stays listed
// for exactly register_withdrawn_days after its withdrawal.
func TestLoadRegisterListingPeriod(t *testing.T) {
	ctx := context.Background()
	st := memstore.New()
	p := DefaultPolicy()
	p.BodyName, p.RegisterWithdrawnDays = "Körper & Söhne <Cert>", 30
	site := []CertificateSite{{Code: "HQ", Address: "1 Way"}}
	certs := []Certificate{
		{ID: 100, CertificationID: 10, ClientID: 1, Number: "CD-1", Revision: 1, Standard: ISO42001, Scope: "AI", Sites: site,
			OriginalDate: d("2024-01-10"), IssueDate: d("2024-01-10"), Expiry: d("2027-01-09"), SupersededOn: d("2025-03-01"), SupersededBy: 101},
		{ID: 101, CertificationID: 10, ClientID: 1, Number: "CD-1", Revision: 2, Standard: ISO42001, Scope: "AI, wider", Sites: site,
			OriginalDate: d("2024-01-10"), IssueDate: d("2025-03-01"), Expiry: d("2027-01-09"),
			Events: []CertificateEvent{{Date: d("2025-06-01"), Status: CertSuspended, DecisionID: 5}}},
		{ID: 200, CertificationID: 20, ClientID: 2, Number: "CD-2", Revision: 1, Standard: ISO9001, Scope: "QMS", Sites: site,
			OriginalDate: d("2023-05-01"), IssueDate: d("2023-05-01"), Expiry: d("2026-04-30"),
			Events: []CertificateEvent{{Date: d("2025-05-01"), Status: CertWithdrawn, DecisionID: 6}}},
	}
	docs := []IssuedDocument{
		{ID: 300, Kind: DocCertificate, CertificateID: 100, Number: "CD-1", Revision: 1, SHA256: sum('a'), ContentSHA256: sum('b'), Size: 10, Issued: d("2024-01-11")},
		{ID: 301, Kind: DocCertificate, CertificateID: 101, Number: "CD-1", Revision: 2, SHA256: sum('c'), ContentSHA256: sum('d'), Size: 20, Issued: d("2025-03-02")},
	}
	err := st.Update(ctx, JournalEntry{Command: "test"}, func(tx Tx) error {
		recs := []Record{&p, &Client{ID: 1, LegalName: "Acme AI Ltd"}, &Client{ID: 2, LegalName: "Beta GmbH"}}
		for i := range certs {
			recs = append(recs, &certs[i])
		}
		for i := range docs {
			recs = append(recs, &docs[i])
		}
		for _, r := range recs {
			if err := tx.Put(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	reg, err := view.LoadRegister(ctx, st, d("2025-05-31")) // the 30th day after the withdrawal
	if err != nil {
		t.Fatal(err)
	}
	if reg.Body != p.BodyName || reg.ListedDays != 30 || len(reg.Certificates) != 2 {
		t.Fatalf("register on 2025-05-31: %+v", reg)
	}
	one, two := reg.Certificates[0], reg.Certificates[1]
	if one.Number != "CD-1" || one.Revision != 2 || one.Scope != "AI, wider" || one.Status != CertActive || one.Client != "Acme AI Ltd" ||
		len(one.Revisions) != 2 || one.Revisions[0].Revision != 2 || one.Revisions[0].Documents[0].SHA256 != sum('c') ||
		one.Revisions[1].Status != CertSuperseded || one.Revisions[1].Documents[0].SHA256 != sum('a') || len(one.Events) != 0 {
		t.Errorf("CD-1: %+v", one)
	}
	if two.Number != "CD-2" || two.Status != CertWithdrawn || two.StatusSince != d("2025-05-01") || len(two.Revisions[0].Documents) != 0 {
		t.Errorf("CD-2: %+v", two)
	}

	reg, err = view.LoadRegister(ctx, st, d("2025-06-01")) // the 31st day: CD-2 is gone, CD-1 suspended that day
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Certificates) != 1 || reg.Certificates[0].Status != CertSuspended || reg.Certificates[0].StatusSince != d("2025-06-01") {
		t.Errorf("register on 2025-06-01: %+v", reg.Certificates)
	}
	// Before revision 2 was issued, revision 1 is the one listed, and revision 2 is not among its revisions.
	reg, err = view.LoadRegister(ctx, st, d("2024-06-01"))
	if err != nil {
		t.Fatal(err)
	}
	if c := reg.Certificates[0]; c.Revision != 1 || len(c.Revisions) != 1 || c.Revisions[0].SupersededOn != 0 {
		t.Errorf("register on 2024-06-01: %+v", c)
	}
}

// sum is a well-formed hex SHA-256 made of one repeated digit.
func sum(c byte) string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = c
	}
	return string(b)
}
