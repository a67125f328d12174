// Package view holds the read models: the queries the screens, the
// command line and the exports draw — the clients list and a client's
// page with its timelines, the people, the audit programme, the findings
// list, the schedule, the certificates' states, the dashboard, the
// decision queue and the combined checklist of an integrated audit.
//
// Each reads through a Reader (a *certification.Service or a
// certification.Store), one snapshot at a time, and changes nothing:
//
//	rows, err := view.ClientRows(ctx, svc, asOf)
//	board, err := view.Dashboard(ctx, svc, asOf)
//
// Imports point one way: view uses certification, never the other way
// round. The rules and the commands stay in certification; a read model
// only calls them.
package view

import (
	"context"

	"certdesk/certification"
)

// Reader runs a function in one read-only snapshot of the records;
// *certification.Service and certification.Store have it.
type Reader interface {
	View(ctx context.Context, fn func(certification.Tx) error) error
}
