package exchange

import (
	"cmp"
	"fmt"
	"slices"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

func (x *idx) checkAudits() {
	for rec, a := range validRecords(x, "audits", x.b.Audits) {
		c, ok := x.certificationOf(rec, a.CertificationID, a.ClientID)
		if !ok {
			continue
		}
		if a.Cycle < 1 || a.Cycle > len(c.Cycles)+1 {
			x.bad(rec, "cycle", "is %d; certification %d has %d cycle(s), so an audit belongs to cycle 1 to %d", a.Cycle, c.ID, len(c.Cycles), len(c.Cycles)+1)
		}
		for j, m := range a.Team {
			if _, ok := x.people[m.PersonID]; !ok {
				x.bad(rec, fmt.Sprintf("team[%d].person_id", j), "there is no person %d in the file", m.PersonID)
			}
		}
		if _, err := catalogue.For(string(c.Standard)); err == nil {
			seen := map[string]bool{}
			for j, e := range a.Checklist {
				f := fmt.Sprintf("checklist[%d]", j)
				ref, _, err := certification.CheckChecklistRef(c.Standard, a.Kind, e.Ref) // stage 1 and surveillance items on their audits
				switch {
				case err != nil:
					x.bad(rec, f+".ref", "%v", err)
				case ref != e.Ref:
					x.bad(rec, f+".ref", "write %q as %q", e.Ref, ref)
				case seen[ref]:
					x.bad(rec, f+".ref", "%s is in the checklist twice", ref)
				case !slices.Contains(certification.ChecklistResults, e.Result):
					x.bad(rec, f+".result", "%q is not a result: use one of conform, ofi, minor, major, not-applicable or leave it out", e.Result)
				}
				if err := certification.CheckInterviews(e.Interviews, a, 0); err != nil {
					p := problemOf(rec, err)
					p.Field = f + "." + cmp.Or(p.Field, "interviews")
					x.ps.add(p)
				}
				seen[ref] = true
			}
		}
		switch a.Status {
		case certification.AuditInProgress, certification.AuditReportDrafted, certification.AuditClosed:
			if a.ActualStart.IsZero() {
				x.bad(rec, "actual_start", "an audit that is %s has an actual start", a.Status)
			}
		}
		switch a.Status {
		case certification.AuditReportDrafted, certification.AuditClosed:
			switch {
			case a.ActualEnd.IsZero():
				x.bad(rec, "actual_end", "an audit that is %s has an actual end", a.Status)
			case a.Kind == certification.Stage1 && a.Stage1Outcome == "":
				x.bad(rec, "stage1_outcome", "a stage 1 audit that is %s records whether the client is ready", a.Status)
			case a.Kind != certification.Stage1 && a.Recommendation == "":
				x.bad(rec, "recommendation", "an audit that is %s records the team's recommendation", a.Status)
			}
		}
		if a.Status == certification.AuditClosed && a.ReportDate.IsZero() {
			x.bad(rec, "report_date", "a closed audit has a report date")
		}
	}
}

func (x *idx) checkFindings() {
	numbers := map[[2]uint64]bool{}
	for rec, f := range validRecords(x, "findings", x.b.Findings) {
		a, ok := x.audits[f.AuditID]
		if !ok {
			x.bad(rec, "audit_id", "there is no audit %d in the file", f.AuditID)
			continue
		}
		if f.CertificationID != a.CertificationID {
			x.bad(rec, "certification_id", "is %d but audit %d is of certification %d", f.CertificationID, a.ID, a.CertificationID)
		}
		if f.ClientID != a.ClientID {
			x.bad(rec, "client_id", "is %d but audit %d is of client %d", f.ClientID, a.ID, a.ClientID)
		}
		if c, ok := x.certs[a.CertificationID]; ok {
			if cat, err := catalogue.For(string(c.Standard)); err == nil {
				if ref, err := cat.CheckRef(f.Reference); err != nil {
					x.bad(rec, "reference", "%v", err)
				} else if ref != f.Reference {
					x.bad(rec, "reference", "write %q as %q", f.Reference, ref)
				}
			}
		}
		if f.Number < 1 {
			x.bad(rec, "number", "findings are numbered from 1 within their audit")
		} else if k := [2]uint64{uint64(f.AuditID), uint64(f.Number)}; numbers[k] {
			x.bad(rec, "number", "audit %d has two findings numbered %d", f.AuditID, f.Number)
		} else {
			numbers[k] = true
		}
		if f.Raised < a.Start() {
			x.ps.add(Problem{Record: rec, Field: "raised", Rule: certification.RuleDatesBackwards,
				Msg: fmt.Sprintf("refused by rule %s: raised on %s, before audit %d started (%s)", certification.RuleDatesBackwards, f.Raised, a.ID, a.Start())})
		}
		if f.RaisedBy != 0 {
			if _, ok := x.people[f.RaisedBy]; !ok {
				x.bad(rec, "raised_by", "there is no person %d in the file", f.RaisedBy)
			} else if !a.OnTeam(f.RaisedBy) {
				x.bad(rec, "raised_by", "person %d is not on the team of audit %d", f.RaisedBy, a.ID)
			}
		}
		if f.Review != nil && f.Review.By != 0 {
			if _, ok := x.people[f.Review.By]; !ok {
				x.bad(rec, "review.by", "there is no person %d in the file", f.Review.By)
			}
		}
		if f.Verification != nil && f.Verification.By != 0 {
			if _, ok := x.people[f.Verification.By]; !ok {
				x.bad(rec, "verification.by", "there is no person %d in the file", f.Verification.By)
			}
		}
	}
}
