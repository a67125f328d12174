package xlsx

import (
	"fmt"
	"strings"

	"certdesk/certification"
	"certdesk/certification/document"
)

// The audit report: cover with the report's contents, checklist and
// findings.

func reportCover(b *Book, st *packStyles, p *document.AuditPack) error {
	pg, err := newPackPage(b, st, ReportCoverSheet, []float64{24, 17, 17, 17, 29}, false)
	if err != nil {
		return err
	}
	a := &p.Audit
	dated := "draft, not yet closed"
	if !a.ReportDate.IsZero() {
		dated = "report of " + a.ReportDate.String()
	}
	pg.title("Audit report — "+packKindTitle(p), fmt.Sprintf("%s · %s · %s", p.Body, packStandards(p), dated))

	pg.clientSection(p, "Representative")

	pg.section("Certification", 45)
	pg.field("Standard", string(p.Certification.Standard))
	pg.field("Scope", p.Certification.Scope)
	pg.field("Certificate", packCertificate(p))
	pg.field("Cycle", packCycle(p))

	pg.auditSection(p)
	pg.dates("Planned", a.PlannedStart, a.PlannedEnd, false)
	if !a.ActualStart.IsZero() {
		pg.dates("Carried out", a.ActualStart, a.LastDay(), true)
	}
	days := fmt.Sprintf("%g planned", a.PlannedDays)
	if a.ActualDays > 0 {
		days += fmt.Sprintf(", %g used", a.ActualDays)
	}
	pg.field("Auditor-days", days)
	pg.field("Report date", a.ReportDate)
	pg.field("Status", wording(packAuditStatuses, a.Status))
	pg.field("Objectives", packBullets(document.AuditObjectives(a.Kind, []certification.Standard{p.Certification.Standard})))
	pg.field("Criteria", packBullets(document.AuditCriteria([]certification.Standard{p.Certification.Standard})))
	pg.field("Scope audited", p.Certification.Scope)

	pg.sitesSection(p, "Sites audited")
	pg.teamSection(p)

	counts := p.ResultCounts()
	var rows [][]any
	var tones []Tone
	for _, r := range []certification.ChecklistResult{certification.ResultConform, certification.ResultOFI, certification.ResultMinor,
		certification.ResultMajor, certification.ResultNotApplicable, certification.ResultNotAudited} {
		rows = append(rows, []any{r.Label(), counts[r]})
		tones = append(tones, map[bool]Tone{true: packResultTones[r], false: Plain}[counts[r] > 0])
	}
	ex := len(p.Excluded())
	rows = append(rows, []any{"Excluded by the SoA", ex})
	tones = append(tones, Muted)
	pg.tableSection("Summary of results", []packCol{{"Checklist result", 1, 1}, {"Lines", 2, 2}}, rows, tones)
	pg.note(fmt.Sprintf("The checklist sheet lists all %d lines of %s in catalogue order: the clauses, the Annex A controls the Statement of Applicability keeps and, with their justification, the %d it excludes.%s Its Due column says whether each line was due in this audit.",
		len(p.Checklist)-len(p.KindLines()), p.Certification.Standard, ex, packKindItemsNote(p)))
	pg.kindItemsReport(p)

	all, open := p.GradeCounts()
	rows, tones = nil, nil
	for _, g := range certification.Grades {
		rows = append(rows, []any{g.Label(), all[g], open[g]})
		t := Plain
		if open[g] > 0 {
			t = map[certification.Grade]Tone{certification.Major: Overdue, certification.Minor: DueSoon}[g]
		}
		tones = append(tones, t)
	}
	pg.tableSection("Nonconformities and other findings", []packCol{{"Grade", 1, 1}, {"Raised", 2, 2}, {"Still open", 3, 3}}, rows, tones)
	if len(p.Findings) > 0 {
		pg.note("Each finding is on the findings sheet with the requirement, the objective evidence, its deadlines and the client's response.")
	}
	if len(p.Earlier) > 0 {
		rows, tones = nil, nil
		for i := range p.Earlier {
			x := &p.Earlier[i]
			rows = append(rows, []any{fmt.Sprintf("%s #%d (%s)", x.Grade.Label(), x.Number, x.Reference),
				fmt.Sprintf("%s audit of %s", x.AuditKind.Label(), x.AuditStart), wording(packFindingStatuses, x.Status) + packVerified(x)})
			tones = append(tones, packFindingTone(x))
		}
		pg.tableSection("Nonconformities of earlier audits followed up", []packCol{{"Finding", 1, 1}, {"Raised at", 2, 3}, {"State", 4, 5}}, rows, tones)
	}

	pg.section("Statements", 45)
	pg.field("Sampling", "The audit is based on samples of the information available: a nonconformity may exist that the audit did not find.")
	if s := packSampleStatement(p); s != "" {
		pg.field("Sites sampled", s)
	}
	if j := strings.TrimSpace(a.TeamJustification); j != "" {
		pg.field("Team competence", "The team was confirmed with a competence gap the body's policy lets a justification cover:\n"+j)
	}
	if j := strings.TrimSpace(a.GapJustification); j != "" {
		pg.field("Stage 1 still valid", j)
	}
	if n := strings.TrimSpace(a.Notes); n != "" {
		pg.field("Notes", n)
	}

	cond := p.Conditions()
	if len(cond) == 0 {
		cond = []string{"None: no nonconformity of this audit remains open."}
	}
	decision := "The certification decision is taken by the body's decision maker, who was not a member of any audit team for this client in the cycle, on the full file: this report, the findings and their status, the audit time used and the team's competence."
	signatures := 2 * (28 + 22 + 15.0)
	// The conclusion and the signatures on one page.
	pg.section("Recommendation of the audit team", 30+pg.fieldsHeight(packBullets(cond))+wrappedHeight(decision, pg.span(1, pg.last()))+35+signatures)
	if a.Kind == certification.Stage1 {
		out, tone := "Not yet recorded", Plain
		switch a.Stage1Outcome {
		case certification.Stage1Ready:
			out, tone = "Ready for stage 2", Done
		case certification.Stage1NotReady:
			out, tone = "Not ready for stage 2: the areas of concern must be addressed first", Overdue
		}
		pg.fieldStyled("Stage 1 outcome", out, st.tone[tone])
	} else {
		pg.fieldStyled("Recommendation", wording(packRecommendations, a.Recommendation), st.tone[packRecommendationTones[a.Recommendation]])
	}
	pg.field("Conditions", packBullets(cond))
	pg.note(decision)

	pg.section("Signatures", signatures)
	lead, _ := p.Lead()
	sign := func(who, name string) {
		pg.next()
		pg.set(1, 0, who, pg.b.LabelStyle())
		pg.set(2, 3, name, pg.b.ValueStyle())
		pg.set(4, 0, "Signature:", st.right)
		pg.set(5, 0, nil, st.sign)
		pg.height(28)
		pg.next()
		pg.set(4, 0, "Date:", st.right)
		pg.set(5, 0, nil, st.sign)
		pg.height(22)
		pg.next()
	}
	sign("Lead auditor", lead.Name)
	sign("Client representative", packFirstContact(&p.Client))
	return pg.print(packFooter(p, "Audit report"))
}

func packFirstContact(c *certification.Client) string {
	if len(c.Contacts) > 0 {
		return c.Contacts[0].Name
	}
	return ""
}

// packResponse is the client's response to a finding, as one text.
func packResponse(x *document.PackFinding) string {
	r := x.Response
	if r == nil {
		return ""
	}
	parts := []string{"Received " + r.Received.String() + "."}
	add := func(label, text string, by certification.Date) {
		if strings.TrimSpace(text) == "" {
			return
		}
		l := label + ": " + text
		if !by.IsZero() {
			l += " (by " + by.String() + ")"
		}
		parts = append(parts, l)
	}
	add("Root cause", r.RootCause, 0)
	add("Correction", r.Correction, r.CorrectionDate)
	add("Corrective action", r.CorrectiveAction, r.ActionDate)
	return strings.Join(parts, "\n")
}

// packReview is the body's review of the response and its verification.
func packReview(x *document.PackFinding) string {
	var parts []string
	if n := len(x.Rejected); n > 0 {
		parts = append(parts, fmt.Sprintf("%d earlier response(s) rejected.", n))
	}
	if rv := x.Review; rv != nil {
		l := map[bool]string{true: "Accepted", false: "Rejected"}[rv.Accepted] + " " + rv.On.String()
		if x.ReviewedByName != "" {
			l += " by " + x.ReviewedByName
		}
		if rv.Comment != "" {
			l += ": " + rv.Comment
		}
		parts = append(parts, l)
	}
	if v := x.Verification; v != nil {
		l := "Verified " + v.On.String() + " (" + v.Method + ")"
		if x.VerifiedByName != "" {
			l += " by " + x.VerifiedByName
		}
		if v.Notes != "" {
			l += ": " + v.Notes
		}
		parts = append(parts, l)
	}
	return strings.Join(parts, "\n")
}

func packVerified(x *document.PackFinding) string {
	if v := x.Verification; v != nil {
		return fmt.Sprintf(" on %s (%s)", v.On, v.Method)
	}
	if x.Late {
		return ", late"
	}
	return ""
}

func reportChecklist(b *Book, st *packStyles, p *document.AuditPack) error {
	integrated := len(p.Integrated) > 0
	cols := []Column{{"Ref", 9, Text}, {"Clause or control", 34, Wrap}, {"Group", 20, Wrap}, {"Result", 13, Text}, {"Due", 10, Wrap}, {"Notes", 60, Wrap}, {"Findings", 11, Wrap}}
	if integrated {
		cols = append(cols, Column{"Answered once for", 16, Wrap})
	}
	cols = append(cols, Column{"Interviews", 36, Wrap})
	s, err := b.streamPrinted(ReportChecklist, cols, packPrint(true, packFooter(p, "Audit report, checklist")))
	if err != nil {
		return err
	}
	for _, l := range p.Checklist {
		result, notes, tone := l.Result.Label(), l.Notes, packResultTones[l.Result]
		switch {
		case l.Excluded:
			result, notes, tone = "Excluded (SoA)", "Excluded by the Statement of Applicability: "+l.Justification, Muted
		case l.Heading && !l.Recorded:
			result, tone = "", Plain
		}
		var nums []string
		for _, n := range l.Findings {
			nums = append(nums, fmt.Sprintf("#%d", n))
		}
		vals := []any{l.Ref, l.Title, l.Group, result, packDue(p, l), notes, strings.Join(nums, ", ")}
		if integrated {
			var with []string
			if len(l.SharedWith) > 0 {
				with = append(with, p.Certification.Standard.Short())
				for _, x := range l.SharedWith {
					with = append(with, x.Short())
				}
			}
			vals = append(vals, strings.Join(with, " · "))
		}
		vals = append(vals, packInterviews(l.Interviews))
		if err := s.Row(tone, vals...); err != nil {
			return err
		}
	}
	return s.Close("AuditChecklist")
}

// packInterviews is a line's interviews, one a line: "Name (Role),
// 2025-02-10: notes".
func packInterviews(ivs []certification.Interview) string {
	lines := make([]string, len(ivs))
	for i, iv := range ivs {
		lines[i] = iv.String()
		if iv.Notes != "" {
			lines[i] += ": " + iv.Notes
		}
	}
	return strings.Join(lines, "\n")
}

func reportFindings(b *Book, st *packStyles, p *document.AuditPack) error {
	// Few enough columns to print on A4 landscape at a readable size; the
	// clause titles are on the checklist sheet.
	cols := []Column{
		{"No.", 5, Int}, {"Grade", 11, Wrap}, {"Ref", 8, Text}, {"Requirement", 27, Wrap}, {"Objective evidence", 34, Wrap},
		{"Raised by", 13, Wrap}, {"Raised", 10.5, Date}, {"Response due", 10.5, Date}, {"Close due", 10.5, Date},
		{"Status", 12, Wrap}, {"Client response", 33, Wrap}, {"Review and verification", 23, Wrap},
	}
	s, err := b.streamPrinted(ReportFindings, cols, packPrint(true, packFooter(p, "Audit report, findings")))
	if err != nil {
		return err
	}
	for i := range p.Findings {
		x := &p.Findings[i]
		grade := x.Grade.ShortLabel()
		if x.EscalatedFrom != "" {
			grade += " (escalated from " + x.EscalatedFrom.Label() + ")"
		}
		status := wording(packFindingStatuses, x.Status)
		if x.Late {
			status += " — late"
		}
		err := s.Row(packFindingTone(x), x.Number, grade, x.Reference, x.Requirement, x.Evidence, x.RaisedByName, x.Raised,
			x.ResponseDue, x.CloseDue, status, packResponse(x), packReview(x))
		if err != nil {
			return err
		}
	}
	return s.Close("AuditFindings")
}
