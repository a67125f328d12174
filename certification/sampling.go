package certification

// Multi-site sampling (IAF MD 1) for an audit: which of the client's
// sites count as visited in the cycle, and the draw itself (sampling.Draw).
//
// A site counts as visited in a cycle when an audit of that cycle that is
// not cancelled covers it: audits planned or confirmed as well as those
// under way or done, so that two audits of one cycle planned ahead do
// not both choose the same sites first (the sites should differ across
// the cycle).

import (
	"errors"

	"certdesk/audit/sampling"
)

// SampleKindFor is the kind of IAF MD 1 sample an audit of kind k is
// drawn for: stage 1 and stage 2 are the initial audit, surveillance and
// recertification their own. Special and verification audits have none
// (false): their sites follow their purpose.
func SampleKindFor(k AuditKind) (sampling.SampleKind, bool) {
	switch k {
	case Stage1, Stage2:
		return sampling.SampleInitial, true
	case Surveillance:
		return sampling.SampleSurveillance, true
	case Recertification:
		return sampling.SampleRecertification, true
	}
	return "", false
}

// ClientSiteRefs is the client's sites as sampling sees them, in the
// client's order: code, central function and personnel, and visited in
// the cycle when one of the audits given (those of the cycle that count)
// covers the site.
func ClientSiteRefs(c *Client, audits []*Audit) []sampling.SiteRef {
	seen := map[string]bool{}
	for _, a := range audits {
		for _, code := range a.Sites {
			seen[code] = true
		}
	}
	out := make([]sampling.SiteRef, 0, len(c.Sites))
	for _, s := range c.Sites {
		out = append(out, sampling.SiteRef{Code: s.Code, Central: s.Central, Personnel: s.Personnel, VisitedInCycle: seen[s.Code]})
	}
	return out
}

// SiteRefs is the file's client's sites as sampling sees them for the
// given cycle of the certification: a site is visited when an audit of
// that cycle that is not cancelled covers it.
func SiteRefs(f *File, cycle int) []sampling.SiteRef {
	return ClientSiteRefs(&f.Client, f.AuditsIn(cycle))
}

// PlanCycle is the cycle an audit of kind k planned now on f belongs to,
// as PlanAudit assigns it: stage 1 and 2 the cycle their grant opens,
// surveillance and recertification the current one.
func PlanCycle(f *File, k AuditKind) int { return auditCycle(f, k) }

// DrawSample draws the sites an audit of kind k planned on f visits
// (IAF MD 1) with the given seed, counting as visited the sites of the
// cycle the audit belongs to. It returns the sample and the sites it was
// drawn from. The same file, kind and seed give the same sample.
func DrawSample(f *File, k AuditKind, seed uint64) (sampling.Sample, []sampling.SiteRef, error) {
	kind, ok := SampleKindFor(k)
	if !ok {
		return sampling.Sample{}, nil, invalid("audit", "sample", "a %s audit is not sampled (IAF MD 1 samples the initial, surveillance and recertification audits): choose its sites for its purpose", k.Label())
	}
	rec := "client " + f.Client.ID.String()
	if len(f.Client.Sites) == 0 {
		return sampling.Sample{}, nil, invalid(rec, "sites", "%s has no sites on record: add the sites (with the central function) to the client first", f.Client.DisplayName())
	}
	sites := SiteRefs(f, PlanCycle(f, k))
	s, err := sampling.Draw(sites, kind, seed)
	if err != nil {
		var fe *sampling.FieldError
		if errors.As(err, &fe) {
			return sampling.Sample{}, sites, invalid(rec, "sites", "%s", fe.Message)
		}
		return sampling.Sample{}, sites, err
	}
	return s, sites, nil
}
