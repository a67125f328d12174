package view

// Look-ups by name, for the command line: the people of a name, whether
// the register holds anyone, the clients whose name starts with a text.

import (
	"bytes"
	"context"

	"certdesk/certification"
)

// PeopleNamed lists the people whose name is name, case and spacing
// ignored (certification.Fold), in id order.
func PeopleNamed(ctx context.Context, r Reader, name string) ([]certification.Person, error) {
	var out []certification.Person
	err := r.View(ctx, func(tx certification.Tx) error {
		var err error
		out, err = certification.LookupAll[certification.Person](tx, certification.IndexPersonName, []byte(certification.Fold(name)))
		return err
	})
	return out, err
}

// HasPeople reports whether the register holds anyone (the first person
// is added by "system", the others by someone in it).
func HasPeople(ctx context.Context, r Reader) (bool, error) {
	found := false
	err := r.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindPerson, func(certification.ID, func(certification.Record) error) error {
			found = true
			return certification.ErrStop
		})
	})
	return found, err
}

// ClientsStartingWith lists the ids of the clients whose legal name
// starts with text, case and spacing ignored (certification.Fold), in name order; every
// client for an empty text.
func ClientsStartingWith(ctx context.Context, r Reader, text string) ([]certification.ID, error) {
	var out []certification.ID
	prefix := []byte(certification.Fold(text))
	err := r.View(ctx, func(tx certification.Tx) error {
		return tx.Range(certification.IndexClientName, prefix, prefixEnd(prefix), func(_ []byte, id certification.ID) error {
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
