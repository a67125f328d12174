package certification_test

import (
	"testing"

	. "certdesk/certification"
)

// A write touches a file when it changes what LoadFile reads for the
// file's certification: one of its records, or a record that files
// itself under the certification; records of other certifications and
// kinds a file does not hold leave it alone.
func TestFileTouched(t *testing.T) {
	f := &File{
		Client:        Client{ID: 1},
		Certification: Certification{ID: 2, ClientID: 1},
		Audits:        []Audit{{ID: 10, CertificationID: 2}},
		Findings:      []Finding{{ID: 20, CertificationID: 2}},
		Decisions:     []Decision{{ID: 30, CertificationID: 2}},
		Certificates:  []Certificate{{ID: 40, CertificationID: 2}},
	}
	for _, c := range []struct {
		name string
		kind Kind
		id   ID
		r    Record
		want bool
	}{
		{"its certification", KindCertification, 2, &Certification{ID: 2}, true},
		{"another certification", KindCertification, 3, &Certification{ID: 3}, false},
		{"its client", KindClient, 1, &Client{ID: 1}, true},
		{"another client", KindClient, 5, &Client{ID: 5}, false},
		{"its audit changed", KindAudit, 10, &Audit{ID: 10, CertificationID: 2}, true},
		{"its audit moved to another certification", KindAudit, 10, &Audit{ID: 10, CertificationID: 3}, true},
		{"its audit deleted", KindAudit, 10, nil, true},
		{"a new audit of it", KindAudit, 11, &Audit{ID: 11, CertificationID: 2}, true},
		{"an audit of another certification", KindAudit, 12, &Audit{ID: 12, CertificationID: 3}, false},
		{"another certification's audit deleted", KindAudit, 12, nil, false},
		{"a new finding of it", KindFinding, 21, &Finding{ID: 21, CertificationID: 2}, true},
		{"its finding answered", KindFinding, 20, &Finding{ID: 20, CertificationID: 2}, true},
		{"a finding of another certification", KindFinding, 22, &Finding{ID: 22, CertificationID: 3}, false},
		{"a new decision on it", KindDecision, 31, &Decision{ID: 31, CertificationID: 2}, true},
		{"its decision", KindDecision, 30, nil, true},
		{"a decision on another certification", KindDecision, 32, &Decision{ID: 32, CertificationID: 3}, false},
		{"a new certificate revision", KindCertificate, 41, &Certificate{ID: 41, CertificationID: 2}, true},
		{"its certificate", KindCertificate, 40, &Certificate{ID: 40, CertificationID: 2}, true},
		{"another certification's certificate", KindCertificate, 42, &Certificate{ID: 42, CertificationID: 3}, false},
		{"an unexpected record of a file's kind", KindFinding, 23, &Person{ID: 23}, true},
		{"a person", KindPerson, 1, &Person{ID: 1}, false},
		{"obligations", KindObligations, 2, nil, false},
		{"evidence", KindEvidence, 20, nil, false},
	} {
		if got := f.Touched(c.kind, c.id, c.r); got != c.want {
			t.Errorf("%s: Touched = %v, want %v", c.name, got, c.want)
		}
	}
}
