package view

import (
	"certdesk/certification"
	"context"
	"slices"
	"strings"
)

// Horizons of the dashboard's lists, in days.
const (
	SoonDays    = 30
	HorizonDays = 90
)

// List names one list of the dashboard, in the order of its tiles.
type List int

const (
	ListOverdue     List = iota // obligations overdue
	ListDueSoon                 // due within SoonDays
	ListDueLater                // due after that, within HorizonDays
	ListExpiring                // certificates expiring within HorizonDays
	ListSuspensions             // suspensions near or past their limit
	ListLate                    // open findings past a deadline
	Lists                       // the number of lists
)

// Board is what a scheme manager looks at on Monday morning: every list
// of the dashboard on one date. The screen only draws it.
type Board struct {
	AsOf certification.Date `json:"as_of"`
	// Overdue are the open obligations overdue on AsOf, the longest
	// overdue first; DueSoon those due within SoonDays and
	// DueLater the others due within HorizonDays, by due date.
	Overdue  []certification.Obligation `json:"overdue"`
	DueSoon  []certification.Obligation `json:"due_soon"`
	DueLater []certification.Obligation `json:"due_later"`
	// Expiring are the active or suspended certificates expiring within
	// HorizonDays (AsOf included), the soonest first.
	Expiring []CertificateState `json:"expiring"`
	// Suspensions are those within SuspensionWarnDays of their limit or
	// past it, the nearest limit first.
	Suspensions []Suspension `json:"suspensions"`
	// Late are the open findings past a deadline that is still owed
	// (LateFindings), the earliest deadline first.
	Late []LateFinding `json:"late"`
}

// Count is the number of rows of a list: the figure on its tile.
func (d *Board) Count(l List) int {
	switch l {
	case ListOverdue:
		return len(d.Overdue)
	case ListDueSoon:
		return len(d.DueSoon)
	case ListDueLater:
		return len(d.DueLater)
	case ListExpiring:
		return len(d.Expiring)
	case ListSuspensions:
		return len(d.Suspensions)
	case ListLate:
		return len(d.Late)
	}
	return 0
}

// Dashboard reads the dashboard's lists as of a date.
func Dashboard(ctx context.Context, r Reader, asOf certification.Date) (Board, error) {
	d := Board{AsOf: asOf}
	obs, err := Schedule(ctx, r, asOf, HorizonDays)
	if err != nil {
		return Board{}, err
	}
	d.Overdue, d.DueSoon, d.DueLater = splitSchedule(obs, asOf)
	if err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		d.Expiring, d.Suspensions, err = dashboardCertificates(tx, asOf, p)
		return err
	}); err != nil {
		return Board{}, err
	}
	// Only a finding whose deadline is an overdue obligation can be late
	// (LateFindings): the other open findings are not decoded.
	live := map[certification.ID]bool{}
	for _, o := range d.Overdue {
		if o.FindingID != 0 {
			live[o.FindingID] = true
		}
	}
	var open []FindingRow
	if err := r.View(ctx, func(tx certification.Tx) error {
		var err error
		open, err = findingRows(tx, asOf, true, live)
		return err
	}); err != nil {
		return Board{}, err
	}
	sortNewestFirst(open)
	d.Late = LateFindings(open, d.Overdue, asOf)
	return d, nil
}

// splitSchedule parts a schedule (Schedule, in its order) into what is
// overdue, due within SoonDays, and due later.
func splitSchedule(obs []certification.Obligation, asOf certification.Date) (overdue, soon, later []certification.Obligation) {
	limit := asOf.AddDays(SoonDays)
	for _, o := range obs {
		switch {
		case o.State == certification.StateOverdue:
			overdue = append(overdue, o)
		case o.Due <= limit:
			soon = append(soon, o)
		default:
			later = append(later, o)
		}
	}
	return overdue, soon, later
}

// ExpiringCertificates picks, from certificate states on asOf
// (Certificates), the active or suspended certificates expiring from asOf to
// HorizonDays after it, by expiry then client name.
func ExpiringCertificates(certs []CertificateState, asOf certification.Date) []CertificateState {
	var out []CertificateState
	horizon := asOf.AddDays(HorizonDays)
	for _, c := range certs {
		if c.Status != certification.CertActive && c.Status != certification.CertSuspended {
			continue
		}
		if c.Expiry >= asOf && c.Expiry <= horizon {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b CertificateState) int {
		if a.Expiry != b.Expiry {
			return int(a.Expiry) - int(b.Expiry)
		}
		return strings.Compare(a.ClientName, b.ClientName)
	})
	return out
}

// Suspension is a suspended certificate with the date of its suspension
// and its limit.
type Suspension struct {
	CertificateState
	Since certification.Date `json:"since"`
	Limit certification.Date `json:"limit"`
}

// PastLimit reports whether the limit has passed on asOf.
func (s *Suspension) PastLimit(asOf certification.Date) bool { return asOf > s.Limit }

// SuspensionsNearLimit picks, from certificate states on asOf
// (Certificates), the certificates suspended on asOf whose suspension is
// near its limit or past it, the nearest limit first.
func SuspensionsNearLimit(certs []CertificateState, asOf certification.Date, p certification.Policy) []Suspension {
	var out []Suspension
	for _, c := range certs {
		if c.Status != certification.CertSuspended {
			continue
		}
		since, ok := c.SuspendedSince(asOf)
		if !ok {
			continue
		}
		if limit := p.SuspensionLimit(since); certification.NearSuspensionLimit(asOf, limit) {
			out = append(out, Suspension{CertificateState: c, Since: since, Limit: limit})
		}
	}
	slices.SortStableFunc(out, func(a, b Suspension) int { return int(a.Limit) - int(b.Limit) })
	return out
}
