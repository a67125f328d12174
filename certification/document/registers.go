package document

import (
	"certdesk/certification"
	"certdesk/certification/view"
	"context"
	"io"
	"slices"
	"strings"
)

// The registers a certification body keeps and sends out as workbooks:
// the audit programme, the findings register and the certificate
// register. Each query reads the whole body in one read transaction with
// key-ordered scans (no file loaded per certification) and returns plain
// rows; storage/xlsx turns them into workbooks (RegisterWriter).

// RegisterWriter writes the registers as workbooks. progress, if not
// nil, is called now and then with the rows written and the total.
type RegisterWriter interface {
	ProgrammeRegister(ctx context.Context, w io.Writer, r *ProgrammeRegister, progress func(done, total int)) error
	FindingsRegister(ctx context.Context, w io.Writer, r *FindingsRegister, progress func(done, total int)) error
	CertificateRegister(ctx context.Context, w io.Writer, r *CertificateRegister, progress func(done, total int)) error
}

// ProgrammeRegister is the audit programme: every certification with
// its cycles, each audit planned or done, each programme audit due and
// not yet planned, and what falls due next.
type ProgrammeRegister struct {
	Body string // the certification body (policy body_name)
	AsOf certification.Date
	Rows []ProgrammeRow
}

// ProgrammeRow is one audit of a certification, one programme audit
// that falls due and is not planned yet (AuditID 0, AuditKind and Due
// set), or, for a certification with neither, the certification alone
// (AuditKind empty). The certification's columns repeat on each of its
// rows so that any filter keeps them.
type ProgrammeRow struct {
	CertificationID certification.ID
	ClientID        certification.ID
	Client          string
	Standard        certification.Standard
	// Certificate is the number of the certificate revision in force on
	// the as-of date, with its status then; empty before the grant.
	Certificate       string
	CertificateStatus certification.CertificateStatus
	// Closed: the application was refused or the certificate withdrawn.
	Closed certification.Date

	// Cycle is the cycle the row belongs to (an audit's cycle: stage 1
	// and 2 belong to the cycle their grant will open) with its start and
	// expiry once that cycle exists.
	Cycle                   int
	CycleStart, CycleExpiry certification.Date

	AuditID                  certification.ID
	AuditKind                certification.AuditKind
	AuditStatus              certification.AuditStatus // empty for an audit not planned yet
	PlannedStart, PlannedEnd certification.Date
	ActualStart, ActualEnd   certification.Date
	Lead                     string // the lead auditor's name
	PlannedDays, ActualDays  float64

	// Obligation is the programme obligation the audit meets (stage 2
	// within the gap after stage 1, surveillance k, recertification
	// before expiry) with its due date and its state on the as-of date;
	// empty for an audit no obligation asks for (special, follow-up, or
	// a cycle the schedule no longer follows).
	Obligation string
	Due        certification.Date
	State      certification.ObligationState

	// NextDue is the certification's earliest open obligation of any
	// kind on the as-of date (an audit, a decision, a client response…)
	// with its due date and state; empty when nothing is open.
	NextDue      string
	NextDueDate  certification.Date
	NextDueState certification.ObligationState
}

// HasAudit reports whether the row is an audit on record (planned,
// carried out or cancelled), not an audit still to plan nor a
// certification without audits.
func (r *ProgrammeRow) HasAudit() bool { return r.AuditID != 0 }

// auditObligations are the obligations a programme audit meets.
var auditObligations = map[certification.ObligationKind]certification.AuditKind{
	certification.ObStage2Gap:    certification.Stage2,
	certification.ObSurveillance: certification.Surveillance,
	certification.ObRecertAudit:  certification.Recertification,
}

// NewProgrammeRegister reads the audit programme as of a date, by client
// name, standard and certification, each certification's rows by cycle
// and date.
func NewProgrammeRegister(ctx context.Context, s *certification.Service, asOf certification.Date) (*ProgrammeRegister, error) {
	reg := &ProgrammeRegister{AsOf: asOf}
	err := s.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		reg.Body = p.BodyName
		names, err := clientNames(ctx, tx)
		if err != nil {
			return err
		}
		people, err := personNames(ctx, tx)
		if err != nil {
			return err
		}
		inForce, err := certificatesInForce(ctx, tx, asOf)
		if err != nil {
			return err
		}
		var certs []*certification.Certification
		byID := map[certification.ID]int{}
		if err := certification.EachRecord(ctx, tx, certification.KindCertification, func(c *certification.Certification) {
			byID[c.ID] = len(certs)
			certs = append(certs, c)
		}); err != nil {
			return err
		}
		audits := make([][]*certification.Audit, len(certs))
		if err := certification.EachRecord(ctx, tx, certification.KindAudit, func(a *certification.Audit) {
			if i, ok := byID[a.CertificationID]; ok {
				// Kept for the rows: drop what they do not show.
				a.Checklist, a.Sample, a.Notes, a.GapJustification, a.TeamJustification = nil, nil, "", "", ""
				audits[i] = append(audits[i], a)
			}
		}); err != nil {
			return err
		}
		obligations := make([][]certification.Obligation, len(certs))
		if err := certification.EachRecord(ctx, tx, certification.KindObligations, func(set *certification.ObligationSet) {
			if i, ok := byID[set.CertificationID]; ok {
				obligations[i] = set.Items
			}
		}); err != nil {
			return err
		}
		// Certifications by client name, client, standard and id; each
		// one's rows come in its own order, so the rows need no sort.
		folded := make(map[certification.ID]string, len(names))
		for id, n := range names {
			folded[id] = certification.Fold(n)
		}
		order := make([]int, len(certs))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(i, j int) int {
			a, b := certs[i], certs[j]
			if c := clientOrder(folded, a.ClientID, b.ClientID, a.Standard, b.Standard); c != 0 {
				return c
			}
			return int(a.ID) - int(b.ID)
		})
		reg.Rows = make([]ProgrammeRow, 0, len(certs)*6)
		for n, i := range order {
			if n%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			c := certs[i]
			reg.Rows = programmeRows(reg.Rows, c, names[c.ClientID], inForce[c.ID], audits[i], obligations[i], people, asOf, p.DueSoonDays)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// clientOrder orders the registers' rows by client name (folded by
// client), client and standard.
func clientOrder(folded map[certification.ID]string, a, b certification.ID, sa, sb certification.Standard) int {
	if c := strings.Compare(folded[a], folded[b]); c != 0 {
		return c
	}
	if a != b {
		return int(a) - int(b)
	}
	return strings.Compare(string(sa), string(sb))
}

// programmeRows appends the rows of one certification to out, by cycle
// and date.
func programmeRows(out []ProgrammeRow, c *certification.Certification, client string, cert *certification.Certificate, audits []*certification.Audit, obs []certification.Obligation, people map[certification.ID]string, asOf certification.Date, dueSoonDays int) []ProgrammeRow {
	base := ProgrammeRow{CertificationID: c.ID, ClientID: c.ClientID, Client: client, Standard: c.Standard, Closed: c.Closed}
	if cert != nil {
		base.Certificate, base.CertificateStatus = cert.Number, cert.StatusOn(asOf)
	}
	// What falls due next: the earliest open obligation, as the clients
	// list counts it.
	for i := range obs {
		o := &obs[i]
		o.State = o.StateOn(asOf, dueSoonDays)
		switch o.State {
		case certification.StateOverdue, certification.StateDueSoon, certification.StateUpcoming:
			if base.NextDueDate == 0 || o.Due < base.NextDueDate {
				base.NextDue, base.NextDueDate, base.NextDueState = o.Label, o.Due, o.State
			}
		}
	}
	cycle := func(r *ProgrammeRow, n int) {
		r.Cycle = n
		for _, cy := range c.Cycles {
			if cy.Number == n {
				r.CycleStart, r.CycleExpiry = cy.Start, cy.Expiry
			}
		}
	}
	slices.SortStableFunc(audits, func(a, b *certification.Audit) int { return int(a.Start()) - int(b.Start()) })
	// Each programme obligation goes to the audit that meets it: the one
	// it names, or else the first planned audit of its kind and cycle
	// not yet carried out (a planned recertification, the stage 2 after
	// a stage 1); with none, it is an audit still to plan.
	met := map[certification.ID]*certification.Obligation{}
	var unplanned []*certification.Obligation
	for i := range obs {
		o := &obs[i]
		kind, ok := auditObligations[o.Kind]
		if !ok {
			continue
		}
		var to *certification.Audit
		switch {
		case o.Kind == certification.ObStage2Gap: // names the stage 1: met by the stage 2 of its cycle
			for _, a := range audits {
				if a.Kind == certification.Stage2 && a.Cycle == o.Cycle && a.Status != certification.AuditCancelled {
					to = a
					break
				}
			}
		case o.AuditID != 0:
			for _, a := range audits {
				if a.ID == o.AuditID {
					to = a
				}
			}
		case o.Kind == certification.ObRecertAudit: // names the audit once it is carried out
			for _, a := range audits {
				if a.Kind == kind && a.Cycle == o.Cycle && a.Status != certification.AuditCancelled && !a.Done() {
					to = a
					break
				}
			}
		}
		switch {
		case to != nil && met[to.ID] == nil:
			met[to.ID] = o
		case to == nil && (o.State == certification.StateOverdue || o.State == certification.StateDueSoon || o.State == certification.StateUpcoming):
			unplanned = append(unplanned, o)
		}
	}
	type dated struct {
		row  ProgrammeRow
		date certification.Date
	}
	var rows []dated
	for _, a := range audits {
		r := base
		cycle(&r, a.Cycle)
		r.AuditID, r.AuditKind, r.AuditStatus = a.ID, a.Kind, a.Status
		r.PlannedStart, r.PlannedEnd, r.ActualStart, r.ActualEnd = a.PlannedStart, a.PlannedEnd, a.ActualStart, a.ActualEnd
		r.Lead = people[a.Lead()]
		r.PlannedDays, r.ActualDays = a.PlannedDays, a.ActualDays
		if o := met[a.ID]; o != nil {
			r.Obligation, r.Due, r.State = o.Label, o.Due, o.State
		}
		rows = append(rows, dated{r, a.Start()})
	}
	for _, o := range unplanned {
		r := base
		cycle(&r, o.Cycle)
		r.AuditKind = auditObligations[o.Kind]
		r.Obligation, r.Due, r.State = o.Label, o.Due, o.State
		rows = append(rows, dated{r, o.Due})
	}
	if len(rows) == 0 {
		r := base
		if cur, ok := c.Current(); ok {
			cycle(&r, cur.Number)
		}
		rows = append(rows, dated{r, c.Applied})
	}
	slices.SortStableFunc(rows, func(a, b dated) int {
		if a.row.Cycle != b.row.Cycle {
			return a.row.Cycle - b.row.Cycle
		}
		return int(a.date) - int(b.date)
	})
	for i := range rows {
		out = append(out, rows[i].row)
	}
	return out
}

// FindingsRegister is every finding of the body with its deadlines and
// where its response, review and verification stand.
type FindingsRegister struct {
	Body string
	AsOf certification.Date
	Rows []FindingsRow
}

// FindingsRow is a finding as the findings list shows it (FindingRow:
// client, standard, audit kind and date, status, lateness) with the
// certification's certificate number.
type FindingsRow struct {
	view.FindingRow
	Certificate string
	// DueSoon: not late, but a deadline of the finding falls within the
	// policy's due-soon days with its step not done.
	DueSoon bool
	// Closed: the certification was refused or withdrawn on this date;
	// its findings ask nothing more.
	Closed certification.Date
}

// NewFindingsRegister reads every finding, by client name, standard, audit
// date and finding number.
func NewFindingsRegister(ctx context.Context, s *certification.Service, asOf certification.Date) (*FindingsRegister, error) {
	reg := &FindingsRegister{AsOf: asOf}
	err := s.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		reg.Body = p.BodyName
		rows, err := view.LoadFindingRows(tx, asOf, false)
		if err != nil {
			return err
		}
		numbers, err := certificateNumbers(ctx, tx)
		if err != nil {
			return err
		}
		closed := map[certification.ID]certification.Date{}
		if err := certification.EachRecord(ctx, tx, certification.KindCertification, func(c *certification.Certification) {
			if !c.Closed.IsZero() {
				closed[c.ID] = c.Closed
			}
		}); err != nil {
			return err
		}
		soon := asOf.AddDays(p.DueSoonDays + 1) // LateOn(d) is d > due; due soon is due <= asOf + days
		// By client name, client, standard, audit date, audit and number
		// (then id: a total order), sorting indexes rather than the rows.
		folded := map[certification.ID]string{}
		for i := range rows {
			if _, ok := folded[rows[i].ClientID]; !ok {
				folded[rows[i].ClientID] = certification.Fold(rows[i].ClientName)
			}
		}
		order := make([]int32, len(rows))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(i, j int32) int {
			a, b := &rows[i], &rows[j]
			if c := clientOrder(folded, a.ClientID, b.ClientID, a.Standard, b.Standard); c != 0 {
				return c
			}
			if a.AuditDate != b.AuditDate {
				return int(a.AuditDate) - int(b.AuditDate)
			}
			if a.AuditID != b.AuditID {
				return int(a.AuditID) - int(b.AuditID)
			}
			if a.Number != b.Number {
				return a.Number - b.Number
			}
			return int(a.ID) - int(b.ID)
		})
		reg.Rows = make([]FindingsRow, len(rows))
		for k, i := range order {
			r := &reg.Rows[k]
			r.FindingRow, r.Certificate, r.Closed = rows[i], numbers[rows[i].CertificationID], closed[rows[i].CertificationID]
			r.DueSoon = !r.Late && r.Closed.IsZero() && r.Finding.LateOn(soon)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// CertificateRegister is every certificate in the revision in force on
// the as-of date with its status then.
type CertificateRegister struct {
	Body string
	AsOf certification.Date
	Rows []view.CertificateState
}

// NewCertificateRegister reads the certificates (as view.Certificates does), by
// certificate number.
func NewCertificateRegister(ctx context.Context, s *certification.Service, asOf certification.Date) (*CertificateRegister, error) {
	reg := &CertificateRegister{AsOf: asOf}
	err := s.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		reg.Body = p.BodyName
		reg.Rows, err = view.LoadCertificates(tx, asOf)
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(reg.Rows, func(a, b view.CertificateState) int {
		if c := strings.Compare(a.Number, b.Number); c != 0 {
			return c
		}
		return int(a.ID) - int(b.ID)
	})
	return reg, nil
}

// clientNames reads every client's display name.
func clientNames(ctx context.Context, tx certification.Tx) (map[certification.ID]string, error) {
	out := map[certification.ID]string{}
	err := certification.EachRecord(ctx, tx, certification.KindClient, func(c *certification.Client) { out[c.ID] = c.DisplayName() })
	return out, err
}

// personNames reads every person's name.
func personNames(ctx context.Context, tx certification.Tx) (map[certification.ID]string, error) {
	out := map[certification.ID]string{}
	err := certification.EachRecord(ctx, tx, certification.KindPerson, func(p *certification.Person) { out[p.ID] = p.Name })
	return out, err
}

// certificatesInForce reads, per certification, the certificate revision
// in force on asOf (as view.Certificates picks it).
func certificatesInForce(ctx context.Context, tx certification.Tx, asOf certification.Date) (map[certification.ID]*certification.Certificate, error) {
	out := map[certification.ID]*certification.Certificate{}
	err := certification.EachRecord(ctx, tx, certification.KindCertificate, func(c *certification.Certificate) {
		if c.InForceOn(asOf) {
			out[c.CertificationID] = c
		}
	})
	return out, err
}

// certificateNumbers reads each certification's certificate number (all
// revisions of a certificate share it).
func certificateNumbers(ctx context.Context, tx certification.Tx) (map[certification.ID]string, error) {
	out := map[certification.ID]string{}
	err := certification.EachRecord(ctx, tx, certification.KindCertificate, func(c *certification.Certificate) { out[c.CertificationID] = c.Number })
	return out, err
}
