package pdf

// The audit report's later sections: findings, earlier corrective
// actions, the checklist, issues, the conclusion and recommendation.

import (
	"fmt"
	"strings"

	"certdesk/certification/document"
)

func (x *doc) reportFindings(d *document.ReportDoc) {
	x.section("3 " + x.t("Findings"))
	if len(d.Findings) == 0 {
		x.para(x.t("The audit raised no findings."))
	}
	for _, f := range d.Findings {
		head := fmt.Sprintf("#%d  %s — %s", f.Number, x.v(f.Grade.Label()), f.Reference)
		if f.Title != "" {
			head += " " + f.Title
		}
		rows := [][2]string{
			{x.t("Requirement"), f.Statement},
			{x.t("Evidence"), f.Evidence},
			{x.t("Evidence files"), strings.Join(f.Files, "\n")},
			{x.t("Status"), x.v(f.Status.Label(f.Grade))},
		}
		x.f.Ln(1)
		x.keep(2*lineH, rows)
		x.sub(head)
		x.fields(rows)
	}
	if len(d.Evidence) > 0 {
		x.sub(x.t("Evidence files referenced"))
		rows := make([][]string, len(d.Evidence))
		for i, e := range d.Evidence {
			rows[i] = []string{e.Name, e.Of, e.SHA256[:16]}
		}
		x.table([]string{x.t("File"), x.t("Evidence of"), x.t("SHA-256 (start)")}, []float64{80, 55, 35}, rows)
	}
}

func (x *doc) reportEarlier(d *document.ReportDoc) {
	x.section("4 " + x.t("Verification of earlier corrective actions"))
	if len(d.Earlier) == 0 {
		x.para(x.t("No nonconformity of an earlier audit was open or due for verification at this audit."))
		return
	}
	rows := make([][]string, len(d.Earlier))
	for i, f := range d.Earlier {
		ver := x.v(f.Status.Label(f.Grade))
		if !f.VerifiedOn.IsZero() {
			ver += "\n" + x.p.Sprintf("verified on %s by %s (%s)", longDate(x.p, f.VerifiedOn), f.VerifiedBy, f.Method)
		}
		rows[i] = []string{fmt.Sprintf("#%d %s %s", f.Number, x.v(f.Grade.Label()), f.Reference),
			x.v(f.AuditKind.Label()) + ", " + longDate(x.p, f.AuditStart), f.Statement, ver}
	}
	x.table([]string{x.t("Finding"), x.t("Raised at"), x.t("Requirement"), x.t("Verification")}, []float64{32, 32, 66, 40}, rows)
}

func (x *doc) reportChecklist(d *document.ReportDoc) {
	x.section("5 " + x.t("Checklist: what was audited"))
	rows := make([][]string, 0, len(d.Checklist))
	for _, l := range d.Checklist {
		res, notes := x.v(l.Result.Label()), l.Notes
		if l.Excluded {
			res, notes = x.t("Excluded"), l.Justification
		}
		rows = append(rows, []string{l.Ref, l.Title, res, notes})
	}
	x.table([]string{x.t("Ref."), x.t("Clause or control"), x.t("Result"), x.t("Notes")}, []float64{16, 48, 28, 78}, rows)
}

func (x *doc) reportIssues(d *document.ReportDoc) {
	x.section("6 " + x.t("Issues"))
	x.fields([][2]string{
		{x.t("Significant issues for the audit programme"), d.SignificantIssues},
		{x.t("Significant changes since the last audit"), d.Changes},
		{x.t("Use of certification documents and marks"), d.MarksUse},
	})
	x.sub(x.t("Unresolved issues"))
	var open []string
	for _, f := range d.Findings {
		if f.Open {
			open = append(open, fmt.Sprintf("#%d %s %s: %s", f.Number, x.v(f.Grade.Label()), f.Reference, x.v(f.Status.Label(f.Grade))))
		}
	}
	if len(d.Unanswered) > 0 {
		open = append(open, x.t("Checklist items not answered:")+" "+strings.Join(d.Unanswered, ", "))
	}
	if d.Unresolved != "" {
		open = append(open, d.Unresolved)
	}
	if len(open) == 0 {
		open = []string{x.t("None.")}
	}
	x.bullets(open)
	x.fields([][2]string{{x.t("Diverging opinions between the team and the client"), d.DivergingOpinions}})
}

func (x *doc) reportConclusion(d *document.ReportDoc) {
	x.section("7 " + x.t("Conclusion and recommendation"))
	x.para(d.Conclusion)
	rec := x.v(d.Recommendation.Label())
	if d.Stage1Outcome != "" {
		rec = x.v(d.Stage1Outcome.Label())
	}
	if d.Recommendation == "" && d.Stage1Outcome == "" {
		rec = ""
	}
	x.fields([][2]string{{x.t("The team's recommendation"), rec}})
	if len(d.Conditions) > 0 {
		x.sub(x.t("Conditions"))
		x.bullets(x.sentencesOf(d.Conditions))
	}
	x.room(22)
	x.f.Ln(8)
	y := x.f.GetY()
	x.f.Line(20, y, 100, y)
	x.f.SetFont(Font, "", 9)
	on := d.ReportDate
	if on.IsZero() {
		on = d.AsOf
	}
	x.f.MultiCell(120, lineH, d.Lead+"\n"+x.t("Lead auditor")+", "+longDate(x.p, on), "", "L", false)
}
