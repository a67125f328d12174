package desk

import (
	"context"
	"fmt"

	"certdesk/certification"
)

// The review list (docs/sync.md): changes made offline that the body
// refused when they were proposed again, each with the rule that refused
// it and every value it carried. The person re-does one (as it was, or
// with other values through the usual command, then Done) or discards it,
// which the body's journal records.

// Redo runs review item n's change again as svc's actor, now; when the
// body takes it, the item leaves the list.
func (d *Desk) Redo(ctx context.Context, svc *certification.Service, n uint64) ([]any, error) {
	r, err := d.db.ReviewItem(ctx, n)
	if err != nil {
		return nil, err
	}
	blobs, err := d.blobs(ctx, r.Blobs)
	if err != nil {
		return nil, err
	}
	results, err := svc.Run(ctx, certification.Command{Name: r.Entry.Command, Args: r.Entry.Args, Blobs: blobs})
	if err != nil {
		return nil, fmt.Errorf("change %d was not re-done: %w", n, err)
	}
	return results, d.db.DropReview(ctx, n)
}

// Done takes review item n off the list once the person has re-done it
// with other values.
func (d *Desk) Done(ctx context.Context, n uint64) error { return d.db.DropReview(ctx, n) }

// Discard journals, as svc's actor, that review item n is thrown away,
// and takes it off the list.
func (d *Desk) Discard(ctx context.Context, svc *certification.Service, n uint64) error {
	r, err := d.db.ReviewItem(ctx, n)
	if err != nil {
		return err
	}
	if err := svc.DiscardChange(ctx, r.Entry.Command, r.Entry.Args, r.Reason); err != nil {
		return fmt.Errorf("change %d was not discarded: %w", n, err)
	}
	return d.db.DropReview(ctx, n)
}
