package main

import (
	"strconv"

	"certdesk/certification"
	"certdesk/certification/view"
)

type dashboardCmd struct {
	AsOf certification.Date `help:"the date to look from (default today)"`
}

func (dashboardCmd) Help() string {
	return `Prints what the app's Dashboard shows as of --as-of (default today): the figure on each tile, then each list — obligations overdue, due within 30 days and due in 31 to 90 days, certificates expiring within 90 days, suspensions near or past their limit, and open findings past their deadline.`
}

// dashboardTiles names the tiles in view.List order, as the app's
// Dashboard captions them; the JSON keys are view.Board's.
var dashboardTiles = [view.Lists]struct{ caption, key string }{
	view.ListOverdue:     {"Overdue obligations", "overdue"},
	view.ListDueSoon:     {"Due in 30 days", "due_soon"},
	view.ListDueLater:    {"Due in 31-90 days", "due_later"},
	view.ListExpiring:    {"Certificates expiring in 90 days", "expiring"},
	view.ListSuspensions: {"Suspensions near or past the limit", "suspensions"},
	view.ListLate:        {"Late responses (open findings)", "late"},
}

func (c *dashboardCmd) Run(e *env) error {
	asOf := e.orToday(c.AsOf)
	svc, err := e.reader()
	if err != nil {
		return err
	}
	b, err := view.Dashboard(e.ctx, svc, asOf)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for l := range view.Lists {
		counts[dashboardTiles[l].key] = b.Count(view.List(l))
	}
	if e.json {
		return e.writeJSON(map[string]any{"as_of": asOf, "counts": counts,
			"overdue": jsonList(b.Overdue), "due_soon": jsonList(b.DueSoon), "due_later": jsonList(b.DueLater),
			"expiring": jsonList(b.Expiring), "suspensions": jsonList(b.Suspensions), "late": jsonList(b.Late)})
	}
	e.printf("Dashboard as of %s\n", asOf)
	for l := range view.Lists {
		e.printf("  %-36s %d\n", dashboardTiles[l].caption, b.Count(view.List(l)))
	}
	obligations := func(l view.List, obs []certification.Obligation, overdue bool) {
		if len(obs) == 0 {
			return
		}
		e.printf("\n%s\n", dashboardTiles[l].caption)
		days := "DUE IN"
		if overdue {
			days = "OVERDUE BY"
		}
		t := e.table("DUE", days, "CLIENT", "STANDARD", "OBLIGATION")
		for _, o := range obs {
			n := asOf.DaysUntil(o.Due)
			if overdue {
				n = -n
			}
			t.row(o.Due, strconv.Itoa(n)+"d", o.ClientName, o.Standard.Short(), obligationText(o))
		}
		t.flush()
	}
	obligations(view.ListOverdue, b.Overdue, true)
	obligations(view.ListDueSoon, b.DueSoon, false)
	obligations(view.ListDueLater, b.DueLater, false)
	if len(b.Expiring) > 0 {
		e.printf("\n%s\n", dashboardTiles[view.ListExpiring].caption)
		t := e.table("EXPIRY", "EXPIRES IN", "CERTIFICATE", "STATUS", "CLIENT", "STANDARD")
		for _, s := range b.Expiring {
			t.row(s.Expiry, strconv.Itoa(asOf.DaysUntil(s.Expiry))+"d", s.Number, string(s.Status), s.ClientName, s.Standard.Short())
		}
		t.flush()
	}
	if len(b.Suspensions) > 0 {
		e.printf("\n%s\n", dashboardTiles[view.ListSuspensions].caption)
		t := e.table("LIMIT", "SINCE", "CERTIFICATE", "CLIENT", "STANDARD", "")
		for _, s := range b.Suspensions {
			past := ""
			if s.PastLimit(asOf) {
				past = "PAST LIMIT"
			}
			t.row(s.Limit, s.Since, s.Number, s.ClientName, s.Standard.Short(), past)
		}
		t.flush()
	}
	if len(b.Late) > 0 {
		e.printf("\n%s\n", dashboardTiles[view.ListLate].caption)
		t := e.table("DEADLINE", "FINDING", "GRADE", "CLIENT", "STANDARD", "AWAITED")
		for _, f := range b.Late {
			t.row(f.Deadline, f.ID.String(), string(f.Grade), f.ClientName, f.Standard.Short(), f.Awaited)
		}
		t.flush()
	}
	return nil
}
