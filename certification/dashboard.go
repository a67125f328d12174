package certification

import (
	"context"
	"slices"
	"strings"
)

// Horizons of the dashboard's lists, in days.
const (
	DashboardSoonDays    = 30
	DashboardHorizonDays = 90
)

// DashboardList names one list of the dashboard, in the order of its tiles.
type DashboardList int

const (
	ListOverdue     DashboardList = iota // obligations overdue
	ListDueSoon                          // due within DashboardSoonDays
	ListDueLater                         // due after that, within DashboardHorizonDays
	ListExpiring                         // certificates expiring within DashboardHorizonDays
	ListSuspensions                      // suspensions near or past their limit
	ListLate                             // open findings past a deadline
	DashboardLists                       // the number of lists
)

// Dashboard is what a scheme manager looks at on Monday morning: every
// list of the dashboard on one date. The screen only draws it.
type Dashboard struct {
	AsOf Date `json:"as_of"`
	// Overdue are the open obligations overdue on AsOf, the longest
	// overdue first; DueSoon those due within DashboardSoonDays and
	// DueLater the others due within DashboardHorizonDays, by due date.
	Overdue  []Obligation `json:"overdue"`
	DueSoon  []Obligation `json:"due_soon"`
	DueLater []Obligation `json:"due_later"`
	// Expiring are the active or suspended certificates expiring within
	// DashboardHorizonDays (AsOf included), the soonest first.
	Expiring []CertificateState `json:"expiring"`
	// Suspensions are those within SuspensionWarnDays of their limit or
	// past it, the nearest limit first.
	Suspensions []Suspension `json:"suspensions"`
	// Late are the open findings past a deadline that is still owed
	// (LateFindings), the earliest deadline first.
	Late []LateFinding `json:"late"`
}

// Count is the number of rows of a list: the figure on its tile.
func (d *Dashboard) Count(l DashboardList) int {
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
func (s *Service) Dashboard(ctx context.Context, asOf Date) (Dashboard, error) {
	d := Dashboard{AsOf: asOf}
	obs, err := s.Schedule(ctx, asOf, DashboardHorizonDays)
	if err != nil {
		return Dashboard{}, err
	}
	d.Overdue, d.DueSoon, d.DueLater = splitSchedule(obs, asOf)
	p, err := s.Policy(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	certs, err := s.Statuses(ctx, asOf)
	if err != nil {
		return Dashboard{}, err
	}
	d.Expiring = ExpiringCertificates(certs, asOf)
	d.Suspensions = SuspensionsNearLimit(certs, asOf, p)
	open, err := s.FindingRows(ctx, asOf, true)
	if err != nil {
		return Dashboard{}, err
	}
	d.Late = LateFindings(open, d.Overdue, asOf)
	return d, nil
}

// splitSchedule parts a schedule (Schedule, in its order) into what is
// overdue, due within DashboardSoonDays, and due later.
func splitSchedule(obs []Obligation, asOf Date) (overdue, soon, later []Obligation) {
	limit := asOf.AddDays(DashboardSoonDays)
	for _, o := range obs {
		switch {
		case o.State == StateOverdue:
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
// (Statuses), the active or suspended certificates expiring from asOf to
// DashboardHorizonDays after it, by expiry then client name.
func ExpiringCertificates(certs []CertificateState, asOf Date) []CertificateState {
	var out []CertificateState
	horizon := asOf.AddDays(DashboardHorizonDays)
	for _, c := range certs {
		if c.Status != CertActive && c.Status != CertSuspended {
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
