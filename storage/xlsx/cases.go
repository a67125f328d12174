package xlsx

import (
	"context"
	"fmt"
	"io"

	"certdesk/certification"
	"certdesk/certification/document"
)

// The complaints and appeals register: one streamed sheet as the other
// registers (registers.go), a row per case, its deadlines coloured.

var _ document.CaseRegisterWriter = Workbooks{}

var regCaseCols = []Column{
	{"Id", 6, Int},
	{"Kind", 11, Text},
	{"Received", 11, Date},
	{"From", 22, Text},
	{"Organisation", 22, Text},
	{"Contact", 24, Text},
	{"Client", 28, Text},
	{"Certification", 12, Int},
	{"Audit", 8, Int},
	{"Decision appealed", 11, Int},
	{"Subject", 40, Wrap},
	{"Status", 13, Text},
	{"Acknowledge by", 13, Date},
	{"Acknowledged", 13, Date},
	{"Investigated", 13, Date},
	{"Investigated by", 20, Text},
	{"Investigation", 40, Wrap},
	{"Decide by", 11, Date},
	{"Decided", 11, Date},
	{"Decided by", 20, Text},
	{"Decision", 40, Wrap},
	{"Special audit", 10, Int},
	{"Closed", 11, Date},
	{"Late", 7, Text},
}

// Columns that carry a tone of their own.
const (
	regCsStatus = 11
	regCsAckBy  = 12
	regCsDecBy  = 17
	regCsLate   = 23
)

// CasesRegister writes the complaints and appeals register.
func (Workbooks) CasesRegister(ctx context.Context, w io.Writer, p *document.CasesRegister, progress func(done, total int)) error {
	open, late := 0, 0
	for i := range p.Rows {
		if p.Rows[i].Closed == nil {
			open++
		}
		if document.Late(&p.Rows[i]) {
			late++
		}
	}
	reg := regSpec{title: "Complaints and appeals", sheet: "Cases", table: "Cases", body: p.Body, asOf: p.AsOf, cols: regCaseCols, paper: paperA3,
		note: fmt.Sprintf("%d complaints and appeals, %d open, %d with a deadline missed.", len(p.Rows), open, late)}
	return regWriteRegister(ctx, w, reg, len(p.Rows), progress, func(i int, row *regRow) {
		r := &p.Rows[i]
		v := row.vals
		v[0], v[1], v[2] = int(r.ID), r.Kind.Label(), r.Received
		v[3], v[4], v[5] = r.From.Name, r.From.Organisation, r.From.Contact
		v[6], v[10], v[11] = r.ClientName, r.Subject, string(r.Status)
		for col, id := range map[int]certification.ID{7: r.CertificationID, 8: r.AuditID, 9: r.DecisionID, 21: r.SpecialAuditID} {
			if id != 0 {
				v[col] = int(id)
			}
		}
		if st := r.Acknowledged; st != nil {
			v[13] = st.Date
		}
		if st := r.Investigated; st != nil {
			v[14], v[15], v[16] = st.Date, st.Name, st.Text
		}
		if st := r.Decided; st != nil {
			v[18], v[19], v[20] = st.Date, st.Name, st.Text
		}
		if st := r.Closed; st != nil {
			v[22] = st.Date
			row.tone = Muted
		}
		for _, d := range r.Deadlines {
			col := regCsAckBy
			if d.Step == certification.CaseDecided {
				col = regCsDecBy
			}
			v[col] = d.Due
			row.cell(col, caseTone(d.State))
		}
		if document.Late(r) {
			v[regCsLate] = true
			row.cell(regCsLate, Overdue)
		}
		if r.Closed != nil {
			row.cell(regCsStatus, Done)
		}
	})
}

// caseTone is the colour of a deadline in its state.
func caseTone(s certification.ObligationState) Tone {
	switch s {
	case certification.StateOverdue:
		return Overdue
	case certification.StateDueSoon:
		return DueSoon
	case certification.StateDone:
		return Done
	}
	return Plain
}
