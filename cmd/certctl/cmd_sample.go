package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"certdesk/audit/sampling"
	"certdesk/certification"
	"certdesk/certification/view"
)

// certctl sample: the sites a multi-site audit visits (IAF MD 1).

type sampleCmd struct {
	Sites    *int             `help:"sample N numbered sites (S01…) besides the central function CF"`
	Client   certification.ID `help:"sample the client's sites (from the data folder)"`
	Kind     string           `required:"" placeholder:"initial|surveillance|recertification" help:"the audit the sample is for"`
	Seed     seed             `placeholder:"S" help:"seed of the random draw (default: a new one, printed)"`
	Standard string           `placeholder:"S" help:"with --client: count visits in this standard's certification only"`
	Visited  csv              `placeholder:"CODE" help:"site code visited in the current cycle; repeat or comma-separate"`
}

func (sampleCmd) Help() string {
	return `Draws the sites a multi-site audit visits (IAF MD 1): with n sites besides
the central function, ⌈√n⌉ for the initial audit, ⌈0.6·√n⌉ for each
surveillance, ⌈0.8·√n⌉ for recertification; the central function is in
every audit. At least a quarter of the sample is drawn at random with the
seed printed (--seed S draws the same again; default: a new seed); the rest
are chosen first: sites not yet visited in the cycle, then larger sites,
then code order. --sites N samples N numbered sites (S01…, central CF);
--client ID samples the client's sites, counting as visited the sites of
the audits (planned or held, not cancelled) of each open certification's
current cycle (--standard: one certification only). --visited CODE marks more sites as visited.`
}

func (c *sampleCmd) Run(e *env) error {
	kind, err := sampling.ParseSampleKind(c.Kind)
	if err != nil {
		return inputf("--kind: %v", err)
	}
	if (c.Sites != nil && *c.Sites >= 0) == (c.Client != 0) {
		return inputf("give either --sites N or --client ID")
	}
	if c.Standard != "" && c.Client == 0 {
		return inputf("--standard needs --client")
	}
	seed := c.Seed.n
	if !c.Seed.set {
		// A new seed below 2⁵³, so that JSON readers keep it exact.
		seed = rand.Uint64N(1 << 53)
	}

	var sites []sampling.SiteRef
	var clientID certification.ID
	if c.Sites != nil && *c.Sites >= 0 {
		n := *c.Sites
		if n > 100000 {
			return inputf("--sites: at most 100000 sites, got %d", n)
		}
		sites = append(sites, sampling.SiteRef{Code: "CF", Central: true})
		width := len(strconv.Itoa(max(n, 10)))
		for i := 1; i <= n; i++ {
			sites = append(sites, sampling.SiteRef{Code: fmt.Sprintf("S%0*d", width, i)})
		}
	} else {
		id := c.Client
		var onlyStd certification.Standard
		svc, err := e.reader()
		if err != nil {
			return err
		}
		if c.Standard != "" {
			if onlyStd, err = standard(c.Standard); err != nil {
				return err
			}
		}
		v, err := view.Client(e.ctx, svc, id, e.todayDate())
		if err != nil {
			return err
		}
		clientID = id
		var inCycle []*certification.Audit
		found := onlyStd == ""
		for _, file := range v.Files {
			cert := file.Certification
			if onlyStd != "" && cert.Standard != onlyStd || !cert.Closed.IsZero() {
				continue
			}
			found = true
			inCycle = append(inCycle, file.AuditsIn(cert.CycleNumber())...)
		}
		if !found {
			return inputf("--standard: client %d has no open %s certification", id, onlyStd)
		}
		sites = certification.ClientSiteRefs(&v.Client, inCycle)
		if len(sites) == 0 {
			return inputf("client %d has no sites on record: add them, or use --sites N", id)
		}
	}
	for _, code := range c.Visited {
		i := slices.IndexFunc(sites, func(s sampling.SiteRef) bool { return s.Code == code })
		if i < 0 {
			return inputf("--visited: there is no site %q", code)
		}
		sites[i].VisitedInCycle = true
	}

	s, err := sampling.Draw(sites, kind, seed)
	if err != nil {
		var fe *sampling.FieldError
		if errors.As(err, &fe) {
			if clientID != 0 {
				return inputf("client %d's sites: %s", clientID, fe.Message)
			}
			return inputf("%s: %s", fe.Field, fe.Message)
		}
		return err
	}
	if e.json {
		out := map[string]any{"sample": s, "sites": sites}
		if clientID != 0 {
			out["client_id"] = clientID
		}
		return e.writeJSON(out)
	}

	e.printf("%s sample: %d of %d sites besides the central function, %d drawn at random with seed %d.\n",
		strings.ToUpper(string(kind[:1]))+string(kind[1:]), s.Size, s.Sites, len(s.Random), s.Seed)
	e.printf("Visit: %s\n\n", strings.Join(s.Visit, ", "))
	t := e.table("SITE", "WHY", "VISITED IN CYCLE")
	visitedIn := map[string]bool{}
	for _, x := range sites {
		visitedIn[x.Code] = x.VisitedInCycle
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	t.row(s.Central, "central function (every audit)", yes(visitedIn[s.Central]))
	for _, code := range s.Chosen {
		why := "chosen first"
		if slices.Contains(s.Random, code) {
			why = "drawn at random"
		}
		t.row(code, why, yes(visitedIn[code]))
	}
	t.flush()
	e.printf("\n")
	for _, r := range s.Reasons {
		e.printf("%s\n", r)
	}
	again := fmt.Sprintf("certctl sample --sites %d", s.Sites)
	if clientID != 0 {
		again = fmt.Sprintf("certctl sample --client %d", clientID)
		if c.Standard != "" {
			again += " --standard " + strings.TrimSpace(c.Standard)
		}
	}
	if len(c.Visited) > 0 {
		again += " --visited " + strings.Join(c.Visited, ",")
	}
	e.printf("The same draw again (with the same sites and visits): %s --kind %s --seed %d\n", again, kind, s.Seed)
	return nil
}
