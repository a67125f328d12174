package certification

// The evidence commands: attach a file to a checklist item or a finding,
// list an audit's evidence, read a file back.

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// AttachEvidence stores content as evidence e of a checklist item
// (e.Ref) or a finding (e.FindingID) of audit e.AuditID, and returns
// its id. The audit must be in progress or its report drafted, or the
// finding still open (a corrective action's proof arrives later); the
// content no larger than the policy's evidence_max_mb. The size, hash,
// media type (from the name, unless given), who added it and the date
// (today unless given, never after) are filled in.
func (s *Service) AttachEvidence(ctx context.Context, e Evidence, content []byte) (ID, error) {
	// The journal entry names the content by its hash; the content
	// travels beside it (Command.Blobs), as the store keeps it beside.
	c := *s
	hash := ContentHash(content)
	c.blobs = map[string][]byte{hash: content}
	return c.attachEvidence(ctx, e, hash)
}

// attachEvidence is AttachEvidence of the content s.blobs holds under
// hash: the command the journal records.
func (s *Service) attachEvidence(ctx context.Context, e Evidence, hash string) (ID, error) {
	cmd := call("attach-evidence", e, hash)
	content, ok := s.blobs[hash]
	if !ok {
		return 0, fmt.Errorf("the content of evidence %q (sha256 %s) did not come with the command", e.FileName, hash)
	}
	cmd.Blobs = s.blobs
	if s.body != nil {
		return proposed[ID](s.propose(ctx, cmd))
	}
	e.ID = 0
	e.FileName = baseName(e.FileName)
	e.Ref = strings.TrimSpace(e.Ref)
	e.Caption = strings.TrimSpace(e.Caption)
	e.Size, e.SHA256 = int64(len(content)), ContentHash(content)
	if e.MediaType == "" {
		e.MediaType = MediaTypeOf(e.FileName)
	}
	e.AddedBy = s.actor
	if e.AddedOn.IsZero() {
		e.AddedOn = s.Today()
	}
	if err := e.Validate(); err != nil {
		return 0, err
	}
	if err := CheckNotFuture("the evidence's date", e.AddedOn, s.Today()); err != nil {
		return 0, err
	}
	summary := fmt.Sprintf("attach %s (%d bytes, sha256 %s) to %s of audit %d", e.FileName, e.Size, e.SHA256, e.Of(), e.AuditID)
	err := s.update(ctx, cmd, summary, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		if err := CheckEvidenceSize(e.FileName, e.Size, &p); err != nil {
			return err
		}
		if err := evidenceTarget(tx, &e); err != nil {
			return err
		}
		hash, err := tx.PutBlob(content)
		if err != nil {
			return err
		}
		if hash != e.SHA256 {
			return fmt.Errorf("the store filed the content under %s, not its SHA-256 %s", hash, e.SHA256)
		}
		return insert(tx, &e, &e.ID)
	})
	return e.ID, err
}

// evidenceTarget checks that e's audit and its checklist item or finding
// take evidence now, and normalises e.Ref.
func evidenceTarget(tx Tx, e *Evidence) error {
	var a Audit
	if err := tx.Get(e.AuditID, &a); errors.Is(err, ErrNotFound) {
		return invalid("evidence", "audit_id", "there is no audit %d", e.AuditID)
	} else if err != nil {
		return err
	}
	open := a.Status == AuditInProgress || a.Status == AuditReportDrafted
	if e.FindingID != 0 {
		var f Finding
		if err := tx.Get(e.FindingID, &f); errors.Is(err, ErrNotFound) || (err == nil && f.AuditID != a.ID) {
			return invalid("evidence", "finding_id", "audit %d has no finding %d", a.ID, e.FindingID)
		} else if err != nil {
			return err
		}
		if !open && !f.Open() {
			return refuse(RuleAuditNotOpen, "finding %d is %s and audit %d is %s: evidence is attached to a finding while its audit is in progress or its report drafted, or while the finding is open", f.ID, f.Status(), a.ID, a.Status)
		}
		return nil
	}
	if !open {
		return refuse(RuleAuditNotOpen, "audit %d is %s: evidence is attached to the checklist while the audit is in progress or its report is drafted", a.ID, a.Status)
	}
	var c Certification
	if err := tx.Get(a.CertificationID, &c); err != nil {
		return err
	}
	ref, _, err := CheckChecklistRef(c.Standard, a.Kind, e.Ref)
	if err != nil {
		return invalid("evidence", "ref", "%v", err)
	}
	e.Ref = ref
	return nil
}

// EvidenceOf lists the evidence of an audit in id order (the order
// attached).
func (s *Service) EvidenceOf(ctx context.Context, auditID ID) ([]Evidence, error) {
	var out []Evidence
	err := s.store.View(ctx, func(tx Tx) (err error) {
		out, err = EvidenceOfAudit(tx, auditID)
		return err
	})
	return out, err
}

// EvidenceOfAudit lists the evidence of an audit in a transaction, for
// the read models and workbooks.
func EvidenceOfAudit(tx Tx, auditID ID) ([]Evidence, error) {
	ids, err := tx.Lookup(IndexEvidenceByAudit, U64(uint64(auditID)))
	if err != nil {
		return nil, err
	}
	out := make([]Evidence, 0, len(ids))
	for _, id := range ids {
		var e Evidence
		if err := tx.Get(id, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// ErrEvidenceAltered is returned (wrapped) when stored content no longer
// hashes to what its evidence record says.
var ErrEvidenceAltered = errors.New("the stored file no longer matches its SHA-256: it was altered or damaged; restore the data folder from a backup (certctl verify shows what else is damaged)")

// EvidenceContent reads evidence id and its content, re-hashing the
// content: content that no longer matches its record is refused.
func (s *Service) EvidenceContent(ctx context.Context, id ID) (Evidence, []byte, error) {
	var e Evidence
	var content []byte
	err := s.store.View(ctx, func(tx Tx) error {
		if err := tx.Get(id, &e); err != nil {
			return err
		}
		var err error
		content, err = EvidenceBlob(tx, &e)
		return err
	})
	if err != nil {
		return e, nil, err
	}
	return e, content, nil
}

// EvidenceBlob reads the content of evidence e in tx and re-hashes it:
// content that no longer matches the record's SHA-256 and size is
// refused (ErrEvidenceAltered). The store files content by its hash but
// does not hash it again on reading; this is where that is checked.
func EvidenceBlob(tx Tx, e *Evidence) ([]byte, error) {
	content, err := tx.Blob(e.SHA256)
	if err != nil {
		return nil, fmt.Errorf("the content of evidence %d (%s): %w", e.ID, e.FileName, err)
	}
	if ContentHash(content) != e.SHA256 || int64(len(content)) != e.Size {
		return nil, fmt.Errorf("evidence %d (%s): %w", e.ID, e.FileName, ErrEvidenceAltered)
	}
	return content, nil
}
