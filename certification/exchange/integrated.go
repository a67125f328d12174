package exchange

import (
	"fmt"
	"slices"

	"certdesk/certification"
)

// checkIntegrated checks the links of integrated audits (an audit's
// integrated_with): each names an audit in the file, of the same client,
// to another standard, and the audits of one integrated audit name each
// other — all of them, and nothing else.
func (x *idx) checkIntegrated() {
	for i := range x.b.Audits {
		a := &x.b.Audits[i]
		if len(a.IntegratedWith) == 0 {
			continue
		}
		rec := recName("audits", i, a.ID)
		c, ok := x.certs[a.CertificationID]
		if !ok {
			continue // reported by checkAudits
		}
		group := append([]certification.ID{a.ID}, a.IntegratedWith...)
		slices.Sort(group)
		seen := map[certification.Standard]certification.ID{c.Standard: a.ID}
		for j, id := range a.IntegratedWith {
			field := fmt.Sprintf("integrated_with[%d]", j)
			o, ok := x.audits[id]
			switch {
			case id == a.ID:
				x.bad(rec, field, "an audit is not integrated with itself: list the other audits of the integrated audit")
				continue
			case slices.Contains(a.IntegratedWith[:j], id):
				x.bad(rec, field, "audit %d is listed twice", id)
				continue
			case !ok:
				x.bad(rec, field, "there is no audit %d in the file", id)
				continue
			case o.ClientID != a.ClientID:
				x.ps.add(Problem{Record: rec, Field: field, Rule: certification.RuleIntegratedAudit,
					Msg: fmt.Sprintf("refused by rule %s: audit %d is of client %d, not %d: an integrated audit covers certifications of one client", certification.RuleIntegratedAudit, id, o.ClientID, a.ClientID)})
				continue
			}
			if oc, ok := x.certs[o.CertificationID]; ok {
				if prev, dup := seen[oc.Standard]; dup {
					x.ps.add(Problem{Record: rec, Field: field, Rule: certification.RuleIntegratedAudit,
						Msg: fmt.Sprintf("refused by rule %s: audits %d and %d are both %s: an integrated audit covers different standards, each once", certification.RuleIntegratedAudit, prev, id, oc.Standard)})
					continue
				}
				seen[oc.Standard] = id
			}
			theirs := append([]certification.ID{o.ID}, o.IntegratedWith...)
			slices.Sort(theirs)
			if !slices.Contains(o.IntegratedWith, a.ID) {
				x.bad(rec, field, "audit %d does not name audit %d in its integrated_with: the audits of an integrated audit name each other", id, a.ID)
			} else if !slices.Equal(slices.Compact(theirs), slices.Compact(slices.Clone(group))) {
				x.bad(rec, field, "audit %d is integrated with %v but this audit with %v: each audit of an integrated audit names all the others", id, o.IntegratedWith, a.IntegratedWith)
			}
		}
	}
}
