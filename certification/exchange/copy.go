package exchange

import (
	"context"
	"fmt"

	"certdesk/certification"
)

// Copy writes every record of src into dst, which must be empty: the
// stored policy (if any), every record (evidence with its content, which
// must still match its record), and the stored obligations, in
// chunks as Load does, advancing dst's id counters. The records are not
// checked again: src is a store written through the certification
// service. It reads src in one snapshot and holds only one chunk in
// memory. When it fails it removes what it wrote.
//
// progress, if not nil, is called now and then with the number of records
// written and the total.
func Copy(ctx context.Context, src, dst certification.Store, actor certification.Actor, command string, progress func(done, total int)) (Counts, error) {
	c, err := NewCopier(ctx, dst, actor, command)
	if err != nil {
		return Counts{}, err
	}
	if err := c.Copy(ctx, src, nil, progress); err != nil {
		return Counts{}, c.Abort(ctx, err)
	}
	return c.Counts(), nil
}

// A Copier writes the records of several stores into one, as Copy does
// for one: the demo command writes the shards of a body generated in
// memory (demo.Bulk) with it. The stores' ids must not collide, except
// in the kinds the caller skips.
type Copier struct {
	w *writer
}

// NewCopier starts copying into dst, which must be empty. Each chunk is
// one transaction, journalled as command with actor.
func NewCopier(ctx context.Context, dst certification.Store, actor certification.Actor, command string) (*Copier, error) {
	if err := requireEmpty(ctx, dst); err != nil {
		return nil, err
	}
	return &Copier{w: newWriter(dst, actor, command)}, nil
}

// Copy writes every record of src, except those of the kinds for which
// skip (if not nil) reports true, and flushes the last chunk. progress
// is as for the function Copy, counted in src.
func (c *Copier) Copy(ctx context.Context, src certification.Store, skip func(certification.Kind) bool, progress func(done, total int)) error {
	w := c.w
	base := len(w.written)
	w.progress = nil
	err := src.View(ctx, func(tx certification.Tx) error {
		kinds := make([]certification.Kind, 0, len(certification.Kinds))
		for _, kind := range certification.Kinds {
			if skip == nil || !skip(kind) {
				kinds = append(kinds, kind)
			}
		}
		if progress != nil {
			total := 0
			for _, kind := range kinds {
				n, err := tx.Count(kind)
				if err != nil {
					return err
				}
				total += n
			}
			w.progress = func(done int) { progress(done-base, total) }
			progress(0, total)
		}
		for _, kind := range kinds {
			if kind == certification.KindEvidence {
				err := eachEvidenceFile(tx, func(ef *EvidenceFile) error { return w.addContent(ctx, &ef.Evidence, ef.Content) })
				if err != nil {
					return err
				}
				continue
			}
			mk, ok := makers[kind]
			if !ok {
				return fmt.Errorf("exchange: no record type for kind %q", kind)
			}
			err := tx.Each(kind, func(id certification.ID, decode func(certification.Record) error) error {
				r := mk()
				if err := decode(r); err != nil {
					return err
				}
				return w.add(ctx, r)
			})
			if err != nil {
				return err
			}
		}
		return w.flush(ctx)
	})
	w.progress = nil
	return err
}

// Counts says what was written so far.
func (c *Copier) Counts() Counts { return c.w.counts }

// Abort removes everything the copier wrote and returns cause, with
// what became of the data folder.
func (c *Copier) Abort(ctx context.Context, cause error) error {
	return c.w.rollback(ctx, cause)
}
