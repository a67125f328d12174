package certification

// The policy commands: read the policy in force, change it, and
// recompute every certification's obligations under it.

import (
	"context"
	"errors"
)

// LoadPolicy reads the stored policy, or the defaults when none is stored.
func LoadPolicy(tx Tx) (Policy, error) {
	var p Policy
	err := tx.Get(1, &p)
	if errors.Is(err, ErrNotFound) {
		return DefaultPolicy(), nil
	}
	return p, err
}

// Policy returns the policy in force.
func (s *Service) Policy(ctx context.Context) (Policy, error) {
	var p Policy
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		p, err = LoadPolicy(tx)
		return err
	})
	return p, err
}

// SetPolicy stores a new policy, recording who changed it and when, and
// recomputes every certification's obligations under it. The policy and
// a Refresh mark are written in one transaction, so a crash before the
// recomputation ends leaves the mark, and FinishRefresh completes it.
func (s *Service) SetPolicy(ctx context.Context, p Policy) error {
	if err := s.setPolicy(ctx, p); err != nil {
		return err
	}
	return s.FinishRefresh(ctx)
}

// setPolicy is SetPolicy's one journalled command (command.go): the
// policy and the Refresh mark. The recomputation that follows is
// commands of its own (refresh-obligations), so that replaying the
// policy change makes exactly one entry.
func (s *Service) setPolicy(ctx context.Context, p Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.ChangedBy, p.ChangedOn = s.actor, s.Today()
	return s.update(ctx, call("set-policy", p), "policy changed", func(tx Tx) error {
		for _, w := range PolicyImages {
			if _, err := PolicyImageContent(tx, &p, w); err != nil {
				return invalid("policy", string(w)+"_sha256", "no %s is stored under %s: set the image itself (certctl policy %s FILE, or Settings › Documents)", w.Label(), p.ImageSHA256(w), w.Verb())
			}
		}
		if err := tx.Put(&p); err != nil {
			return err
		}
		return tx.Put(&Refresh{Reason: "policy changed"})
	})
}
