package main

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"certdesk/audit/audittime"
	"certdesk/audit/sampling"
	"certdesk/audit/scheme"
	"certdesk/certification"
)

func init() {
	verbHelp["audit-time"] = `Calculates audit time (IAF MD 5) and prints it with its justification,
ready for the contract. A pure calculation: no data folder is needed unless
--client is given, which reads the client's effective personnel, AI roles,
AI systems, sites and open standards (flags given as well override them).

ISO 9001 and 27001 use the IAF MD 5 quality-management table (beyond 10,700
personnel one more day for each 25 % more); ISO/IEC 42001 uses the body's
table for 1–10 AI personnel by AI role (producer 5, provider, developer,
user, partner 3.5, two or more roles 6.5 days), scaled above 10 AI
personnel with the MD 5 progression. --adjust "+10:REASON" or
"-5:REASON" (for one standard "42001:+10:REASON") adjusts by a percentage
with a reason; reductions together at most 30 % per standard. The 42001
complexity factors (--ai-system, --ai-processes) give suggested
adjustments that --accept-suggestions applies. --integrated with
--integration-reduction P (0–20) reduces the sum for an integrated audit.
Times are rounded to the nearest half auditor-day (8 hours); stage 1 is
30 %, surveillance 1/3 and recertification 2/3 of the initial time.
--sites CODE:PERSONNEL[:central] splits the time over sites.`
	verbHelp["sample"] = `Draws the sites a multi-site audit visits (IAF MD 1): with n sites besides
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

// --- audit-time ---------------------------------------------------------------------

// auditTimeFlags names the flag behind each field of audittime.Input.
var auditTimeFlags = map[string]string{
	"standards":             "--standard",
	"effective_personnel":   "--personnel",
	"ai_personnel":          "--ai-personnel",
	"ai_roles":              "--ai-role",
	"ai_systems":            "--ai-system",
	"ai_processes":          "--ai-processes",
	"adjustments":           "--adjust",
	"integrated":            "--integrated",
	"integration_reduction": "--integration-reduction",
	"sites":                 "--sites",
}

// auditTimeCalc is a calculated audit time with what it was calculated
// from: certctl audit-time prints it, export xlsx audit-time writes it.
type auditTimeCalc struct {
	in     audittime.Input
	res    *audittime.Result
	client certification.Client // zero without --client
}

// auditTimeFlagsOn declares the audit-time flags on f and returns the
// calculation to run once they are parsed.
func auditTimeFlagsOn(f *flags) func(e *env, out *auditTimeCalc) error {
	client := f.String("client", "", "client id: take personnel, AI roles, AI systems, sites and open standards from the data folder")
	personnel := f.Float64("personnel", 0, "effective personnel (full-time equivalents in scope)")
	aiPersonnel := f.Float64("ai-personnel", 0, "people doing AI work, for 42001 (default: all effective personnel)")
	stds := f.list("standard", "42001, 9001 or 27001; repeat or comma-separate (default: the client's open standards, else 9001)", true)
	roles := f.list("ai-role", "AI role for 42001: producer, provider, developer, user, partner; repeat or comma-separate", true)
	systems := f.list("ai-system", "an AI system as RISK:AUTONOMY[:personal-data] (risk: prohibited, high, limited, minimal; autonomy: assistive, human-in-the-loop, human-on-the-loop, autonomous); repeat", false)
	processes := f.Int("ai-processes", 0, "number of processes using AI (42001 complexity)")
	adjust := f.list("adjust", `an adjustment "+10:REASON" or "-5:REASON", for one standard "42001:+10:REASON"; repeat`, false)
	accept := f.Bool("accept-suggestions", false, "apply the suggested 42001 adjustments")
	integrated := f.Bool("integrated", false, "an integrated audit of the standards")
	reduction := f.Float64("integration-reduction", 0, "percentage (0–20) the integrated audit is reduced by")
	sites := f.list("sites", "a site as CODE:PERSONNEL[:central]; repeat or comma-separate", true)
	f.Var(sites, "site", "the same as --sites")
	return func(e *env, out *auditTimeCalc) error {
		set := map[string]bool{}
		f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })

		in := audittime.Input{
			Standards:            stds.vals,
			EffectivePersonnel:   *personnel,
			AIPersonnel:          *aiPersonnel,
			AIRoles:              roles.vals,
			AIProcesses:          *processes,
			AcceptSuggestions:    *accept,
			Integrated:           *integrated,
			IntegrationReduction: *reduction,
		}
		for _, s := range systems.vals {
			sys, err := parseAISystem(s)
			if err != nil {
				return err
			}
			in.AISystems = append(in.AISystems, sys)
		}
		for _, s := range adjust.vals {
			a, err := parseAdjust(s)
			if err != nil {
				return err
			}
			in.Adjustments = append(in.Adjustments, a)
		}
		for _, s := range sites.vals {
			site, err := parseSiteTime(s)
			if err != nil {
				return err
			}
			in.Sites = append(in.Sites, site)
		}

		// Fields taken from the client's record (for messages).
		fromClient := map[string]bool{}
		var clientID certification.ID
		if *client != "" {
			id, err := parseID("--client", *client)
			if err != nil {
				return err
			}
			svc, err := e.reader()
			if err != nil {
				return err
			}
			v, err := svc.ClientView(e.ctx, id, e.todayDate())
			if err != nil {
				return err
			}
			clientID = id
			out.client = v.Client
			c := v.Client
			if !set["personnel"] {
				in.EffectivePersonnel, fromClient["effective_personnel"] = c.EffectivePersonnel, true
			}
			if !set["ai-role"] {
				in.AIRoles = nil
				for _, r := range c.AIRoles {
					in.AIRoles = append(in.AIRoles, string(r))
				}
				fromClient["ai_roles"] = true
			}
			if !set["ai-system"] {
				for _, s := range c.AISystems {
					in.AISystems = append(in.AISystems, audittime.AISystemInput{Name: s.Name, RiskClass: string(s.RiskClass), Autonomy: string(s.Autonomy), PersonalData: s.PersonalData})
				}
				fromClient["ai_systems"] = true
			}
			if !set["sites"] && !set["site"] && len(c.Sites) > 1 {
				for _, s := range c.Sites {
					in.Sites = append(in.Sites, audittime.SiteInput{Code: s.Code, Central: s.Central, Personnel: s.Personnel})
				}
				fromClient["sites"] = true
			}
			if !set["standard"] {
				for _, file := range v.Files {
					if s := string(file.Certification.Standard); file.Certification.Closed.IsZero() && !slices.Contains(in.Standards, s) {
						in.Standards = append(in.Standards, s)
					}
				}
				fromClient["standards"] = true
			}
		} else if !set["personnel"] {
			return inputf("--personnel is required (the effective personnel in scope), or --client ID to take it from the client's record")
		}
		if len(in.Standards) == 0 {
			in.Standards = []string{scheme.ISO9001}
		}

		res, err := audittime.Calculate(in)
		if err != nil {
			var fe *audittime.FieldError
			if !errors.As(err, &fe) {
				return err
			}
			field, _, _ := strings.Cut(fe.Field, "[")
			field, _, _ = strings.Cut(field, ".")
			if fromClient[field] {
				return inputf("client %d's record: %s: %s", clientID, fe.Field, fe.Message)
			}
			if fl, ok := auditTimeFlags[field]; ok {
				return inputf("%s: %s", fl, fe.Message)
			}
			return inputf("%v", err)
		}
		out.in, out.res = in, res
		return nil
	}
}

func (e *env) auditTime(args []string) error {
	f := e.flags("audit-time", usages["audit-time"])
	calc := auditTimeFlagsOn(f)
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	var c auditTimeCalc
	if err := calc(e, &c); err != nil {
		return err
	}
	in, res, clientID := c.in, c.res, c.client.ID
	if e.json {
		out := map[string]any{"input": in, "audit_time": res}
		if clientID != 0 {
			out["client_id"] = clientID
		}
		return e.writeJSON(out)
	}
	e.printAuditTime(res)
	return nil
}

func (e *env) printAuditTime(res *audittime.Result) {
	t := e.table("STANDARD", "BASIS", "BASE", "ADJUSTMENT", "ADJUSTED")
	for _, st := range res.Standards {
		basis := fmt.Sprintf("%s personnel, row %d–%d", num(st.Personnel), st.Row.Lower, st.Row.Upper)
		if st.AIRole != "" {
			role := st.AIRole
			if role == "several" {
				role = "several roles"
			}
			basis = fmt.Sprintf("%s AI personnel, %s", num(st.Personnel), role)
			if st.Scale != 1 {
				basis += " × " + num(st.Scale)
			}
		}
		if st.Row.Extrapolated {
			basis += " (beyond the table)"
		}
		adj := "-"
		if len(st.Adjustments) > 0 {
			adj = pct(st.AdjustmentPercent)
		}
		t.row(st.Standard, basis, num(st.Base), adj, num(st.Adjusted))
	}
	t.flush()
	e.printf("\n")
	t = e.table("AUDIT", "DAYS", "HOURS")
	initial := "initial (stage 1 + stage 2)"
	if res.Integrated {
		initial += fmt.Sprintf(", integrated −%s %%", num(res.IntegrationReduction))
	}
	t.row(initial, num(res.Initial.Days), num(res.Initial.Hours))
	t.row("  stage 1", num(res.Stage1.Days), num(res.Stage1.Hours))
	t.row("  stage 2", num(res.Stage2.Days), num(res.Stage2.Hours))
	t.row("surveillance (each year)", num(res.Surveillance.Days), num(res.Surveillance.Hours))
	t.row("recertification", num(res.Recertification.Days), num(res.Recertification.Hours))
	t.flush()
	if len(res.Sites) > 0 {
		e.printf("\n")
		t = e.table("SITE", "PERSONNEL", "SHARE", "STAGE 1", "STAGE 2", "SURVEILLANCE", "RECERTIFICATION")
		for _, s := range res.Sites {
			code := s.Code
			if s.Central {
				code += " (central)"
			}
			t.row(code, s.Personnel, num(s.Share)+" %", num(s.Stage1), num(s.Stage2), num(s.Surveillance), num(s.Recertification))
		}
		t.flush()
	}
	var open []audittime.Adjustment
	for _, s := range res.Suggestions {
		applied := false
		for _, st := range res.Standards {
			for _, a := range st.Adjustments {
				applied = applied || (a.Suggested && a.Reason == s.Reason)
			}
		}
		if !applied {
			open = append(open, s)
		}
	}
	if len(open) > 0 {
		e.printf("\nSuggested for %s, not applied (--accept-suggestions applies them, or give them as --adjust):\n", scheme.ISO42001)
		t = e.table()
		for _, s := range open {
			t.row("  "+pct(s.Percent), s.Reason)
		}
		t.flush()
	}
	e.printf("\nJustification:\n")
	for _, l := range res.Justification {
		e.printf("  %s\n", l)
	}
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func pct(p float64) string {
	s := strconv.FormatFloat(p, 'f', -1, 64) + " %"
	if p > 0 {
		s = "+" + s
	}
	return s
}

// parsePercent reads a signed percentage: "+10", "-5.5", "−5", "+10%".
func parsePercent(s string) (float64, bool) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	t = strings.Replace(t, "−", "-", 1)
	if !strings.HasPrefix(t, "+") && !strings.HasPrefix(t, "-") {
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	return v, err == nil
}

// parseAdjust reads [STANDARD:]±P:REASON.
func parseAdjust(s string) (audittime.Adjustment, error) {
	bad := inputf(`--adjust: write "+P:REASON" or "-P:REASON" (for one standard "42001:+P:REASON"), got %q`, s)
	first, rest, ok := strings.Cut(s, ":")
	if !ok {
		return audittime.Adjustment{}, bad
	}
	var a audittime.Adjustment
	if p, ok := parsePercent(first); ok {
		a.Percent = p
	} else {
		a.Standard = strings.TrimSpace(first)
		var ps string
		if ps, rest, ok = strings.Cut(rest, ":"); !ok {
			return audittime.Adjustment{}, bad
		}
		if a.Percent, ok = parsePercent(ps); !ok {
			return audittime.Adjustment{}, bad
		}
	}
	a.Reason = strings.TrimSpace(rest)
	if a.Reason == "" {
		return audittime.Adjustment{}, inputf("--adjust %q: give the reason after the percentage", s)
	}
	return a, nil
}

// parseAISystem reads RISK:AUTONOMY[:personal-data].
func parseAISystem(s string) (audittime.AISystemInput, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return audittime.AISystemInput{}, inputf("--ai-system: write RISK:AUTONOMY[:personal-data], e.g. high:human-on-the-loop:personal-data, got %q", s)
	}
	sys := audittime.AISystemInput{RiskClass: strings.TrimSpace(parts[0]), Autonomy: strings.TrimSpace(parts[1])}
	if len(parts) == 3 {
		if strings.TrimSpace(parts[2]) != "personal-data" {
			return audittime.AISystemInput{}, inputf("--ai-system %q: the third part can only be personal-data", s)
		}
		sys.PersonalData = true
	}
	return sys, nil
}

// parseSiteTime reads CODE:PERSONNEL[:central] (the parts after the code in any order).
func parseSiteTime(s string) (audittime.SiteInput, error) {
	parts := strings.Split(s, ":")
	site := audittime.SiteInput{Code: strings.TrimSpace(parts[0])}
	if site.Code == "" || len(parts) < 2 {
		return site, inputf("--sites: write CODE:PERSONNEL[:central], got %q", s)
	}
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if strings.EqualFold(p, "central") {
			site.Central = true
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return site, inputf("--sites %q: %q is neither a number of personnel nor central", s, p)
		}
		site.Personnel = n
	}
	return site, nil
}

// --- sample -------------------------------------------------------------------------

func (e *env) sample(args []string) error {
	f := e.flags("sample", usages["sample"])
	n := f.Int("sites", -1, "sample N numbered sites (S01…) besides the central function CF")
	client := f.String("client", "", "sample the client's sites (from the data folder)")
	kindS := f.String("kind", "", "initial, surveillance or recertification")
	seedS := f.String("seed", "", "seed of the random draw (default: a new one, printed)")
	std := f.String("standard", "", "with --client: count visits in this standard's certification only")
	visited := f.list("visited", "site code visited in the current cycle; repeat or comma-separate", true)
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if err := required("kind", *kindS); err != nil {
		return inputf("--kind is required: initial, surveillance or recertification")
	}
	kind, err := sampling.ParseSampleKind(*kindS)
	if err != nil {
		return inputf("--kind: %v", err)
	}
	if (*n >= 0) == (*client != "") {
		return inputf("give either --sites N or --client ID")
	}
	if *std != "" && *client == "" {
		return inputf("--standard needs --client")
	}
	var seed uint64
	if *seedS == "" {
		// A new seed below 2⁵³, so that JSON readers keep it exact.
		seed = rand.Uint64N(1 << 53)
	} else if seed, err = strconv.ParseUint(strings.TrimSpace(*seedS), 10, 64); err != nil {
		return inputf("--seed: %q is not a whole number from 0 to %d", *seedS, uint64(1<<64-1))
	}

	var sites []sampling.SiteRef
	var clientID certification.ID
	if *n >= 0 {
		if *n > 100000 {
			return inputf("--sites: at most 100000 sites, got %d", *n)
		}
		sites = append(sites, sampling.SiteRef{Code: "CF", Central: true})
		width := len(strconv.Itoa(max(*n, 10)))
		for i := 1; i <= *n; i++ {
			sites = append(sites, sampling.SiteRef{Code: fmt.Sprintf("S%0*d", width, i)})
		}
	} else {
		id, err := parseID("--client", *client)
		if err != nil {
			return err
		}
		var onlyStd certification.Standard
		if *std != "" {
			if onlyStd, err = standard(*std); err != nil {
				return err
			}
		}
		svc, err := e.reader()
		if err != nil {
			return err
		}
		v, err := svc.ClientView(e.ctx, id, e.todayDate())
		if err != nil {
			return err
		}
		clientID = id
		var inCycle []*certification.Audit
		found := onlyStd == ""
		for _, file := range v.Files {
			c := file.Certification
			if onlyStd != "" && c.Standard != onlyStd || !c.Closed.IsZero() {
				continue
			}
			found = true
			inCycle = append(inCycle, file.AuditsIn(c.CycleNumber())...)
		}
		if !found {
			return inputf("--standard: client %d has no open %s certification", id, onlyStd)
		}
		sites = certification.ClientSiteRefs(&v.Client, inCycle)
		if len(sites) == 0 {
			return inputf("client %d has no sites on record: add them, or use --sites N", id)
		}
	}
	for _, code := range visited.vals {
		i := slices.IndexFunc(sites, func(s sampling.SiteRef) bool { return s.Code == code })
		if i < 0 {
			return inputf("--visited: there is no site %q", code)
		}
		sites[i].VisitedInCycle = true
	}

	s, err := sampling.Draw(sites, kind, seed)
	if err != nil {
		var fe *audittime.FieldError
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
	for _, c := range s.Chosen {
		why := "chosen first"
		if slices.Contains(s.Random, c) {
			why = "drawn at random"
		}
		t.row(c, why, yes(visitedIn[c]))
	}
	t.flush()
	e.printf("\n")
	for _, r := range s.Reasons {
		e.printf("%s\n", r)
	}
	again := fmt.Sprintf("certctl sample --sites %d", s.Sites)
	if clientID != 0 {
		again = fmt.Sprintf("certctl sample --client %d", clientID)
		if *std != "" {
			again += " --standard " + strings.TrimSpace(*std)
		}
	}
	if len(visited.vals) > 0 {
		again += " --visited " + strings.Join(visited.vals, ",")
	}
	e.printf("The same draw again (with the same sites and visits): %s --kind %s --seed %d\n", again, kind, s.Seed)
	return nil
}
