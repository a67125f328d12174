package site

import (
	"context"
	"errors"
	"fmt"

	"certdesk/certification"
	"certdesk/certification/view"
)

// Published says what Publish wrote: the register's date, how many
// certificates it lists and how many of each status, and the pages
// written and removed.
type Published struct {
	Written
	AsOf         certification.Date
	Certificates int
	Counts       map[certification.CertificateStatus]int
	// ListedDays is how long a withdrawn or expired certificate stays
	// listed (the policy's register_withdrawn_days).
	ListedDays int
}

// ErrWrite marks a Publish error in writing the folder (not in reading
// the store): the folder given cannot be written.
var ErrWrite = errors.New("could not write the register")

// Publish reads the register as of asOf (view.LoadRegister) and writes it
// into dir (Write): the one way certctl publish and the app's Publish
// register… do it. It reads the store and changes nothing in it.
func Publish(ctx context.Context, r view.Reader, dir string, asOf certification.Date) (Published, error) {
	p := Published{AsOf: asOf, Counts: map[certification.CertificateStatus]int{}}
	reg, err := view.LoadRegister(ctx, r, asOf)
	if err != nil {
		return p, err
	}
	if p.Written, err = Write(dir, reg); err != nil {
		return p, fmt.Errorf("%w into %s: %w", ErrWrite, dir, err)
	}
	p.Certificates, p.ListedDays = len(reg.Certificates), reg.ListedDays
	for _, e := range reg.Certificates {
		p.Counts[e.Status]++
	}
	return p, nil
}
