package demo

import (
	"container/heap"
	"context"
	"fmt"
	"sync"
	"time"

	"certdesk/certification"
)

// shard runs planned clients' commands on one store, with a clock of its
// own: Generate runs every client in one shard, Bulk a few hundred per
// shard.
type shard struct {
	g     *gen
	ctx   context.Context // stops the run; the planned steps carry the generator's
	clock *clock
	svc   *certification.Service
	as    []*certification.Service // the service acting as each person, by person.n
	// byClient: tick once per client whose steps have all run (Bulk),
	// instead of once per command (Generate).
	byClient bool
}

func (g *gen) newShard(store certification.Store) *shard {
	sh := &shard{g: g, ctx: g.ctx, clock: &clock{}}
	sh.svc = certification.NewService(store, sh.clock)
	return sh
}

// register adds the body's own standards and staff, the people on the
// register (the core staff and those hired while planning), a few
// hundred a day from gen.staffDay. Each person gets the id the plan gave
// them (person.id): a shard whose store hands out others is refused.
func (sh *shard) register(staff []*person, tick *ticker) error {
	ctx := sh.g.ctx
	staffDay := sh.g.staffDay()
	// The body certifies ISO 14001 too, from a catalogue it added itself.
	sh.clock.t = staffDay.AddDays(-1).Time().Add(9 * time.Hour)
	if err := sh.addStandards(); err != nil {
		return err
	}
	sh.as = make([]*certification.Service, len(staff))
	for i, p := range staff {
		sh.clock.t = staffDay.AddDays(i / 500).Time().Add(time.Duration(8*60+i%500) * time.Minute)
		roles := append([]certification.Role(nil), p.spec.roles...)
		rec := certification.Person{Name: p.spec.name, Email: email(p.spec.name, "certdesk.example"), Roles: roles,
			Competence: &certification.PersonCompetence{Standards: p.spec.standards, Sectors: p.spec.sectors, AIAreas: p.spec.ai, Languages: p.spec.languages}}
		id, err := sh.svc.AddPerson(ctx, rec)
		if err != nil {
			return fmt.Errorf("demo: adding %s: %w", p.spec.name, err)
		}
		if id != p.id {
			return fmt.Errorf("demo: %s was given id %d, not %d: the store must be empty", p.spec.name, id, p.id)
		}
		sh.as[p.n] = sh.svc.As(certification.Actor{PersonID: id, Name: p.spec.name})
		if !sh.byClient {
			tick.add(1)
		}
	}
	return nil
}

// run runs the steps of clients in date order (of all clients together)
// and returns how many it ran. It drops each client's steps when they
// have run.
func (sh *shard) run(clients []*client, tick *ticker) (int, error) {
	ctx := sh.ctx
	h := make(clientHeap, 0, len(clients))
	for _, cl := range clients {
		if len(cl.steps) > 0 {
			h = append(h, cl)
		}
	}
	heap.Init(&h)
	done := 0
	for h.Len() > 0 {
		cl := h[0]
		s := &cl.steps[cl.next]
		if done%256 == 0 {
			if err := ctx.Err(); err != nil {
				return done, err
			}
		}
		sh.clock.t = s.date.Time().Add(time.Duration(s.minute) * time.Minute)
		svc := sh.svc
		if s.actor != nil {
			svc = sh.as[s.actor.n]
		}
		if err := s.do(svc); err != nil {
			return done, fmt.Errorf("demo: generator bug: client %d (%s), %s on %s: %w", cl.idx+1, cl.rec.LegalName, s.what, s.date, err)
		}
		s.do = nil // let the closure go
		cl.next++
		done++
		if done%1000 == 0 && !sh.byClient {
			tick.add(1000)
		}
		if cl.next == len(cl.steps) {
			cl.steps = nil
			heap.Pop(&h)
			if sh.byClient {
				tick.add(1)
			}
		} else {
			heap.Fix(&h, 0)
		}
	}
	if !sh.byClient {
		tick.add(done % 1000)
	}
	return done, nil
}

// ticker reports progress (Options.Progress) from any goroutine, one
// report at a time.
type ticker struct {
	mu          sync.Mutex
	fn          func(done, total int)
	done, total int
}

func newTicker(fn func(done, total int), total int) *ticker {
	t := &ticker{fn: fn, total: total}
	t.add(0)
	return t
}

func (t *ticker) add(n int) {
	if t.fn == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done += n
	t.fn(t.done, t.total)
}

// finish reports the end.
func (t *ticker) finish() {
	if t.fn == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fn(t.done, t.total)
}
