package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"certdesk/certification"
)

// fate is what a certification's history leads to by AsOf.
type fate int

const (
	fateActive           fate = iota // granted 2 months to 8 years ago, on track
	fateOverdue                      // a surveillance due in the last ~3 months has not taken place
	fateDueSoon                      // a surveillance falls due within the next weeks
	fateSuspended                    // currently suspended
	fateWithdrawn                    // suspended, then withdrawn (or withdrawn at the client's request)
	fateExpired                      // expired without recertification, restoration window still open
	fateLapsed                       // expired more than 6 months ago
	fateSuspendedOnce                // active, with a suspension and restoration in its history
	fateRestored                     // active, expired once and restored within 6 months
	fateApplyingStage1               // application: stage 1 planned (or repeated after "not ready")
	fateApplyingStage2               // stage 1 done, stage 2 planned
	fateAwaitingDecision             // stage 2 done, nonconformities being closed
	fateStage2Gap                    // stage 1 done more than 6 months ago, no stage 2 yet
	fateRefused                      // majors not corrected: certification refused
	numFates
)

var fateWeights = [numFates]float64{
	fateActive: 49, fateOverdue: 4, fateDueSoon: 5, fateSuspended: 4, fateWithdrawn: 3, fateExpired: 3, fateLapsed: 3,
	fateSuspendedOnce: 4, fateRestored: 3, fateApplyingStage1: 4, fateApplyingStage2: 5, fateAwaitingDecision: 5,
	fateStage2Gap: 1.5, fateRefused: 1.5,
}

// fates deals a fate to each client's main certification: with enough
// clients every fate occurs at least once, the rest follow the weights.
func (g *gen) fates() []fate {
	n := g.opt.Clients
	r := g.rng(1 << 40)
	out := make([]fate, 0, n)
	if n >= int(numFates)*2 {
		for f := fate(0); f < numFates; f++ {
			out = append(out, f)
		}
	}
	sum := 0.0
	for _, w := range fateWeights {
		sum += w
	}
	for len(out) < n {
		x := r.Float64() * sum
		f := fate(0)
		for ; f < numFates-1 && x >= fateWeights[f]; f++ {
			x -= fateWeights[f]
		}
		out = append(out, f)
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// client is one client organisation and its planned history.
type client struct {
	g     *gen
	idx   int
	r     *rand.Rand
	rec   certification.Client
	id    certification.ID
	judge *person // decides on this client; never on its teams
	certs []*cert

	sites []string // non-central site codes
	steps []step
	next  int
}

func (g *gen) newClient(i int, f fate) *client {
	cl := &client{g: g, idx: i, r: g.rng(uint64(i) + 1)}
	r := cl.r
	co := &countries[r.IntN(len(countries))]
	var brand string
	cl.rec.LegalName, brand = g.companyName(r, co)
	if r.IntN(10) < 3 && strings.Contains(brand, " ") {
		cl.rec.TradingName = brand // "Nordwind Analytics" for "Nordwind Analytics GmbH"
	}
	if co.name == "France" {
		cl.rec.DocLanguage = "fr" // French clients get their documents in French
	}
	city := co.cities[r.IntN(len(co.cities))]
	cl.rec.RegisteredAddress = co.format(co.streets[r.IntN(len(co.streets))], 1+r.IntN(180), co.post(r), city)

	// Effective personnel: log-uniform from 3 to 5000.
	pers := math.Round(math.Exp(math.Log(3) + r.Float64()*(math.Log(5000)-math.Log(3))))
	cl.rec.EffectivePersonnel = pers

	main := pickSector(r)
	cl.rec.Sectors = []int{main}
	if r.IntN(4) == 0 {
		if s := pickSector(r); s != main {
			cl.rec.Sectors = append(cl.rec.Sectors, s)
		}
	}

	// Multi-site: larger clients more often.
	if pers >= 80 && r.IntN(100) < 30 {
		n := 3 + r.IntN(10) // 3–12 sites, one of them central
		cl.rec.Sites = append(cl.rec.Sites, certification.Site{Code: "HQ", Name: "Head office", Address: cl.rec.RegisteredAddress, Central: true, Personnel: int(pers) / n})
		left := int(pers) - int(pers)/n
		used := map[string]bool{city: true}
		for k := 1; k < n; k++ {
			c := co.cities[r.IntN(len(co.cities))]
			name := c
			if used[c] {
				name = c + " " + itoa(k+1)
			}
			used[c] = true
			code := "S" + itoa(k)
			share := left / (n - k)
			left -= share
			cl.rec.Sites = append(cl.rec.Sites, certification.Site{Code: code, Name: name,
				Address: co.format(co.streets[r.IntN(len(co.streets))], 1+r.IntN(200), co.post(r), c), Personnel: share})
			cl.sites = append(cl.sites, code)
		}
	}

	// Standards: most 42001, some 9001 or 27001, a few clients two.
	std := certification.ISO42001
	switch x := r.IntN(100); {
	case x < 14:
		std = certification.ISO9001
	case x < 28:
		std = certification.ISO27001
	}
	stds := []certification.Standard{std}
	if r.IntN(100) < 12 {
		other := []certification.Standard{certification.ISO42001, certification.ISO9001, certification.ISO27001}
		other = slices.DeleteFunc(other, func(s certification.Standard) bool { return s == std })
		stds = append(stds, other[r.IntN(len(other))])
	}
	if slices.Contains(stds, certification.ISO42001) {
		cl.aiProfile(main)
	}
	for k := 0; k < 1+r.IntN(2); k++ {
		first, last := firstNames[r.IntN(len(firstNames))], surnames[r.IntN(len(surnames))]
		cl.rec.Contacts = append(cl.rec.Contacts, certification.Contact{Name: first + " " + last,
			Role: contactRoles[r.IntN(len(contactRoles))], Email: email(first+" "+last, domainOf(cl.rec.LegalName)),
			Phone: "+" + itoa(30+r.IntN(20)) + " " + digits(r, 3) + " " + digits(r, 6)})
	}

	// Impartiality: the decision maker never audits this client.
	cl.judge = g.judges[r.IntN(len(g.judges))]

	for k, s := range stds {
		cf := f
		if k > 0 {
			switch x := r.IntN(100); {
			case x < 70:
				cf = fateActive
			case x < 85:
				cf = fateApplyingStage2
			default:
				cf = fateAwaitingDecision
			}
		}
		cl.certs = append(cl.certs, cl.newCert(s, cf, main))
	}
	return cl
}

// companyName returns a unique legal name and the name without its legal form.
func (g *gen) companyName(r *rand.Rand, co *country) (legal, brand string) {
	for try := 0; ; try++ {
		var base string
		switch r.IntN(4) {
		case 0:
			base = namePrefixes[r.IntN(len(namePrefixes))] + strings.ToLower(nameCores[r.IntN(len(nameCores))])
		case 1:
			base = namePrefixes[r.IntN(len(namePrefixes))] + " " + nameCores[r.IntN(len(nameCores))] + " " + nameWords[r.IntN(len(nameWords))]
		case 2:
			base = surnames[r.IntN(len(surnames))] + " " + nameWords[r.IntN(len(nameWords))]
		default:
			base = namePrefixes[r.IntN(len(namePrefixes))] + nameCores[r.IntN(len(nameCores))] + " " + nameWords[r.IntN(len(nameWords))]
		}
		name := base + " " + co.forms[r.IntN(len(co.forms))]
		if try > 6 {
			name = base + " " + co.cities[r.IntN(len(co.cities))] + " " + co.forms[r.IntN(len(co.forms))]
		}
		if try > 12 {
			name = base + " " + itoa(try) + " " + co.forms[r.IntN(len(co.forms))]
		}
		key := certification.Fold(name)
		if !g.names[key] {
			g.names[key] = true
			return name, base
		}
	}
}

func pickSector(r *rand.Rand) int {
	total := 0
	for _, w := range sectorWeights {
		total += w
	}
	x := r.IntN(total)
	for code := 1; code <= 39; code++ {
		if x < sectorWeights[code] {
			return code
		}
		x -= sectorWeights[code]
	}
	return 35
}

// aiProfile gives a 42001 client its AI roles and AI systems.
func (cl *client) aiProfile(sector int) {
	r := cl.r
	switch sector {
	case 33:
		cl.rec.AIRoles = []certification.AIRole{certification.AIDeveloper, certification.AIProvider}
		if r.IntN(4) == 0 {
			cl.rec.AIRoles = append(cl.rec.AIRoles, certification.AIProducer)
		}
	case 19, 13:
		cl.rec.AIRoles = []certification.AIRole{certification.AIProducer}
	case 32, 38, 36, 37:
		cl.rec.AIRoles = []certification.AIRole{certification.AIUser}
		if r.IntN(3) == 0 {
			cl.rec.AIRoles = append(cl.rec.AIRoles, certification.AIProvider)
		}
	default:
		cl.rec.AIRoles = []certification.AIRole{certification.AIUser}
		if r.IntN(4) == 0 {
			cl.rec.AIRoles = append(cl.rec.AIRoles, certification.AIPartner)
		}
	}
	pool := append(slices.Clone(aiSystemsBySector[sector]), genericAISystems...)
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	n := 1 + r.IntN(min(4, len(pool)))
	for _, s := range pool[:n] {
		cl.rec.AISystems = append(cl.rec.AISystems, certification.AISystem{Name: s.name, Purpose: s.purpose, RiskClass: s.risk, PersonalData: s.personal, Autonomy: s.autonomy})
	}
}

// initialDays is the initial audit time (stage 1 + stage 2) from the IAF
// MD 5 table, with additions for AI work and sites.
func (cl *client) initialDays(std certification.Standard) float64 {
	p := cl.rec.EffectivePersonnel
	table := []struct {
		upTo float64
		days float64
	}{{5, 1.5}, {10, 2}, {15, 2.5}, {25, 3}, {45, 4}, {65, 5}, {85, 6}, {125, 7}, {175, 8}, {275, 9}, {425, 10}, {625, 11},
		{875, 12}, {1175, 13}, {1550, 14}, {2025, 15}, {2675, 16}, {3450, 17}, {4350, 18}, {5450, 19}, {6800, 20}, {8500, 21}, {10700, 22}}
	days := 23.0
	for _, row := range table {
		if p <= row.upTo {
			days = row.days
			break
		}
	}
	if std == certification.ISO42001 {
		add := 0.0
		for _, role := range cl.rec.AIRoles {
			add = max(add, map[certification.AIRole]float64{certification.AIProducer: 2, certification.AIDeveloper: 1.5, certification.AIProvider: 1.5, certification.AIUser: 1, certification.AIPartner: 1}[role])
		}
		for _, s := range cl.rec.AISystems {
			if s.RiskClass == certification.RiskHigh {
				add += 0.5
			}
		}
		days += add
	}
	days += 0.5 * math.Ceil(math.Sqrt(float64(len(cl.sites))))
	return days
}

// plan plans the client's history: its certifications' steps, the client
// record before the first of them, and a time of day for each step.
func (cl *client) plan() {
	for _, c := range cl.certs {
		c.simulate()
	}
	cl.planComplaint() // complaints.go
	slices.SortStableFunc(cl.steps, func(a, b step) int { return int(a.date) - int(b.date) })
	created := cl.g.asOf
	if len(cl.steps) > 0 {
		created = cl.steps[0].date.AddDays(-cl.r.IntN(15))
	}
	cl.rec.Created = created
	rec := cl.rec
	add := step{date: created, actor: cl.g.managers[cl.idx%len(cl.g.managers)], what: "add client", do: func(svc *certification.Service) error {
		id, err := svc.AddClient(cl.g.ctx, rec)
		cl.id = id
		return err
	}}
	cl.steps = slices.Insert(cl.steps, 0, add)
	// Office hours: the first command of a day between 08:00 and 10:00,
	// the next ones a few minutes to an hour later.
	var day certification.Date
	minute := 0
	for i := range cl.steps {
		s := &cl.steps[i]
		if s.date != day {
			day, minute = s.date, 8*60+cl.r.IntN(120)
		} else {
			minute = min(minute+3+cl.r.IntN(60), 23*60+59)
		}
		s.minute = minute
	}
}

// at adds a step unless it falls after AsOf.
func (cl *client) at(d certification.Date, who *person, what string, fn func(*certification.Service) error) {
	if d > cl.g.asOf {
		return
	}
	cl.steps = append(cl.steps, step{date: d, actor: who, what: what, do: fn})
}

func (cl *client) manager() *person { return cl.g.managers[cl.idx%len(cl.g.managers)] }

func email(name, domain string) string {
	var b strings.Builder
	for _, f := range strings.Fields(strings.ToLower(name)) {
		f = strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z':
				return r
			case strings.ContainsRune("áàâäãåą", r):
				return 'a'
			case strings.ContainsRune("éèêëęě", r):
				return 'e'
			case strings.ContainsRune("íìîï", r):
				return 'i'
			case strings.ContainsRune("óòôöõøő", r):
				return 'o'
			case strings.ContainsRune("úùûüůű", r):
				return 'u'
			case strings.ContainsRune("çćč", r):
				return 'c'
			case strings.ContainsRune("śš", r):
				return 's'
			case strings.ContainsRune("źżž", r):
				return 'z'
			case r == 'ñ' || r == 'ń':
				return 'n'
			case r == 'ł':
				return 'l'
			case r == 'ř':
				return 'r'
			case r == 'ý':
				return 'y'
			}
			return -1
		}, f)
		if f == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f)
	}
	return b.String() + "@" + domain
}

func domainOf(legal string) string {
	f := strings.Fields(legal)
	return strings.TrimSuffix(email(f[0], "x"), "@x") + ".example"
}
