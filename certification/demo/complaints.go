package demo

import (
	"fmt"

	"certdesk/certification"
)

// Complaints (ISO/IEC 17021-1 9.8): about one client in eight, one
// complaint about the body's service in the client's last two years,
// taken through its course by the client's account manager (who receives,
// acknowledges and closes it) and its decision maker, who is never on its
// audit teams (who investigates and decides it). Steps after the demo's
// date are not taken, so the latest complaints are still open, some of
// them late. Drawn from a random stream of their own, so the rest of the
// body is the same with or without them.

var complaintSubjects = []string{
	"The audit report arrived six weeks after the closing meeting",
	"The auditor left early on the second day without explaining why",
	"Our certificate in the public register omits one of our sites",
	"The invoice for the surveillance audit does not match the quoted audit days",
	"The audit plan was changed two days before the audit without telling us",
	"A nonconformity was raised on a clause outside our certified scope",
}

var complaintParties = []certification.CaseParty{
	{Name: "Quality manager", Contact: "quality@client.example"},
	{Name: "Managing director"},
	{Name: "Purchasing department", Organisation: "a customer of the client"},
}

func (cl *client) planComplaint() {
	r := cl.g.rng(1<<42 + uint64(cl.idx))
	if r.IntN(8) != 0 || len(cl.steps) == 0 {
		return
	}
	first := cl.steps[0].date
	for _, s := range cl.steps {
		first = min(first, s.date)
	}
	from := max(first.AddDays(30), cl.g.asOf.AddDays(-730))
	if from >= cl.g.asOf {
		return
	}
	received := from.AddDays(r.IntN(from.DaysUntil(cl.g.asOf) + 1))
	c := certification.Case{Kind: certification.CaseComplaint, Received: received,
		From: complaintParties[r.IntN(len(complaintParties))], Subject: complaintSubjects[r.IntN(len(complaintSubjects))]}
	manager, judge := cl.manager(), cl.judge
	var id certification.ID
	cl.at(received, manager, "receive a complaint", func(svc *certification.Service) error {
		c.ClientID = cl.id
		var err error
		id, err = svc.ReceiveCase(cl.g.ctx, c)
		return err
	})
	step := func(days int, who *person, what, text string, do func(*certification.Service, certification.ID, certification.CaseStep) error) {
		d := received.AddDays(days)
		cl.at(d, who, what, func(svc *certification.Service) error {
			return do(svc, id, certification.CaseStep{Date: d, PersonID: who.id, Text: text})
		})
	}
	ack, inv, dec := 2+r.IntN(4), 12+r.IntN(20), 35+r.IntN(20)
	step(ack, manager, "acknowledge the complaint", "Receipt acknowledged in writing; the complainant was told who handles it and by when.",
		func(svc *certification.Service, id certification.ID, st certification.CaseStep) error {
			return svc.AcknowledgeCase(cl.g.ctx, id, st)
		})
	step(inv, judge, "investigate the complaint", fmt.Sprintf("Reviewed the audit file and spoke with the lead auditor and the complainant (%s).", c.From.Name),
		func(svc *certification.Service, id certification.ID, st certification.CaseStep) error {
			return svc.InvestigateCase(cl.g.ctx, id, st)
		})
	step(dec, judge, "decide the complaint", "Upheld in part: the cause is corrected and the client informed of the outcome.",
		func(svc *certification.Service, id certification.ID, st certification.CaseStep) error {
			return svc.DecideCase(cl.g.ctx, id, st, false)
		})
	step(dec+3+r.IntN(5), manager, "close the complaint", "The complainant was told the outcome; no further action.",
		func(svc *certification.Service, id certification.ID, st certification.CaseStep) error {
			return svc.CloseCase(cl.g.ctx, id, st, 0)
		})
}
