package view

import (
	"context"
	"errors"

	"certdesk/certification"
)

// InterestRow is a person's declared interest in a client, with both
// names and how long it bars the person from the client.
type InterestRow struct {
	PersonID   certification.ID `json:"person_id"`
	PersonName string           `json:"person_name"`
	certification.Interest
	ClientName string `json:"client_name"`
	// BarredUntil is the last day the interest bars the person (two
	// years after it ends); zero while it lasts.
	BarredUntil certification.Date `json:"barred_until,omitzero"`
	// Barred is whether it bars the person on the day asked about.
	Barred bool `json:"barred"`
}

// Interests lists the declared interests of person (0: everyone's) in
// client (0: any), people in name order, each person's as declared,
// with whether each bars the person on asOf.
func Interests(ctx context.Context, r Reader, person, client certification.ID, asOf certification.Date) ([]InterestRow, error) {
	people, err := People(ctx, r)
	if err != nil {
		return nil, err
	}
	names := map[certification.ID]string{}
	var out []InterestRow
	err = r.View(ctx, func(tx certification.Tx) error {
		for _, p := range people {
			if person != 0 && p.ID != person {
				continue
			}
			for _, in := range p.Interests {
				if client != 0 && in.ClientID != client {
					continue
				}
				name, ok := names[in.ClientID]
				if !ok {
					var c certification.Client
					if err := tx.Get(in.ClientID, &c); err != nil && !errors.Is(err, certification.ErrNotFound) {
						return err
					}
					name = c.LegalName
					names[in.ClientID] = name
				}
				out = append(out, NewInterestRow(p, name, in, asOf))
			}
		}
		return nil
	})
	return out, err
}

// NewInterestRow is person p's interest in with the client named
// clientName, as it stands on asOf.
func NewInterestRow(p certification.Person, clientName string, in certification.Interest, asOf certification.Date) InterestRow {
	return InterestRow{PersonID: p.ID, PersonName: p.Name, ClientName: clientName, Interest: in,
		BarredUntil: in.BarredUntil(), Barred: in.BarredOn(asOf)}
}
