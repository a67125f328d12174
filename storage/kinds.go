package storage

import (
	"fmt"

	"certdesk/certification"
)

// recordTypes makes an empty record of each kind. Delete needs it to read
// the old version's index terms; it must cover certification.Kinds (a
// test checks that).
var recordTypes = map[certification.Kind]func() certification.Record{
	certification.KindPolicy:        func() certification.Record { return new(certification.Policy) },
	certification.KindStandard:      func() certification.Record { return new(certification.BodyStandard) },
	certification.KindPerson:        func() certification.Record { return new(certification.Person) },
	certification.KindClient:        func() certification.Record { return new(certification.Client) },
	certification.KindCertification: func() certification.Record { return new(certification.Certification) },
	certification.KindAudit:         func() certification.Record { return new(certification.Audit) },
	certification.KindFinding:       func() certification.Record { return new(certification.Finding) },
	certification.KindCertificate:   func() certification.Record { return new(certification.Certificate) },
	certification.KindDecision:      func() certification.Record { return new(certification.Decision) },
	certification.KindObligations:   func() certification.Record { return new(certification.ObligationSet) },
	certification.KindRefresh:       func() certification.Record { return new(certification.Refresh) },
	certification.KindCase:          func() certification.Record { return new(certification.Case) },
	certification.KindEvidence:      func() certification.Record { return new(certification.Evidence) },
	certification.KindDocument:      func() certification.Record { return new(certification.IssuedDocument) },
}

// newRecord returns an empty record of kind.
func newRecord(kind certification.Kind) (certification.Record, error) {
	mk, ok := recordTypes[kind]
	if !ok {
		return nil, fmt.Errorf("storage: no record type registered for kind %q (see recordTypes in storage/kinds.go)", kind)
	}
	return mk(), nil
}
