package certification

// The person register's commands.

import (
	"context"
	"fmt"
)

// interestClients checks that a person's interests name existing clients.
func interestClients(tx Tx, p *Person) error {
	for i, in := range p.Interests {
		var c Client
		if err := tx.Get(in.ClientID, &c); err != nil {
			return invalid("person", fmt.Sprintf("interests[%d].client_id", i), "there is no client %d", in.ClientID)
		}
	}
	return nil
}

// AddPerson adds a person to the register, without an identity key:
// SetPersonKey sets it, so that every key the register holds was set by
// an entry of its own (verify relies on it).
func (s *Service) AddPerson(ctx context.Context, p Person) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("add-person", p)))
	}
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if len(p.Keys) > 0 {
		return 0, invalid("person", "keys", "a new person is added without an identity key: set it once they are in the register")
	}
	rc := &RegisterChange{}
	err := s.updateRegister(ctx, call("add-person", p), "add person "+p.Name, rc, func(tx Tx) error {
		if err := interestClients(tx, &p); err != nil {
			return err
		}
		if err := insert(tx, &p, &p.ID); err != nil {
			return err
		}
		*rc = *registerChange(&p, nil)
		return nil
	})
	return p.ID, err
}

// UpdatePerson replaces a person's record.
func (s *Service) UpdatePerson(ctx context.Context, p Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	rc := registerChange(&p, nil)
	return s.updateRegister(ctx, call("update-person", p), "update person "+p.ID.String(), rc, func(tx Tx) error {
		var old Person
		if err := tx.Get(p.ID, &old); err != nil {
			return err
		}
		if err := interestClients(tx, &p); err != nil {
			return err
		}
		p.Keys = old.Keys // SetPersonKey changes them
		before, err := activeAdministrators(tx)
		if err != nil {
			return err
		}
		if err := tx.Put(&p); err != nil {
			return err
		}
		after, err := activeAdministrators(tx)
		if err == nil && len(before) > 0 && len(after) == 0 {
			return refuse(RuleAdministrator, "%s is the body's last active administrator: name another administrator first", p.Name)
		}
		return err
	})
}
