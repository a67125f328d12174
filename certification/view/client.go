package view

import (
	"certdesk/certification"
	"context"
	"slices"
	"strings"
)

// Read-only views for the desktop app and the command line. Each runs in
// one snapshot of the store.

// ClientRow is one line of the clients list.
type ClientRow struct {
	ID          certification.ID         `json:"id"`
	LegalName   string                   `json:"legal_name"`
	TradingName string                   `json:"trading_name,omitempty"`
	Personnel   float64                  `json:"effective_personnel"`
	Sites       int                      `json:"sites"`
	Sectors     []int                    `json:"sectors,omitempty"`
	Standards   []certification.Standard `json:"standards,omitempty"`
	// NextDue is the earliest open obligation's due date; Overdue counts
	// the obligations overdue on the as-of date.
	NextDue certification.Date `json:"next_due,omitzero"`
	Overdue int                `json:"overdue"`
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
func ClientRows(ctx context.Context, r Reader, asOf certification.Date) ([]ClientRow, error) {
	var found chunks[ClientRow]
	err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		at := map[certification.ID]int{}
		if err := tx.Range(certification.IndexClientRow, nil, nil, func(v []byte, id certification.ID) error {
			f, err := clientRowOf(tx, id, v)
			if err != nil {
				return err
			}
			at[id] = found.n
			found.add(ClientRow{ID: id, LegalName: f.LegalName, TradingName: f.TradingName, Personnel: f.Personnel, Sites: f.Sites, Sectors: f.Sectors})
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Range(certification.IndexClientStandard, nil, nil, func(v []byte, _ certification.ID) error {
			client, std, closed := certification.ClientStandardOf(v)
			if i, ok := at[client]; ok && !closed {
				row := found.ref(i)
				row.Standards = append(row.Standards, std)
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.Range(certification.IndexClientObligations, nil, nil, func(v []byte, _ certification.ID) error {
			client, cert, next, overdue, known, err := certification.ClientObligationsOn(v, asOf, p.DueSoonDays)
			if err != nil {
				return err
			}
			i, ok := at[client]
			if !ok {
				return nil
			}
			if !known { // as of a day before one of them was done
				var set certification.ObligationSet
				if err := tx.Get(cert, &set); err != nil {
					return err
				}
				next, overdue = certification.ClientDue(set.Items, asOf, p.DueSoonDays)
			}
			row := found.ref(i)
			row.Overdue += overdue
			if next != 0 && (row.NextDue == 0 || next < row.NextDue) {
				row.NextDue = next
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return found.all(), nil
}

// ClientDetail is everything about one client.
type ClientDetail struct {
	Client certification.Client
	Files  []*certification.File
	// Obligations per certification id, with their state on the as-of date.
	Obligations map[certification.ID][]certification.Obligation
	People      map[certification.ID]certification.Person
}

// Client reads a client with all its certification files.
func Client(ctx context.Context, r Reader, id certification.ID, asOf certification.Date) (*ClientDetail, error) {
	v := &ClientDetail{Obligations: map[certification.ID][]certification.Obligation{}, People: map[certification.ID]certification.Person{}}
	err := r.View(ctx, func(tx certification.Tx) error {
		if err := tx.Get(id, &v.Client); err != nil {
			return err
		}
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		ids, err := tx.Lookup(certification.IndexCertByClient, certification.U64(uint64(id)))
		if err != nil {
			return err
		}
		for _, cid := range ids {
			f, err := certification.LoadFile(tx, cid)
			if err != nil {
				return err
			}
			v.Files = append(v.Files, f)
			obs := certification.Obligations(f, p)
			for i := range obs {
				obs[i].State = obs[i].StateOn(asOf, p.DueSoonDays)
			}
			v.Obligations[cid] = obs
			var named []certification.ID // the people the page names: audit teams, a transfer's reviewer
			for _, a := range f.Audits {
				for _, m := range a.Team {
					named = append(named, m.PersonID)
				}
			}
			if t := f.Certification.Transfer; t != nil {
				named = append(named, t.ReviewerID)
			}
			for _, id := range named {
				if _, ok := v.People[id]; !ok {
					var pr certification.Person
					if err := tx.Get(id, &pr); err == nil {
						v.People[id] = pr
					}
				}
			}
		}
		return nil
	})
	return v, err
}

// People lists the register in name order.
func People(ctx context.Context, r Reader) ([]certification.Person, error) {
	var out []certification.Person
	err := r.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindPerson, func(id certification.ID, decode func(certification.Record) error) error {
			var p certification.Person
			if err := decode(&p); err != nil {
				return err
			}
			out = append(out, p)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b certification.Person) int {
		return strings.Compare(certification.Fold(a.Name), certification.Fold(b.Name))
	})
	return out, err
}

// AuditFile reads an audit with its certification's file.
func AuditFile(ctx context.Context, r Reader, auditID certification.ID) (*certification.Audit, *certification.File, error) {
	var f *certification.File
	var a certification.Audit
	err := r.View(ctx, func(tx certification.Tx) error {
		if err := tx.Get(auditID, &a); err != nil {
			return err
		}
		var err error
		f, err = certification.LoadFile(tx, a.CertificationID)
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
	tx    certification.Tx
	names map[certification.ID]string
	certs map[certification.ID]*certification.Certification
}

func newLookups(tx certification.Tx) *lookups {
	return &lookups{tx: tx, names: map[certification.ID]string{}, certs: map[certification.ID]*certification.Certification{}}
}

func (l *lookups) clientName(id certification.ID) (string, error) {
	if n, ok := l.names[id]; ok {
		return n, nil
	}
	var c certification.Client
	if err := l.tx.Get(id, &c); err != nil {
		return "", err
	}
	l.names[id] = c.DisplayName()
	return l.names[id], nil
}

func (l *lookups) certification(id certification.ID) (*certification.Certification, error) {
	if c, ok := l.certs[id]; ok {
		return c, nil
	}
	c := &certification.Certification{}
	if err := l.tx.Get(id, c); err != nil {
		return nil, err
	}
	l.certs[id] = c
	return c, nil
}

// clientRowOf reads a client's IndexClientRow entry, and its trading
// name from the record when it was too long for the key.
func clientRowOf(tx certification.Tx, id certification.ID, v []byte) (certification.ClientRowFields, error) {
	f, err := certification.DecodeClientRow(v)
	if err != nil || !f.LongTradingName {
		return f, err
	}
	var c clientNames
	if err := tx.Get(id, &c); err != nil {
		return f, err
	}
	f.TradingName = c.TradingName
	return f, nil
}
