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
