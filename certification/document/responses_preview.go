package document

// Previewing a filled response form against the store: what applying it
// would change, and every problem named by its cell.

import (
	"certdesk/certification"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

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
	FindingID certification.ID
	AuditID   certification.ID
	Number    int
	Grade     certification.Grade
	Reference string
	Kind      ResponseChangeKind
	// Fields are the values that differ from the response on record.
	Fields []ResponseField
	Before *certification.Response // the response on record, if any
	After  *certification.Response // what will be recorded (nil when unchanged)
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
	Today      certification.Date
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
func PreviewResponses(ctx context.Context, s *certification.Service, form *ResponseForm) (*ResponsePreview, error) {
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
	err := s.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
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
		var cl certification.Client
		if err := tx.Get(form.ClientID, &cl); err != nil {
			if errors.Is(err, certification.ErrNotFound) {
				problem(-1, FieldClient, "there is no client %d here: this form is not for one of this body's clients", form.ClientID)
				return nil
			}
			return err
		}
		pv.ClientName = cl.DisplayName()
		audits := map[certification.ID]bool{}
		for _, fa := range form.Audits {
			var a certification.Audit
			if err := tx.Get(fa.ID, &a); err != nil {
				if errors.Is(err, certification.ErrNotFound) {
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
		certs := map[certification.ID]*certification.Certification{}
		seen := map[certification.ID]int{}
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
			var x certification.Finding
			if err := tx.Get(row.FindingID, &x); err != nil {
				if errors.Is(err, certification.ErrNotFound) {
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
			c, err := certification.CachedGet(tx, certs, x.CertificationID)
			if err != nil {
				return err
			}
			ch := ResponseChange{Row: i, Cell: form.Cell(i, FieldFindingID), FindingID: x.ID, AuditID: x.AuditID, Number: x.Number, Grade: x.Grade,
				Reference: x.Reference, Before: x.Response, RespondedBy: row.RespondedBy, stamp: x.Stamp()}
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
func (pv *ResponsePreview) previewRow(ch *ResponseChange, row *ResponseRow, x *certification.Finding, c *certification.Certification,
	problem func(int, ResponseField, string, ...any)) {
	i := ch.Row
	next := certification.Response{RootCause: CleanText(row.RootCause), Correction: CleanText(row.Correction), CorrectiveAction: CleanText(row.CorrectiveAction),
		CorrectionDate: row.CorrectionDate, ActionDate: row.ActionDate, Received: row.Received}
	if !row.Answered() {
		ch.Kind, ch.Note = ResponseUnchanged, "no response written"
		return
	}
	st := x.Status()
	if x.Response != nil {
		ch.Fields = responseDiff(x.Response, &next, st == certification.FindingResponded)
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
	case !st.Answerable():
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
		v     certification.Date
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
	if st == certification.FindingResponded {
		ch.Kind, ch.Note = ResponseChanged, fmt.Sprintf("replaces the response of %s, not yet reviewed", x.Response.Received)
	} else {
		ch.Kind = ResponseNew
		if st == certification.FindingPlanRejected {
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
func responseDiff(cur, next *certification.Response, withDate bool) []ResponseField {
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
