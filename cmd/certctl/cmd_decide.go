package main

import (
	"strings"

	"certdesk/certification"
)

type decideCmd struct {
	Certification certification.ID   `required:"" help:"certification id"`
	Kind          string             `required:"" placeholder:"KIND" help:"grant, refuse, renew, maintain, extend-scope, reduce-scope, suspend, restore, withdraw or accept-transfer"`
	Maker         multi              `placeholder:"PERSON" help:"decision maker (id or name; repeat for a committee)"`
	Reasons       string             `placeholder:"TEXT" help:"the reasons for the decision"`
	Date          certification.Date `help:"the date of the decision (default today)"`
	Scope         string             `placeholder:"NEW-SCOPE" help:"the new scope (extend-scope, reduce-scope)"`
}

func (decideCmd) Help() string {
	return `Records a decision after every gate has passed. KIND: grant, refuse, renew,
maintain, extend-scope, reduce-scope, suspend, restore, withdraw,
accept-transfer (after 'certctl certification transfer'). A refusal names
the rule that blocks (exit 1).`
}

func (c *decideCmd) Run(e *env) error {
	if len(c.Maker) == 0 {
		return inputf("--maker is required: name the decision maker(s)")
	}
	cid, d := c.Certification, c.Date
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	ids, err := e.personIDs("maker", c.Maker)
	if err != nil {
		return err
	}
	id, err := svc.Decide(e.ctx, certification.Decision{CertificationID: cid, Kind: certification.DecisionKind(c.Kind), Date: d, Makers: ids,
		Reasons: strings.TrimSpace(c.Reasons), NewScope: strings.TrimSpace(c.Scope)})
	if err != nil {
		return err
	}
	file, err := svc.File(e.ctx, cid)
	if err != nil {
		return err
	}
	var dec certification.Decision
	for _, x := range file.Decisions {
		if x.ID == id {
			dec = x
		}
	}
	cert2, hasCert := file.Certificate()
	if e.json {
		out := map[string]any{"decision": dec, "certificate": nil}
		if hasCert {
			out["certificate"] = cert2
			out["certificate_status"] = cert2.StatusOn(dec.Date)
		}
		return e.writeJSON(out)
	}
	e.printf("Decision %d: %s of certification %d on %s.\n", dec.ID, dec.Kind, cid, dec.Date)
	if hasCert {
		e.printf("Certificate %s revision %d: %s on %s; issued %s, expires %s.\n", cert2.Number, cert2.Revision, cert2.StatusOn(dec.Date), dec.Date, cert2.IssueDate, cert2.Expiry)
		if cert2.TransferredFrom != "" {
			e.printf("Transferred from %s.\n", cert2.TransferredFrom)
		}
	}
	return nil
}
