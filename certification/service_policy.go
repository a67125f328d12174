package certification

// The policy commands: read the policy in force, change it, and
// recompute every certification's obligations under it.

import (
	"context"
	"errors"
	"fmt"
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

// SetPolicy stores a new policy, recording who changed it and when. Every
// certification's obligations are recomputed under it.
func (s *Service) SetPolicy(ctx context.Context, p Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.ChangedBy, p.ChangedOn = s.actor, s.Today()
	if err := s.update(ctx, "set-policy", "policy changed", func(tx Tx) error { return tx.Put(&p) }); err != nil {
		return err
	}
	return s.RefreshAll(ctx)
}

// refreshChunk is how many certifications' obligations one transaction
// recomputes (a transaction holds about a megabyte).
const refreshChunk = 100

// RefreshAll recomputes every certification's obligations under the
// policy in force, in transactions of refreshChunk certifications. It
// runs after a policy change; if it is interrupted, running it again
// (certctl policy set with the same values) completes it.
func (s *Service) RefreshAll(ctx context.Context) error {
	var ids []ID
	if err := s.store.View(ctx, func(tx Tx) error {
		return tx.Each(KindCertification, func(id ID, _ func(Record) error) error {
			ids = append(ids, id)
			return nil
		})
	}); err != nil {
		return err
	}
	for start := 0; start < len(ids); start += refreshChunk {
		chunk := ids[start:min(start+refreshChunk, len(ids))]
		summary := fmt.Sprintf("obligations recomputed under the policy (certifications %d–%d)", chunk[0], chunk[len(chunk)-1])
		if err := s.update(ctx, "refresh-obligations", summary, func(tx Tx) error {
			return refreshAll(tx, chunk)
		}); err != nil {
			return err
		}
	}
	return nil
}
