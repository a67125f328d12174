package main

// person interest: a person's declared links with clients, which bar them
// from auditing or deciding on the client until two years after they end
// (certification.Interest). Each change is the register's update-person
// command, so an administrator makes it.

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// personInterestCmd declares, ends and lists interests.
type personInterestCmd struct {
	Add  personInterestAddCmd  `cmd:"" help:"declare a person's link with a client, which bars them from auditing or deciding on it"`
	End  personInterestEndCmd  `cmd:"" help:"record the last day of a person's link with a client"`
	List personInterestListCmd `cmd:"" help:"declared interests, with the last day each bars the person"`
}

type personInterestAddCmd struct {
	Person string             `arg:"" help:"the person (id or exact name)"`
	Client certification.ID   `required:"" help:"the client the link is with"`
	Kind   string             `required:"" placeholder:"KIND" help:"the kind of link: ${interest_kinds}"`
	From   certification.Date `required:"" help:"the day the link began"`
	To     certification.Date `help:"its last day (leave out while it lasts; 'person interest end' records it later)"`
	Notes  string             `help:"what the link is (a contract, a course, a post)"`
}

func (personInterestAddCmd) Help() string {
	return `Declares a person's interest in a client: consultancy, training,
employment or another link. While it lasts, and for ` + fmt.Sprint(certification.InterestBarYears) + ` years after its last
day, the person may not audit the client or decide on it (team-check,
audit confirm and decide refuse them). Changes the register: --as an
administrator.`
}

func (c *personInterestAddCmd) Run(e *env) error {
	in := certification.Interest{ClientID: c.Client, Kind: certification.InterestKind(strings.TrimSpace(c.Kind)), From: c.From, To: c.To, Notes: strings.TrimSpace(c.Notes)}
	if err := interestFlags(in.Validate()); err != nil {
		return err
	}
	svc, p, client, err := e.interestOf(c.Person, c.Client)
	if err != nil {
		return err
	}
	p.Interests = append(p.Interests, in)
	if err := svc.UpdatePerson(e.ctx, *p); err != nil {
		return err
	}
	return e.showInterest("Declared", *p, client, in)
}

type personInterestEndCmd struct {
	Person string             `arg:"" help:"the person (id or exact name)"`
	Client certification.ID   `required:"" help:"the client the link is with"`
	To     certification.Date `required:"" help:"the link's last day"`
	Kind   string             `placeholder:"KIND" help:"which link, when the person has several open ones with the client: ${interest_kinds}"`
	From   certification.Date `help:"which link, by the day it began, when the kind does not tell"`
}

func (personInterestEndCmd) Help() string {
	return `Records the last day of a person's open interest in a client: the
person is barred from the client for ` + fmt.Sprint(certification.InterestBarYears) + ` years after it. With several open
interests in the client, --kind or --from says which. Changes the
register: --as an administrator.`
}

func (c *personInterestEndCmd) Run(e *env) error {
	if k := certification.InterestKind(strings.TrimSpace(c.Kind)); k != "" && !slices.Contains(certification.InterestKinds, k) {
		return inputf("--kind: %q is not a kind of interest: use one of %s", c.Kind, joinValues(certification.InterestKinds))
	}
	svc, p, client, err := e.interestOf(c.Person, c.Client)
	if err != nil {
		return err
	}
	var open []int
	for i, in := range p.Interests {
		if in.ClientID == c.Client && in.To.IsZero() && (c.Kind == "" || string(in.Kind) == strings.TrimSpace(c.Kind)) && (c.From.IsZero() || in.From == c.From) {
			open = append(open, i)
		}
	}
	switch {
	case len(open) == 0:
		return inputf("%s has no open interest in client %d (%s) that fits: see 'certctl person interest list %d'", p.Name, c.Client, client.LegalName, p.ID)
	case len(open) > 1:
		var list []string
		for _, i := range open {
			list = append(list, fmt.Sprintf("%s from %s", p.Interests[i].Kind, p.Interests[i].From))
		}
		return inputf("%s has %d open interests in client %d (%s): say which with --kind or --from (%s)", p.Name, len(open), c.Client, client.LegalName, strings.Join(list, "; "))
	}
	in := &p.Interests[open[0]]
	in.To = c.To
	if err := interestFlags(in.Validate()); err != nil {
		return err
	}
	if err := svc.UpdatePerson(e.ctx, *p); err != nil {
		return err
	}
	return e.showInterest("Ended", *p, client, *in)
}

// interestOf opens the folder for a change of person's interests in
// client: the service acting for --as, the person and the client.
func (e *env) interestOf(person string, client certification.ID) (*certification.Service, *certification.Person, certification.Client, error) {
	svc, err := e.service(true)
	if err != nil {
		return nil, nil, certification.Client{}, err
	}
	p, err := e.person(person)
	if err != nil {
		return nil, nil, certification.Client{}, err
	}
	c, err := svc.Client(e.ctx, client)
	if errors.Is(err, certification.ErrNotFound) {
		return nil, nil, c, inputf("--client %d: there is no client %d: see 'certctl client list'", client, client)
	}
	return svc, p, c, err
}

// interestFlags names the flag to fix in an interest's problem.
func interestFlags(err error) error {
	var ve *certification.ValidationError
	var re *certification.RuleError
	switch {
	case errors.As(err, &ve):
		flag := map[string]string{"client_id": "--client", "kind": "--kind", "from": "--from", "to": "--to"}[ve.Field]
		return inputf("%s: %s", flag, ve.Msg)
	case errors.As(err, &re) && re.Rule == certification.RuleDatesBackwards:
		return fmt.Errorf("--to is before --from: %w", err)
	}
	return err
}

func (e *env) showInterest(what string, p certification.Person, c certification.Client, in certification.Interest) error {
	row := view.NewInterestRow(p, c.LegalName, in, e.todayDate())
	if e.json {
		return e.writeJSON(map[string]any{"interest": row})
	}
	e.printf("%s: %s (person %d), %s with %s (client %d) from %s", what, p.Name, p.ID, in.Kind, c.LegalName, c.ID, in.From)
	if in.To.IsZero() {
		e.printf(", still lasting: %s may not audit or decide on %s until %d years after it ends\n", p.Name, c.LegalName, certification.InterestBarYears)
	} else {
		e.printf(" to %s: %s may not audit or decide on %s until %s\n", in.To, p.Name, c.LegalName, row.BarredUntil)
	}
	return nil
}

type personInterestListCmd struct {
	Person string             `arg:"" optional:"" help:"only this person's (id or exact name)"`
	Client certification.ID   `help:"only the interests in this client"`
	AsOf   certification.Date `help:"the day BARRED is for (default today)"`
}

func (personInterestListCmd) Help() string {
	return `Lists the declared interests, everyone's or one person's, with the
last day each bars the person from the client (` + fmt.Sprint(certification.InterestBarYears) + ` years after it ends) and
whether it bars them on --as-of.`
}

func (c *personInterestListCmd) Run(e *env) error {
	asOf := e.orToday(c.AsOf)
	svc, err := e.reader()
	if err != nil {
		return err
	}
	var id certification.ID
	if c.Person != "" {
		p, err := e.person(c.Person)
		if err != nil {
			return err
		}
		id = p.ID
	}
	rows, err := view.Interests(e.ctx, svc, id, c.Client, asOf)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"as_of": asOf, "interests": jsonList(rows)})
	}
	t := e.table("PERSON", "CLIENT", "KIND", "FROM", "TO", "BARRED UNTIL", "BARRED", "NOTES")
	for _, r := range rows {
		until := dateOr(r.BarredUntil, fmt.Sprintf("%d years after it ends", certification.InterestBarYears))
		barred := "no"
		if r.Barred {
			barred = "yes"
		}
		t.row(fmt.Sprintf("%s (%d)", r.PersonName, r.PersonID), fmt.Sprintf("%s (%d)", r.ClientName, r.ClientID), r.Kind, r.From, r.To, until, barred, r.Notes)
	}
	t.flush()
	e.printf("%d interest(s)\n", len(rows))
	return nil
}
