package certification

// The client response round trip (issue 5): the body sends a client its
// open nonconformities as a form (a workbook, written by storage/xlsx),
// the client fills in root cause, correction, corrective action and
// dates, and the filled form comes back in without retyping: previewed
// against the store (nothing written, every problem named by its cell)
// and then applied in one transaction.
//
//	form, err := svc.ResponseForm(ctx, clientID, auditID, asOf) // auditID 0: every open finding of the client
//	err = workbooks.WriteResponseForm(ctx, w, form)
//	… the client fills it in …
//	form, err = workbooks.ReadResponseForm(ctx, r)   // refuses what is not a response form
//	preview, err := svc.PreviewResponses(ctx, form)  // preview.Problems name cells; nothing written
//	err = svc.ApplyResponses(ctx, preview)           // all or nothing

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// RuleResponseForm refuses a response form that does not fit the store:
// another client's or audit's, a locked column changed, a finding no
// longer open for a response, or a store changed since the preview.
const RuleResponseForm = "response-form"

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
	ClientID   ID
	ClientName string
	// AuditID is the audit the form was asked for; 0: every open finding
	// of the client.
	AuditID ID
	// Audits are the audits whose findings the rows carry.
	Audits []FormAudit
	AsOf   Date // the day the form was written
	// Fingerprint is a hash of the identity and the locked columns
	// (ComputeFingerprint), written with the form: a form read back whose
	// locked content no longer hashes to it was edited outside its open
	// columns.
	Fingerprint string
	Rows        []ResponseRow

	// Layout says where a form read from a workbook keeps its values
	// (nil for a form built by ResponseForm); problems name cells by it.
	Layout *FormLayout
	// Problems are the reader's findings in single cells (a bad date, a
	// text too long); PreviewResponses reports them with its own.
	Problems []ResponseProblem
}

// FormAudit is an audit of the form, for its instructions.
type FormAudit struct {
	ID       ID
	Kind     AuditKind
	Standard Standard
	Start    Date
	End      Date
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
	FindingID   ID
	Number      int
	Grade       Grade
	Reference   string
	Requirement string
	Evidence    string
	ResponseDue Date

	// Shown, not compared: which audit, when raised, where the finding
	// stands and the body's comment on a response it did not accept.
	AuditID     ID
	Raised      Date
	Status      FindingStatus
	BodyComment string
	Overdue     bool // the response is overdue on AsOf
	DueSoon     bool // due within the policy's due-soon days

	// Open: the client's response (prefilled with the response on record).
	RootCause        string
	Correction       string
	CorrectionDate   Date
	CorrectiveAction string
	ActionDate       Date
	RespondedBy      string
	Received         Date

	// Line is the sheet row the row was read from (0 when not read).
	Line int
}

// DateRange is the span a planned date or the date of response may take
// (the form's data validation uses the same span).
func (r *ResponseRow) DateRange() (from, to Date) {
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
	case FindingAwaitingResponse:
		return "Awaiting your response"
	case FindingResponded:
		return "Response received, under review: change it here only to replace it"
	case FindingPlanRejected:
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
	ids := make([]ID, len(f.Audits))
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
func GradeOf(s string) Grade {
	s = strings.TrimSpace(s)
	for _, g := range Grades {
		if strings.EqualFold(s, g.Label()) || strings.EqualFold(s, string(g)) {
			return g
		}
	}
	return Grade(s)
}

// answerable reports whether a finding in status st takes a response.
func answerable(st FindingStatus) bool {
	return st == FindingAwaitingResponse || st == FindingPlanRejected || st == FindingResponded
}

// ResponseForm gathers a client's nonconformities that take a response
// (awaiting one, under review, or not accepted), of audit auditID or, with
// auditID 0, of every audit of the client's open certifications, as of
// asOf (0: today). It refuses a client with none.
func (s *Service) ResponseForm(ctx context.Context, clientID, auditID ID, asOf Date) (*ResponseForm, error) {
	if asOf.IsZero() {
		asOf = s.Today()
	}
	form := &ResponseForm{Version: ResponseFormVersion, ClientID: clientID, AuditID: auditID, AsOf: asOf}
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		form.Body = p.BodyName
		var cl Client
		if err := tx.Get(clientID, &cl); err != nil {
			if errors.Is(err, ErrNotFound) {
				return invalid("response form", "client", "there is no client %d", clientID)
			}
			return err
		}
		form.ClientName = cl.DisplayName()
		if auditID != 0 {
			var a Audit
			if err := tx.Get(auditID, &a); err != nil {
				if errors.Is(err, ErrNotFound) {
					return invalid("response form", "audit", "there is no audit %d", auditID)
				}
				return err
			}
			if a.ClientID != clientID {
				return invalid("response form", "audit", "audit %d is not an audit of client %d (%s)", auditID, clientID, form.ClientName)
			}
		}
		certs, err := lookupAll[Certification](tx, IndexCertByClient, U64(uint64(clientID)))
		if err != nil {
			return err
		}
		audits := map[ID]*Audit{}
		standards := map[ID]Standard{}
		for _, c := range certs {
			if !c.Closed.IsZero() && c.Closed <= asOf {
				continue // refused or withdrawn: nothing more is asked
			}
			findings, err := lookupAll[Finding](tx, IndexFindingByCert, U64(uint64(c.ID)))
			if err != nil {
				return err
			}
			for i := range findings {
				x := &findings[i]
				if !x.Grade.IsNC() || !answerable(x.Status()) || (auditID != 0 && x.AuditID != auditID) || x.Raised > asOf {
					continue
				}
				if _, ok := audits[x.AuditID]; !ok {
					var a Audit
					if err := tx.Get(x.AuditID, &a); err != nil {
						return err
					}
					audits[x.AuditID] = &a
					standards[x.AuditID] = c.Standard
				}
				form.Rows = append(form.Rows, formRow(x, asOf, p))
			}
		}
		for id, a := range audits {
			form.Audits = append(form.Audits, FormAudit{ID: id, Kind: a.Kind, Standard: standards[id], Start: a.Start(), End: a.LastDay()})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(form.Rows) == 0 {
		what := fmt.Sprintf("client %d (%s)", clientID, form.ClientName)
		if auditID != 0 {
			what = fmt.Sprintf("audit %d of %s", auditID, what)
		}
		return nil, invalid("response form", "findings", "%s has no nonconformity awaiting a response as of %s", what, asOf)
	}
	slices.SortFunc(form.Audits, func(a, b FormAudit) int {
		if a.Start != b.Start {
			return int(a.Start) - int(b.Start)
		}
		return int(a.ID) - int(b.ID)
	})
	order := map[ID]int{}
	for i, a := range form.Audits {
		order[a.ID] = i
	}
	slices.SortStableFunc(form.Rows, func(a, b ResponseRow) int {
		if order[a.AuditID] != order[b.AuditID] {
			return order[a.AuditID] - order[b.AuditID]
		}
		return a.Number - b.Number
	})
	form.Fingerprint = form.ComputeFingerprint()
	return form, nil
}

// formRow is a finding as a row of the form, its response on record
// prefilled (without the date of a response the body did not accept:
// the new one has its own).
func formRow(x *Finding, asOf Date, p Policy) ResponseRow {
	r := ResponseRow{FindingID: x.ID, Number: x.Number, Grade: x.Grade, Reference: CleanText(x.Reference),
		Requirement: CleanText(x.Requirement), Evidence: CleanText(x.Evidence), ResponseDue: x.ResponseDue,
		AuditID: x.AuditID, Raised: x.Raised, Status: x.Status()}
	waiting := r.Status == FindingAwaitingResponse || r.Status == FindingPlanRejected
	r.Overdue = waiting && x.ResponseDue != 0 && asOf > x.ResponseDue
	r.DueSoon = waiting && !r.Overdue && x.ResponseDue != 0 && asOf.AddDays(p.DueSoonDays) >= x.ResponseDue
	if x.Review != nil && !x.Review.Accepted {
		r.BodyComment = CleanText(x.Review.Comment)
	}
	if rs := x.Response; rs != nil {
		r.RootCause, r.Correction, r.CorrectiveAction = CleanText(rs.RootCause), CleanText(rs.Correction), CleanText(rs.CorrectiveAction)
		r.CorrectionDate, r.ActionDate = rs.CorrectionDate, rs.ActionDate
		if r.Status == FindingResponded {
			r.Received = rs.Received
		}
	}
	return r
}

// CheckScope refuses a form that is not for the client (and, unless
// auditID is 0, the audit) the caller is importing for.
func (f *ResponseForm) CheckScope(clientID, auditID ID) error {
	if clientID != 0 && f.ClientID != clientID {
		return refuse(RuleResponseForm, "%s: this workbook is the response form of client %d (%s), not of client %d: import it for its own client",
			f.Cell(-1, FieldClient), f.ClientID, f.ClientName, clientID)
	}
	if auditID != 0 && f.AuditID != auditID {
		what := "every open finding of the client"
		if f.AuditID != 0 {
			what = fmt.Sprintf("audit %d", f.AuditID)
		}
		return refuse(RuleResponseForm, "%s: this workbook is the response form for %s, not for audit %d: import the form written for audit %d",
			f.Cell(-1, FieldAudit), what, auditID, auditID)
	}
	return nil
}

// ResponseChangeKind is what importing a row does.
type ResponseChangeKind string

const (
	ResponseNew       ResponseChangeKind = "new"       // a first response, or one replacing a response not accepted
	ResponseChanged   ResponseChangeKind = "changed"   // replaces a response under review
	ResponseUnchanged ResponseChangeKind = "unchanged" // nothing written, or the same as on record
)

// ResponseChange is what importing one row of the form does.
type ResponseChange struct {
	Row       int    // index of Form.Rows
	Cell      string // the row's first cell, "Findings!A5"
	FindingID ID
	AuditID   ID
	Number    int
	Grade     Grade
	Reference string
	Kind      ResponseChangeKind
	// Fields are the values that differ from the response on record.
	Fields []ResponseField
	Before *Response // the response on record, if any
	After  *Response // what will be recorded (nil when unchanged)
	// RespondedBy is who answered, as the client wrote it (it goes to the
	// journal: a response has no field for it).
	RespondedBy string
	Note        string
	stamp       string // the finding as previewed
}

// ResponsePreview is what applying a form would do, checked against the
// store without writing.
type ResponsePreview struct {
	Form       *ResponseForm
	ClientName string
	Today      Date
	Changes    []ResponseChange // one per row whose finding was found
	Problems   []ResponseProblem
}

// OK reports whether the form can be applied.
func (p *ResponsePreview) OK() bool { return len(p.Problems) == 0 }

// Pending is the number of responses applying would record.
func (p *ResponsePreview) Pending() int {
	n := 0
	for _, c := range p.Changes {
		if c.Kind != ResponseUnchanged {
			n++
		}
	}
	return n
}

// stampOf fingerprints a stored finding, so that Apply can tell it did
// not change since the preview.
func stampOf(x *Finding) string {
	b, _ := json.Marshal(x)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// PreviewResponses checks a filled form against the store without
// writing: the form is this body's, for an existing client and audits;
// its locked columns are as the body recorded them (a change in the
// workbook and a change at the body since the form was written are told
// apart by the fingerprint); each finding is the client's, of the form's
// audits and still open for a response; each answered row is complete,
// its texts within MaxResponseText and its dates within the finding's
// DateRange (the date of response not after today). It returns per row
// what applying would change and per problem the cell to fix; the error
// is for a failing store only.
func (s *Service) PreviewResponses(ctx context.Context, form *ResponseForm) (*ResponsePreview, error) {
	if form == nil {
		return nil, errors.New("no response form to preview")
	}
	pv := &ResponsePreview{Form: form, Today: s.Today()}
	pv.Problems = append(pv.Problems, form.Problems...)
	// Cells the reader already found wanting are reported once.
	type at struct {
		row   int
		field ResponseField
	}
	bad := map[at]bool{}
	for _, p := range form.Problems {
		bad[at{p.Row, p.Field}] = true
	}
	problem := func(row int, field ResponseField, format string, args ...any) {
		if bad[at{row, field}] {
			return
		}
		pv.Problems = append(pv.Problems, ResponseProblem{Row: row, Field: field, Cell: form.Cell(row, field), Msg: fmt.Sprintf(format, args...)})
	}
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		if form.Version != ResponseFormVersion {
			problem(-1, FieldForm, "this form has layout version %d; this CertDesk reads version %d: export a new form for the client", form.Version, ResponseFormVersion)
			return nil
		}
		if form.Body != p.BodyName {
			problem(-1, FieldBody, "this form was written by %q, not by %q: import it at the body that sent it", form.Body, p.BodyName)
			return nil
		}
		var cl Client
		if err := tx.Get(form.ClientID, &cl); err != nil {
			if errors.Is(err, ErrNotFound) {
				problem(-1, FieldClient, "there is no client %d here: this form is not for one of this body's clients", form.ClientID)
				return nil
			}
			return err
		}
		pv.ClientName = cl.DisplayName()
		audits := map[ID]bool{}
		for _, fa := range form.Audits {
			var a Audit
			if err := tx.Get(fa.ID, &a); err != nil {
				if errors.Is(err, ErrNotFound) {
					problem(-1, FieldAudit, "there is no audit %d: this form does not fit this body's records", fa.ID)
					return nil
				}
				return err
			}
			if a.ClientID != form.ClientID {
				problem(-1, FieldAudit, "audit %d is not an audit of %s: this form does not fit this body's records", fa.ID, pv.ClientName)
				return nil
			}
			audits[fa.ID] = true
		}
		if form.AuditID != 0 && !audits[form.AuditID] {
			problem(-1, FieldAudit, "the form names audit %d but does not list it among its audits: export a new form", form.AuditID)
			return nil
		}
		intact := form.Fingerprint == form.ComputeFingerprint()
		if len(form.Rows) > MaxFormRows {
			problem(-1, FieldForm, "the form has %d rows; a response form holds at most %d", len(form.Rows), MaxFormRows)
			return nil
		}
		certs := map[ID]*Certification{}
		seen := map[ID]int{}
		cellDiffs := 0 // locked cells that explain a fingerprint that does not match
		for i := range form.Rows {
			row := &form.Rows[i]
			if row.FindingID == 0 {
				problem(i, FieldFindingID, "the row names no finding: answer on the rows of the findings only")
				cellDiffs++
				continue
			}
			if j, dup := seen[row.FindingID]; dup {
				problem(i, FieldFindingID, "finding %d is already on %s: answer each finding once", row.FindingID, form.Cell(j, FieldFindingID))
				cellDiffs++
				continue
			}
			seen[row.FindingID] = i
			var x Finding
			if err := tx.Get(row.FindingID, &x); err != nil {
				if errors.Is(err, ErrNotFound) {
					problem(i, FieldFindingID, "there is no finding %d: the rows of the form must stay as CertDesk wrote them", row.FindingID)
					cellDiffs++
					continue
				}
				return err
			}
			if x.ClientID != form.ClientID {
				problem(i, FieldFindingID, "finding %d is not a finding of %s: the rows of the form must stay as CertDesk wrote them", x.ID, pv.ClientName)
				cellDiffs++
				continue
			}
			if !audits[x.AuditID] || (form.AuditID != 0 && x.AuditID != form.AuditID) {
				problem(i, FieldFindingID, "finding %d belongs to audit %d, which this form is not for: answer it on the form for audit %d", x.ID, x.AuditID, x.AuditID)
				cellDiffs++
				continue
			}
			// Locked columns.
			locked := []struct {
				field     ResponseField
				got, want string
			}{
				{FieldNumber, strconv.Itoa(row.Number), strconv.Itoa(x.Number)},
				{FieldGrade, string(row.Grade), string(x.Grade)},
				{FieldReference, CleanText(row.Reference), CleanText(x.Reference)},
				{FieldRequirement, CleanText(row.Requirement), CleanText(x.Requirement)},
				{FieldEvidence, CleanText(row.Evidence), CleanText(x.Evidence)},
				{FieldResponseDue, row.ResponseDue.String(), x.ResponseDue.String()},
			}
			lockedOK := true
			for _, l := range locked {
				if l.got == l.want || bad[at{i, l.field}] {
					continue
				}
				lockedOK = false
				cellDiffs++
				want := l.want
				if l.field == FieldGrade {
					want = x.Grade.Label()
				}
				if intact {
					problem(i, l.field, "the body's record of finding %d changed after the form was written on %s (%s is now %s): export a new form for the client and copy the answers over",
						x.ID, form.AsOf, l.field.Label(), short(want))
				} else {
					problem(i, l.field, "this locked column was changed in the workbook (the body's record says %s): put it back or use a fresh form; only the white columns are the client's", short(want))
				}
			}
			c, err := cachedGet(tx, certs, x.CertificationID)
			if err != nil {
				return err
			}
			ch := ResponseChange{Row: i, Cell: form.Cell(i, FieldFindingID), FindingID: x.ID, AuditID: x.AuditID, Number: x.Number, Grade: x.Grade,
				Reference: x.Reference, Before: x.Response, RespondedBy: row.RespondedBy, stamp: stampOf(&x)}
			// The open columns are checked even when a locked one is
			// wrong, so that one import names every cell to fix.
			pv.previewRow(&ch, row, &x, c, problem)
			if lockedOK {
				pv.Changes = append(pv.Changes, ch)
			}
		}
		if !intact && cellDiffs == 0 {
			problem(-1, FieldForm, "the workbook was changed outside its white columns (rows added or removed, or the form's identity edited): send back the form as CertDesk wrote it, or export a new one")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Problems in sheet order: the form, then row by row, left to right.
	order := func(f ResponseField) int {
		if i := slices.Index(LockedFields, f); i >= 0 {
			return i
		}
		if i := slices.Index(OpenFields, f); i >= 0 {
			return len(LockedFields) + i
		}
		return -1
	}
	slices.SortStableFunc(pv.Problems, func(a, b ResponseProblem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return order(a.Field) - order(b.Field)
	})
	return pv, nil
}

// previewRow decides what a row does to its finding and checks it.
func (pv *ResponsePreview) previewRow(ch *ResponseChange, row *ResponseRow, x *Finding, c *Certification,
	problem func(int, ResponseField, string, ...any)) {
	i := ch.Row
	next := Response{RootCause: CleanText(row.RootCause), Correction: CleanText(row.Correction), CorrectiveAction: CleanText(row.CorrectiveAction),
		CorrectionDate: row.CorrectionDate, ActionDate: row.ActionDate, Received: row.Received}
	if !row.Answered() {
		ch.Kind, ch.Note = ResponseUnchanged, "no response written"
		return
	}
	st := x.Status()
	if x.Response != nil {
		ch.Fields = responseDiff(x.Response, &next, st == FindingResponded)
		if len(ch.Fields) == 0 {
			ch.Kind, ch.Note = ResponseUnchanged, "same as the response on record"
			return
		}
	}
	// A new or changed response: the finding must still take one.
	switch {
	case !x.Grade.IsNC():
		problem(i, FieldRootCause, "finding %d is a %s: it needs no response", x.ID, x.Grade.Label())
		return
	case !answerable(st):
		on := ""
		if x.Review != nil {
			on = " on " + x.Review.On.String()
		}
		problem(i, FieldRootCause, "the body accepted the plan for finding %d%s: its response can no longer change (leave the row as it was)", x.ID, on)
		return
	case !c.Closed.IsZero():
		problem(i, FieldRootCause, "certification %d was closed on %s: no response is recorded for its findings", c.ID, c.Closed)
		return
	}
	for _, t := range []struct {
		field ResponseField
		v     string
		what  string
	}{
		{FieldRootCause, next.RootCause, "the root cause: why the requirement was not met"},
		{FieldCorrection, next.Correction, "the correction: what was or will be done about this case"},
		{FieldCorrectiveAction, next.CorrectiveAction, "the corrective action: what will stop it happening again"},
	} {
		if t.v == "" {
			problem(i, t.field, "write %s", t.what)
		} else if n := utf8.RuneCountInString(t.v); n > MaxResponseText {
			problem(i, t.field, "the text has %d characters; at most %d fit: shorten it or send details separately", n, MaxResponseText)
		}
	}
	if n := utf8.RuneCountInString(row.RespondedBy); n > MaxResponderName {
		problem(i, FieldRespondedBy, "the name has %d characters; at most %d fit", n, MaxResponderName)
	}
	from, to := x.Raised, x.Raised.AddMonths(PlanHorizonMonths)
	for _, d := range []struct {
		field ResponseField
		v     Date
	}{{FieldCorrectionDate, next.CorrectionDate}, {FieldActionDate, next.ActionDate}} {
		switch {
		case d.v.IsZero():
			problem(i, d.field, "write the %s (done or planned), as YYYY-MM-DD", d.field.Label())
		case d.v < from:
			problem(i, d.field, "%s is before the finding was raised (%s): write the date it was or will be done", d.v, from)
		case d.v > to:
			problem(i, d.field, "%s is more than %d months after the finding (%s): check the year, or agree a longer plan with the body", d.v, PlanHorizonMonths, from)
		}
	}
	if next.Received.IsZero() {
		next.Received = pv.Today
	}
	switch {
	case next.Received < x.Raised:
		problem(i, FieldReceived, "%s is before the finding was raised (%s)", next.Received, x.Raised)
	case next.Received > pv.Today:
		problem(i, FieldReceived, "%s is after today (%s): write the date of the response", next.Received, pv.Today)
	case x.Review != nil && !x.Review.Accepted && next.Received < x.Review.On:
		problem(i, FieldReceived, "%s is before the body asked for a better response (%s): write the date of this new response, or leave it empty for today", next.Received, x.Review.On)
	}
	ch.After = &next
	if st == FindingResponded {
		ch.Kind, ch.Note = ResponseChanged, fmt.Sprintf("replaces the response of %s, not yet reviewed", x.Response.Received)
	} else {
		ch.Kind = ResponseNew
		if st == FindingPlanRejected {
			ch.Note = fmt.Sprintf("replaces the response the body did not accept on %s", x.Review.On)
			if x.Response != nil {
				ch.Fields = responseDiff(x.Response, &next, false)
			}
		} else {
			ch.Note, ch.Fields = "first response", nil
		}
	}
}

// responseDiff lists the fields of next that differ from cur; the date of
// response counts only where withDate (a response under review carries
// its date into the form) and next has one.
func responseDiff(cur, next *Response, withDate bool) []ResponseField {
	var out []ResponseField
	if CleanText(cur.RootCause) != next.RootCause {
		out = append(out, FieldRootCause)
	}
	if CleanText(cur.Correction) != next.Correction {
		out = append(out, FieldCorrection)
	}
	if cur.CorrectionDate != next.CorrectionDate {
		out = append(out, FieldCorrectionDate)
	}
	if CleanText(cur.CorrectiveAction) != next.CorrectiveAction {
		out = append(out, FieldCorrectiveAction)
	}
	if cur.ActionDate != next.ActionDate {
		out = append(out, FieldActionDate)
	}
	if withDate && next.Received != 0 && cur.Received != next.Received {
		out = append(out, FieldReceived)
	}
	return out
}

// short quotes a value for a message, cut to a line.
func short(s string) string {
	if s == "" {
		return "empty"
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:57]) + "…"
	}
	return strconv.Quote(s)
}

// ApplyResponses records the previewed responses through RecordResponse's
// rule, all in one transaction: if one is refused, or any finding of the
// form changed since the preview, nothing is written. A preview with
// problems is refused.
func (s *Service) ApplyResponses(ctx context.Context, pv *ResponsePreview) error {
	if pv == nil || pv.Form == nil {
		return errors.New("no response preview to apply")
	}
	if !pv.OK() {
		return refuse(RuleResponseForm, "the response form has %d problem(s): %v", len(pv.Problems), ResponseProblems(pv.Problems))
	}
	if pv.Pending() == 0 {
		return nil
	}
	var ids, who []string
	for _, c := range pv.Changes {
		if c.Kind != ResponseUnchanged {
			ids = append(ids, c.FindingID.String())
			if c.RespondedBy != "" && !slices.Contains(who, c.RespondedBy) {
				who = append(who, c.RespondedBy)
			}
		}
	}
	summary := fmt.Sprintf("responses to findings %s of client %d from the response form of %s", strings.Join(ids, ", "), pv.Form.ClientID, pv.Form.AsOf)
	if len(who) > 0 {
		summary += ", responded by " + strings.Join(who, "; ")
	}
	return s.update(ctx, "import-responses", summary, func(tx Tx) error {
		var certs []ID
		for _, c := range pv.Changes {
			var x Finding
			if err := tx.Get(c.FindingID, &x); err != nil {
				return err
			}
			if stampOf(&x) != c.stamp {
				return refuse(RuleResponseForm, "finding %d changed since the preview: preview the form again", x.ID)
			}
			if c.Kind == ResponseUnchanged {
				continue
			}
			if !x.Grade.IsNC() {
				return refuse(RuleFindingWorkflow, "finding %d is a %s: it needs no response", x.ID, x.Grade.Label())
			}
			if err := respond(&x, *c.After, pv.Today); err != nil {
				return err
			}
			if err := x.Validate(); err != nil {
				return err
			}
			if err := tx.Put(&x); err != nil {
				return err
			}
			if !slices.Contains(certs, x.CertificationID) {
				certs = append(certs, x.CertificationID)
			}
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		for _, id := range certs {
			if err := refresh(tx, id, p); err != nil {
				return err
			}
		}
		return nil
	})
}
