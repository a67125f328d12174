package view

import (
	"cmp"
	"context"
	"slices"

	"certdesk/certification"
)

// CertificateRow is one row of the Certificates workspace's register:
// the revision in force on AsOf as its covering key holds it, its
// client's name and its status on that day. The revision's record (its
// sites, where it was transferred from) is read when the row is opened.
type CertificateRow struct {
	certification.CertificateRow
	ClientName string                          `json:"client_name"`
	Status     certification.CertificateStatus `json:"status"`
	AsOf       certification.Date              `json:"as_of"`
}

// CertificateRows lists the rows Certificates lists, in the same (id)
// order with the same names and statuses, from keys alone: one key-only
// range of certification.IndexCertRow from the day after asOf (the
// revisions superseded by then are not read) and one of
// certification.IndexClientRow for the names. No record is decoded
// but the rare revision whose scope is too long for its key.
func CertificateRows(ctx context.Context, r Reader, asOf certification.Date) ([]CertificateRow, error) {
	var out []CertificateRow
	err := r.View(ctx, func(tx certification.Tx) error {
		var err error
		out, err = LoadCertificateRows(tx, asOf)
		return err
	})
	return out, err
}

// LoadCertificateRows is CertificateRows in a transaction.
func LoadCertificateRows(tx certification.Tx, asOf certification.Date) ([]CertificateRow, error) {
	var out []CertificateRow
	err := tx.Range(certification.IndexCertRow, certification.CertRowsFrom(asOf), nil, func(v []byte, id certification.ID) error {
		if !certification.CertRowMayBeInForce(v, asOf) {
			return nil
		}
		row, err := certification.DecodeCertRow(v, id)
		if err != nil {
			return err
		}
		if row.InForceOn(asOf) {
			out = append(out, CertificateRow{CertificateRow: row, Status: row.StatusOn(asOf), AsOf: asOf})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b CertificateRow) int { return cmp.Compare(a.ID, b.ID) })
	names, err := clientDisplayNames(tx)
	if err != nil {
		return nil, err
	}
	lk := newLookups(tx)
	for i := range out {
		x := &out[i]
		if x.Partial {
			var c certification.Certificate
			if err := tx.Get(x.ID, &c); err != nil {
				return nil, err
			}
			x.CertificateRow = c.Row()
		}
		if x.ClientName = names[x.ClientID]; x.ClientName == "" {
			// Not filed, or too long for its key: from the record.
			if x.ClientName, err = lk.clientName(x.ClientID); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// clientDisplayNames reads every client's DisplayName from the clients list's
// covering keys (certification.IndexClientRow).
func clientDisplayNames(tx certification.Tx) (map[certification.ID]string, error) {
	names := map[certification.ID]string{}
	err := tx.Range(certification.IndexClientRow, nil, nil, func(v []byte, id certification.ID) error {
		f, err := clientRowOf(tx, id, v)
		if err != nil {
			return err
		}
		names[id] = (&certification.Client{LegalName: f.LegalName, TradingName: f.TradingName}).DisplayName()
		return nil
	})
	return names, err
}
