package certification

import (
	"context"
	"slices"
	"strings"
)

// Read-only views for the desktop app and the command line. Each runs in
// one snapshot of the store.

// ClientRow is one line of the clients list.
type ClientRow struct {
	ID          ID         `json:"id"`
	LegalName   string     `json:"legal_name"`
	TradingName string     `json:"trading_name,omitempty"`
	Personnel   float64    `json:"effective_personnel"`
	Sites       int        `json:"sites"`
	Sectors     []int      `json:"sectors,omitempty"`
	Standards   []Standard `json:"standards,omitempty"`
	// NextDue is the earliest open obligation's due date; Overdue counts
	// the obligations overdue on the as-of date.
	NextDue Date `json:"next_due,omitzero"`
	Overdue int  `json:"overdue"`
}

// Name is the name to show.
func (r *ClientRow) Name() string {
	if r.TradingName != "" && r.TradingName != r.LegalName {
		return r.LegalName + " (" + r.TradingName + ")"
	}
	return r.LegalName
}

// ClientRows lists every client in name order with its standards and
// what falls due.
func (s *Service) ClientRows(ctx context.Context, asOf Date) ([]ClientRow, error) {
	var rows []ClientRow
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		at := map[ID]int{}
		if err := tx.Each(KindClient, func(id ID, decode func(Record) error) error {
			var c Client
			if err := decode(&c); err != nil {
				return err
			}
			at[id] = len(rows)
			rows = append(rows, ClientRow{ID: id, LegalName: c.LegalName, TradingName: c.TradingName, Personnel: c.EffectivePersonnel, Sites: len(c.Sites), Sectors: c.Sectors})
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Each(KindCertification, func(id ID, decode func(Record) error) error {
			var c Certification
			if err := decode(&c); err != nil {
				return err
			}
			if i, ok := at[c.ClientID]; ok && c.Closed.IsZero() {
				rows[i].Standards = append(rows[i].Standards, c.Standard)
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.Each(KindObligations, func(id ID, decode func(Record) error) error {
			var set ObligationSet
			if err := decode(&set); err != nil {
				return err
			}
			i, ok := at[set.ClientID]
			if !ok {
				return nil
			}
			for _, o := range set.Items {
				switch o.StateOn(asOf, p.DueSoonDays) {
				case StateOverdue:
					rows[i].Overdue++
					fallthrough
				case StateDueSoon, StateUpcoming:
					if rows[i].NextDue == 0 || o.Due < rows[i].NextDue {
						rows[i].NextDue = o.Due
					}
				}
			}
			return nil
		})
	})
	slices.SortFunc(rows, func(a, b ClientRow) int { return strings.Compare(Fold(a.LegalName), Fold(b.LegalName)) })
	return rows, err
}

// ClientView is everything about one client.
type ClientView struct {
	Client Client
	Files  []*File
	// Obligations per certification id, with their state on the as-of date.
	Obligations map[ID][]Obligation
	People      map[ID]Person
}

// ClientView reads a client with all its certification files.
func (s *Service) ClientView(ctx context.Context, id ID, asOf Date) (*ClientView, error) {
	v := &ClientView{Obligations: map[ID][]Obligation{}, People: map[ID]Person{}}
	err := s.store.View(ctx, func(tx Tx) error {
		if err := tx.Get(id, &v.Client); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		ids, err := tx.Lookup(IndexCertByClient, U64(uint64(id)))
		if err != nil {
			return err
		}
		for _, cid := range ids {
			f, err := LoadFile(tx, cid)
			if err != nil {
				return err
			}
			v.Files = append(v.Files, f)
			obs := Obligations(f, p)
			for i := range obs {
				obs[i].State = obs[i].StateOn(asOf, p.DueSoonDays)
			}
			v.Obligations[cid] = obs
			for _, a := range f.Audits {
				for _, m := range a.Team {
					if _, ok := v.People[m.PersonID]; !ok {
						var pr Person
						if err := tx.Get(m.PersonID, &pr); err == nil {
							v.People[m.PersonID] = pr
						}
					}
				}
			}
		}
		return nil
	})
	return v, err
}

// People lists the register in name order.
func (s *Service) People(ctx context.Context) ([]Person, error) {
	var out []Person
	err := s.store.View(ctx, func(tx Tx) error {
		return tx.Each(KindPerson, func(id ID, decode func(Record) error) error {
			var p Person
			if err := decode(&p); err != nil {
				return err
			}
			out = append(out, p)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b Person) int { return strings.Compare(Fold(a.Name), Fold(b.Name)) })
	return out, err
}

// AuditRow is an audit with what a programme view shows beside it.
type AuditRow struct {
	Audit
	ClientName string   `json:"client_name"`
	Standard   Standard `json:"standard"`
	LeadName   string   `json:"lead_name,omitempty"`
}

// AuditsBetween lists the audits starting in the months from from to to
// (inclusive), read through the month index, by start date.
func (s *Service) AuditsBetween(ctx context.Context, from, to Date) ([]AuditRow, error) {
	var out []AuditRow
	err := s.store.View(ctx, func(tx Tx) error {
		lo, hi := U64(uint64(int(from)/100)), U64(uint64(int(to)/100+1))
		var ids []ID
		if err := tx.Range(IndexAuditByMonth, lo, hi, func(_ []byte, id ID) error {
			ids = append(ids, id)
			return nil
		}); err != nil {
			return err
		}
		lk := newLookups(tx)
		people := map[ID]string{}
		for _, id := range ids {
			var r AuditRow
			if err := tx.Get(id, &r.Audit); err != nil {
				return err
			}
			name, err := lk.clientName(r.ClientID)
			if err != nil {
				return err
			}
			c, err := lk.certification(r.CertificationID)
			if err != nil {
				return err
			}
			if lead := r.Lead(); lead != 0 {
				if _, ok := people[lead]; !ok {
					var p Person
					if err := tx.Get(lead, &p); err == nil {
						people[lead] = p.Name
					}
				}
				r.LeadName = people[lead]
			}
			r.ClientName, r.Standard = name, c.Standard
			out = append(out, r)
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b AuditRow) int { return int(a.Start()) - int(b.Start()) })
	return out, err
}

// FindingRow is a finding with its client, standard and lateness.
type FindingRow struct {
	Finding
	ClientName string    `json:"client_name"`
	Standard   Standard  `json:"standard"`
	AuditKind  AuditKind `json:"audit_kind"`
	// AuditDate is the audit's start (actual, else planned).
	AuditDate Date          `json:"audit_date,omitzero"`
	Status    FindingStatus `json:"status"`
	// Late: a deadline of the finding has passed on the as-of date with
	// the step it asks for not done.
	Late bool `json:"late"`
}

// FindingRows lists findings (open ones through the open-findings index,
// or all), newest first.
func (s *Service) FindingRows(ctx context.Context, asOf Date, openOnly bool) ([]FindingRow, error) {
	var out []FindingRow
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		out, err = findingRows(tx, asOf, openOnly)
		return err
	})
	// Newest first (ids are unique: a total order).
	slices.SortFunc(out, func(a, b FindingRow) int {
		if a.Raised != b.Raised {
			return int(b.Raised) - int(a.Raised)
		}
		return int(b.ID) - int(a.ID)
	})
	return out, err
}

// LoadFindingRows is FindingRows in a transaction, in no particular
// order.
func LoadFindingRows(tx Tx, asOf Date, openOnly bool) ([]FindingRow, error) {
	return findingRows(tx, asOf, openOnly)
}

// findingRows is FindingRows in a transaction, in no particular order.
// All findings are decoded in one scan, with their audits read in one
// scan beforehand; the open ones are read through the open-findings
// index, with their audits looked up one by one.
func findingRows(tx Tx, asOf Date, openOnly bool) ([]FindingRow, error) {
	var out []FindingRow
	lk := newLookups(tx)
	type auditOf struct {
		kind AuditKind
		date Date
	}
	audits := map[ID]auditOf{}
	if !openOnly {
		if err := tx.Each(KindAudit, func(id ID, decode func(Record) error) error {
			var a Audit
			if err := decode(&a); err != nil {
				return err
			}
			audits[id] = auditOf{a.Kind, a.Start()}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	add := func(x *Finding) error {
		r := FindingRow{Finding: *x}
		name, err := lk.clientName(r.ClientID)
		if err != nil {
			return err
		}
		c, err := lk.certification(r.CertificationID)
		if err != nil {
			return err
		}
		closed := !c.Closed.IsZero()
		a, ok := audits[r.AuditID]
		if !ok {
			var rec Audit
			if err := tx.Get(r.AuditID, &rec); err != nil {
				return err
			}
			a = auditOf{rec.Kind, rec.Start()}
			audits[r.AuditID] = a
		}
		r.ClientName, r.Standard, r.AuditKind, r.AuditDate = name, c.Standard, a.kind, a.date
		r.Status = r.Finding.Status()
		// A refused or withdrawn certification asks nothing more: its
		// findings are not late, nor listed among the open ones.
		if openOnly && closed {
			return nil
		}
		r.Late = r.Finding.LateOn(asOf) && !closed
		out = append(out, r)
		return nil
	}
	if openOnly {
		var ids []ID
		if err := tx.Range(IndexFindingOpen, nil, nil, func(_ []byte, id ID) error {
			ids = append(ids, id)
			return nil
		}); err != nil {
			return nil, err
		}
		for _, id := range ids {
			var x Finding
			if err := tx.Get(id, &x); err != nil {
				return nil, err
			}
			if err := add(&x); err != nil {
				return nil, err
			}
		}
	} else if err := tx.Each(KindFinding, func(id ID, decode func(Record) error) error {
		var x Finding
		if err := decode(&x); err != nil {
			return err
		}
		return add(&x)
	}); err != nil {
		return nil, err
	}
	return out, nil
}

// LateOn reports whether a deadline of the finding has passed on d with
// its step not done: the response (or an accepted plan) by ResponseDue,
// a major's verification by CloseDue.
func (f *Finding) LateOn(d Date) bool {
	if !f.Grade.IsNC() {
		return false
	}
	st := f.Status()
	if f.ResponseDue != 0 && d > f.ResponseDue && (st == FindingAwaitingResponse || st == FindingPlanRejected) {
		return true
	}
	return f.Grade == Major && f.CloseDue != 0 && d > f.CloseDue && f.Verification == nil
}

// AuditFile reads an audit with its certification's file.
func (s *Service) AuditFile(ctx context.Context, auditID ID) (*Audit, *File, error) {
	var f *File
	var a Audit
	err := s.store.View(ctx, func(tx Tx) error {
		if err := tx.Get(auditID, &a); err != nil {
			return err
		}
		var err error
		f, err = LoadFile(tx, a.CertificationID)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	fa, _ := f.Audit(auditID)
	return fa, f, nil
}

// DecisionKinds an obligation asks the committee for.
var decisionObligations = []ObligationKind{ObInitialDecision, ObRecertDecision, ObDecisionPending, ObRestoration}

// DecisionQueue lists the files ready for a decision: a stage 2,
// recertification, surveillance or special report closed and not yet
// decided on, overdue first.
func (s *Service) DecisionQueue(ctx context.Context, asOf Date) ([]Obligation, error) {
	var out []Obligation
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		return tx.Each(KindObligations, func(id ID, decode func(Record) error) error {
			var set ObligationSet
			if err := decode(&set); err != nil {
				return err
			}
			ready := readyForDecision(set.Items)
			for _, o := range set.Items {
				if o.Done || !oneOf(o.Kind, decisionObligations) || !ready[o.Kind] {
					continue
				}
				o.State = o.StateOn(asOf, p.DueSoonDays)
				if o.State == StateLapsed || o.State == StateNotOpen {
					continue
				}
				out = append(out, o)
			}
			return nil
		})
	})
	SortObligations(out)
	return out, err
}

// readyForDecision: a recertification or restoration decision is ready
// once its audit has been carried out; the others as soon as they exist.
func readyForDecision(items []Obligation) map[ObligationKind]bool {
	ready := map[ObligationKind]bool{ObInitialDecision: true, ObDecisionPending: true}
	for _, o := range items {
		if o.Kind == ObRecertAudit && o.Done {
			ready[ObRecertDecision], ready[ObRestoration] = true, true
		}
	}
	return ready
}

// DraftDecision evaluates a draft decision against every gate without
// recording it, and returns the file the committee would decide on.
func (s *Service) DraftDecision(ctx context.Context, d Decision) (*File, []Gate, error) {
	var f *File
	var gs []Gate
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		if f, err = LoadFile(tx, d.CertificationID); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		dc := DecisionContext{Policy: p}
		makers, err := people(tx, d.Makers)
		if err != nil {
			return err
		}
		for _, id := range d.Makers {
			if m, ok := makers[id]; ok {
				dc.Makers = append(dc.Makers, m)
			}
		}
		if dc.ClientAudits, err = lookupAll[Audit](tx, IndexAuditByClient, U64(uint64(f.Certification.ClientID))); err != nil {
			return err
		}
		if d.Date.IsZero() {
			d.Date = s.Today()
		}
		_, gs = EvaluateDecision(f, &d, dc)
		return nil
	})
	return f, gs, err
}

// DraftAudit checks a planned audit against the planning rules without
// saving it, so that a form can show a refusal before the user saves.
func (s *Service) DraftAudit(ctx context.Context, a Audit) error {
	return s.store.View(ctx, func(tx Tx) error {
		f, err := LoadFile(tx, a.CertificationID)
		if err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		a.ClientID = f.Certification.ClientID
		a.Cycle = auditCycle(f, a.Kind)
		if a.Status == "" {
			a.Status = AuditPlanned
		}
		team, err := people(tx, teamIDs(&a))
		if err != nil {
			return err
		}
		return CheckPlanAudit(f, &a, team, p)
	})
}

// CheckAuditTeam runs the team check for an audit as planned (a draft
// need not be saved: give its certification, kind, dates and team; a
// saved audit also by its id alone).
func (s *Service) CheckAuditTeam(ctx context.Context, a Audit) (TeamCheck, error) {
	var out TeamCheck
	err := s.store.View(ctx, func(tx Tx) error {
		if a.ID != 0 && a.CertificationID == 0 {
			if err := tx.Get(a.ID, &a); err != nil {
				return err
			}
		}
		f, err := LoadFile(tx, a.CertificationID)
		if err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		a.ClientID = f.Certification.ClientID
		tc, err := teamContext(tx, &a, p)
		if err != nil {
			return err
		}
		out = CheckTeam(f, &a, tc)
		return nil
	})
	return out, err
}

// teamContext reads what CheckTeam needs for audit a: its team's
// records, the client's audits (rotation) and the audits that could
// overlap it (double booking).
func teamContext(tx Tx, a *Audit, p Policy) (TeamContext, error) {
	tc := TeamContext{Policy: p}
	var err error
	if tc.People, err = people(tx, teamIDs(a)); err != nil {
		return tc, err
	}
	if tc.ClientAudits, err = lookupAll[Audit](tx, IndexAuditByClient, U64(uint64(a.ClientID))); err != nil {
		return tc, err
	}
	// The members' other audits that could overlap: those starting from
	// a month before this one to its last day (no audit lasts a month),
	// read through each member's month index rather than every audit of
	// those months (which grows with the number of clients).
	seen := map[ID]bool{}
	for _, pid := range teamIDs(a) {
		lo, hi := PersonMonthKey(pid, int(a.Start().AddMonths(-1))/100), PersonMonthKey(pid, int(a.LastDay())/100+1)
		err = tx.Range(IndexAuditByPerson, lo, hi, func(_ []byte, id ID) error {
			if seen[id] {
				return nil
			}
			seen[id] = true
			var o Audit
			if err := tx.Get(id, &o); err != nil {
				return err
			}
			tc.Others = append(tc.Others, o)
			return nil
		})
		if err != nil {
			return tc, err
		}
	}
	return tc, nil
}

// lookups reads clients' names and certifications once per query.
type lookups struct {
	tx    Tx
	names map[ID]string
	certs map[ID]*Certification
}

func newLookups(tx Tx) *lookups {
	return &lookups{tx: tx, names: map[ID]string{}, certs: map[ID]*Certification{}}
}

func (l *lookups) clientName(id ID) (string, error) {
	if n, ok := l.names[id]; ok {
		return n, nil
	}
	var c Client
	if err := l.tx.Get(id, &c); err != nil {
		return "", err
	}
	l.names[id] = c.DisplayName()
	return l.names[id], nil
}

func (l *lookups) certification(id ID) (*Certification, error) {
	if c, ok := l.certs[id]; ok {
		return c, nil
	}
	c := &Certification{}
	if err := l.tx.Get(id, c); err != nil {
		return nil, err
	}
	l.certs[id] = c
	return c, nil
}
