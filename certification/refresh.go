package certification

import (
	"context"
	"errors"
	"fmt"
)

// Refresh marks a recomputation of every certification's obligations
// that has not finished. The command that makes it necessary (a policy
// change) writes it in its own transaction; each chunk of FinishRefresh
// moves After on in the transaction that recomputes the chunk, and the
// last chunk deletes it. So the policy and the schedule derived from it
// never disagree unseen: after a crash the mark is there, and the desk
// finishes the work when it next opens the folder for changes, before
// anything reads the schedule (RefreshPending).
type Refresh struct {
	Reason string `json:"reason"`
	After  ID     `json:"after"` // certifications up to this id are done
}

func (*Refresh) RecordKind() Kind { return KindRefresh }
func (*Refresh) RecordID() ID     { return 1 }

// refreshChunk is how many certifications' obligations one transaction
// recomputes (a transaction holds about a megabyte).
const refreshChunk = 100

// RefreshPending reports whether a recomputation of the obligations is
// unfinished: until FinishRefresh has run, the schedule may still show
// obligations computed under the policy before the last change.
func (s *Service) RefreshPending(ctx context.Context) (bool, error) {
	pending := false
	err := s.store.View(ctx, func(tx Tx) error {
		err := tx.Get(1, &Refresh{})
		pending = err == nil
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		return err
	})
	return pending, err
}

// FinishRefresh recomputes, under the policy in force, the obligations of
// every certification the pending Refresh has not reached yet, in
// transactions of refreshChunk certifications, and removes the mark with
// the last one. Without a mark it does nothing.
func (s *Service) FinishRefresh(ctx context.Context) error {
	for range 1 << 20 { // bounded: each round moves the mark on or ends
		done, err := s.refreshChunk(ctx)
		if err != nil || done {
			return err
		}
	}
	return errors.New("recomputing the obligations did not finish")
}

// refreshChunk recomputes the next chunk; done is true once no mark is left.
func (s *Service) refreshChunk(ctx context.Context) (done bool, err error) {
	var next Refresh
	if err := s.store.View(ctx, func(tx Tx) error { return tx.Get(1, &next) }); errors.Is(err, ErrNotFound) {
		return true, nil
	} else if err != nil {
		return false, err
	}
	// The store's own work, whoever's change made it necessary: recorded
	// as "system", unsigned (verify checks that it changes obligations
	// and the mark only).
	system := *s
	system.actor, system.signer = Actor{Name: "system"}, nil
	err = system.refreshFrom(ctx, next.After)
	if errors.Is(err, ErrNotFound) {
		return true, nil
	}
	return false, err
}

// refreshFrom recomputes the obligations of the next refreshChunk
// certifications after the id after, if the mark still says after.
func (s *Service) refreshFrom(ctx context.Context, after ID) error {
	ids, err := s.certificationsAfter(ctx, after, refreshChunk)
	if err != nil {
		return err
	}
	summary := "obligations recomputed under the policy: none left"
	if len(ids) > 0 {
		summary = fmt.Sprintf("obligations recomputed under the policy (certifications %d–%d)", ids[0], ids[len(ids)-1])
	}
	return s.update(ctx, call("refresh-obligations", after), summary, func(tx Tx) error {
		var mark Refresh
		if err := tx.Get(1, &mark); err != nil {
			return err // gone or moved on meanwhile: the next round sees it
		}
		if mark.After != after {
			return nil
		}
		if err := refreshAll(tx, ids); err != nil {
			return err
		}
		if len(ids) < refreshChunk {
			return tx.Delete(KindRefresh, 1)
		}
		mark.After = ids[len(ids)-1]
		return tx.Put(&mark)
	})
}

// certificationsAfter lists up to n certification ids above after.
func (s *Service) certificationsAfter(ctx context.Context, after ID, n int) ([]ID, error) {
	var ids []ID
	err := s.store.View(ctx, func(tx Tx) error {
		return tx.Each(KindCertification, func(id ID, _ func(Record) error) error {
			if id <= after {
				return nil
			}
			ids = append(ids, id)
			if len(ids) == n {
				return ErrStop
			}
			return nil
		})
	})
	return ids, err
}

// MarkRefresh records that every certification's obligations are to be
// recomputed, and why, unless a recomputation is pending already;
// FinishRefresh then does it. It is the store's own work: journalled as
// "system", unsigned, like the recomputation.
func (s *Service) MarkRefresh(ctx context.Context, reason string) error {
	system := *s
	system.actor, system.signer = Actor{Name: "system"}, nil
	return system.update(ctx, call("mark-refresh", reason), "obligations to recompute: "+reason, func(tx Tx) error {
		err := tx.Get(1, &Refresh{})
		if !errors.Is(err, ErrNotFound) {
			return err // pending already (nil), or unreadable
		}
		return tx.Put(&Refresh{Reason: reason})
	})
}

// RecomputeAsker is a store that an upgrade may have left asking for every
// obligation to be recomputed (storage.DB after a schema migration).
type RecomputeAsker interface {
	ObligationsToRecompute() (reason string, ok bool, err error)
	ObligationsRecomputeMarked() error
}

// MarkRecomputeAfterUpgrade marks the recomputation an upgrade of st
// asked for (MarkRefresh through svc, then clears the request), and
// reports whether it did. The opener of a folder for changes calls it
// before finishing any pending recomputation (FinishRefresh). A crash
// between the mark and clearing the request only finds the mark pending
// next time.
func MarkRecomputeAfterUpgrade(ctx context.Context, svc *Service, st any) (bool, error) {
	a, ok := st.(RecomputeAsker)
	if !ok {
		return false, nil
	}
	reason, asked, err := a.ObligationsToRecompute()
	if err != nil || !asked {
		return false, err
	}
	if err := svc.MarkRefresh(ctx, "upgrade: "+reason); err != nil {
		return false, err
	}
	return true, a.ObligationsRecomputeMarked()
}
