package main

import (
	"errors"
	"fmt"

	"certdesk/certification"
	"certdesk/storage/site"
)

// publishCmd writes the body's public certificate register as a static
// site (docs/documents.md, "The public register").
type publishCmd struct {
	Out  string             `required:"" placeholder:"DIR" help:"the folder to write the site into (made if missing)"`
	AsOf certification.Date `help:"the publication date: statuses as of this date (default today)"`
}

func (publishCmd) Help() string {
	return `Writes the body's public certificate register into DIR, a static site to
put on any web server: index.html (the body's name, the publication date
and every certificate with its number, client, standard, scope, status on
that date and expiry, with a search box; index.html?q=TEXT opens it
searched), cert/NUMBER.html per certificate (status, dates, scope, sites,
every revision and the SHA-256 of each document issued of it) and
register.json, the data behind them. Suspended and withdrawn certificates
show as such; a withdrawn or expired one stays listed for the policy's
register_withdrawn_days (default 365) after its withdrawal or expiry, and
its page is removed from DIR once it is no longer listed. The pages load
nothing from elsewhere. Reads the data folder only.`
}

func (c *publishCmd) Run(e *env) error {
	asOf := e.orToday(c.AsOf)
	svc, err := e.reader()
	if err != nil {
		return err
	}
	p, err := site.Publish(e.ctx, svc, c.Out, asOf)
	if errors.Is(err, site.ErrWrite) {
		return inputf("publish: %v", err)
	}
	if err != nil {
		return err
	}
	counts := p.Counts
	if e.json {
		return e.writeJSON(map[string]any{"written": c.Out, "as_of": asOf, "certificates": p.Certificates,
			"summary": counts, "removed": jsonList(p.Removed)})
	}
	fmt.Fprintf(e.stderr, "Wrote the register of %d certificates as of %s into %s (%d valid, %d suspended, %d withdrawn, %d expired)\n",
		p.Certificates, asOf, c.Out, counts[certification.CertActive], counts[certification.CertSuspended],
		counts[certification.CertWithdrawn], counts[certification.CertExpired])
	return nil
}
