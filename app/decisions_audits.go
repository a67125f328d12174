package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The audits of the committee's file: for each audit what the decision
// rests on — report and recommendation, audit time, the team and its
// check, checklist coverage, and every finding with its dates.

// fileLine adds one line of the committee's file.
type fileLine func(text string, imp widget.Importance, bold bool)

// showAudit writes one audit of the file, most facts first.
func (d *decisionsSpace) showAudit(a *certification.Audit, line fileLine) {
	f := d.file
	imp := widget.MediumImportance
	if a.Status == certification.AuditCancelled {
		imp = widget.LowImportance
	}
	line(fmt.Sprintf("%s · cycle %d · %s to %s · %s", a.Kind.Label(), a.Cycle, a.Start(), a.LastDay(), auditStatusWords(a.Status)), imp, true)
	var facts []string
	if !a.ReportDate.IsZero() {
		facts = append(facts, "report "+a.ReportDate.String())
	}
	if a.Recommendation != "" {
		facts = append(facts, "team recommends: "+a.Recommendation.Label())
	}
	if a.Stage1Outcome != "" {
		facts = append(facts, "stage 1 outcome: "+string(a.Stage1Outcome))
	}
	if len(facts) > 0 {
		line("    "+strings.Join(facts, " · "), widget.MediumImportance, false)
	}
	if r, ok := d.reviews[a.ID]; ok {
		text, imp := auditTimeText(r.Time)
		line("    "+text, imp, false)
	}
	var team []string
	for _, m := range a.Team {
		team = append(team, fmt.Sprintf("%s (%s)", d.personName(m.PersonID), strings.ReplaceAll(string(m.Role), "-", " ")))
	}
	if len(team) > 0 {
		line("    Team: "+strings.Join(team, ", "), widget.MediumImportance, false)
	}
	if r, ok := d.reviews[a.ID]; ok {
		text, imp := teamCheckText(r.Team)
		if r.TeamAsRecorded {
			text = "Team check when confirmed: " + text
		} else {
			text = "Team check against today's register: " + text
		}
		line("    "+text, imp, false)
	}
	if a.TeamJustification != "" {
		line("    Team confirmed with a competence gap, justified: "+a.TeamJustification, widget.WarningImportance, false)
	}
	if a.Done() {
		text, imp := checklistText(f, a)
		line("    "+text, imp, false)
	}
	today := d.u.today()
	for _, x := range f.FindingsOf([]*certification.Audit{a}) {
		st := x.Status()
		imp := findingStatusImportance(st, x.Grade)
		text := fmt.Sprintf("    %s #%d (%s): %s", x.Grade.Label(), x.Number, x.Reference, st.Label(x.Grade))
		if x.LateOn(today) {
			imp, text = widget.DangerImportance, text+", late"
		}
		line(text, imp, false)
		if dates := findingDates(x); dates != "" {
			line("        "+dates, widget.LowImportance, false)
		}
	}
}

// showCycleCoverage writes how far the audits of the cycle under
// decision (the last one an audit was carried out in) cover the
// Statement of Applicability's controls.
func (d *decisionsSpace) showCycleCoverage(line fileLine, heading func(string)) {
	f := d.file
	cycle := 0
	for _, a := range f.Audits {
		if a.Done() {
			cycle = max(cycle, a.Cycle)
		}
	}
	if cycle == 0 {
		return
	}
	cv, err := certification.CycleCoverage(f, cycle)
	if err != nil || cv.Applicable == 0 {
		return
	}
	heading(fmt.Sprintf("Coverage of cycle %d", cycle))
	text := fmt.Sprintf("Annex A: %d of %d applicable controls audited in the cycle", cv.Audited, cv.Applicable)
	if len(cv.Unaudited) == 0 {
		line(text, widget.SuccessImportance, false)
		return
	}
	missing := cv.Unaudited
	if len(missing) > 10 {
		missing = append(missing[:10:10], fmt.Sprintf("and %d more", len(cv.Unaudited)-10))
	}
	line(text+"; not yet: "+strings.Join(missing, ", "), widget.WarningImportance, false)
}

// auditTimeText sets required, planned and actual auditor-days side by
// side, with the justification or reason where the time fell short.
func auditTimeText(t certification.TimeFacts) (string, widget.Importance) {
	req := "no table minimum"
	switch {
	case t.RequiredError != "":
		req = "not calculable (" + t.RequiredError + ")"
	case t.Required.HasMinimum:
		req = numText(t.Required.Days)
	}
	text := "Auditor-days: required " + req + " · planned " + numText(t.Planned)
	if t.Actual > 0 {
		text += " · actual " + numText(t.Actual)
	}
	imp := widget.MediumImportance
	if t.BelowMinimum {
		text += " · below the minimum, justified: " + t.Justification
		imp = widget.WarningImportance
	}
	if t.Shortfall {
		text += fmt.Sprintf(" · %s %% short, reason: %s", numText(t.ShortfallPercent), t.Reason)
		imp = widget.WarningImportance
	}
	if t.Problem() != nil {
		imp = widget.DangerImportance
	}
	return text, imp
}

// teamCheckText is the team check in a line: what the team covers, or
// its problems.
func teamCheckText(tc certification.TeamCheck) (string, widget.Importance) {
	if len(tc.Problems) == 0 {
		parts := []string{"lead qualified", "standard covered"}
		if len(tc.Sectors) > 0 {
			parts = append(parts, "sectors "+strings.Trim(fmt.Sprint(tc.Sectors), "[]"))
		}
		if len(tc.AIAreas) > 0 {
			var areas []string
			for _, ar := range tc.AIAreas {
				areas = append(areas, string(ar))
			}
			parts = append(parts, "AI areas "+strings.Join(areas, ", "))
		}
		return strings.Join(parts, ", "), widget.SuccessImportance
	}
	var msgs []string
	imp := widget.WarningImportance
	for _, p := range tc.Problems {
		msgs = append(msgs, p.Msg)
		if !p.Warning && !p.Justifiable {
			imp = widget.DangerImportance
		}
	}
	return strings.Join(msgs, "; "), imp
}

// checklistText sets the audit's results against what its kind must
// cover (certification.DueItems: everything at stage 2 and
// recertification, the readiness list at stage 1, the coverage plan at a
// surveillance).
func checklistText(f *certification.File, a *certification.Audit) (string, widget.Importance) {
	due, err := certification.DueItems(f, a)
	if err != nil {
		return "Checklist: " + err.Error(), widget.DangerImportance
	}
	if len(due.Required) == 0 {
		return fmt.Sprintf("Checklist: %d items with a result (a %s audit has no required coverage)", len(a.Checklist), a.Kind.Label()), widget.MediumImportance
	}
	text := fmt.Sprintf("Checklist: %d of the %d items this audit must cover have a result", len(due.Required)-len(due.Missing), len(due.Required))
	if due.Complete() {
		return text, widget.SuccessImportance
	}
	return text + "; none for " + certification.NameRefs(due.Missing, 10), widget.DangerImportance
}

// findingDates lists a finding's dates in the order they happen.
func findingDates(x *certification.Finding) string {
	parts := []string{"raised " + x.Raised.String()}
	if r := x.Response; r != nil {
		parts = append(parts, "response "+r.Received.String())
	} else if !x.ResponseDue.IsZero() && x.Grade.IsNC() {
		parts = append(parts, "response due "+x.ResponseDue.String())
	}
	if r := x.Review; r != nil {
		if r.Accepted {
			parts = append(parts, "plan accepted "+r.On.String())
		} else {
			parts = append(parts, "plan rejected "+r.On.String())
		}
	}
	if v := x.Verification; v != nil {
		parts = append(parts, fmt.Sprintf("verified %s (%s)", v.On, v.Method))
	} else if x.Grade == certification.Major && !x.CloseDue.IsZero() {
		parts = append(parts, "to be closed by "+x.CloseDue.String())
	}
	return strings.Join(parts, " · ")
}
