package document

import (
	"context"
	"io"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The complaints and appeals register (ISO/IEC 17021-1 9.7, 9.8): every
// case with its course and deadlines as of a date, as a workbook.

// CaseRegisterWriter writes the complaints and appeals register. progress,
// if not nil, is called now and then with the rows written and the total.
type CaseRegisterWriter interface {
	CasesRegister(ctx context.Context, w io.Writer, r *CasesRegister, progress func(done, total int)) error
}

// CasesRegister is every complaint and appeal, newest received first.
type CasesRegister struct {
	Body string // the certification body (policy body_name)
	AsOf certification.Date
	Rows []view.CaseRow
}

// NewCasesRegister reads the register as of a date.
func NewCasesRegister(ctx context.Context, s *certification.Service, asOf certification.Date) (*CasesRegister, error) {
	p, err := s.Policy(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := view.Cases(ctx, s, asOf, view.CaseFilter{})
	if err != nil {
		return nil, err
	}
	return &CasesRegister{Body: p.BodyName, AsOf: asOf, Rows: rows}, nil
}

// Late reports whether a deadline of the row was missed: overdue as of
// the register's date, or met after its due date.
func Late(row *view.CaseRow) bool {
	for _, d := range row.Deadlines {
		if d.State == certification.StateOverdue || (d.State == certification.StateDone && d.Done > d.Due) {
			return true
		}
	}
	return false
}
