package certification

import (
	"context"
)

// Service runs every change to the certification records. Each method is
// one command: it reads what it needs, applies the rules, writes the
// records and their journal entry in one transaction, and recomputes the
// obligations of the certifications it touched.
type Service struct {
	store  Store
	clock  Clock
	actor  Actor
	signer Signer            // the actor's unlocked identity, nil if none (identity.go)
	body   Body              // the body's shared journal, nil on a desk alone (command.go)
	blobs  map[string][]byte // content a command stores, by hash (Command.Blobs)
}

// NewService returns a service on a store. Commands are recorded as the
// actor set with As; until then as "system". A store that is also a Body
// (a desk's replica of a body with an office, storage/desk) gets every
// command proposed to the body.
func NewService(st Store, clk Clock) *Service {
	b, _ := st.(Body)
	return &Service{store: st, clock: clk, actor: Actor{Name: "system"}, body: b}
}

// As returns a copy of the service acting for a.
func (s *Service) As(a Actor) *Service {
	c := *s
	c.actor = a
	return &c
}

// Actor is who the service acts for.
func (s *Service) Actor() Actor { return s.actor }

// Today is the clock's date.
func (s *Service) Today() Date { return DateOf(s.clock.Now()) }

// View runs fn in a read-only snapshot of the records: the read models
// built outside this package (certification/document) read through it.
func (s *Service) View(ctx context.Context, fn func(Tx) error) error { return s.store.View(ctx, fn) }

// update runs command c: fn makes its change in one transaction, which
// journals c. On a desk with an office c is proposed to the body
// instead, which runs c's method again on top of the body's head.
func (s *Service) update(ctx context.Context, c Command, summary string, fn func(Tx) error) error {
	return s.updateRegister(ctx, c, summary, nil, fn)
}

// updateRegister is update for a command that changes the register: fn
// fills *rc in (RegisterChange), which the entry carries.
func (s *Service) updateRegister(ctx context.Context, c Command, summary string, rc *RegisterChange, fn func(Tx) error) error {
	if c.err != nil {
		return c.err
	}
	if s.body != nil {
		_, err := s.propose(ctx, c)
		return err
	}
	e := JournalEntry{At: s.clock.Now().Round(0), Actor: s.actor, Command: c.Name, Args: c.Args, Summary: summary, Signer: s.signer, Register: rc}
	return s.store.Update(ctx, e, func(tx Tx) error {
		if err := checkAccess(tx, s.actor, s.signer, c.Name); err != nil {
			return err
		}
		return fn(guardedTx{tx})
	})
}

// insert writes a new record under the next unused id of its kind,
// which it stores into *id (the record's own ID field) first.
func insert(tx Tx, r Record, id *ID) error {
	var err error
	if *id, err = tx.NextID(r.RecordKind()); err != nil {
		return err
	}
	return tx.Put(r)
}

// refreshAll recomputes and stores the obligations of each of the
// certifications ids under the policy in force.
func refreshAll(tx Tx, ids []ID) error {
	p, err := LoadPolicy(tx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := refresh(tx, id, p); err != nil {
			return err
		}
	}
	return nil
}

// refresh recomputes and stores a certification's obligations.
func refresh(tx Tx, certificationID ID, p Policy) error {
	f, err := LoadFile(tx, certificationID)
	if err != nil {
		return err
	}
	return refreshFile(tx, f, p)
}

// refreshFile stores the obligations of f, a certification's file as it
// stands now: a command that loaded the file before it wrote and brought
// it up to date (File.reread) need not load it a second time.
func refreshFile(tx Tx, f *File, p Policy) error {
	return tx.Put(&ObligationSet{CertificationID: f.Certification.ID, ClientID: f.Certification.ClientID, Items: Obligations(f, p)})
}
