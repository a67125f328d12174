package certification

// The hold commands (hold.go): a desk holds an audit, its holder or a
// scheme manager releases it. Each is one journal entry, replayed by
// every desk.

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// HoldAudit makes desk the holder of audit id (and of the other audits
// of its integrated audit that are open), for the acting member of its
// team, from today.
func (s *Service) HoldAudit(ctx context.Context, id ID, desk string) error {
	return s.update(ctx, call("hold-audit", id, desk), fmt.Sprintf("audit %d held on desk %s", id, desk), func(tx Tx) error {
		var a Audit
		if err := tx.Get(id, &a); err != nil {
			return err
		}
		if err := CheckHold(&a, s.actor.PersonID, desk); err != nil {
			return err
		}
		var p Person
		if err := tx.Get(s.actor.PersonID, &p); err != nil {
			return err
		}
		h := AuditHold{Desk: desk, PersonID: p.ID, Name: p.Name, Since: s.Today()}
		return eachOfVisit(tx, &a, func(b *Audit) (bool, error) {
			if !holdable(b) {
				return false, nil
			}
			if o, ok := HeldElsewhere(b, desk); ok {
				return false, refuse(RuleAlreadyHeld, "audit %d, integrated with audit %d, is held by %s: the visit is held as one, so %s releases it first", b.ID, a.ID, o, o.Name)
			}
			held := h
			b.Hold = &held
			return true, nil
		})
	})
}

// ReleaseAudit ends the hold of audit id (and of the other audits of its
// integrated audit held by the same desk), by its holder or by a scheme
// manager giving reason (a lost laptop), which the journal keeps.
func (s *Service) ReleaseAudit(ctx context.Context, id ID, reason string) error {
	summary := fmt.Sprintf("audit %d released", id)
	if r := strings.TrimSpace(reason); r != "" {
		summary += ": " + r
	}
	return s.update(ctx, call("release-audit", id, reason), summary, func(tx Tx) error {
		var a Audit
		if err := tx.Get(id, &a); err != nil {
			return err
		}
		who, err := actorPerson(tx, s.actor)
		if err != nil {
			return err
		}
		if err := CheckRelease(&a, who, reason); err != nil {
			return err
		}
		desk := a.Hold.Desk
		return eachOfVisit(tx, &a, func(b *Audit) (bool, error) {
			if b.Hold == nil || b.Hold.Desk != desk {
				return false, nil
			}
			b.Hold = nil
			return true, nil
		})
	})
}

// actorPerson is the acting person's record, nil for an actor who is not
// a person of the register.
func actorPerson(tx Tx, a Actor) (*Person, error) {
	if a.PersonID == 0 {
		return nil, nil
	}
	var p Person
	if err := tx.Get(a.PersonID, &p); errors.Is(err, ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return &p, nil
}

// eachOfVisit runs fn on audit a and on each other audit of its
// integrated audit, and writes those fn changed.
func eachOfVisit(tx Tx, a *Audit, fn func(*Audit) (bool, error)) error {
	visit := []*Audit{a}
	for _, oid := range a.IntegratedWith {
		var b Audit
		if err := tx.Get(oid, &b); errors.Is(err, ErrNotFound) {
			continue
		} else if err != nil {
			return err
		}
		visit = append(visit, &b)
	}
	for _, b := range visit {
		changed, err := fn(b)
		if err != nil {
			return err
		}
		if changed {
			if err := tx.Put(b); err != nil {
				return err
			}
		}
	}
	return nil
}
