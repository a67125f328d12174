package certification

// The certification commands: open an application, and read a
// certification's file.

import (
	"context"
	"fmt"
)

// AddCertification opens a client's application for a standard and scope.
func (s *Service) AddCertification(ctx context.Context, c Certification) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("add-certification", c)))
	}
	if c.Applied.IsZero() {
		c.Applied = s.Today()
	}
	c.ID, c.Cycles, c.CertificateID, c.Closed = 0, nil, 0, 0
	if err := c.Validate(); err != nil {
		return 0, err
	}
	if err := CheckNotFuture("the application's date", c.Applied, s.Today()); err != nil {
		return 0, err
	}
	err := s.update(ctx, call("add-certification", c), fmt.Sprintf("client %d applies for %s", c.ClientID, c.Standard), func(tx Tx) error {
		var cl Client
		if err := tx.Get(c.ClientID, &cl); err != nil {
			return invalid("certification", "client_id", "there is no client %d", c.ClientID)
		}
		if err := checkStandardRecorded(tx, "certification", c.Standard); err != nil {
			return err
		}
		for code := range c.SiteScopes {
			if _, ok := cl.Site(code); !ok {
				return invalid("certification", "site_scopes", "client %d has no site %q", c.ClientID, code)
			}
		}
		ids, err := tx.Lookup(IndexCertByClient, U64(uint64(c.ClientID)))
		if err != nil {
			return err
		}
		for _, id := range ids {
			var other Certification
			if err := tx.Get(id, &other); err != nil {
				return err
			}
			if other.Standard == c.Standard && other.Closed.IsZero() {
				return refuse(RuleDuplicateCertification, "client %d already has an open %s certification (%d): change its scope instead", c.ClientID, c.Standard, other.ID)
			}
		}
		if err := insert(tx, &c, &c.ID); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		return refresh(tx, c.ID, p)
	})
	return c.ID, err
}

// File reads a certification's file.
func (s *Service) File(ctx context.Context, certificationID ID) (*File, error) {
	var f *File
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		f, err = LoadFile(tx, certificationID)
		return err
	})
	return f, err
}
