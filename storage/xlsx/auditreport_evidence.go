package xlsx

import "certdesk/certification/document"

// ReportEvidence is the audit report's sheet of attached files.
const ReportEvidence = "Evidence"

// reportEvidence lists the files attached to the audit's checklist and
// findings: what each is evidence of, its name, size and SHA-256 (so a
// copy handed over can be checked against the report), who added it and
// when. The files themselves are written beside the report by whoever
// exports it (storage/evidencedir), named "<id> <file name>".
func reportEvidence(b *Book, st *packStyles, p *document.AuditPack) error {
	cols := []Column{
		{"Evidence of", 20, Wrap}, {"File", 30, Wrap}, {"Type", 16, Wrap}, {"Size (bytes)", 12, Int},
		{"SHA-256", 36, Wrap}, {"Added by", 16, Wrap}, {"Added on", 10.5, Date}, {"Caption", 34, Wrap},
	}
	s, err := b.streamPrinted(ReportEvidence, cols, packPrint(true, packFooter(p, "Audit report, evidence")))
	if err != nil {
		return err
	}
	for _, e := range p.Evidence {
		if err := s.Row(Plain, e.Of, e.FileName, e.MediaType, e.Size, e.SHA256, e.AddedBy.Name, e.AddedOn, e.Caption); err != nil {
			return err
		}
	}
	return s.Close("AuditEvidence")
}
