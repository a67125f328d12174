package document

// The client response round trip (issue 5): the body sends a client its
// open nonconformities as a form (a workbook, written by storage/xlsx),
// the client fills in root cause, correction, corrective action and
// dates, and the filled form comes back in without retyping: previewed
// against the store (nothing written, every problem named by its cell)
// and then applied in one transaction.
//
//	form, err := document.NewResponseForm(ctx, svc, clientID, auditID, asOf) // auditID 0: every open finding of the client
//	err = workbooks.WriteResponseForm(ctx, w, form)
//	… the client fills it in …
//	form, err = workbooks.ReadResponseForm(ctx, r)            // refuses what is not a response form
//	preview, err := document.PreviewResponses(ctx, svc, form) // preview.Problems name cells; nothing written
//	err = document.ApplyResponses(ctx, svc, preview)          // all or nothing (Service.RecordResponses)

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"certdesk/certification"
)

// ResponseWorkbook writes a response form and reads a filled one back.
// storage/xlsx implements it (xlsx.Workbooks).
type ResponseWorkbook interface {
	WriteResponseForm(ctx context.Context, w io.Writer, form *ResponseForm) error
	// ReadResponseForm reads a filled form. It returns an error for what is
	// not a CertDesk response form at all; problems in single cells (a bad
	// date, a text too long) are returned in form.Problems, named by cell,
	// for PreviewResponses to report with its own.
	ReadResponseForm(ctx context.Context, r io.Reader) (*ResponseForm, error)
}

const (
	// ResponseFormVersion is the layout of the form; a form of another
	// version is refused.
	ResponseFormVersion = 1
	// MaxResponseText is the longest text a client may write in a cell.
	MaxResponseText = 10000
	// MaxResponderName is the longest "responded by".
	MaxResponderName = 200
	// MaxFormRows is the most rows a form may carry.
	MaxFormRows = 2000
	// FormTextLimit: the body's texts are cut to this many characters in
	// a form (a spreadsheet cell holds 32,767), here and when compared.
	FormTextLimit = 32000
	// PlanHorizonMonths: planned dates and the date of response lie
	// within this many months after the finding was raised.
	PlanHorizonMonths = 24
)

// ResponseField names a value of a response form: a column of its rows
// or a part of its identity. Problems name the field; a reader maps it
// to a cell.
type ResponseField string

const (
	// Identity of the form.
	FieldForm   ResponseField = "form" // version and fingerprint
	FieldBody   ResponseField = "body"
	FieldClient ResponseField = "client"
	FieldAudit  ResponseField = "audit"
	// Locked columns: the finding as the body recorded it.
	FieldFindingID   ResponseField = "finding_id"
	FieldNumber      ResponseField = "number"
	FieldGrade       ResponseField = "grade"
	FieldReference   ResponseField = "reference"
	FieldRequirement ResponseField = "requirement"
	FieldEvidence    ResponseField = "evidence"
	FieldResponseDue ResponseField = "response_due"
	// Open columns: the client's response.
	FieldRootCause        ResponseField = "root_cause"
	FieldCorrection       ResponseField = "correction"
	FieldCorrectionDate   ResponseField = "correction_date"
	FieldCorrectiveAction ResponseField = "corrective_action"
	FieldActionDate       ResponseField = "action_date"
	FieldRespondedBy      ResponseField = "responded_by"
	FieldReceived         ResponseField = "received"
)

// LockedFields are the columns a client may not change, in form order.
var LockedFields = []ResponseField{FieldFindingID, FieldNumber, FieldGrade, FieldReference, FieldRequirement, FieldEvidence, FieldResponseDue}

// OpenFields are the columns the client fills in, in form order.
var OpenFields = []ResponseField{FieldRootCause, FieldCorrection, FieldCorrectionDate, FieldCorrectiveAction, FieldActionDate, FieldRespondedBy, FieldReceived}

// Label is the field as a person reads it.
func (f ResponseField) Label() string {
	switch f {
	case FieldForm:
		return "identity"
	case FieldFindingID:
		return "finding ID"
	case FieldNumber:
		return "finding number"
	case FieldGrade:
		return "grade"
	case FieldReference:
		return "clause"
	case FieldRequirement:
		return "requirement"
	case FieldEvidence:
		return "finding"
	case FieldResponseDue:
		return "response due"
	case FieldRootCause:
		return "root cause"
	case FieldCorrection:
		return "correction"
	case FieldCorrectionDate:
		return "correction date"
	case FieldCorrectiveAction:
		return "corrective action"
	case FieldActionDate:
		return "corrective action date"
	case FieldRespondedBy:
		return "responded by"
	case FieldReceived:
		return "date of response"
	}
	return string(f)
}

// ResponseForm is the data of a response form: its identity, one row per
// open nonconformity, and (when read back) where each value came from.
type ResponseForm struct {
	Version    int
	Body       string // the body that wrote it (policy body_name)
	ClientID   certification.ID
	ClientName string
	// AuditID is the audit the form was asked for; 0: every open finding
	// of the client.
	AuditID certification.ID
	// Audits are the audits whose findings the rows carry.
	Audits []FormAudit
	AsOf   certification.Date // the day the form was written
	// Fingerprint is a hash of the identity and the locked columns
	// (ComputeFingerprint), written with the form: a form read back whose
	// locked content no longer hashes to it was edited outside its open
	// columns.
	Fingerprint string
	Rows        []ResponseRow

	// Layout says where a form read from a workbook keeps its values
	// (nil for a form built by NewResponseForm); problems name cells by it.
	Layout *FormLayout
	// Problems are the reader's findings in single cells (a bad date, a
	// text too long); PreviewResponses reports them with its own.
	Problems []ResponseProblem
}

// FormAudit is an audit of the form, for its instructions.
type FormAudit struct {
	ID       certification.ID
	Kind     certification.AuditKind
	Standard certification.Standard
	Start    certification.Date
	End      certification.Date
}

// Label is the audit as the client reads it.
func (a FormAudit) Label() string {
	s := fmt.Sprintf("%s audit (%s), %s", a.Kind.Label(), a.Standard, a.Start)
	if a.End != a.Start && !a.End.IsZero() {
		s += " to " + a.End.String()
	}
	return s
}

// ResponseRow is one nonconformity of the form.
type ResponseRow struct {
	// Locked: the finding as the body recorded it.
	FindingID   certification.ID
	Number      int
	Grade       certification.Grade
	Reference   string
	Requirement string
	Evidence    string
	ResponseDue certification.Date

	// Shown, not compared: which audit, when raised, where the finding
	// stands and the body's comment on a response it did not accept.
	AuditID     certification.ID
	Raised      certification.Date
	Status      certification.FindingStatus
	BodyComment string
	Overdue     bool // the response is overdue on AsOf
	DueSoon     bool // due within the policy's due-soon days

	// Open: the client's response (prefilled with the response on record).
	RootCause        string
	Correction       string
	CorrectionDate   certification.Date
	CorrectiveAction string
	ActionDate       certification.Date
	RespondedBy      string
	Received         certification.Date

	// Line is the sheet row the row was read from (0 when not read).
	Line int
}

// DateRange is the span a planned date or the date of response may take
// (the form's data validation uses the same span).
func (r *ResponseRow) DateRange() (from, to certification.Date) {
	return r.Raised, r.Raised.AddMonths(PlanHorizonMonths)
}

// Answered reports whether the client wrote anything in the open columns.
func (r *ResponseRow) Answered() bool {
	return r.RootCause != "" || r.Correction != "" || r.CorrectiveAction != "" || r.CorrectionDate != 0 || r.ActionDate != 0 ||
		r.RespondedBy != "" || r.Received != 0
}

// StatusText says where the finding stands, for the client.
func (r *ResponseRow) StatusText() string {
	switch r.Status {
	case certification.FindingAwaitingResponse:
		return "Awaiting your response"
	case certification.FindingResponded:
		return "Response received, under review: change it here only to replace it"
	case certification.FindingPlanRejected:
		s := "Your response was not accepted: please improve it"
		if r.BodyComment != "" {
			s += ". The body's comment: " + r.BodyComment
		}
		return s
	}
	return string(r.Status)
}

// FormLayout says where a form read from a workbook keeps its values.
type FormLayout struct {
	Sheet string // the sheet of the rows, e.g. "Findings"
	// Columns are the column letters of the row fields ("J").
	Columns map[ResponseField]string
	// Identity are the cells ("Instructions!B5") that show the identity
	// fields.
	Identity map[ResponseField]string
}

// Cell names where a value of the form is: "Findings!J7" for a row's
// field, "Instructions!B5" for the identity; without a layout, the row
// and field in words. row is an index of Rows, or -1 for the identity.
func (f *ResponseForm) Cell(row int, field ResponseField) string {
	if l := f.Layout; l != nil {
		if row < 0 {
			if c, ok := l.Identity[field]; ok {
				return c
			}
			if c, ok := l.Identity[FieldForm]; ok {
				return c
			}
		} else if row < len(f.Rows) && f.Rows[row].Line > 0 {
			col := l.Columns[field]
			if col == "" {
				col = l.Columns[FieldFindingID]
			}
			if col != "" {
				return fmt.Sprintf("%s!%s%d", quoteSheet(l.Sheet), col, f.Rows[row].Line)
			}
		}
	}
	if row < 0 || row >= len(f.Rows) {
		return "form " + field.Label()
	}
	return fmt.Sprintf("row %d (finding %d) %s", row+1, f.Rows[row].FindingID, field.Label())
}

// quoteSheet quotes a sheet name for a cell reference when it needs it.
func quoteSheet(s string) string {
	if strings.ContainsAny(s, " '!-") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

// ResponseProblem is one reason a form cannot be applied, with the cell
// to fix.
type ResponseProblem struct {
	Row   int // index of Rows; -1 for the form as a whole
	Field ResponseField
	Cell  string // "Findings!J7"
	Msg   string
}

func (p ResponseProblem) String() string {
	if p.Cell == "" {
		return p.Msg
	}
	return p.Cell + ": " + p.Msg
}

// ResponseProblems is a list of problems as an error.
type ResponseProblems []ResponseProblem

func (ps ResponseProblems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(ps)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// ComputeFingerprint hashes the form's identity and locked columns (not
// the client's answers). Rows count in finding order, texts as compared
// (CleanText), so a spreadsheet that re-saves the file keeps it.
func (f *ResponseForm) ComputeFingerprint() string {
	h := sha256.New()
	fmt.Fprintf(h, "certdesk-response-form/%d\x1e%s\x1e%d\x1e%d\x1e%s\x1e", f.Version, CleanText(f.Body), f.ClientID, f.AuditID, f.AsOf)
	ids := make([]certification.ID, len(f.Audits))
	for i, a := range f.Audits {
		ids[i] = a.ID
	}
	slices.Sort(ids)
	for _, id := range ids {
		fmt.Fprintf(h, "%d,", id)
	}
	rows := make([]*ResponseRow, len(f.Rows))
	for i := range f.Rows {
		rows[i] = &f.Rows[i]
	}
	slices.SortStableFunc(rows, func(a, b *ResponseRow) int { return int(a.FindingID) - int(b.FindingID) })
	for _, r := range rows {
		fmt.Fprintf(h, "\x1e%d\x1f%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", r.FindingID, r.Number, r.Grade, CleanText(r.Reference),
			CleanText(r.Requirement), CleanText(r.Evidence), r.ResponseDue)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// CleanText is a text as a form compares it: line ends as \n, no control
// characters but tab and newline (a spreadsheet cannot hold them), no
// leading or trailing space, cut to FormTextLimit characters.
func CleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f || r == 0xfffe || r == 0xffff:
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > FormTextLimit {
		s = string([]rune(s)[:FormTextLimit-1]) + "…"
	}
	return s
}

// GradeOf reads a grade as a form shows it (its label, "Major NC") or
// as stored ("major"); anything else comes back as is, so that it does
// not match the record.
func GradeOf(s string) certification.Grade {
	s = strings.TrimSpace(s)
	for _, g := range certification.Grades {
		if strings.EqualFold(s, g.Label()) || strings.EqualFold(s, string(g)) {
			return g
		}
	}
	return certification.Grade(s)
}
