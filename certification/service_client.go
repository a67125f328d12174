package certification

// The client register's commands.

import (
	"context"
)

// AddClient adds a client.
func (s *Service) AddClient(ctx context.Context, c Client) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("add-client", c)))
	}
	if c.Created.IsZero() {
		c.Created = s.Today()
	}
	c.ID = 0
	if err := c.Validate(); err != nil {
		return 0, err
	}
	if err := CheckNotFuture("the client's creation date", c.Created, s.Today()); err != nil {
		return 0, err
	}
	err := s.update(ctx, call("add-client", c), "add client "+c.LegalName, func(tx Tx) error {
		return insert(tx, &c, &c.ID)
	})
	return c.ID, err
}

// UpdateClient replaces a client's record and refreshes its
// certifications' obligations (which carry the client's name).
func (s *Service) UpdateClient(ctx context.Context, c Client) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.update(ctx, call("update-client", c), "update client "+c.ID.String(), func(tx Tx) error {
		var old Client
		if err := tx.Get(c.ID, &old); err != nil {
			return err
		}
		c.Created = old.Created
		if err := tx.Put(&c); err != nil {
			return err
		}
		ids, err := tx.Lookup(IndexCertByClient, U64(uint64(c.ID)))
		if err != nil {
			return err
		}
		return refreshAll(tx, ids)
	})
}
