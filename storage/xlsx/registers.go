package xlsx

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

// The three registers: the audit programme, the findings register and
// the certificate register. Each is one streamed sheet with the book's
// title block, a frozen header and one Excel table with filters. State
// cells carry the status colours (overdue red, due soon amber, done or
// active green, cancelled, withdrawn or expired grey); rows of a
// cancelled audit or a closed certification are grey as a whole.

var _ document.RegisterWriter = Workbooks{}

// regSpec describes one register workbook.
type regSpec struct {
	title, sheet, table, note string
	body                      string
	asOf                      certification.Date
	cols                      []Column
	paper                     int
}

// regRow is one row to write: its tone, the tones of single cells
// (overriding the row's where not Plain), and its values (see Sheet.Row).
type regRow struct {
	tone  Tone
	tones []Tone
	vals  []any
}

func (r *regRow) cell(col int, t Tone) { r.tones[col] = t }

// regWriteRegister streams n rows made by fill into a one-sheet workbook
// and writes it to w.
func regWriteRegister(ctx context.Context, w io.Writer, reg regSpec, n int, progress func(done, total int), fill func(i int, r *regRow)) error {
	b, err := New(Meta{Title: reg.title, Body: reg.body, AsOf: reg.asOf, Note: reg.note})
	if err != nil {
		return err
	}
	defer b.Close()
	st, err := regStyles(b, reg.cols)
	if err != nil {
		return err
	}
	// Landscape, fitted to the page width, with narrow margins, the
	// header repeated on every page and the title and page number in the
	// footer.
	s, err := b.streamPrinted(reg.sheet, reg.cols, printLayout{paper: reg.paper, landscape: true, margins: margins{side: 0.4, top: 0.5, bottom: 0.5},
		footer: reg.title + " · " + reg.body + " · as of " + reg.asOf.String()})
	if err != nil {
		return err
	}
	rs := &regSheet{Sheet: s, style: st, cells: make([]excelize.Cell, len(reg.cols))}
	var r regRow
	r.vals, r.tones = make([]any, len(reg.cols)), make([]Tone, len(reg.cols))
	for i := range n {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(i, n)
			}
		}
		r.tone = Plain
		clear(r.vals)
		clear(r.tones)
		fill(i, &r)
		if err := rs.write(&r); err != nil {
			return err
		}
	}
	if err := s.Close(reg.table); err != nil {
		return err
	}
	if progress != nil {
		progress(n, n)
	}
	// Not b.Write: its SetActiveSheet, after a stream's Flush, decodes
	// the stream's in-memory part (up to 16 MB of XML) again only to mark
	// the tab selected; a one-sheet workbook has it active anyway.
	_, err = b.File().WriteTo(w)
	return err
}

// regSheet is a register's streamed sheet with the style of each
// column in each tone.
type regSheet struct {
	*Sheet
	style [][tones]int
	cells []excelize.Cell // the row's cells, passed by pointer (no boxing)
}

// regStyles gives each column its style per tone: the book's, except
// that numbers are centred under their (wider) header rather than pushed
// against the text of the next column.
func regStyles(b *Book, cols []Column) ([][tones]int, error) {
	var centred [kinds][tones]int
	for _, k := range []Kind{Int, Number} {
		for t := range tones {
			st := toneStyle(k, Tone(t))
			st.Alignment.Horizontal = "center"
			id, err := b.File().NewStyle(st)
			if err != nil {
				return nil, err
			}
			centred[k][t] = id
		}
	}
	out := make([][tones]int, len(cols))
	for i, c := range cols {
		out[i] = b.cell[c.Kind]
		if c.Kind == Int || c.Kind == Number {
			out[i] = centred[c.Kind]
		}
	}
	return out, nil
}

// regLineHeight is the height of one line of text (Calibri 11) in points.
const regLineHeight = 15

// regMaxLines caps the height of a row; longer text stays in the cell.
const regMaxLines = 12

// write writes the next data row with its row and cell tones, as
// Sheet.Row does for one tone, and makes the row tall enough for its
// wrapped text (a streamed row keeps the height it is written with).
func (s *regSheet) write(r *regRow) error {
	lines := 1
	for i, v := range r.vals {
		v = cellValue(v)
		if x, ok := v.(string); ok && s.cols[i].Kind == Wrap {
			lines = max(lines, regWrappedLines(x, s.cols[i].Width))
		}
		t := r.tone
		if r.tones[i] != Plain {
			t = r.tones[i]
		}
		if v == nil && t == Plain {
			s.buf[i] = nil // an empty cell without a fill need not be written
			continue
		}
		s.cells[i] = excelize.Cell{StyleID: s.style[i][t], Value: v}
		s.buf[i] = &s.cells[i]
	}
	s.row++
	cell := "A" + strconv.Itoa(s.row)
	if lines > 1 {
		return s.sw.SetRow(cell, s.buf, excelize.RowOpts{Height: float64(min(lines, regMaxLines) * regLineHeight)})
	}
	return s.sw.SetRow(cell, s.buf)
}

// regWrappedLines estimates the lines text takes when wrapped in a
// column width characters wide: a column width counts the digit 0 (0.507
// em), and LibreOffice (Carlito, metric-compatible) and Excel wrap a line
// at about 0.98 of it; 0.97 keeps a margin so that no line is cut.
func regWrappedLines(text string, width float64) int {
	return wrappedLines(text, width*0.507*0.97, regMaxLines)
}

// --- Audit programme -------------------------------------------------

var regProgrammeCols = []Column{
	{"Client", 28, Text},
	{"Standard", 17, Text},
	{"Certificate", 20, Text},
	{"Certificate status", 11, Text},
	{"Cycle", 6, Int},
	{"Cycle start", 10.5, Date},
	{"Cycle expiry", 10.5, Date},
	{"Audit", 19, Text},
	{"Audit status", 12, Text},
	{"Planned start", 10.5, Date},
	{"Planned end", 10.5, Date},
	{"Actual start", 10.5, Date},
	{"Actual end", 10.5, Date},
	{"Lead auditor", 18, Text},
	{"Days planned", 8, Number},
	{"Days actual", 8, Number},
	{"Programme obligation", 30, Wrap},
	{"Due", 10.5, Date},
	{"State", 9, Text},
	{"Next due (certification)", 34, Wrap},
	{"Next due date", 10.5, Date},
	{"Next due state", 9, Text},
}

// Column indexes the programme colours.
const (
	regPgCertStatus = 3
	regPgState      = 18
	regPgNextState  = 21
)

// ProgrammeRegister writes the audit programme: one row per audit, per
// programme audit due and not yet planned, and per certification with
// neither.
func (Workbooks) ProgrammeRegister(ctx context.Context, w io.Writer, p *document.ProgrammeRegister, progress func(done, total int)) error {
	certs := map[certification.ID]bool{}
	overdue, soon, unplanned := 0, 0, 0
	for i := range p.Rows {
		r := &p.Rows[i]
		certs[r.CertificationID] = true
		switch r.State {
		case certification.StateOverdue:
			overdue++
		case certification.StateDueSoon:
			soon++
		}
		if !r.HasAudit() && r.AuditKind != "" {
			unplanned++
		}
	}
	reg := regSpec{title: "Audit programme", sheet: "Programme", table: "Programme", body: p.Body, asOf: p.AsOf, cols: regProgrammeCols, paper: paperA3,
		note: fmt.Sprintf("%d certifications, %d rows: each audit planned or done, and each programme audit still to plan (%d); %d overdue, %d due soon.",
			len(certs), len(p.Rows), unplanned, overdue, soon)}
	return regWriteRegister(ctx, w, reg, len(p.Rows), progress, func(i int, row *regRow) {
		r := &p.Rows[i]
		v := row.vals
		v[0], v[1], v[2], v[3] = r.Client, string(r.Standard), r.Certificate, r.CertificateStatus.Label()
		if r.Cycle > 0 {
			v[4] = r.Cycle
		}
		v[5], v[6] = r.CycleStart, r.CycleExpiry
		v[7] = r.AuditKind.Label()
		switch {
		case r.HasAudit():
			v[8] = r.AuditStatus.Label()
		case r.AuditKind != "":
			v[8] = "Not planned"
		default:
			v[7], v[8] = "", "No audit yet"
		}
		v[9], v[10], v[11], v[12] = r.PlannedStart, r.PlannedEnd, r.ActualStart, r.ActualEnd
		v[13] = r.Lead
		if r.PlannedDays > 0 {
			v[14] = r.PlannedDays
		}
		if r.ActualDays > 0 {
			v[15] = r.ActualDays
		}
		v[16], v[17], v[18] = r.Obligation, r.Due, r.State.Label()
		v[19], v[20], v[21] = r.NextDue, r.NextDueDate, r.NextDueState.Label()
		if r.AuditStatus == certification.AuditCancelled || !r.Closed.IsZero() {
			row.tone = Muted
		}
		row.cell(regPgCertStatus, certStatusTones[r.CertificateStatus])
		row.cell(regPgState, stateTones[r.State])
		row.cell(regPgNextState, stateTones[r.NextDueState])
	})
}

// --- Findings register ----------------------------------------------

var regFindingCols = []Column{
	{"Client", 28, Text},
	{"Standard", 17, Text},
	{"Certificate", 20, Text},
	{"Audit", 19, Text},
	{"Audit date", 10.5, Date},
	{"No.", 5, Int},
	{"Grade", 11, Text},
	{"Clause", 8, Text},
	{"Requirement", 42, Wrap},
	{"Raised", 10.5, Date},
	{"Response due", 10.5, Date},
	{"Close due", 10.5, Date},
	{"Response", 10, Text},
	{"Received", 10.5, Date},
	{"Review", 10, Text},
	{"Reviewed", 10.5, Date},
	{"Verification", 10, Text},
	{"Verified", 10.5, Date},
	{"Status", 20, Text},
	{"Late", 6, Text},
}

// Column indexes the findings register colours.
const (
	regFdStatus = 18
	regFdLate   = 19
)

// FindingsRegister writes every finding with its deadlines and the
// state of its response, review and verification.
func (Workbooks) FindingsRegister(ctx context.Context, w io.Writer, p *document.FindingsRegister, progress func(done, total int)) error {
	late, soon, open := 0, 0, 0
	for i := range p.Rows {
		r := &p.Rows[i]
		if r.Late {
			late++
		}
		if r.DueSoon {
			soon++
		}
		if r.Finding.Open() && r.Closed.IsZero() {
			open++
		}
	}
	reg := regSpec{title: "Findings register", sheet: "Findings", table: "Findings", body: p.Body, asOf: p.AsOf, cols: regFindingCols, paper: paperA3,
		note: fmt.Sprintf("%d findings, %d open: %d late, %d due soon.", len(p.Rows), open, late, soon)}
	return regWriteRegister(ctx, w, reg, len(p.Rows), progress, func(i int, row *regRow) {
		r := &p.Rows[i]
		regFindingValues(r, row.vals)
		if !r.Closed.IsZero() {
			row.tone = Muted
		}
		row.cell(regFdStatus, regFindingTone(r))
		if r.Late {
			row.cell(regFdLate, Overdue)
		}
	})
}

// findingValues fills v with the cells of a finding's row (the
// benchmark writes the same values with a bare StreamWriter).
func regFindingValues(r *document.FindingsRow, v []any) {
	v[0], v[1], v[2] = r.ClientName, string(r.Standard), r.Certificate
	v[3], v[4], v[5] = r.AuditKind.Label(), r.AuditDate, r.Number
	v[6], v[7], v[8] = r.Grade.ShortLabel(), r.Reference, r.Requirement
	v[9], v[10], v[11] = r.Raised, r.ResponseDue, r.CloseDue
	if r.Grade.IsNC() {
		v[12] = "Awaiting"
		if r.Response != nil {
			v[12], v[13] = "Received", r.Response.Received
		}
	}
	switch {
	case r.Review != nil && r.Review.Accepted:
		v[14], v[15] = "Accepted", r.Review.On
	case r.Review != nil:
		v[14], v[15] = "Rejected", r.Review.On
	case r.Response != nil:
		v[14] = "To review"
	}
	switch {
	case r.Verification != nil:
		v[16], v[17] = "Verified", r.Verification.On
	case r.Grade == certification.Major:
		v[16] = "To verify"
	}
	v[18] = r.Status.Label(r.Grade)
	v[19] = r.Late
}

func regFindingTone(r *document.FindingsRow) Tone {
	switch {
	case r.Late:
		return Overdue
	case r.DueSoon:
		return DueSoon
	case r.Status == certification.FindingVerified, r.Status == certification.FindingPlanAccepted && r.Grade != certification.Major:
		return Done
	}
	return Plain
}

// --- Certificate register -------------------------------------------

var regCertificateCols = []Column{
	{"Certificate", 20, Text},
	{"Revision", 8, Int},
	{"Client", 28, Text},
	{"Standard", 17, Text},
	{"Scope", 42, Wrap},
	{"Sites", 46, Wrap},
	{"Original issue", 10.5, Date},
	{"Issued", 10.5, Date},
	{"Expiry", 10.5, Date},
	{"Status", 11, Text},
	{"Suspended since", 10.5, Date},
	{"Transferred from", 24, Wrap}, // IAF MD 2: the body and certificate taken over
}

const regCtStatus = 9

// CertificateRegister writes every certificate in the revision in force
// on the register's date, with its status then.
func (Workbooks) CertificateRegister(ctx context.Context, w io.Writer, p *document.CertificateRegister, progress func(done, total int)) error {
	count := map[certification.CertificateStatus]int{}
	for i := range p.Rows {
		count[p.Rows[i].Status]++
	}
	var parts []string
	for _, st := range []certification.CertificateStatus{certification.CertActive, certification.CertSuspended, certification.CertWithdrawn, certification.CertExpired} {
		parts = append(parts, fmt.Sprintf("%d %s", count[st], strings.ToLower(st.Label())))
	}
	reg := regSpec{title: "Certificate register", sheet: "Certificates", table: "Certificates", body: p.Body, asOf: p.AsOf, cols: regCertificateCols, paper: paperA4,
		note: fmt.Sprintf("%d certificates in the revision in force on %s: %s.", len(p.Rows), p.AsOf, strings.Join(parts, ", "))}
	var sites strings.Builder
	return regWriteRegister(ctx, w, reg, len(p.Rows), progress, func(i int, row *regRow) {
		r := &p.Rows[i]
		sites.Reset()
		for j, s := range r.Sites {
			if j > 0 {
				sites.WriteByte('\n')
			}
			sites.WriteString(s.Code)
			if s.Code != "" && s.Address != "" {
				sites.WriteString(": ")
			}
			sites.WriteString(s.Address)
			if s.Scope != "" && s.Scope != r.Scope {
				sites.WriteString(" (scope: " + s.Scope + ")")
			}
		}
		v := row.vals
		v[0], v[1], v[2], v[3] = r.Number, r.Revision, r.ClientName, string(r.Standard)
		v[4], v[5] = r.Scope, sites.String()
		v[6], v[7], v[8] = r.OriginalDate, r.IssueDate, r.Expiry
		v[9] = r.Status.Label()
		if since, ok := r.SuspendedSince(r.AsOf); ok && r.Status == certification.CertSuspended {
			v[10] = since
		}
		v[11] = r.TransferredFrom
		switch r.Status {
		case certification.CertWithdrawn, certification.CertExpired, certification.CertSuperseded:
			row.tone = Muted
		}
		row.cell(regCtStatus, certStatusTones[r.Status])
	})
}

// --- Wording and colours --------------------------------------------

// Colours of an obligation's state and of a certificate's status (Plain
// where none is listed).
var (
	stateTones = map[certification.ObligationState]Tone{
		certification.StateOverdue: Overdue,
		certification.StateDueSoon: DueSoon,
		certification.StateDone:    Done,
		certification.StateLapsed:  Muted,
	}
	certStatusTones = map[certification.CertificateStatus]Tone{
		certification.CertActive:     Done,
		certification.CertSuspended:  DueSoon,
		certification.CertWithdrawn:  Muted,
		certification.CertExpired:    Muted,
		certification.CertSuperseded: Muted,
	}
)
