package document

import (
	"context"
	"io"

	"certdesk/audit/audittime"
	"certdesk/certification"
)

// AuditTimeSheet is an audit time calculation (audittime.Calculate) as a
// contract attaches it: for whom, from what, with the result and its
// justification.
type AuditTimeSheet struct {
	Body     string
	Prepared certification.Date
	// Client is the client calculated for; ID 0 when the calculation was
	// made from figures alone.
	Client certification.Client
	Input  audittime.Input
	Result *audittime.Result
}

// AuditTimeWriter writes an audit time justification. It is implemented
// in storage/xlsx.
type AuditTimeWriter interface {
	WriteAuditTime(ctx context.Context, w io.Writer, s *AuditTimeSheet) error
}
