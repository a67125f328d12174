package certification

import (
	"context"
	"fmt"
	"strings"

	"certdesk/audit/catalogue"
)

// DefineStandard adds a standard to the body, or brings an added one's
// catalogue up to date: it may add and retitle lines, and change the
// audit-time table, but never drop a line a record may cite. Only an
// administrator runs it, as the policy. It returns the record's id.
func (s *Service) DefineStandard(ctx context.Context, b BodyStandard) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("define-standard", b)))
	}
	b.ID = 0
	b.Name = Standard(strings.TrimSpace(string(b.Name)))
	b.Source = strings.TrimSpace(b.Source)
	if b.Added.IsZero() {
		b.Added = s.Today()
	}
	cat, err := b.Catalogue()
	if err != nil {
		return 0, err
	}
	var was *catalogue.Catalogue // the catalogue replaced, put back if the change fails
	err = s.update(ctx, call("define-standard", b), fmt.Sprintf("standard %s defined (%d lines)", b.Name, len(b.Items)), func(tx Tx) error {
		old, err := bodyStandard(tx, b.Name)
		if err != nil {
			return err
		}
		if old == nil {
			return insert(tx, &b, &b.ID)
		}
		if old.Name != b.Name {
			return invalid("standard", "name", "the body already certifies %q: write its name as it is", old.Name)
		}
		prev, err := old.Catalogue()
		if err != nil {
			return err
		}
		if lost := cat.Lost(prev); len(lost) > 0 {
			return refuse(RuleStandardKeepsLines, "the new catalogue of %s leaves out %s: records may cite them, so a standard's catalogue can add and retitle lines but not lose one; put them back in the file", b.Name, strings.Join(lost, ", "))
		}
		b.ID = old.ID
		if err := tx.Put(&b); err != nil {
			return err
		}
		// The schedule's Annex A coverage is computed from the catalogue:
		// its certifications' obligations follow the new one.
		was = prev
		if err := catalogue.Add(cat); err != nil {
			return err
		}
		return refreshStandard(tx, b.Name)
	})
	if err != nil {
		if was != nil {
			_ = catalogue.Add(was) // an added standard, never refused
		}
		return 0, err
	}
	return b.ID, catalogue.Add(cat)
}

// refreshStandard recomputes the obligations of every certification of
// standard s.
func refreshStandard(tx Tx, s Standard) error {
	var ids []ID
	err := tx.Each(KindCertification, func(id ID, decode func(Record) error) error {
		var c Certification
		if err := decode(&c); err != nil {
			return err
		}
		if c.Standard == s {
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return refreshAll(tx, ids)
}

// BodyStandards lists the standards the body added, in id order.
func (s *Service) BodyStandards(ctx context.Context) ([]BodyStandard, error) {
	var out []BodyStandard
	err := s.store.View(ctx, func(tx Tx) error {
		return tx.Each(KindStandard, func(_ ID, decode func(Record) error) error {
			var b BodyStandard
			if err := decode(&b); err != nil {
				return err
			}
			out = append(out, b)
			return nil
		})
	})
	return out, err
}

// checkStandardRecorded refuses a standard that is neither shipped nor
// recorded in this body (a catalogue another body's file added to the
// process does not count).
func checkStandardRecorded(tx Tx, rec string, s Standard) error {
	if catalogue.Builtin(string(s)) {
		return nil
	}
	b, err := bodyStandard(tx, s)
	if err != nil {
		return err
	}
	if b == nil || b.Name != s {
		return unknownStandard(rec, "standard", s)
	}
	return nil
}
