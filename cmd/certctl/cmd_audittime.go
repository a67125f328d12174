package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certdesk/audit/audittime"
	"certdesk/audit/scheme"
	"certdesk/certification"
	"certdesk/certification/view"
	"certdesk/storage"
)

// --- audit-time ---------------------------------------------------------------------

// auditTimeFlagNames names the flag behind each field of audittime.Input.
var auditTimeFlagNames = map[string]string{
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

// auditTimeFlags are the flags of audit-time, which export xlsx
// audit-time takes too. A list left out is nil, one given is not.
type auditTimeFlags struct {
	Client               certification.ID `help:"client id: take personnel, AI roles, AI systems, sites and open standards from the data folder"`
	Personnel            *float64         `help:"effective personnel (full-time equivalents in scope)"`
	Standard             csv              `placeholder:"S" help:"42001, 9001, 27001 or a standard the body added (its number or name); repeat or comma-separate (default: the client's open standards, else 9001)"`
	AIPersonnel          float64          `name:"ai-personnel" help:"people doing AI work, for 42001 (default: all effective personnel)"`
	AIRole               csv              `name:"ai-role" placeholder:"ROLE" help:"AI role for 42001: producer, provider, developer, user, partner; repeat or comma-separate"`
	AISystem             multi            `name:"ai-system" placeholder:"RISK:AUTONOMY[:personal-data]" help:"an AI system (risk: prohibited, high, limited, minimal; autonomy: assistive, human-in-the-loop, human-on-the-loop, autonomous); repeat"`
	AIProcesses          int              `name:"ai-processes" help:"number of processes using AI (42001 complexity)"`
	Adjust               multi            `placeholder:"[S:]±P:REASON" help:"an adjustment \"+10:REASON\" or \"-5:REASON\", for one standard \"42001:+10:REASON\"; repeat"`
	AcceptSuggestions    bool             `help:"apply the suggested 42001 adjustments"`
	Integrated           bool             `help:"an integrated audit of the standards"`
	IntegrationReduction float64          `placeholder:"P" help:"percentage (0–20) the integrated audit is reduced by"`
	Sites                csv              `aliases:"site" placeholder:"CODE:PERSONNEL[:central]" help:"a site; repeat or comma-separate (--site is the same)"`
}

// calc runs the calculation the flags describe.
func (f *auditTimeFlags) calc(e *env) (*auditTimeCalc, error) {
	out := &auditTimeCalc{}
	set := map[string]bool{"personnel": f.Personnel != nil, "ai-role": f.AIRole != nil, "ai-system": f.AISystem != nil,
		"sites": f.Sites != nil, "standard": f.Standard != nil}
	in := audittime.Input{
		Standards:            f.Standard,
		AIPersonnel:          f.AIPersonnel,
		AIRoles:              f.AIRole,
		AIProcesses:          f.AIProcesses,
		AcceptSuggestions:    f.AcceptSuggestions,
		Integrated:           f.Integrated,
		IntegrationReduction: f.IntegrationReduction,
	}
	if f.Personnel != nil {
		in.EffectivePersonnel = *f.Personnel
	}
	for _, s := range f.AISystem {
		sys, err := parseAISystem(s)
		if err != nil {
			return nil, err
		}
		in.AISystems = append(in.AISystems, sys)
	}
	for _, s := range f.Adjust {
		a, err := parseAdjust(s)
		if err != nil {
			return nil, err
		}
		in.Adjustments = append(in.Adjustments, a)
	}
	for _, s := range f.Sites {
		site, err := parseSiteTime(s)
		if err != nil {
			return nil, err
		}
		in.Sites = append(in.Sites, site)
	}

	// Fields taken from the client's record (for messages).
	fromClient := map[string]bool{}
	var clientID certification.ID
	if f.Client != 0 {
		id := f.Client
		svc, err := e.reader()
		if err != nil {
			return nil, err
		}
		v, err := view.Client(e.ctx, svc, id, e.todayDate())
		if err != nil {
			return nil, err
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
		if !set["sites"] && len(c.Sites) > 1 {
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
		return nil, inputf("--personnel is required (the effective personnel in scope), or --client ID to take it from the client's record")
	}
	if len(in.Standards) == 0 {
		in.Standards = []string{scheme.ISO9001}
	}
	if f.Client == 0 && !allShipped(in.Standards) {
		// The body's added standards; with no data folder there are
		// none, and the calculation names the standard it does not know.
		if _, err := e.reader(); err != nil && !errors.Is(err, storage.ErrNoStore) {
			return nil, err
		}
	}
	byHand := certification.AuditTimeStandards(&in)
	if len(in.Standards) == 0 {
		return nil, inputf("the audit time of %s is set by hand (the body added it without a table): there is nothing to calculate", strings.Join(byHand, " and "))
	}

	res, err := audittime.Calculate(in)
	if err != nil {
		var fe *audittime.FieldError
		if !errors.As(err, &fe) {
			return nil, err
		}
		field, _, _ := strings.Cut(fe.Field, "[")
		field, _, _ = strings.Cut(field, ".")
		if fromClient[field] {
			return nil, inputf("client %d's record: %s: %s", clientID, fe.Field, fe.Message)
		}
		if fl, ok := auditTimeFlagNames[field]; ok {
			return nil, inputf("%s: %s", fl, fe.Message)
		}
		return nil, inputf("%v", err)
	}
	out.in, out.res = in, res
	return out, nil
}

type auditTimeCmd struct {
	auditTimeFlags
}

func (auditTimeCmd) Help() string {
	return `Calculates audit time (IAF MD 5) and prints it with its justification,
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
}

func (f *auditTimeCmd) Run(e *env) error {
	c, err := f.calc(e)
	if err != nil {
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
	open := res.OpenSuggestions()
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

// allShipped reports whether every standard named is one CertDesk ships.
func allShipped(stds []string) bool {
	for _, s := range stds {
		if _, err := audittime.NormalizeStandard(s); err != nil {
			return false
		}
	}
	return true
}
