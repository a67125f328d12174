package certification

import (
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
