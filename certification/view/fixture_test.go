package view_test

import (
	. "certdesk/certification"
	"certdesk/certification/auditfixture"
)

var d = auditfixture.D

// grantedFile is a file granted on decided: cycle 1, certificate CD-1.
func grantedFile(decided string) *File {
	p := DefaultPolicy()
	dec := d(decided)
	return &File{
		Client: Client{ID: 1, LegalName: "Acme AI Ltd", RegisteredAddress: "1 Way", EffectivePersonnel: 20},
		Certification: Certification{ID: 10, ClientID: 1, Standard: ISO42001, Scope: "AI", Applied: dec.AddMonths(-4),
			Cycles: []Cycle{{Number: 1, Start: dec, Decided: dec, Expiry: p.Expiry(dec), Initial: true, DecisionID: 1}}, CertificateID: 100},
		Certificates: []Certificate{{ID: 100, CertificationID: 10, ClientID: 1, Number: "CD-1", Revision: 1, IssueDate: dec, OriginalDate: dec, Expiry: p.Expiry(dec)}},
		Decisions:    []Decision{{ID: 1, CertificationID: 10, Kind: Grant, Date: dec, CertificateID: 100}},
	}
}
