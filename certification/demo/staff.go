package demo

import (
	"math/rand/v2"
	"slices"

	"certdesk/certification"
)

// Staffing. The named core staff (data.go) run a small body. As clients
// are planned, every audit's team is fixed for its final dates (staff):
// each member must be free on those days and within a year's workload,
// the lead qualified for the standard, and the team together competent
// for the client's IAF sectors and (42001) the AI areas the client needs.
// When nobody on the register fits, the body hires someone who does
// (hire): the register grows with the number of clients. Hiring happens
// while planning, which is sequential and seeded, so the same seed gives
// the same people; all staff are registered before the first command.

// Most audit days a member of staff spends on audits in a calendar year:
// auditors do other work too (reports, reviews, travel, training), and
// technical experts are mostly part-time specialists.
const (
	auditorDaysPerYear = 110
	expertDaysPerYear  = 70
)

// ledgerYears is how far back from AsOf the booking ledgers start; no
// generated audit is older.
const ledgerYears = 30

// ledger is a person's bookings: one bit per day from gen.origin, and
// the audit days booked in each calendar year from origin's year.
type ledger struct {
	days  []uint64
	years []uint16
}

func (g *gen) dayIndex(d certification.Date) int { return dayNumber(d) - g.originDay }

// dayNumber counts days from 1970-01-01 to d (the civil-from-days
// algorithm): the ledgers need it for every day of every audit, and it
// is cheaper than going through time.Time.
func dayNumber(d certification.Date) int {
	y, m, day := d.Year(), int(d.Month()), d.Day()
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// free reports whether p is on no other audit from a to b (inclusive)
// and has room for those days in the year's workload.
func (g *gen) free(p *person, a, b certification.Date) bool {
	i, j := g.dayIndex(a), g.dayIndex(b)
	if i < 0 {
		return false
	}
	l := &p.book
	for k := i; k <= j; k++ {
		if w := k >> 6; w < len(l.days) && l.days[w]&(1<<(k&63)) != 0 {
			return false
		}
	}
	y := a.Year() - g.origin.Year()
	used := 0
	if y < len(l.years) {
		used = int(l.years[y])
	}
	return used+j-i+1 <= p.capacity
}

// book records p on an audit from a to b.
func (g *gen) book(p *person, a, b certification.Date) {
	i, j := g.dayIndex(a), g.dayIndex(b)
	l := &p.book
	if need := j>>6 + 1; need > len(l.days) {
		l.days = append(l.days, make([]uint64, need-len(l.days))...)
	}
	for k := i; k <= j; k++ {
		l.days[k>>6] |= 1 << (k & 63)
	}
	y := a.Year() - g.origin.Year()
	if y >= len(l.years) {
		l.years = append(l.years, make([]uint16, y+1-len(l.years))...)
	}
	l.years[y] += uint16(j - i + 1)
}

// addStaff puts p on the register and in the pools of its roles.
func (g *gen) addStaff(p *person) {
	p.capacity = auditorDaysPerYear
	if !p.has(certification.RoleLeadAuditor) && !p.has(certification.RoleAuditor) {
		p.capacity = expertDaysPerYear
	}
	p.n, p.id = len(g.staff), certification.ID(len(g.staff)+1)
	g.staff = append(g.staff, p)
	g.names[certification.Fold(p.spec.name)] = true
	g.emails[email(p.spec.name, "certdesk.example")] = true
	switch {
	case p.has(certification.RoleSchemeManager):
		g.managers = append(g.managers, p)
	case p.has(certification.RoleDecisionMaker):
		g.judges = append(g.judges, p)
	case p.has(certification.RoleLeadAuditor):
	case p.has(certification.RoleAuditor):
		g.auditors = append(g.auditors, p)
	}
	if p.has(certification.RoleLeadAuditor) {
		g.leads = append(g.leads, p) // a decision maker who leads audits too: never for the clients they decide on
	}
	if p.has(certification.RoleTechnicalExpert) {
		g.experts = append(g.experts, p)
	}
}

// needs is what a team still lacks: client sectors and AI areas.
type needs struct {
	sectors []int
	areas   []certification.AIArea
}

func (n needs) empty() bool { return len(n.sectors) == 0 && len(n.areas) == 0 }

// covers counts the needs p meets.
func (n needs) covers(p *person) int {
	k := 0
	for _, s := range n.sectors {
		if slices.Contains(p.spec.sectors, s) {
			k++
		}
	}
	for _, a := range n.areas {
		if slices.Contains(p.spec.ai, a) {
			k++
		}
	}
	return k
}

// missing returns what team lacks for the certification's client.
func (c *cert) missing(team []member) needs {
	var n needs
	has := func(f func(p *person) bool) bool {
		for _, m := range team {
			if f(m.p) {
				return true
			}
		}
		return false
	}
	for _, s := range c.cl.rec.Sectors {
		if !has(func(p *person) bool { return slices.Contains(p.spec.sectors, s) }) {
			n.sectors = append(n.sectors, s)
		}
	}
	if c.std == certification.ISO42001 {
		for _, a := range certification.RequiredAIAreas(&c.cl.rec) {
			if !has(func(p *person) bool { return slices.Contains(p.spec.ai, a) }) {
				n.areas = append(n.areas, a)
			}
		}
	}
	return n
}

// staff fixes the audit's team for its final dates and books it: members
// who are busy (or barred as the client's decision maker) are replaced by
// free colleagues, or by new hires when nobody fits; technical experts
// are added for the sectors and AI areas the team still lacks. Findings
// raised by a replaced member pass to the replacement.
func (c *cert) staff(ap *auditPlan) {
	g := c.cl.g
	judge := c.cl.judge
	a, b := ap.start, ap.end
	team := make([]member, 0, len(ap.team)+1)
	var swaps [][2]*person
	usable := func(p *person) bool { return p != judge && !onTeam(team, p) && g.free(p, a, b) }
	put := func(old, p *person, role certification.TeamRole) {
		team = append(team, member{p, role})
		if old != p {
			swaps = append(swaps, [2]*person{old, p})
		}
	}
	// replacement is a free colleague from pool, else a new hire in role.
	replacement := func(pool []*person, role certification.Role) *person {
		if p := c.pickFree(pool, team, usable); p != nil {
			return p
		}
		return g.hire(role, c, c.missing(team))
	}
	for _, m := range ap.team {
		switch m.role {
		case certification.TeamLead:
			p := m.p
			if !p.has(certification.RoleLeadAuditor) || !p.qualified(c.std) || !usable(p) {
				p = replacement(g.leads, certification.RoleLeadAuditor)
			}
			put(m.p, p, m.role)
		case certification.TeamAuditor:
			p := m.p
			if !p.qualified(c.std) || !usable(p) {
				p = replacement(g.auditors, certification.RoleAuditor)
			}
			put(m.p, p, m.role)
		case certification.TeamTechnicalExpert:
			p := m.p
			if !usable(p) {
				p = c.bestExpert(c.missing(team), usable)
			}
			if p != nil {
				put(m.p, p, m.role)
			} else {
				swaps = append(swaps, [2]*person{m.p, nil})
			}
		default:
			if usable(m.p) {
				put(m.p, m.p, m.role)
			}
		}
	}
	for n := c.missing(team); !n.empty(); n = c.missing(team) {
		p := c.bestExpert(n, usable)
		if p == nil || n.covers(p) == 0 {
			p = g.hire(certification.RoleTechnicalExpert, c, n)
		}
		team = append(team, member{p, certification.TeamTechnicalExpert})
	}
	for _, m := range team {
		g.book(m.p, a, b)
	}
	ap.team = team
	if len(swaps) == 0 {
		return
	}
	lead := team[0].p
	for _, f := range ap.findings {
		for _, s := range swaps {
			if f.by == s[0] {
				f.by = s[1]
				break
			}
		}
		if f.by == nil || !onTeam(team, f.by) || !f.by.has(certification.RoleAuditor) {
			f.by = lead
		}
	}
}

// pickFree chooses a free member of pool qualified for the standard,
// preferring those competent for a sector the team lacks; nil if nobody
// is free.
func (c *cert) pickFree(pool []*person, team []member, usable func(*person) bool) *person {
	n := c.missing(team)
	var ok, best []*person
	for _, p := range pool {
		if p.qualified(c.std) && usable(p) {
			ok = append(ok, p)
			if n.covers(p) > 0 {
				best = append(best, p)
			}
		}
	}
	if len(best) > 0 && c.chance(80) {
		ok = best
	}
	if len(ok) == 0 {
		return nil
	}
	return ok[c.cl.r.IntN(len(ok))]
}

// bestExpert returns the free technical expert who meets most of n (the
// first such in the register; any free expert when n is empty), or nil.
func (c *cert) bestExpert(n needs, usable func(*person) bool) *person {
	var best *person
	most := -1
	for _, p := range c.cl.g.experts {
		if k := n.covers(p); k > most && usable(p) {
			best, most = p, k
			if !n.empty() && k == len(n.sectors)+len(n.areas) {
				break
			}
		}
	}
	return best
}

// hire adds a new member of staff in role r who is competent for c's
// standard (auditors and leads) and for the needs given, plus a few
// other sectors and areas of their own.
func (g *gen) hire(r certification.Role, c *cert, n needs) *person {
	h := g.hires
	o := &origins[h.IntN(len(origins))]
	name := g.staffName(h, o)
	spec := staffSpec{name: name, languages: []string{o.language}}
	if o.language != "English" {
		spec.languages = append(spec.languages, "English")
	}
	if h.IntN(3) == 0 {
		if l := origins[h.IntN(len(origins))].language; !slices.Contains(spec.languages, l) {
			spec.languages = append(spec.languages, l)
		}
	}
	switch r {
	case certification.RoleLeadAuditor:
		spec.roles = []certification.Role{rLA, rA}
	case certification.RoleAuditor:
		spec.roles = []certification.Role{rA}
		if h.IntN(5) == 0 {
			spec.roles = append(spec.roles, rTE)
		}
	default:
		spec.roles = []certification.Role{rTE}
	}
	spec.standards = []certification.Standard{c.std}
	if h.IntN(100) < 40 {
		if s := sAll[h.IntN(len(sAll))]; s != c.std {
			spec.standards = append(spec.standards, s)
		}
	}
	// Sectors: what is needed, the client's (a lead or auditor hired for
	// the client knows its business), and a few more.
	spec.sectors = append(spec.sectors, n.sectors...)
	if r != certification.RoleTechnicalExpert {
		for _, s := range c.cl.rec.Sectors {
			if !slices.Contains(spec.sectors, s) {
				spec.sectors = append(spec.sectors, s)
			}
		}
	}
	for k := 1 + h.IntN(3); k > 0; k-- {
		if s := pickSector(h); !slices.Contains(spec.sectors, s) {
			spec.sectors = append(spec.sectors, s)
		}
	}
	if slices.Contains(spec.standards, certification.ISO42001) || len(n.areas) > 0 {
		spec.ai = append(spec.ai, n.areas...)
		if r != certification.RoleTechnicalExpert && !slices.Contains(spec.ai, certification.AIRisk) && h.IntN(100) < 70 {
			spec.ai = append(spec.ai, certification.AIRisk)
		}
		if a := certification.AIAreas[h.IntN(len(certification.AIAreas))]; !slices.Contains(spec.ai, a) {
			spec.ai = append(spec.ai, a)
		}
	}
	p := &person{spec: spec}
	g.addStaff(p)
	return p
}

// staffName returns a name not yet on the register (nor a client's
// contact on the body's staff: names are only checked against staff).
func (g *gen) staffName(h *rand.Rand, o *origin) string {
	for try := 0; ; try++ {
		name := o.first[h.IntN(len(o.first))] + " " + o.last[h.IntN(len(o.last))]
		if try >= 20 {
			name = o.first[h.IntN(len(o.first))] + " " + string(rune('A'+h.IntN(26))) + ". " + o.last[h.IntN(len(o.last))]
		}
		if !g.names[certification.Fold(name)] && !g.emails[email(name, "certdesk.example")] {
			return name
		}
	}
}

// origin is where a hired member of staff comes from: names and language.
type origin struct {
	language    string
	first, last []string
}

var origins = []origin{
	{"German", []string{"Anja", "Bernd", "Carsten", "Daniela", "Frank", "Gabriele", "Jürgen", "Katrin", "Matthias", "Nicole", "Stefan", "Ute", "Wolfgang", "Sabine", "Tobias"},
		[]string{"Becker", "Braun", "Hartmann", "Krüger", "Lange", "Richter", "Schäfer", "Schulz", "Vogel", "Wagner", "Wolf", "Zimmermann", "Neumann", "Schröder"}},
	{"French", []string{"Amélie", "Antoine", "Camille", "Claire", "Guillaume", "Isabelle", "Julien", "Laurent", "Manon", "Nicolas", "Pauline", "Sébastien", "Thomas", "Valérie"},
		[]string{"Bernard", "Bonnet", "Durand", "Fournier", "Girard", "Lefebvre", "Leroy", "Mercier", "Michel", "Petit", "Roux", "Simon", "Laurent", "Fontaine"}},
	{"Spanish", []string{"Alejandro", "Beatriz", "Carlos", "Carmen", "Diego", "Elena", "Javier", "Lucía", "Miguel", "Nuria", "Pablo", "Raquel", "Sergio", "Teresa"},
		[]string{"Fernández", "Gómez", "Hernández", "Jiménez", "López", "Martín", "Moreno", "Navarro", "Pérez", "Romero", "Ruiz", "Sánchez", "Torres", "Vázquez"}},
	{"Italian", []string{"Alessandro", "Chiara", "Davide", "Federica", "Francesca", "Giorgio", "Giulia", "Lorenzo", "Luca", "Marco", "Paola", "Roberta", "Simone", "Valentina"},
		[]string{"Bianchi", "Bruno", "Colombo", "Conti", "De Luca", "Esposito", "Galli", "Greco", "Marino", "Mancini", "Ricci", "Russo", "Moretti", "Barbieri"}},
	{"Dutch", []string{"Anouk", "Bram", "Daan", "Eline", "Femke", "Joost", "Lotte", "Maarten", "Niels", "Roos", "Sander", "Sanne", "Thijs", "Wouter"},
		[]string{"Bakker", "de Boer", "de Graaf", "de Jong", "Dekker", "Jansen", "Janssen", "Meijer", "Mulder", "Smit", "Visser", "van den Berg", "van der Meer", "Vos"}},
	{"Polish", []string{"Agnieszka", "Bartosz", "Ewa", "Jakub", "Joanna", "Katarzyna", "Krzysztof", "Magdalena", "Marcin", "Monika", "Piotr", "Tomasz", "Wojciech", "Zofia"},
		[]string{"Dąbrowski", "Grabowski", "Kamiński", "Kowalczyk", "Lewandowski", "Mazur", "Nowak", "Wiśniewski", "Wójcik", "Zieliński", "Szymański", "Woźniak", "Krawczyk", "Pawlak"}},
	{"Swedish", []string{"Anders", "Astrid", "Björn", "Elin", "Erik", "Frida", "Gustav", "Johanna", "Karin", "Linnea", "Magnus", "Maria", "Nils", "Per"},
		[]string{"Andersson", "Berg", "Eriksson", "Gustafsson", "Johansson", "Karlsson", "Larsson", "Lindberg", "Nilsson", "Olsson", "Persson", "Sandberg", "Holm", "Ekström"}},
	{"Danish", []string{"Anders", "Camilla", "Christian", "Freja", "Jens", "Kirsten", "Lars", "Louise", "Mads", "Mette", "Morten", "Rasmus", "Signe", "Søren"},
		[]string{"Christensen", "Hansen", "Jørgensen", "Kristensen", "Madsen", "Mortensen", "Nielsen", "Olsen", "Pedersen", "Poulsen", "Rasmussen", "Sørensen", "Thomsen", "Møller"}},
	{"Portuguese", []string{"Ana", "António", "Beatriz", "Catarina", "Diogo", "Duarte", "Inês", "João", "Mariana", "Miguel", "Pedro", "Rita", "Rui", "Tiago"},
		[]string{"Almeida", "Carvalho", "Ferreira", "Gomes", "Lopes", "Marques", "Martins", "Oliveira", "Pereira", "Ribeiro", "Rodrigues", "Santos", "Silva", "Sousa"}},
	{"English", []string{"Alice", "Andrew", "Catherine", "Daniel", "Eleanor", "George", "Helen", "James", "Katherine", "Michael", "Rachel", "Richard", "Sarah", "William"},
		[]string{"Baker", "Clarke", "Davies", "Evans", "Harris", "Hughes", "Jackson", "Morgan", "Murphy", "Roberts", "Taylor", "Thompson", "Turner", "Wright"}},
	{"Czech", []string{"Barbora", "Jakub", "Jana", "Jiří", "Kateřina", "Lucie", "Martin", "Michal", "Ondřej", "Pavla", "Petr", "Tereza", "Tomáš", "Veronika"},
		[]string{"Černý", "Dvořák", "Horák", "Kučera", "Marek", "Novotný", "Pokorný", "Procházka", "Svoboda", "Veselý", "Němec", "Král", "Růžička", "Beneš"}},
	{"Finnish", []string{"Aino", "Antti", "Eero", "Hanna", "Janne", "Juha", "Katja", "Laura", "Mikko", "Minna", "Pekka", "Riikka", "Sanna", "Ville"},
		[]string{"Heikkinen", "Hämäläinen", "Koskinen", "Korhonen", "Laine", "Lehtonen", "Mäkinen", "Mäkelä", "Nieminen", "Järvinen", "Lehtinen", "Saarinen", "Virtanen", "Salminen"}},
	{"Greek", []string{"Alexandros", "Anastasia", "Christos", "Dimitra", "Eleni", "Georgios", "Ioanna", "Konstantinos", "Maria", "Nikolaos", "Panagiotis", "Sofia", "Vasiliki", "Yannis"},
		[]string{"Alexiou", "Georgiou", "Ioannou", "Karagiannis", "Konstantinou", "Makris", "Nikolaidis", "Oikonomou", "Papadopoulos", "Papageorgiou", "Pappas", "Vlachos", "Dimitriou", "Antoniou"}},
	{"English", []string{"Aoife", "Ciara", "Conor", "Declan", "Eoin", "Fiona", "Niamh", "Orla", "Padraig", "Ronan", "Siobhan", "Sean", "Cathal", "Grainne"},
		[]string{"Byrne", "Doyle", "Kelly", "Kennedy", "Lynch", "McCarthy", "Murray", "O'Connor", "O'Sullivan", "Quinn", "Ryan", "Walsh", "Gallagher", "Fitzgerald"}},
}
