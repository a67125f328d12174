package certification

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Evidence is a file or photo attached to a checklist item or to a
// finding of an audit. The record describes it; its content is stored
// once per SHA-256 by the store (Tx.PutBlob) in the same transaction, so
// it lives in the data folder (encrypted when the folder is) and the
// record's hash, which the journal chains, covers it.
type Evidence struct {
	ID      ID `json:"id"`
	AuditID ID `json:"audit_id"`
	// Exactly one of Ref (a checklist item: clause, control, S1.x, SV.x)
	// and FindingID says what it is evidence of.
	Ref       string `json:"ref,omitempty"`
	FindingID ID     `json:"finding_id,omitempty"`
	FileName  string `json:"file_name"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"` // hex of the content
	AddedBy   Actor  `json:"added_by"`
	AddedOn   Date   `json:"added_on"`
	Caption   string `json:"caption,omitempty"`
}

// KindEvidence is the record kind of Evidence, one of Kinds: the JSON
// interchange carries evidence with its content (the "evidence" section,
// docs/format.md), and Copy copies the content with the record.
const KindEvidence Kind = "evidence"

// IndexEvidenceByAudit files evidence under its audit.
const IndexEvidenceByAudit = "evidence.audit"

func (e *Evidence) RecordKind() Kind { return KindEvidence }
func (e *Evidence) RecordID() ID     { return e.ID }
func (e *Evidence) IndexTerms() []IndexTerm {
	return []IndexTerm{{IndexEvidenceByAudit, U64(uint64(e.AuditID))}}
}

// Of says what the evidence is attached to: "checklist 6.1.2" or
// "finding 12".
func (e *Evidence) Of() string {
	if e.FindingID != 0 {
		return "finding " + e.FindingID.String()
	}
	return "checklist " + e.Ref
}

// DefaultEvidenceMaxMB is the largest file (in MB) attached as evidence
// unless the policy says otherwise.
const DefaultEvidenceMaxMB = 25

// EvidenceMaxBytes is the policy's size limit of one evidence file.
func (p *Policy) EvidenceMaxBytes() int64 {
	mb := p.EvidenceMaxMB
	if mb == 0 {
		mb = DefaultEvidenceMaxMB
	}
	return int64(mb) << 20
}

// ContentHash is the hex SHA-256 of content, as Evidence.SHA256 and the
// store's blobs name it.
func ContentHash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// CheckEvidenceSize refuses content larger than the policy allows.
func CheckEvidenceSize(name string, size int64, p *Policy) error {
	if limit := p.EvidenceMaxBytes(); size > limit {
		got, max := SizeLabel(size), SizeLabel(limit)
		if got == max { // just past it: the labels round alike
			got, max = fmt.Sprintf("%d bytes", size), fmt.Sprintf("%d bytes", limit)
		}
		return refuse(RuleEvidenceSize, "%s is %s, more than the %s an evidence file may be (policy evidence_max_mb): attach a smaller file (compress it, split it, or scan at a lower resolution)", name, got, max)
	}
	return nil
}

// SizeLabel writes a byte count as people read it: "812 bytes",
// "4.2 MB".
func SizeLabel(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// Validate checks the evidence's own fields.
func (e *Evidence) Validate() error {
	const rec = "evidence"
	switch {
	case e.AuditID == 0:
		return invalid(rec, "audit_id", "say which audit the evidence belongs to")
	case (e.Ref == "") == (e.FindingID == 0):
		return invalid(rec, "ref", "attach the evidence to a checklist item (ref) or to a finding, one of the two")
	case e.FileName == "":
		return invalid(rec, "file_name", "the file has no name: give it one")
	case utf8.RuneCountInString(e.FileName) > 255:
		return invalid(rec, "file_name", "the file name is longer than 255 characters: shorten it")
	case len(e.Caption) > 2000:
		return invalid(rec, "caption", "the caption is longer than 2,000 characters: shorten it")
	case e.Size < 0:
		return invalid(rec, "size", "the size cannot be negative")
	case len(e.SHA256) != 2*sha256.Size:
		return invalid(rec, "sha256", "%q is not a hex SHA-256", e.SHA256)
	}
	return nil
}

// baseName is the last element of a path written with / or \.
func baseName(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// mediaTypes are the media types of the files auditors attach, by
// extension; anything else is application/octet-stream.
var mediaTypes = map[string]string{
	"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
	"gif": "image/gif", "webp": "image/webp", "heic": "image/heic", "tif": "image/tiff", "tiff": "image/tiff",
	"txt": "text/plain", "csv": "text/csv", "md": "text/markdown", "json": "application/json",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"eml":  "message/rfc822", "msg": "application/vnd.ms-outlook", "zip": "application/zip",
	"mp4": "video/mp4", "mov": "video/quicktime", "mp3": "audio/mpeg", "m4a": "audio/mp4",
}

// MediaTypeOf is the media type of a file by its name's extension.
func MediaTypeOf(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		if t, ok := mediaTypes[strings.ToLower(name[i+1:])]; ok {
			return t
		}
	}
	return "application/octet-stream"
}
