// Package demo fills a store with a realistic certification body: a core
// of 14 named staff, more lead auditors, auditors and technical experts
// hired as the number of clients needs them (staff.go), and any number
// of clients with several years of history (applications, stage 1 and 2
// audits with findings, grants, surveillance, renewals, suspensions,
// expiries and withdrawals). Every confirmed audit's team passes the
// service's team check: a qualified lead, the client's sectors and AI
// areas covered, nobody double-booked or deciding on the client.
//
// Every record is made by the real certification.Service commands, so it
// passes the same gates as a record entered by hand; a refusal is a bug of
// the generator and is returned as an error. The generator keeps its own
// clock, which it moves to the date of each command, and runs the
// commands of all clients in date order, so that the journal reads like
// the body's real history. The output depends only on Options: the same
// seed gives the same records, ids and journal.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"certdesk/certification"
	"certdesk/certification/exchange"
)

// Options says what to generate.
type Options struct {
	// Clients is the number of client organisations (at least 1).
	Clients int
	// Seed makes the data reproducible.
	Seed int64
	// AsOf is "today" for the generated history: everything happens on
	// or before it; audits may be planned for later.
	AsOf certification.Date
	// Shard is the number of clients Bulk generates in one shard (0:
	// ShardClients). The records and ids Bulk gives depend on it.
	Shard int
	// Progress, if set, is called now and then with the number of
	// commands run and the total.
	Progress func(done, total int)
}

// Summary says what was generated.
type Summary struct {
	AsOf           certification.Date `json:"as_of"`
	Seed           int64              `json:"seed"`
	People         int                `json:"people"`
	Clients        int                `json:"clients"`
	Certifications int                `json:"certifications"`
	Audits         int                `json:"audits"`
	Findings       int                `json:"findings"`
	Decisions      int                `json:"decisions"`
	Certificates   int                `json:"certificates"`
	Cases          int                `json:"cases"` // complaints
	// Commands is the number of service commands run (journal entries).
	Commands int `json:"commands"`
}

// MaxClients bounds Options.Clients.
const MaxClients = 1_000_000

// clock is the generator's movable clock.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

type person struct {
	spec staffSpec
	n    int              // place on the register: staff are registered first, in this order
	id   certification.ID // n+1: the register's ids, the same in every shard

	book     ledger // audits booked while planning
	capacity int    // most audit days a year
}

func (p *person) has(r certification.Role) bool {
	for _, x := range p.spec.roles {
		if x == r {
			return true
		}
	}
	return false
}

func (p *person) qualified(std certification.Standard) bool {
	for _, s := range p.spec.standards {
		if s == std {
			return true
		}
	}
	return false
}

func (p *person) knowsSector(sectors []int) bool {
	for _, s := range p.spec.sectors {
		for _, t := range sectors {
			if s == t {
				return true
			}
		}
	}
	return false
}

// step is one command at a date.
type step struct {
	date   certification.Date
	minute int
	actor  *person
	what   string
	do     func(svc *certification.Service) error
}

type gen struct {
	ctx    context.Context
	opt    Options
	asOf   certification.Date
	policy certification.Policy

	// staff is the register in the order of registration: the core
	// staff, then the people hired while planning. managers and judges
	// hold those roles; leads are all lead auditors (a judge among them
	// never leads for a client they decide on), auditors those who only
	// audit, experts all technical experts.
	staff                                      []*person
	managers, leads, auditors, experts, judges []*person
	names                                      map[string]bool    // client legal names and staff names, folded
	emails                                     map[string]bool    // staff e-mail addresses
	hires                                      *rand.Rand         // hired staff's names and competence
	origin                                     certification.Date // the booking ledgers' first day
	originDay                                  int                // dayNumber(origin)
}

// Generate fills store, which must be empty, with opt.Clients clients
// and their history up to opt.AsOf, running every command through a
// certification.Service on store (each command is one journal entry).
// On a Badger store that costs a transaction per command; to build a
// large body quickly use Bulk, which generates it in memory shard by
// shard, as certctl demo does.
func Generate(ctx context.Context, store certification.Store, opt Options) (Summary, error) {
	g, err := newGen(ctx, opt)
	if err != nil {
		return Summary{}, err
	}
	if empty, err := exchange.IsEmpty(ctx, store); err != nil {
		return Summary{}, err
	} else if !empty {
		return Summary{}, fmt.Errorf("demo: %w: demo data goes into an empty store", exchange.ErrNotEmpty)
	}
	clients, steps, err := g.planClients(g.fates(), 0, opt.Clients)
	if err != nil {
		return Summary{}, err
	}
	tick := newTicker(opt.Progress, len(g.staff)+steps)
	sh := g.newShard(store)
	if err := sh.register(g.staff, tick); err != nil {
		return Summary{}, err
	}
	done, err := sh.run(clients, tick)
	if err != nil {
		return Summary{}, err
	}
	tick.finish()
	return g.summary(ctx, store, len(g.staff)+done)
}

func newGen(ctx context.Context, opt Options) (*gen, error) {
	if opt.Clients < 1 || opt.Clients > MaxClients {
		return nil, &certification.ValidationError{Record: "demo", Field: "clients", Msg: fmt.Sprintf("give a number of clients from 1 to %d, got %d", MaxClients, opt.Clients)}
	}
	if opt.AsOf.IsZero() {
		return nil, &certification.ValidationError{Record: "demo", Field: "as_of", Msg: "give the date the demo history runs up to"}
	}
	if opt.AsOf.Year() < 1920 || opt.AsOf.Year() > 9980 {
		return nil, &certification.ValidationError{Record: "demo", Field: "as_of", Msg: "the date must leave room for ten years of history"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g := &gen{ctx: ctx, opt: opt, asOf: opt.AsOf, policy: certification.DefaultPolicy(), names: map[string]bool{},
		emails: map[string]bool{}, origin: opt.AsOf.AddMonths(-12 * ledgerYears)}
	g.hires = g.rng(1 << 41)
	g.originDay = dayNumber(g.origin)
	for _, s := range staffList {
		g.addStaff(&person{spec: staffSpec{name: s.name, roles: s.roles, standards: s.standards, sectors: s.sectors,
			ai: aiAreas[s.name], languages: coreLanguages[s.name]}})
	}
	return g, nil
}

// staffYears is how many years before AsOf the body registers its
// staff, a few hundred a day: before any client's history begins (the
// oldest, a certification granted eight years ago and lapsed, begins
// about ten years back). It does not wait for the plan, so that Bulk
// can plan shard by shard.
const staffYears = 11

func (g *gen) staffDay() certification.Date { return g.asOf.AddMonths(-12 * staffYears) }

// planClients plans the history of clients lo to hi-1 (pure: no store
// access; staff are booked and hired as teams are made). Clients must
// be planned in order, each once: the plan of one depends on the
// bookings of those before it. It returns them and their number of
// commands.
func (g *gen) planClients(fates []fate, lo, hi int) ([]*client, int, error) {
	clients := make([]*client, 0, hi-lo)
	steps := 0
	for i := lo; i < hi; i++ {
		if i%256 == 0 {
			if err := g.ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		cl := g.newClient(i, fates[i])
		cl.plan()
		if len(cl.steps) > 0 && cl.steps[0].date <= g.staffDay().AddDays(len(g.staff)/500+1) {
			return nil, 0, fmt.Errorf("demo: generator bug: client %d's history begins on %s, before its staff are registered", i+1, cl.steps[0].date)
		}
		clients = append(clients, cl)
		steps += len(cl.steps)
	}
	return clients, steps, nil
}

func (g *gen) summary(ctx context.Context, store certification.Store, commands int) (Summary, error) {
	s := Summary{AsOf: g.asOf, Seed: g.opt.Seed, Commands: commands}
	err := store.View(ctx, func(tx certification.Tx) error {
		for _, c := range []struct {
			kind certification.Kind
			n    *int
		}{
			{certification.KindPerson, &s.People}, {certification.KindClient, &s.Clients},
			{certification.KindCertification, &s.Certifications}, {certification.KindAudit, &s.Audits},
			{certification.KindFinding, &s.Findings}, {certification.KindDecision, &s.Decisions},
			{certification.KindCertificate, &s.Certificates}, {certification.KindCase, &s.Cases},
		} {
			n, err := tx.Count(c.kind)
			if err != nil {
				return err
			}
			*c.n = n
		}
		return nil
	})
	return s, err
}

// clientHeap orders clients by the date and time of their next step.
type clientHeap []*client

func (h clientHeap) Len() int { return len(h) }
func (h clientHeap) Less(i, j int) bool {
	a, b := &h[i].steps[h[i].next], &h[j].steps[h[j].next]
	if a.date != b.date {
		return a.date < b.date
	}
	if a.minute != b.minute {
		return a.minute < b.minute
	}
	return h[i].idx < h[j].idx
}
func (h clientHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *clientHeap) Push(x any)   { *h = append(*h, x.(*client)) }
func (h *clientHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// rng returns the random source of client i (or of a purpose such as
// fate allocation): independent of the order in which clients are planned.
func (g *gen) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.opt.Seed), stream*0x9E3779B97F4A7C15+0x5EED))
}
