package xlsx

import (
	"context"
	"fmt"
	"io"
	"strings"

	"certdesk/certification"
	"certdesk/certification/document"
)

var _ document.DecisionRecordWriter = Workbooks{}

// DecisionSheetName is the one sheet of the decision record.
const DecisionSheetName = "Decision"

// WriteDecisionRecord writes a decision record: one printable page (A4
// portrait, fitted to the width) for the certification file.
func (Workbooks) WriteDecisionRecord(ctx context.Context, w io.Writer, r *document.DecisionRecord) error {
	d := &r.Decision
	title := fmt.Sprintf("Decision %d: %s — %s", d.ID, d.Kind.Label(), r.Client.DisplayName())
	b, err := New(Meta{Title: title, Body: r.Body, AsOf: d.Date})
	if err != nil {
		return err
	}
	defer b.Close()
	p, err := newPrintSheet(b, DecisionSheetName, []float64{20, 10.5, 10.5, 6, 11, 10.5, 13, 22}, "portrait")
	if err != nil {
		return err
	}
	ds := &decisionSheet{printSheet: p, r: r}
	sub := strings.Join(nonEmpty(r.Body, fmt.Sprintf("decision %d", d.ID), "printed "+r.AsOf.String()), " · ")
	return b.writeSteps(ctx, w,
		func() error { return p.title("Certification decision record", sub) },
		func() error { return ds.decision() },
		func() error { return ds.certificate() },
		func() error { return ds.gates() },
		func() error { return ds.audits() },
		func() error { return ds.findings() },
		func() error {
			p.blank()
			return p.note("The audits and findings are shown as they stood when the decision was made (the decision's snapshot). Recorded with CertDesk.")
		},
		func() error { return p.printSetup(title) },
	)
}

// decisionSheet is the page of a decision record: its sections are its
// methods.
type decisionSheet struct {
	*printSheet
	r *document.DecisionRecord
}

// sentenceCase writes an identifier as words: "report-drafted" → "Report drafted".
func sentenceCase(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// teamLines writes an audit team one person a line: "Name, lead".
func teamLines(team []document.DecisionRecordMember) string {
	short := map[certification.TeamRole]string{
		certification.TeamLead: "lead", certification.TeamAuditor: "auditor", certification.TeamTechnicalExpert: "technical expert",
		certification.TeamTrainee: "trainee", certification.TeamObserver: "observer",
	}
	var lines []string
	for _, m := range team {
		lines = append(lines, m.Name+", "+wording(short, m.Role))
	}
	return strings.Join(lines, "\n")
}

var recommendationWords = map[certification.Recommendation]string{
	certification.RecommendGrant:       "Grant",
	certification.RecommendRenew:       "Renew",
	certification.RecommendMaintain:    "Maintain",
	certification.RecommendNotYet:      "Not until the NCs are closed",
	certification.RecommendRefuse:      "Refuse",
	certification.RecommendSuspend:     "Suspend",
	certification.RecommendScopeChange: "Change the scope",
}

func (p *decisionSheet) decision() error {
	r := p.r
	d := &r.Decision
	if err := p.section("Decision"); err != nil {
		return err
	}
	var makers []string
	for _, m := range r.Makers {
		t := m.Name
		if len(m.Roles) > 0 {
			var roles []string
			for _, x := range m.Roles {
				roles = append(roles, string(x))
			}
			t += " (" + strings.Join(roles, ", ") + ")"
		}
		makers = append(makers, t)
	}
	scope := r.Certification.Scope
	if r.Certificate != nil {
		scope = r.Certificate.Scope
	}
	client := fmt.Sprintf("%s · client %d", r.Client.LegalName, r.Client.ID)
	cert := fmt.Sprintf("%s · certification %d · cycle %d", r.Certification.Standard, r.Certification.ID, r.Cycle)
	fields := []struct {
		label string
		v     any
	}{
		{"Decision", d.Kind.Label()},
		{"Date", d.Date},
		{"Client", client},
		{"Certification", cert},
		{"Scope", scope},
	}
	if d.NewScope != "" {
		fields = append(fields, struct {
			label string
			v     any
		}{"New scope", d.NewScope})
	}
	fields = append(fields, []struct {
		label string
		v     any
	}{
		{"Decided by", strings.Join(makers, "\n")},
		{"Reasons", d.Reasons},
	}...)
	for _, f := range fields {
		if err := p.field(f.label, f.v); err != nil {
			return err
		}
	}
	return nil
}

func (p *decisionSheet) certificate() error {
	r := p.r
	if err := p.section("Certificate"); err != nil {
		return err
	}
	if err := p.put(false, pcell{V: "Effect", Bold: true}, pcell{V: r.Effect, Span: 7, Kind: Wrap, Bold: true}); err != nil {
		return err
	}
	c := r.Certificate
	if c == nil {
		return nil
	}
	if err := p.field("Certificate", fmt.Sprintf("%s, revision %d", c.Number, c.Revision)); err != nil {
		return err
	}
	if err := p.put(false, pcell{V: "Original certification", Bold: true}, pdate(c.OriginalDate), pcell{V: "Issued", Bold: true, Span: 2}, pdate(c.IssueDate),
		pcell{V: "Expires", Bold: true}, pcell{V: c.Expiry, Kind: Date, Span: 2}); err != nil {
		return err
	}
	// The registers' colours, but a withdrawal is red here.
	tone := func(s certification.CertificateStatus) Tone {
		if s == certification.CertWithdrawn {
			return Overdue
		}
		return certStatusTones[s]
	}
	return p.put(false, pcell{V: "Status on " + r.Decision.Date.String(), Bold: true}, pcell{V: sentenceCase(string(r.StatusOnDecision)), Span: 2, Tone: tone(r.StatusOnDecision)},
		pcell{V: "on " + r.AsOf.String(), Bold: true, Span: 2}, pcell{V: sentenceCase(string(r.StatusAsOf)), Span: 3, Tone: tone(r.StatusAsOf)})
}

func (p *decisionSheet) gates() error {
	r := p.r
	if err := p.section("Gates checked"); err != nil {
		return err
	}
	if err := p.put(true, ptext("Gate", 2), ptext("Outcome", 1), ptext("Rule", 3), ptext("Detail", 2)); err != nil {
		return err
	}
	for _, g := range r.Gates {
		out, tone := "Passed", Done
		if !g.Passed {
			out, tone = "Blocked", Overdue
		}
		if err := p.put(false, pwrap(g.Title, 2), pcell{V: out, Tone: tone, Bold: !g.Passed}, pwrap(g.Rule, 3), pwrap(g.Detail, 2)); err != nil {
			return err
		}
	}
	return p.note(fmt.Sprintf("Re-checked on the file as it stood just before the decision; the decision makers' roles and interests as recorded on %s.", r.AsOf))
}

func (p *decisionSheet) audits() error {
	r := p.r
	if err := p.section(fmt.Sprintf("Audits it rests on (cycle %d)", r.Cycle)); err != nil {
		return err
	}
	if len(r.Audits) == 0 {
		return p.para("No audit in the cycle under decision.", Plain)
	}
	if err := p.put(true, ptext("Audit", 1), ptext("Start", 1), ptext("End", 1), ptext("Days", 1), ptext("Status", 1), ptext("Report", 1),
		ptext("Recommended", 1), ptext("Team", 1)); err != nil {
		return err
	}
	for _, a := range r.Audits {
		days := pcell{}
		if a.Days > 0 {
			days = pnum(a.Days)
		}
		if err := p.put(false, pwrap(fmt.Sprintf("%s (audit %d)", a.Kind.Label(), a.ID), 1), pdate(a.Start), pdate(a.End), days,
			pcell{V: sentenceCase(string(a.Status))}, pdate(a.ReportDate), pwrap(recommendationWords[a.Recommendation], 1), pwrap(teamLines(a.Team), 1)); err != nil {
			return err
		}
	}
	return nil
}

func (p *decisionSheet) findings() error {
	r := p.r
	if err := p.section("Findings of those audits"); err != nil {
		return err
	}
	if len(r.Findings) == 0 {
		return p.para("No finding was raised in these audits.", Plain)
	}
	if err := p.put(true, ptext("Finding", 1), ptext("Clause", 1), ptext("Requirement and evidence", 4), ptext("Status then", 1), ptext("Audit", 1)); err != nil {
		return err
	}
	for _, x := range r.Findings {
		name := x.Grade.Label()
		if x.Number > 0 {
			name += fmt.Sprintf(" #%d", x.Number)
		}
		// Observations and OFIs may have no requirement ("—").
		text := strings.TrimSpace(x.Requirement)
		if strings.Trim(text, "—-– ") == "" {
			text = x.Evidence
		} else if x.Evidence != "" {
			text += "\nEvidence: " + x.Evidence
		}
		tone := Plain
		switch {
		case x.Status == certification.FindingVerified:
			tone = Done
		case x.Status == certification.FindingPlanAccepted && x.Grade == certification.Minor:
			tone = Done
		case x.Grade == certification.Major && x.Status != certification.FindingVerified:
			tone = Overdue
		case x.Grade.IsNC():
			tone = DueSoon
		}
		if err := p.put(false, pwrap(name, 1), ptext(x.Reference, 1), pwrap(text, 4), pcell{V: sentenceCase(string(x.Status)), Tone: tone, Kind: Wrap},
			pwrap(fmt.Sprintf("%s (audit %d)", x.AuditKind.Label(), x.AuditID), 1)); err != nil {
			return err
		}
	}
	return nil
}
