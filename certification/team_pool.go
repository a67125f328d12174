package certification

import (
	"slices"
	"strconv"
	"strings"
)

// The team picker's candidates: every active person of the register with
// what they could do on one audit (lead, auditor, technical expert),
// what of the client's needs they would cover (its IAF sectors and, for
// 42001, the AI competence areas) and whether they are free on the
// audit's dates (no interest in the client, no other audit on those
// days). The pool is built once per audit (BuildTeamPool); filtering it
// as the user types (TeamPool.Filter) touches no store.

// Candidate is one person as the team picker offers them for an audit.
type Candidate struct {
	ID   ID     `json:"id"`
	Name string `json:"name"`
	// Lead, Auditor and Expert say which team roles the person is
	// qualified for on this audit (through its last day).
	Lead    bool `json:"lead,omitempty"`
	Auditor bool `json:"auditor,omitempty"`
	Expert  bool `json:"expert,omitempty"`
	// Standards, Languages and AllSectors/AllAIAreas are the person's own
	// competence, which the filters match.
	Standards  []Standard `json:"standards,omitempty"`
	Languages  []string   `json:"languages,omitempty"`
	AllSectors []int      `json:"-"`
	AllAIAreas []AIArea   `json:"-"`
	// Sectors and AIAreas are what the person would cover of the
	// client's sectors and the audit's required AI areas.
	Sectors []int    `json:"sectors_covered,omitempty"`
	AIAreas []AIArea `json:"ai_areas_covered,omitempty"`
	// Unavailable says why the person cannot be on the team (an interest
	// in the client, another audit on the same days); empty when free.
	Unavailable string `json:"unavailable,omitempty"`
	// LeadBarred says why the person should not lead it (rotation).
	LeadBarred string `json:"lead_barred,omitempty"`

	name string // folded, for the search
}

// Free reports whether the person is available for the audit.
func (c *Candidate) Free() bool { return c.Unavailable == "" }

// Covers is the one-line "would cover" text the picker shows.
func (c *Candidate) Covers() string {
	var parts []string
	if len(c.Sectors) > 0 {
		s := make([]string, len(c.Sectors))
		for i, x := range c.Sectors {
			s[i] = strconv.Itoa(x)
		}
		parts = append(parts, "sectors "+strings.Join(s, ", "))
	}
	if len(c.AIAreas) > 0 {
		s := make([]string, len(c.AIAreas))
		for i, x := range c.AIAreas {
			s[i] = x.ShortLabel()
		}
		parts = append(parts, "AI areas "+strings.Join(s, ", "))
	}
	if len(parts) == 0 {
		return "would cover: none of the client's sectors or AI areas"
	}
	return "would cover: " + strings.Join(parts, ", ")
}

// TeamPool is every active person as a candidate for one audit, by name.
type TeamPool struct {
	Candidates []Candidate
}

// BuildTeamPool makes the candidates for audit a of file f from the
// register. tc.Others must hold every audit that could overlap a's dates
// (any person), tc.ClientAudits the client's audits (rotation),
// tc.AlsoStandards the other standards of an integrated audit (a lead
// must lead for all of them; an auditor is one for any); tc.People is
// not used. Inactive people are left out.
func BuildTeamPool(f *File, a *Audit, register []Person, tc TeamContext) TeamPool {
	stds := tc.standards(f)
	start, end := a.Start(), a.LastDay()
	needAI := neededAIAreas(f, stds)
	// The other audits on a's days, by person, read once for everyone.
	busy := map[ID][]*Audit{}
	for i := range tc.Others {
		o := &tc.Others[i]
		if o.ID == a.ID || (o.ID != 0 && slices.Contains(a.IntegratedWith, o.ID)) || o.Status == AuditCancelled {
			continue
		}
		if o.Start() <= end && start <= o.LastDay() {
			for _, m := range o.Team {
				busy[m.PersonID] = append(busy[m.PersonID], o)
			}
		}
	}
	out := TeamPool{Candidates: make([]Candidate, 0, len(register))}
	for i := range register {
		p := &register[i]
		if p.Inactive {
			continue
		}
		c := Candidate{ID: p.ID, Name: p.Name, name: Fold(p.Name)}
		c.Lead, c.Auditor = true, false
		for _, std := range stds {
			lead := p.QualifiedOn(std, RoleLeadAuditor, end)
			c.Lead = c.Lead && lead
			c.Auditor = c.Auditor || lead || p.QualifiedOn(std, RoleAuditor, end)
		}
		c.Expert = p.Has(RoleTechnicalExpert)
		if comp := p.Competence; comp != nil {
			c.Standards, c.Languages, c.AllSectors, c.AllAIAreas = comp.Standards, comp.Languages, comp.Sectors, comp.AIAreas
			for _, q := range comp.Qualifications {
				if !slices.Contains(c.Standards, q.Standard) {
					c.Standards = append(c.Standards, q.Standard)
				}
			}
			for _, s := range f.Client.Sectors {
				if slices.Contains(comp.Sectors, s) {
					c.Sectors = append(c.Sectors, s)
				}
			}
			for _, ar := range needAI {
				if slices.Contains(comp.AIAreas, ar) {
					c.AIAreas = append(c.AIAreas, ar)
				}
			}
		}
		if in, barred := p.Barred(f.Client.ID, start); barred {
			c.Unavailable = "declared " + string(in.Kind) + " for this client"
		} else if bs := busy[p.ID]; len(bs) > 0 {
			o := bs[0]
			c.Unavailable = "on audit " + o.ID.String() + " (" + o.Kind.Label() + ") from " + o.Start().String() + " to " + o.LastDay().String()
			if o.Status == AuditPlanned {
				c.Unavailable = "pencilled in for planned " + c.Unavailable[3:]
			}
		}
		if c.Lead && tc.Policy.RotationWarnAudits > 0 {
			if n := consecutiveLeads(tc.ClientAudits, a, p.ID); n >= tc.Policy.RotationWarnAudits {
				c.LeadBarred = "would lead this client's audit for the " + ordinal(n) + " time in a row"
			}
		}
		out.Candidates = append(out.Candidates, c)
	}
	slices.SortFunc(out.Candidates, func(x, y Candidate) int {
		if d := strings.Compare(x.name, y.name); d != 0 {
			return d
		}
		return int(x.ID) - int(y.ID)
	})
	return out
}

// CandidateFilter is what the team picker filters by; zero fields match
// everyone.
type CandidateFilter struct {
	// Text is part of the name, any case and spacing.
	Text     string
	Standard Standard
	Sector   int
	AIArea   AIArea
	// Language matches a language the person speaks, any case.
	Language string
	// Available keeps only people free on the audit's dates.
	Available bool
}

// Filter returns the candidates that match flt, in name order.
func (tp TeamPool) Filter(flt CandidateFilter) []Candidate {
	text := Fold(flt.Text)
	out := make([]Candidate, 0, len(tp.Candidates))
	for i := range tp.Candidates {
		c := &tp.Candidates[i]
		switch {
		case text != "" && !strings.Contains(c.name, text),
			flt.Standard != "" && !slices.Contains(c.Standards, flt.Standard),
			flt.Sector != 0 && !slices.Contains(c.AllSectors, flt.Sector),
			flt.AIArea != "" && !slices.Contains(c.AllAIAreas, flt.AIArea),
			flt.Language != "" && !slices.ContainsFunc(c.Languages, func(l string) bool { return strings.EqualFold(l, flt.Language) }),
			flt.Available && !c.Free():
			continue
		}
		out = append(out, *c)
	}
	return out
}

// Languages lists every language someone in the pool speaks, sorted.
func (tp TeamPool) Languages() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range tp.Candidates {
		for _, l := range c.Languages {
			if k := strings.ToLower(l); !seen[k] {
				seen[k] = true
				out = append(out, l)
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

// standards are the standards the team audits: the file's, then those
// the audit is integrated with.
func (tc *TeamContext) standards(f *File) []Standard {
	out := []Standard{f.Certification.Standard}
	for _, s := range tc.AlsoStandards {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// neededAIAreas are the AI competence areas the team must cover: the
// client's, when one of the standards is ISO/IEC 42001.
func neededAIAreas(f *File, stds []Standard) []AIArea {
	if slices.Contains(stds, ISO42001) {
		return RequiredAIAreas(&f.Client)
	}
	return nil
}
