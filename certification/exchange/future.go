package exchange

import (
	"context"
	"fmt"
	"io"

	"certdesk/certification"
)

// ImportOn is Import on the day today: a document that records something
// as having happened after today (an audit started, finished or
// reported, an interview held, a finding raised, a response, review or verification, a
// decision or the certificate it issued, an application, a client, an
// evidence file added, a complaint or appeal or a step of its course) is
// refused by no-future-dates (CheckHappened), and nothing is written.
func ImportOn(ctx context.Context, st certification.Store, r io.Reader, actor certification.Actor, today certification.Date) (Counts, error) {
	return importChecked(ctx, st, r, actor, func(b *Bundle) error { return CheckHappened(b, today) })
}

// CheckHappened refuses a bundle whose records of what happened are dated
// after today, each problem naming the record, the field and the rule.
// Planning dates (planned audits, due dates, expiries) are not checked.
func CheckHappened(b *Bundle, today certification.Date) error {
	var ps problems
	check := func(list string, i int, id certification.ID, field, what string, on certification.Date) {
		if err := certification.CheckNotFuture(what, on, today); err != nil {
			p := problemOf(recName(list, i, id), err)
			p.Field = field
			ps.add(p)
		}
	}
	for i, c := range b.Clients {
		check("clients", i, c.ID, "created", "the client's creation date", c.Created)
	}
	for i, c := range b.Certifications {
		check("certifications", i, c.ID, "applied", "the application's date", c.Applied)
	}
	for i, a := range b.Audits {
		check("audits", i, a.ID, "actual_start", "the audit's actual start", a.ActualStart)
		check("audits", i, a.ID, "actual_end", "the audit's actual last day", a.ActualEnd)
		check("audits", i, a.ID, "report_date", "the audit's report date", a.ReportDate)
		for j, e := range a.Checklist {
			for k, iv := range e.Interviews {
				check("audits", i, a.ID, fmt.Sprintf("checklist[%d].interviews[%d].on", j, k), "the interview with "+iv.Whom, iv.On)
			}
		}
	}
	for i, x := range b.Findings {
		check("findings", i, x.ID, "raised", "the finding's raised date", x.Raised)
		if x.Response != nil {
			check("findings", i, x.ID, "response.received", "the response received", x.Response.Received)
		}
		for j, rv := range x.Rejected {
			check("findings", i, x.ID, fmt.Sprintf("rejected[%d].on", j), "the review", rv.On)
		}
		if x.Review != nil {
			check("findings", i, x.ID, "review.on", "the review", x.Review.On)
		}
		if x.Verification != nil {
			check("findings", i, x.ID, "verification.on", "the verification", x.Verification.On)
		}
	}
	for i, c := range b.Certificates {
		check("certificates", i, c.ID, "issue_date", "the certificate's issue date", c.IssueDate)
	}
	for i, d := range b.Decisions {
		check("decisions", i, d.ID, "date", "the decision's date", d.Date)
	}
	for i, c := range b.Cases {
		check("cases", i, c.ID, "received", "the "+string(c.Kind)+" received on", c.Received)
		for _, s := range certification.CaseSteps {
			if st := c.Step(s); st != nil {
				check("cases", i, c.ID, string(s)+".date", "its "+s.Noun()+" on", st.Date)
			}
		}
	}
	for i, e := range b.Evidence {
		check("evidence", i, e.ID, "added_on", "the evidence's date", e.AddedOn)
	}
	return ps.err()
}
