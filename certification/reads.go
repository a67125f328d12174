package certification

import (
	"bytes"
	"context"
)

// Point reads, so that nothing above the domain reads the store around
// the service. Each error wraps ErrNotFound when there is no such record.

// get reads one record of kind *T by id in its own snapshot.
func get[T any, P recordPtr[T]](ctx context.Context, s *Service, id ID) (T, error) {
	var v T
	err := s.store.View(ctx, func(tx Tx) error { return tx.Get(id, P(&v)) })
	return v, err
}

// Finding reads a finding.
func (s *Service) Finding(ctx context.Context, id ID) (Finding, error) {
	return get[Finding](ctx, s, id)
}

// Client reads a client.
func (s *Service) Client(ctx context.Context, id ID) (Client, error) {
	return get[Client](ctx, s, id)
}

// Person reads a person of the register.
func (s *Service) Person(ctx context.Context, id ID) (Person, error) {
	return get[Person](ctx, s, id)
}

// PeopleNamed lists the people whose name is name, case and spacing
// ignored (Fold), in id order.
func (s *Service) PeopleNamed(ctx context.Context, name string) ([]Person, error) {
	var out []Person
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		out, err = lookupAll[Person](tx, IndexPersonName, []byte(Fold(name)))
		return err
	})
	return out, err
}

// HasPeople reports whether the register holds anyone (the first person
// is added by "system", the others by someone in it).
func (s *Service) HasPeople(ctx context.Context) (bool, error) {
	found := false
	err := s.store.View(ctx, func(tx Tx) error {
		return tx.Each(KindPerson, func(ID, func(Record) error) error {
			found = true
			return ErrStop
		})
	})
	return found, err
}

// ClientsStartingWith lists the ids of the clients whose legal name
// starts with text, case and spacing ignored (Fold), in name order; every
// client for an empty text.
func (s *Service) ClientsStartingWith(ctx context.Context, text string) ([]ID, error) {
	var out []ID
	prefix := []byte(Fold(text))
	err := s.store.View(ctx, func(tx Tx) error {
		return tx.Range(IndexClientName, prefix, prefixEnd(prefix), func(_ []byte, id ID) error {
			out = append(out, id)
			return nil
		})
	})
	return out, err
}

// prefixEnd is the smallest byte string after every string that starts
// with p (nil, an open bound, when there is none).
func prefixEnd(p []byte) []byte {
	end := bytes.Clone(p)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// Journal lists the journal from entry number from on, at most limit
// entries (0: all).
func (s *Service) Journal(ctx context.Context, from uint64, limit int) ([]JournalEntry, error) {
	var out []JournalEntry
	err := s.store.Journal(ctx, from, func(e JournalEntry) error {
		out = append(out, e)
		if limit > 0 && len(out) >= limit {
			return ErrStop
		}
		return nil
	})
	return out, err
}
