package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/message"

	"certdesk/audit/audittime"
	"certdesk/certification"
	"certdesk/certification/document"
)

// WriteReport writes d as an A4 audit report (ISO/IEC 17021-1 9.4.8). A
// report that still misses something is written only as a draft
// (d.Draft): DRAFT across every page and the missing items listed on the
// first; a complete report printed as a draft carries DRAFT too.
func (Writer) WriteReport(w io.Writer, d *document.ReportDoc) error {
	missing := d.Missing()
	if err := d.Releasable(); err != nil && !d.Draft {
		return fmt.Errorf("pdf: %w (print it as a draft)", err)
	}
	p := printer(d.Language)
	mark := ""
	if d.Draft {
		mark = p.Sprintf("DRAFT")
	}
	running := d.Body + " — " + p.Sprintf("Audit report") + " — " + d.Client + " — " + p.Sprintf("audit %s", idText(d.AuditID))
	x, err := newDoc(p.Sprintf("Audit report")+" "+idText(d.AuditID), running, mark, d.AsOf.Time(), d.Language)
	if err != nil {
		return err
	}
	x.f.SetAuthor(d.Body, true)
	x.letterhead(d.Body, d.BodyAddress)
	x.title(x.t("Audit report") + " — " + x.v(d.Kind.Label()) + " — " + string(d.Standard))
	if d.Draft {
		x.draftBox(missing)
	}
	x.auditSection(&d.DocAudit, d.Representative)
	x.reportWhenWhere(d)
	x.reportFindings(d)
	x.reportEarlier(d)
	x.reportChecklist(d)
	x.reportIssues(d)
	x.reportConclusion(d)
	if err := x.finish(fmt.Sprintf("audit report %d", d.AuditID)); err != nil {
		return err
	}
	return x.f.Output(w)
}

// letterhead is the body's name and address at the top of page 1.
func (x *doc) letterhead(body, address string) {
	x.f.SetFont(Font, "B", 12)
	x.f.MultiCell(0, 6, body, "", "L", false)
	x.f.SetFont(Font, "", 8.5)
	x.f.MultiCell(0, 4.2, address, "", "L", false)
	x.f.Ln(4)
}

// draftBox says on page 1 that the report is a draft and what it lacks.
func (x *doc) draftBox(missing []string) {
	x.f.SetTextColor(160, 0, 0)
	x.sub(x.t("Draft: not released"))
	if len(missing) == 0 {
		x.para(x.t("This report is complete but printed as a draft; the released report is the one the body records."))
	} else {
		x.para(x.t("The body releases this report once the following is recorded:"))
		x.bullets(missing)
	}
	x.f.SetTextColor(0, 0, 0)
}

// auditSection is what the report and the plan both say of the audit:
// body, client, representative, kind, standards, scope (and more rows),
// criteria and objectives.
func (x *doc) auditSection(a *document.DocAudit, representative string, more ...[2]string) {
	x.section("1 " + x.t("The audit"))
	stds := string(a.Standard)
	if len(a.Integrated) > 0 {
		stds += " — " + x.t("integrated audit with") + " " + joinStd(a.Integrated)
	}
	rows := [][2]string{
		{x.t("Certification body"), a.Body},
		{x.t("Client"), a.Client},
		{x.t("Client's address"), a.ClientAddress},
		{x.t("Client's representative"), representative},
		{x.t("Type of audit"), x.v(a.Kind.Label())},
		{x.t("Standard"), stds},
		{x.t("Scope"), a.Scope},
	}
	x.fields(append(append(rows, more...), [2]string{x.t("Audit"), idText(a.AuditID)}))
	x.sub(x.t("Audit criteria"))
	crit := x.sentencesOf(a.Criteria)
	if a.ClientDocuments != "" {
		crit = append(crit[:len(crit):len(crit)], x.t("The client's documents:")+" "+a.ClientDocuments)
	}
	x.bullets(crit)
	x.sub(x.t("Audit objectives"))
	x.bullets(x.sentencesOf(a.Objectives))
}

// sitesTable lists the audit's sites with their addresses.
func (x *doc) sitesTable(sites []document.DocSite) {
	x.sub(x.t("Sites"))
	rows := make([][]string, len(sites))
	for i, s := range sites {
		name := s.Name
		if s.Central {
			name += " (" + x.t("central function") + ")"
		}
		rows[i] = []string{s.Code, name, s.Address}
	}
	x.table([]string{x.t("Code"), x.t("Site"), x.t("Address")}, []float64{20, 55, 95}, rows)
}

func (x *doc) reportWhenWhere(d *document.ReportDoc) {
	x.section("2 " + x.t("Dates, places and team"))
	x.fields([][2]string{
		{x.t("Planned"), dateSpan(x.p, d.PlannedStart, d.PlannedEnd) + " · " + x.auditorDays(d.PlannedDays)},
		{x.t("Carried out"), carried(x, d)},
		{x.t("Report date"), longDate(x.p, d.ReportDate)},
	})
	x.sitesTable(d.Sites)
	x.teamTable(d.Team)
	x.activities(d.Activities)
	x.sub(x.t("Deviations from the audit plan"))
	switch {
	case d.ActualStart.IsZero():
		x.para(x.t("The audit has not been carried out yet."))
	case len(d.Deviations) == 0:
		x.para(x.t("None: the audit was carried out as planned."))
	default:
		x.bullets(x.sentencesOf(d.Deviations))
		x.fields([][2]string{{x.t("Reasons"), strings.Join(d.Reasons, "\n")}})
	}
	x.sub(x.t("Sampling"))
	x.para(x.t("Auditing is based on a sampling process of the available information: an audit cannot find every nonconformity that may exist."))
	if s := d.Sample; s != nil {
		x.para(x.p.Sprintf("Multi-site sample (IAF MD 1, %s): %s of %s sites besides the central function %s, seed %s.",
			x.v(string(s.Kind)), strconv.Itoa(s.Size), strconv.Itoa(s.Sites), s.Central, strconv.FormatUint(s.Seed, 10)) +
			"\n" + x.t("Sites visited:") + " " + strings.Join(s.Visit, ", ") +
			"\n" + x.t("Chosen first:") + " " + orDash(strings.Join(s.Preferred, ", ")) + " · " + x.t("At random:") + " " + orDash(strings.Join(s.Random, ", ")))
		x.bullets(s.Reasons)
	}
}

// teamTable lists the team with their roles.
func (x *doc) teamTable(team []document.DocMember) {
	x.sub(x.t("Audit team"))
	rows := make([][]string, len(team))
	for i, m := range team {
		rows[i] = []string{m.Name, x.v(roleLabel(m.Role))}
	}
	x.table([]string{x.t("Name"), x.t("Role")}, []float64{95, 75}, rows)
}

// carried is when and how long the audit was carried out.
func carried(x *doc, d *document.ReportDoc) string {
	if d.ActualStart.IsZero() {
		return x.t("not yet")
	}
	s := dateSpan(x.p, d.ActualStart, d.ActualEnd)
	if d.ActualDays > 0 {
		s += " · " + x.auditorDays(d.ActualDays)
	}
	return s
}

// roleLabel is a team role as printed.
func roleLabel(r certification.TeamRole) string {
	switch r {
	case certification.TeamLead:
		return "Lead auditor"
	case certification.TeamAuditor:
		return "Auditor"
	case certification.TeamTechnicalExpert:
		return "Technical expert"
	case certification.TeamTrainee:
		return "Trainee auditor"
	case certification.TeamObserver:
		return "Observer"
	}
	return string(r)
}

func joinStd(stds []certification.Standard) string {
	s := make([]string, len(stds))
	for i, x := range stds {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// dateSpan is "10 February 2025 – 12 February 2025", or one day.
func dateSpan(p *message.Printer, from, to certification.Date) string {
	if to.IsZero() || to == from {
		return longDate(p, from)
	}
	return longDate(p, from) + " – " + longDate(p, to)
}

// num is a number of days as written: "7.5", in French and Greek "7,5".
func (x *doc) num(v float64) string {
	s := strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
	if x.words != nil { // French, Greek: a decimal comma
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// auditorDays is a number of auditor-days with its unit, singular for
// exactly one (audittime.DayUnit): "1 auditor-day", "7,5 jours-auditeur".
func (x *doc) auditorDays(v float64) string {
	if audittime.DayUnit(v) == "auditor-day" {
		return x.p.Sprintf("%s auditor-day", x.num(v))
	}
	return x.p.Sprintf("%s auditor-days", x.num(v))
}

// idText is a record's number as text: a printer would group 1234 as
// "1 234" in French.
func idText(id certification.ID) string { return strconv.FormatUint(uint64(id), 10) }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
