package exchange

import "certdesk/certification"

// checkCases checks complaints and appeals: their own fields and the
// order of their steps (Case.Validate), what they name (client,
// certification, audit, decision, the people of each step, the special
// audit), and the rules of their course — who investigated or decided
// was not involved (CheckCaseHandler), a complaint calling for a special
// audit closed naming one (CheckSpecialAudit).
func (x *idx) checkCases() {
	ids(x, "cases", x.b.Cases, func(r *certification.Case) certification.ID { return r.ID })
	for rec, c := range validRecords(x, "cases", x.b.Cases) {
		if !x.caseRefs(rec, c) {
			continue
		}
		var d *certification.Decision
		if c.DecisionID != 0 {
			d = x.decisions[c.DecisionID]
		}
		var a *certification.Audit
		if c.AuditID != 0 {
			a = x.audits[c.AuditID]
		}
		inv := certification.Involved(c, d, a)
		for _, s := range certification.CaseSteps {
			st := c.Step(s)
			if st == nil {
				continue
			}
			p, ok := x.people[st.PersonID]
			if !ok {
				x.bad(rec, string(s)+".person_id", "there is no person %d in the file", st.PersonID)
				continue
			}
			if err := certification.CheckCaseHandler(c, s, &certification.Person{ID: p.ID, Name: p.Name, Interests: p.Interests}, inv, st.Date); err != nil {
				pr := problemOf(rec, err)
				pr.Field = string(s) + ".person_id"
				x.ps.add(pr)
			}
		}
		if c.Closed == nil {
			continue
		}
		var special *certification.Audit
		if c.SpecialAuditID != 0 {
			if special = x.audits[c.SpecialAuditID]; special == nil {
				x.bad(rec, "special_audit_id", "there is no audit %d in the file", c.SpecialAuditID)
				continue
			}
		}
		if err := certification.CheckSpecialAudit(c, special); err != nil {
			pr := problemOf(rec, err)
			pr.Field = "special_audit_id"
			x.ps.add(pr)
		}
	}
}

// caseRefs checks that the client, certification, audit and decision
// case c names are in the file and belong together.
func (x *idx) caseRefs(rec string, c *certification.Case) bool {
	if _, ok := x.clients[c.ClientID]; !ok {
		x.bad(rec, "client_id", "there is no client %d in the file", c.ClientID)
		return false
	}
	if c.DecisionID != 0 {
		d, ok := x.decisions[c.DecisionID]
		if !ok {
			x.bad(rec, "decision_id", "there is no decision %d in the file", c.DecisionID)
			return false
		}
		if d.CertificationID != c.CertificationID {
			x.bad(rec, "certification_id", "is %d but decision %d is on certification %d", c.CertificationID, d.ID, d.CertificationID)
			return false
		}
	}
	if c.AuditID != 0 {
		a, ok := x.audits[c.AuditID]
		if !ok {
			x.bad(rec, "audit_id", "there is no audit %d in the file", c.AuditID)
			return false
		}
		if a.CertificationID != c.CertificationID {
			x.bad(rec, "certification_id", "is %d but audit %d is of certification %d", c.CertificationID, a.ID, a.CertificationID)
			return false
		}
	}
	if c.CertificationID != 0 {
		if _, ok := x.certificationOf(rec, c.CertificationID, c.ClientID); !ok {
			return false
		}
	}
	return true
}
