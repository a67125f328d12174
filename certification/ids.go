package certification

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// ID identifies a record within its kind. IDs start at 1; 0 means none.
type ID uint64

// Kind names a type of record. Storage keeps each kind under its own prefix.
type Kind string

const (
	KindClient        Kind = "client"
	KindPerson        Kind = "person"
	KindCertification Kind = "certification"
	KindAudit         Kind = "audit"
	KindFinding       Kind = "finding"
	KindDecision      Kind = "decision"
	KindCertificate   Kind = "certificate"
	KindObligations   Kind = "obligations"
	KindPolicy        Kind = "policy"
	KindRefresh       Kind = "refresh" // an unfinished recomputation (Refresh)
)

// Kinds lists every record kind in dependency order (a record only
// refers to kinds listed before it). Export and import follow this order.
var Kinds = []Kind{KindPolicy, KindStandard, KindPerson, KindClient, KindCertification, KindAudit, KindFinding, KindCertificate, KindDecision, KindCase, KindEvidence, KindObligations, KindRefresh}

// Record is anything the store keeps.
type Record interface {
	RecordKind() Kind
	RecordID() ID
}

// Indexed records name the secondary index entries that must exist for
// them. The store writes them in the same transaction as the record and
// removes the ones a new version no longer names.
type Indexed interface {
	IndexTerms() []IndexTerm
}

// IndexTerm is one entry of a secondary index: Index names the index,
// Value is the sortable key within it.
type IndexTerm struct {
	Index string
	Value []byte
}

// Secondary indexes.
const (
	IndexClientName     = "client.name" // folded legal name
	IndexCertByClient   = "certification.client"
	IndexAuditByCert    = "audit.certification"
	IndexAuditByClient  = "audit.client"
	IndexAuditByMonth   = "audit.month"  // planned start yyyymm
	IndexAuditByPerson  = "audit.person" // team member id, then start yyyymm
	IndexAuditByStatus  = "audit.status"
	IndexFindingByAudit = "finding.audit"
	IndexFindingByCert  = "finding.certification"
	IndexFindingOpen    = "finding.open" // open findings by grade
	IndexDecisionByCert = "decision.certification"
	IndexCertificateBy  = "certificate.certification"
	IndexCertificateNo  = "certificate.number"
	IndexDoneOn         = "obligation.done" // date each done obligation was done
	IndexPersonName     = "person.name"
	IndexPersonRole     = "person.role" // each role a person holds
)

// U64 encodes v big-endian so that numeric order is byte order.
func U64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// DateKey encodes a date for an index.
func DateKey(d Date) []byte { return U64(uint64(d)) }

func (id ID) String() string { return strconv.FormatUint(uint64(id), 10) }

// ParseID reads a decimal id.
func ParseID(s string) (ID, error) {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || v == 0 {
		return 0, fmt.Errorf("%q is not a record id: ids are whole numbers from 1", s)
	}
	return ID(v), nil
}

// PersonMonthKey is the key of IndexAuditByPerson: person id, then yyyymm.
func PersonMonthKey(p ID, yyyymm int) []byte {
	b := make([]byte, 16)
	binary.BigEndian.PutUint64(b, uint64(p))
	binary.BigEndian.PutUint64(b[8:], uint64(yyyymm))
	return b
}
