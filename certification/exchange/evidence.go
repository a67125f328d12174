package exchange

// Evidence files in the document: the record and its content, checked
// against each other, the file and the policy.

import (
	"certdesk/certification"
)

// EvidenceFile is one element of the document's evidence section: the
// Evidence record's fields and the file's content (base64 in JSON). Its
// record is the embedded Evidence: write that, never the EvidenceFile,
// as the record (the content is stored apart, by Tx.PutBlob).
type EvidenceFile struct {
	certification.Evidence
	Content []byte `json:"content"`
}

// eachEvidenceFile calls fn with each evidence record of tx and its
// content, in id order, refusing content that no longer matches its
// record (the document would not import).
func eachEvidenceFile(tx certification.Tx, fn func(*EvidenceFile) error) error {
	return tx.Each(certification.KindEvidence, func(id certification.ID, decode func(certification.Record) error) error {
		var ef EvidenceFile
		if err := decode(&ef.Evidence); err != nil {
			return err
		}
		content, err := certification.EvidenceBlob(tx, &ef.Evidence)
		if err != nil {
			return err
		}
		ef.Content = content
		nonNil(&ef.Content) // an empty file is "", not null
		return fn(&ef)
	})
}

// checkEvidence checks each evidence file: its own fields, its audit,
// what it is evidence of (a finding of that audit or an item of its
// checklist, as certification.AttachEvidence checks it), its content
// against the record's size and SHA-256, and the policy's size limit.
func (x *idx) checkEvidence() {
	ids(x, "evidence", x.b.Evidence, func(r *EvidenceFile) certification.ID { return r.ID })
	for rec, e := range validRecords(x, "evidence", x.b.Evidence) {
		if a, ok := x.audits[e.AuditID]; !ok {
			x.bad(rec, "audit_id", "there is no audit %d in the file", e.AuditID)
		} else if e.FindingID != 0 {
			if f, ok := x.findings[e.FindingID]; !ok {
				x.bad(rec, "finding_id", "there is no finding %d in the file", e.FindingID)
			} else if _, known := x.audits[f.AuditID]; known && f.AuditID != a.ID { // else the finding's own problem
				x.bad(rec, "finding_id", "finding %d is of audit %d, not of audit %d", f.ID, f.AuditID, a.ID)
			}
		} else if c, ok := x.certs[a.CertificationID]; ok {
			if ref, _, err := certification.CheckChecklistRef(c.Standard, a.Kind, e.Ref); err != nil {
				x.bad(rec, "ref", "%v", err)
			} else if ref != e.Ref {
				x.bad(rec, "ref", "write %q as %q", e.Ref, ref)
			}
		}
		size := int64(len(e.Content))
		if size != e.Size {
			x.bad(rec, "content", "is %d bytes, but the record's size says %d: the content is not the file the record describes", size, e.Size)
		} else if h := certification.ContentHash(e.Content); h != e.SHA256 {
			x.bad(rec, "content", "its SHA-256 is %s, but the record's sha256 says %s: the content is not the file the record describes (altered or damaged)", h, e.SHA256)
		}
		if err := certification.CheckEvidenceSize(e.FileName, size, &x.policy); err != nil {
			p := problemOf(rec, err)
			p.Field = "content"
			x.ps.add(p)
		}
	}
}
