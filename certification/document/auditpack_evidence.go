package document

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"certdesk/certification"
)

// PackEvidence is one file attached to the audit, with what it is
// evidence of as the report names it.
type PackEvidence struct {
	certification.Evidence
	// Of is "Checklist 6.1.2" or "Finding #3 (7.2)".
	Of string
}

// packEvidence lists the audit's evidence; findings are the audit's own
// (evidence is attached to a finding of its audit only).
func packEvidence(ctx context.Context, s *certification.Service, auditID certification.ID, findings []PackFinding) ([]PackEvidence, error) {
	list, err := s.EvidenceOf(ctx, auditID)
	if err != nil {
		return nil, err
	}
	out := make([]PackEvidence, len(list))
	for i, e := range list {
		out[i] = PackEvidence{Evidence: e, Of: "Checklist " + e.Ref}
		if e.FindingID == 0 {
			continue
		}
		out[i].Of = "Finding " + e.FindingID.String()
		for _, f := range findings {
			if f.ID == e.FindingID {
				out[i].Of = "Finding #" + strconv.Itoa(f.Number) + " (" + f.Reference + ")"
			}
		}
	}
	return out, nil
}

// EvidenceFileName is the name the file of evidence e takes when it is
// exported with its audit's report: "<evidence id> <file name>", so two
// files of the same name never collide, with the name made safe for any
// folder — no path separator, no "..", none of the characters Windows
// refuses, no control character, no leading dot or trailing dot or space.
func EvidenceFileName(e certification.Evidence) string {
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, e.FileName)
	for strings.Contains(name, "..") {
		name = strings.ReplaceAll(name, "..", ".")
	}
	name = strings.Trim(name, ". ")
	if name == "" {
		name = "file"
	}
	return e.ID.String() + " " + name
}

// WriteEvidence hands each file the pack lists to put under its
// EvidenceFileName, in the pack's order: the content read through the
// service, which re-hashes it (content no longer matching its record is
// refused: certification.ErrEvidenceAltered). put writes it where the
// caller exports to (storage/evidencedir: a folder beside the report).
func (p *AuditPack) WriteEvidence(ctx context.Context, s *certification.Service, put func(name string, content []byte) error) error {
	for _, pe := range p.Evidence {
		if err := ctx.Err(); err != nil {
			return err
		}
		e, content, err := s.EvidenceContent(ctx, pe.ID)
		if err != nil {
			return err
		}
		if e.SHA256 != pe.SHA256 {
			return fmt.Errorf("evidence %d (%s) changed since the report was read", e.ID, e.FileName)
		}
		if err := put(EvidenceFileName(e), content); err != nil {
			return err
		}
	}
	return nil
}
