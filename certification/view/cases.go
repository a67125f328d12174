package view

// Complaints and appeals: the register of cases and the deadlines the
// schedule shows.

import (
	"context"
	"slices"

	"certdesk/certification"
)

// CaseRow is a case with its client's name and its deadlines as of a date.
type CaseRow struct {
	certification.Case
	ClientName string                   `json:"client_name"`
	Status     certification.CaseStatus `json:"status"`
	Deadlines  []certification.CaseDue  `json:"deadlines"`
}

// CaseFilter selects cases: of a kind (empty: both), of a client (0:
// every client, else read through the client's index), open ones only.
type CaseFilter struct {
	Kind     certification.CaseKind
	ClientID certification.ID
	OpenOnly bool
}

// Cases lists the cases f selects, newest received first, each with its
// deadlines as of asOf.
func Cases(ctx context.Context, r Reader, asOf certification.Date, f CaseFilter) ([]CaseRow, error) {
	var out []CaseRow
	err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		l := newLookups(tx)
		keep := func(c certification.Case) error {
			if (f.Kind != "" && c.Kind != f.Kind) || (f.OpenOnly && c.Closed != nil) {
				return nil
			}
			row, err := caseRow(l, c, p, asOf)
			out = append(out, row)
			return err
		}
		if f.ClientID != 0 {
			cases, err := certification.LookupAll[certification.Case](tx, certification.IndexCaseByClient, certification.U64(uint64(f.ClientID)))
			for _, c := range cases {
				if err == nil {
					err = keep(c)
				}
			}
			return err
		}
		var cases []certification.Case
		err = tx.Each(certification.KindCase, func(_ certification.ID, decode func(certification.Record) error) error {
			var c certification.Case
			if err := decode(&c); err != nil {
				return err
			}
			cases = append(cases, c)
			return nil
		})
		if err != nil || len(cases) == 0 {
			return err
		}
		// Every client's name from the clients' row keys: one key-only
		// scan instead of decoding a client record per case.
		if l.names, err = clientDisplayNames(tx); err != nil {
			return err
		}
		for _, c := range cases {
			if err := keep(c); err != nil {
				return err
			}
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b CaseRow) int {
		if a.Received != b.Received {
			return int(b.Received) - int(a.Received)
		}
		return int(b.ID) - int(a.ID)
	})
	return out, err
}

func caseRow(l *lookups, c certification.Case, p certification.Policy, asOf certification.Date) (CaseRow, error) {
	name, err := l.clientName(c.ClientID)
	row := CaseRow{Case: c, ClientName: name, Status: c.Status(), Deadlines: c.Deadlines(p, asOf)}
	for i := range row.Deadlines {
		row.Deadlines[i].ClientName = name
	}
	return row, err
}

// CaseSchedule lists the deadlines of open cases that are overdue on
// asOf or fall due by asOf+within days, overdue first, then by due date:
// read through the indexes of open cases and of cases closed after asOf
// (still open then).
func CaseSchedule(ctx context.Context, r Reader, asOf certification.Date, within int) ([]certification.CaseDue, error) {
	var out []certification.CaseDue
	horizon := asOf.AddDays(within)
	err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		l := newLookups(tx)
		add := func(_ []byte, id certification.ID) error {
			var c certification.Case
			if err := tx.Get(id, &c); err != nil || c.Received > asOf { // received later: nothing due yet
				return err
			}
			row, err := caseRow(l, c, p, asOf)
			for _, d := range row.Deadlines {
				if d.State != certification.StateDone && d.Due <= horizon {
					out = append(out, d)
				}
			}
			return err
		}
		next := certification.DateKey(asOf.AddDays(1))
		if err := tx.Range(certification.IndexCaseOpen, nil, next, add); err != nil {
			return err
		}
		return tx.Range(certification.IndexCaseClosed, next, nil, add)
	})
	slices.SortStableFunc(out, func(a, b certification.CaseDue) int {
		ra, rb := a.State != certification.StateOverdue, b.State != certification.StateOverdue
		if ra != rb {
			if !ra {
				return -1
			}
			return 1
		}
		return int(a.Due) - int(b.Due)
	})
	return out, err
}

// Case reads case id with its client's name and deadlines as of asOf;
// the error wraps certification.ErrNotFound when there is none.
func Case(ctx context.Context, r Reader, id certification.ID, asOf certification.Date) (CaseRow, error) {
	var row CaseRow
	err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		var c certification.Case
		if err := tx.Get(id, &c); err != nil {
			return err
		}
		row, err = caseRow(newLookups(tx), c, p, asOf)
		return err
	})
	return row, err
}
