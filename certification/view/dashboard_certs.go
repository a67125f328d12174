package view

import (
	"slices"

	"certdesk/certification"
)

// dashboardCertificates reads the dashboard's two certificate lists
// through the certificate indexes (certification.IndexCertExpiry and
// IndexCertSuspension): key-only range scans find the revisions that may
// expire within HorizonDays and the suspensions not yet ended whose limit
// is near or past; only those revisions are decoded, and the same rules
// as over every certificate (ExpiringCertificates, SuspensionsNearLimit)
// pick the rows, from the states in id order as Certificates gives them.
func dashboardCertificates(tx certification.Tx, asOf certification.Date, p certification.Policy) ([]CertificateState, []Suspension, error) {
	var ids []certification.ID
	from, to := certification.ExpiryRange(asOf, HorizonDays)
	if err := tx.Range(certification.IndexCertExpiry, from, to, func(v []byte, id certification.ID) error {
		if certification.MayBeInForce(v, asOf) {
			ids = append(ids, id)
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	from, to = certification.SuspensionRange(asOf)
	if err := tx.Range(certification.IndexCertSuspension, from, to, func(v []byte, id certification.ID) error {
		since, ok := certification.SuspensionSince(v)
		if !ok || since <= asOf && certification.NearSuspensionLimit(asOf, p.SuspensionLimit(since)) {
			ids = append(ids, id)
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	lk := newLookups(tx)
	var states []CertificateState
	for _, id := range ids {
		var c certification.Certificate
		if err := tx.Get(id, &c); err != nil {
			return nil, nil, err
		}
		if !c.InForceOn(asOf) {
			continue
		}
		name, err := lk.clientName(c.ClientID)
		if err != nil {
			return nil, nil, err
		}
		states = append(states, CertificateState{Certificate: c, ClientName: name, Status: c.StatusOn(asOf), AsOf: asOf})
	}
	return ExpiringCertificates(states, asOf), SuspensionsNearLimit(states, asOf, p), nil
}
