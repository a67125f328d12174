package xlsx

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"certdesk/audit/audittime"
	"certdesk/audit/scheme"
	"certdesk/certification"
	"certdesk/certification/document"
)

var _ document.AuditTimeWriter = Workbooks{}

// AuditTimeSheetName is the one sheet of the audit time workbook.
const AuditTimeSheetName = "Audit time"

// WriteAuditTime writes the audit time justification: one printable
// page (A4 portrait, fitted to the width) a contract can attach.
func (Workbooks) WriteAuditTime(ctx context.Context, w io.Writer, s *document.AuditTimeSheet) error {
	if s.Result == nil {
		return fmt.Errorf("xlsx: the audit time has not been calculated")
	}
	res := s.Result
	client := "Calculated from figures, no client record"
	if s.Client.ID != 0 {
		client = s.Client.LegalName
		if s.Client.TradingName != "" && s.Client.TradingName != s.Client.LegalName {
			client += " (" + s.Client.TradingName + ")"
		}
		client += " · client " + s.Client.ID.String()
	}
	title := "Audit time justification"
	if s.Client.ID != 0 {
		title += " — " + s.Client.DisplayName()
	}
	b, err := New(Meta{Title: title, Body: s.Body, AsOf: s.Prepared})
	if err != nil {
		return err
	}
	defer b.Close()
	p, err := newPrintSheet(b, AuditTimeSheetName, []float64{30, 11, 11, 11, 11, 11, 11, 13}, "portrait")
	if err != nil {
		return err
	}
	at := &auditTimeSheet{printSheet: p, s: s, res: res}
	var stds []string
	for _, st := range res.Standards {
		stds = append(stds, st.Standard)
	}
	sub := strings.TrimSpace(strings.Join(nonEmpty(s.Body, preparedLine(s.Prepared), "IAF MD 5"), " · "))
	return b.writeSteps(ctx, w,
		func() error { return p.title("Audit time justification", sub) },
		func() error { return p.section("Client and basis") },
		func() error { return p.field("Client", client) },
		func() error {
			if s.Client.RegisteredAddress == "" {
				return nil
			}
			return p.field("Registered address", s.Client.RegisteredAddress)
		},
		func() error { return p.field("Standards", strings.Join(stds, ", ")) },
		func() error {
			return p.field("Effective personnel", numText(s.Input.EffectivePersonnel)+" full-time equivalents in scope, all shifts")
		},
		func() error { return at.aiFields() },
		func() error {
			how := "One standard"
			switch {
			case res.Integrated:
				how = fmt.Sprintf("Integrated audit of %d standards", len(res.Standards))
			case len(res.Standards) > 1:
				how = fmt.Sprintf("Separate audits of %d standards", len(res.Standards))
			}
			return p.field("Audit", how)
		},
		func() error { return at.base() },
		func() error { return at.adjustments() },
		func() error { return at.adjusted() },
		func() error { return at.initial() },
		func() error { return at.cycle() },
		func() error { return at.sites() },
		func() error { return at.suggestions() },
		func() error {
			if err := p.section("Justification"); err != nil {
				return err
			}
			for i, l := range res.Justification {
				if err := p.para(strconv.Itoa(i+1)+". "+l, Plain); err != nil {
					return err
				}
			}
			return nil
		},
		func() error {
			p.blank()
			return p.note(fmt.Sprintf("Times are in auditor-days of %d hours, each rounded to the nearest half day (a quarter day rounds up). Reductions for one standard may together be at most %g %% (IAF MD 5); an integrated audit may be reduced by at most %g %%. Prepared with CertDesk.",
				audittime.HoursPerDay, audittime.MaxReductionPercent, audittime.MaxIntegrationPercent))
		},
		func() error { return p.printSetup(title) },
	)
}

// auditTimeSheet is the page of an audit time justification: its
// sections are its methods.
type auditTimeSheet struct {
	*printSheet
	s   *document.AuditTimeSheet
	res *audittime.Result
}

func preparedLine(d certification.Date) string {
	if d.IsZero() {
		return ""
	}
	return "prepared " + d.String()
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func numText(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// percentText writes +10 % or −5 %.
func percentText(p float64) string {
	s := numText(p) + " %"
	if p > 0 {
		return "+" + s
	}
	return strings.Replace(s, "-", "−", 1)
}

func (p *auditTimeSheet) aiFields() error {
	s, res := p.s, p.res
	var ai *audittime.StandardTime
	for i := range res.Standards {
		if res.Standards[i].Standard == scheme.ISO42001 {
			ai = &res.Standards[i]
		}
	}
	if ai == nil {
		return nil
	}
	who := numText(ai.Personnel)
	if s.Input.AIPersonnel == 0 {
		who += " (not stated: all effective personnel counted)"
	}
	if err := p.field("AI personnel (42001)", who); err != nil {
		return err
	}
	if err := p.field("AI roles", strings.Join(s.Input.AIRoles, ", ")); err != nil {
		return err
	}
	if len(s.Input.AISystems) == 0 {
		return nil
	}
	var sys []string
	for _, x := range s.Input.AISystems {
		t := x.RiskClass + " risk, " + x.Autonomy
		if x.PersonalData {
			t += ", personal data"
		}
		if x.Name != "" {
			t = x.Name + ": " + t
		}
		sys = append(sys, t)
	}
	v := strings.Join(sys, "\n")
	if s.Input.AIProcesses > 0 {
		v += fmt.Sprintf("\n%d processes use AI", s.Input.AIProcesses)
	}
	return p.field("AI systems", v)
}

func (p *auditTimeSheet) base() error {
	res := p.res
	if err := p.section("Base time per standard"); err != nil {
		return err
	}
	if err := p.put(true, ptext("Standard", 1), ptext("Table and band", 5), ptext("Personnel", 1), ptext("Base days", 1)); err != nil {
		return err
	}
	for _, st := range res.Standards {
		basis := fmt.Sprintf("IAF MD 5 quality-management table, row %d–%d personnel: %s days", st.Row.Lower, st.Row.Upper, daysText(st.Row.Days))
		if st.AIRole != "" {
			role := "AI role " + st.AIRole
			if st.AIRole == "several" {
				role = "several AI roles"
			}
			d, _ := audittime.AIDays(st.AIRole)
			basis = fmt.Sprintf("Body's ISO/IEC 42001 table, %s: %s days for 1–%d AI personnel", role, daysText(d), audittime.AIBandUpper)
			if st.Scale != 1 && st.Scale != 0 {
				basis += fmt.Sprintf("; × %s (IAF MD 5 progression, row %d–%d)", numText(math.Round(st.Scale*10000)/10000), st.Row.Lower, st.Row.Upper)
			}
		}
		if st.Row.Extrapolated {
			basis += " (beyond the table, following its progression)"
		}
		pers := numText(st.Personnel)
		if float64(st.Counted) != st.Personnel {
			pers += " → " + strconv.Itoa(st.Counted)
		}
		if err := p.put(false, ptext(st.Standard, 1), pwrap(basis, 5), pcell{V: pers, Right: true}, pnum(st.Base)); err != nil {
			return err
		}
	}
	return nil
}

func (p *auditTimeSheet) adjustments() error {
	res := p.res
	if err := p.section("Adjustments"); err != nil {
		return err
	}
	n := 0
	for _, st := range res.Standards {
		n += len(st.Adjustments)
	}
	if n == 0 {
		return p.para("No adjustment up or down: each standard keeps its base time.", Plain)
	}
	if err := p.put(true, ptext("Standard", 1), ptext("Up / down", 1), ptext("Percent", 1), ptext("Reason", 5)); err != nil {
		return err
	}
	for _, st := range res.Standards {
		for _, a := range st.Adjustments {
			dir, tone := "Up", Plain
			if a.Percent < 0 {
				dir = "Down"
			}
			reason := a.Reason
			if a.Suggested {
				reason += " (suggested by the 42001 complexity factors, accepted)"
			}
			if err := p.put(false, ptext(st.Standard, 1), pcell{V: dir, Tone: tone}, pcell{V: percentText(a.Percent), Right: true}, pwrap(reason, 5)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (p *auditTimeSheet) adjusted() error {
	res := p.res
	if err := p.section("Adjusted time per standard"); err != nil {
		return err
	}
	if err := p.put(true, ptext("Standard", 1), ptext("Base days", 1), ptext("Net adjustment", 1), ptext("Reductions", 1),
		ptext("Reduction cap", 1), ptext("Cap applied", 1), ptext("Adjusted days", 2)); err != nil {
		return err
	}
	for _, st := range res.Standards {
		net := "none"
		if len(st.Adjustments) > 0 {
			net = percentText(st.AdjustmentPercent)
		}
		red := "none"
		if st.ReductionPercent > 0 {
			red = numText(st.ReductionPercent) + " %"
		}
		// A calculation whose reductions exceed the cap is refused, so
		// the cap is "applied" when the reductions reach it.
		capped, tone := "No", Plain
		if st.ReductionPercent >= audittime.MaxReductionPercent-1e-9 {
			capped, tone = "At the cap", DueSoon
		}
		if err := p.put(false, ptext(st.Standard, 1), pnum(st.Base), pcell{V: net, Right: true}, pcell{V: red, Right: true},
			pcell{V: numText(audittime.MaxReductionPercent) + " %", Right: true}, pcell{V: capped, Tone: tone}, pcell{V: st.Adjusted, Kind: Number, Span: 2, Bold: true}); err != nil {
			return err
		}
	}
	return nil
}

func (p *auditTimeSheet) initial() error {
	res := p.res
	if err := p.section("Initial certification audit"); err != nil {
		return err
	}
	if len(res.Standards) > 1 {
		if err := p.field("Sum of the adjusted times", daysText(res.Sum)+" "+audittime.DayUnit(res.Sum)); err != nil {
			return err
		}
	}
	integ := "Not an integrated audit: no reduction"
	switch {
	case res.Integrated && res.IntegrationReduction > 0:
		integ = fmt.Sprintf("Integrated audit: the sum reduced by %s %% (at most %g %%)", numText(res.IntegrationReduction), audittime.MaxIntegrationPercent)
	case res.Integrated:
		integ = "Integrated audit, not reduced"
	}
	if err := p.field("Integration reduction", integ); err != nil {
		return err
	}
	return p.put(false, pcell{V: "Initial audit (stage 1 + stage 2)", Bold: true},
		pcell{V: fmt.Sprintf("%s %s (%s hours)", daysText(res.Initial.Days), audittime.DayUnit(res.Initial.Days), numText(res.Initial.Hours)), Span: 7, Bold: true})
}

func (p *auditTimeSheet) cycle() error {
	res := p.res
	if err := p.section("Audit time over the cycle"); err != nil {
		return err
	}
	if err := p.put(true, ptext("Audit", 1), ptext("Days", 1), ptext("Hours", 1), ptext("How", 5)); err != nil {
		return err
	}
	rows := []struct {
		name string
		t    audittime.Time
		how  string
		bold bool
	}{
		{"Stage 1", res.Stage1, fmt.Sprintf("%g %% of the initial audit, at least half a day; at the central function", audittime.Stage1Share*100), false},
		{"Stage 2", res.Stage2, "The rest of the initial audit, at least half a day", false},
		{"Initial audit", res.Initial, "Stage 1 + stage 2", true},
		{"Surveillance (each year)", res.Surveillance, "1/3 of the initial audit, at least half a day", false},
		{"Recertification", res.Recertification, "2/3 of the initial audit, at least half a day", false},
	}
	for _, r := range rows {
		if err := p.put(false, pcell{V: r.name, Bold: r.bold}, pcell{V: r.t.Days, Kind: Number, Bold: r.bold}, pcell{V: r.t.Hours, Kind: Number, Bold: r.bold}, pwrap(r.how, 5)); err != nil {
			return err
		}
	}
	return nil
}

func (p *auditTimeSheet) sites() error {
	res := p.res
	if len(res.Sites) == 0 {
		return nil
	}
	if err := p.section("Over the sites"); err != nil {
		return err
	}
	if err := p.put(true, ptext("Site", 1), ptext("Personnel", 1), ptext("Share", 1), ptext("Stage 1", 1), ptext("Stage 2", 1),
		ptext("Initial", 1), ptext("Surveillance", 1), ptext("Recertification", 1)); err != nil {
		return err
	}
	for _, s := range res.Sites {
		code := s.Code
		if s.Central {
			code += " (central function)"
		}
		if err := p.put(false, ptext(code, 1), pcell{V: s.Personnel, Kind: Int}, pcell{V: numText(s.Share) + " %", Right: true}, pnum(s.Stage1), pnum(s.Stage2),
			pnum(s.Initial), pnum(s.Surveillance), pnum(s.Recertification)); err != nil {
			return err
		}
	}
	return p.note(fmt.Sprintf("Stage 1 at the central function; stage 2, surveillance and recertification by the sites' personnel, the central function at least %g %%, each site at least half a day where the time allows.", audittime.CentralMinShare*100))
}

// suggestionTable lists the 42001 suggestions that were not applied.
func (p *auditTimeSheet) suggestions() error {
	open := p.res.OpenSuggestions()
	if len(open) == 0 {
		return nil
	}
	if err := p.section("Suggested for ISO/IEC 42001, not applied"); err != nil {
		return err
	}
	if err := p.put(true, ptext("Standard", 1), ptext("Percent", 1), ptext("Reason", 6)); err != nil {
		return err
	}
	for _, s := range open {
		if err := p.put(false, ptext(s.Standard, 1), pcell{V: percentText(s.Percent), Right: true}, pwrap(s.Reason, 6)); err != nil {
			return err
		}
	}
	return nil
}
