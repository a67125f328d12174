package app

import (
	"context"
	"slices"
	"strings"

	"certdesk/certification"
)

// dashboardList names one list of the dashboard.
type dashboardList int

// suspensionRow is a suspended certificate with its limit.
type suspensionRow struct {
	certification.CertificateState
	Since, Limit certification.Date
}

// dashboardData is one snapshot of everything the dashboard shows.
type dashboardData struct {
	asOf                  certification.Date
	overdue, due30, due90 []certification.Obligation
	expiring              []certification.CertificateState
	suspensions           []suspensionRow
	late                  []certification.FindingRow
}

func (d *dashboardData) count(l dashboardList) int {
	switch l {
	case listOverdue:
		return len(d.overdue)
	case listDue30:
		return len(d.due30)
	case listDue90:
		return len(d.due90)
	case listExpiring:
		return len(d.expiring)
	case listSuspensions:
		return len(d.suspensions)
	case listLate:
		return len(d.late)
	}
	return 0
}

// loadDashboard reads the dashboard's lists as of a date (off the UI
// goroutine).
func loadDashboard(ctx context.Context, svc *certification.Service, asOf certification.Date) (*dashboardData, error) {
	d := &dashboardData{asOf: asOf}
	obs, err := svc.Schedule(ctx, asOf, horizonDays)
	if err != nil {
		return nil, err
	}
	soon := asOf.AddDays(soonDays)
	for _, o := range obs {
		switch {
		case o.State == certification.StateOverdue:
			d.overdue = append(d.overdue, o)
		case o.Due <= soon:
			d.due30 = append(d.due30, o)
		default:
			d.due90 = append(d.due90, o)
		}
	}
	pol, err := svc.Policy(ctx)
	if err != nil {
		return nil, err
	}
	certs, err := svc.Statuses(ctx, asOf)
	if err != nil {
		return nil, err
	}
	horizon := asOf.AddDays(horizonDays)
	for _, c := range certs {
		switch c.Status {
		case certification.CertActive, certification.CertSuspended:
		default:
			continue
		}
		if c.Expiry >= asOf && c.Expiry <= horizon {
			d.expiring = append(d.expiring, c)
		}
		if since, ok := c.SuspendedSince(asOf); ok && c.Status == certification.CertSuspended {
			limit := since.AddMonths(pol.SuspensionMaxMonths)
			if asOf >= limit.AddDays(-suspensionDays) {
				d.suspensions = append(d.suspensions, suspensionRow{CertificateState: c, Since: since, Limit: limit})
			}
		}
	}
	slices.SortStableFunc(d.expiring, func(a, b certification.CertificateState) int {
		if a.Expiry != b.Expiry {
			return int(a.Expiry) - int(b.Expiry)
		}
		return strings.Compare(a.ClientName, b.ClientName)
	})
	slices.SortStableFunc(d.suspensions, func(a, b suspensionRow) int { return int(a.Limit) - int(b.Limit) })
	findings, err := svc.FindingRows(ctx, asOf, true)
	if err != nil {
		return nil, err
	}
	// A late finding counts while its deadline is still an obligation:
	// the findings of a refused or withdrawn certification have lapsed.
	live := map[certification.ID]bool{}
	for _, o := range d.overdue {
		if o.FindingID != 0 {
			live[o.FindingID] = true
		}
	}
	for _, f := range findings {
		if f.Late && live[f.ID] {
			d.late = append(d.late, f)
		}
	}
	slices.SortStableFunc(d.late, func(a, b certification.FindingRow) int {
		da, _ := lateDeadline(&a, asOf)
		db, _ := lateDeadline(&b, asOf)
		if da != db {
			return int(da) - int(db)
		}
		return strings.Compare(a.ClientName, b.ClientName)
	})
	return d, nil
}

// lateDeadline is the deadline a late finding has missed and what was
// due by it.
func lateDeadline(f *certification.FindingRow, asOf certification.Date) (certification.Date, string) {
	st := f.Status
	if f.ResponseDue != 0 && asOf > f.ResponseDue && (st == certification.FindingAwaitingResponse || st == certification.FindingPlanRejected) {
		if st == certification.FindingPlanRejected {
			return f.ResponseDue, "Acceptable plan"
		}
		return f.ResponseDue, "Client response"
	}
	return f.CloseDue, "Verification of correction"
}
