package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"certdesk/audit/audittime"
	"certdesk/certification"
	"certdesk/certification/document"
)

// The audit plan: cover, proposed timetable and team.

func planCover(b *Book, st *packStyles, p *document.AuditPack) error {
	pg, err := newPackPage(b, st, PlanCoverSheet, []float64{22, 17, 17, 17, 29}, false)
	if err != nil {
		return err
	}
	a := &p.Audit
	state := map[certification.AuditStatus]string{
		certification.AuditPlanned:   "proposed plan",
		certification.AuditConfirmed: "confirmed plan",
		certification.AuditCancelled: "plan of a cancelled audit",
	}[a.Status]
	if state == "" {
		state = "plan of the audit as carried out"
	}
	pg.title("Audit plan — "+packKindTitle(p), fmt.Sprintf("%s · %s · issued %s", p.Body, state, p.AsOf))

	pg.clientSection(p, "Contact")

	pg.section("Certification", 45)
	pg.field("Standard", packStandards(p))
	scope := p.Certification.Scope
	for _, x := range p.Integrated {
		if x.Scope != p.Certification.Scope {
			scope += "\n" + string(x.Standard) + ": " + x.Scope
		}
	}
	pg.field("Scope", scope)
	pg.field("Certificate", packCertificate(p))
	pg.field("Cycle", packCycle(p))

	pg.auditSection(p)
	pg.dates("Dates", a.Start(), a.LastDay(), true)
	days := a.PlannedDays
	for _, x := range p.Integrated {
		days += x.PlannedDays
	}
	pg.field("Auditor-days", audittime.AuditorDays(days)+" of 8 hours")
	pg.field("Status", wording(packAuditStatuses, a.Status))
	pg.field("Objectives", packBullets(document.AuditObjectives(a.Kind, p.Standards())))
	pg.field("Criteria", packBullets(document.AuditCriteria(p.Standards())))
	pg.field("Language", packLanguages(p))

	pg.sitesSection(p, "Sites")
	if s := packSampleStatement(p); s != "" {
		pg.note(s)
	}
	pg.teamSection(p)
	pg.note("The timetable sheet proposes the sessions; the team sheet gives each member's qualifications. Tell us within five working days if you object to a member of the team.")

	pg.kindItemsPlan(p)

	if n := strings.TrimSpace(a.Notes); n != "" {
		pg.section("Notes", pg.fieldsHeight(n))
		pg.field("Notes", n)
	}

	pg.section("Please note", 90)
	confirm := a.Start().AddDays(-7)
	pg.note(fmt.Sprintf("Please confirm this plan, or tell us of any change (dates, sites, people available), by %s. We need a guide for the team, a room for the team's work, and access to the people, places and records the timetable names.", confirm))
	pg.note("An audit is based on samples of the information available; a nonconformity may therefore exist that the audit does not find.")
	pg.note(fmt.Sprintf("Confidential: %s keeps everything seen and heard during the audit confidential. This plan is for %s and the audit team only.", p.Body, p.Client.DisplayName()))
	return pg.print(packFooter(p, "Audit plan"))
}

func planTimetable(b *Book, st *packStyles, p *document.AuditPack) error {
	integrated := len(p.Integrated) > 0
	widths := []float64{12, 26, 28, 50, 24}
	if integrated {
		widths = []float64{12, 24, 26, 46, 12, 22}
	}
	pg, err := newPackPage(b, st, PlanTimetableSheet, widths, true)
	if err != nil {
		return err
	}
	pg.title("Proposed timetable — "+packKindTitle(p),
		fmt.Sprintf("%s · %s · %s", p.Client.LegalName, packStandards(p), "proposed plan, derived from the audit's days, sites and checklist: to be confirmed with the client"))
	head := []string{"Time", "Site", "Activity", "Clauses and controls", "Auditors"}
	if integrated {
		head = []string{"Time", "Site", "Activity", "Clauses and controls", "Standards", "Auditors"}
	}
	pg.next()
	pg.next()
	for i, h := range head {
		pg.set(i+1, 0, h, b.HeaderStyle())
	}
	pg.height(20)
	header := pg.row
	pg.repeat = 20
	sessions := p.ProposedTimetable()
	type line struct {
		vals []any
		h    float64
	}
	lines := make([]line, len(sessions))
	for i, s := range sessions {
		topics, stds := packTopics(s.Topics)
		if topics == "" {
			topics = s.Detail
		}
		site := ""
		if s.Site != (document.PackSite{}) {
			site = s.Site.Label()
		}
		l := line{vals: []any{s.Times(), site, s.Activity, topics, strings.Join(s.Auditors, ", ")}, h: 15}
		if integrated {
			l.vals = []any{s.Times(), site, s.Activity, topics, stds, strings.Join(s.Auditors, ", ")}
		}
		for k, v := range l.vals {
			l.h = max(l.h, wrappedHeight(v.(string), widths[k]))
		}
		lines[i] = l
	}
	day := 0
	for i, s := range sessions {
		h := lines[i].h
		if i == len(sessions)-2 {
			pg.keep(h + lines[i+1].h) // the team's review with the closing meeting
		}
		if s.Day != day {
			day = s.Day
			where := packDaySites(sessions, s.Day)
			dh := max(22, wrappedHeight(where, pg.span(4, pg.last()))+6)
			pg.keep(dh + h)
			pg.next()
			pg.set(1, 0, fmt.Sprintf("Day %d", s.Day), st.dayHead)
			pg.set(2, 3, s.Date, st.dayDate)
			pg.set(4, pg.last(), where, st.dayHead)
			pg.height(dh)
		}
		pg.next()
		style := st.cell
		switch s.Kind {
		case document.SessionMeeting:
			style = st.cellBold
		case document.SessionBreak:
			style = st.cellMuted
		}
		for k, v := range lines[i].vals {
			pg.set(k+1, 0, v, style)
		}
		pg.height(h)
	}
	pg.next()
	pg.note("Times are proposals: the lead auditor agrees the final times with the client at the opening meeting. Sessions may be taken on site or remotely as agreed.")
	pg.fit()
	if pg.err != nil {
		return pg.err
	}
	if err := pg.f.SetPanes(pg.name, &excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: packCell(1, header+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	layout := packPrint(true, packFooter(p, "Audit plan, proposed timetable"))
	layout.titleRow = header
	return layout.setUp(pg.f, pg.name)
}

// packDaySites names the sites of a day's sessions.
func packDaySites(sessions []document.PlanSession, day int) string {
	var out []string
	seen := map[string]bool{}
	for _, s := range sessions {
		if s.Day != day || s.Kind == document.SessionBreak {
			continue
		}
		l := s.Site.Label()
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return strings.Join(out, "; ")
}

// packTopics writes a session's topics one a line, and the standards they answer.
func packTopics(ts []document.PlanTopic) (string, string) {
	var lines, stds []string
	for _, t := range ts {
		if t.Ref != "" {
			lines = append(lines, t.Ref+"  "+t.Title)
		} else {
			lines = append(lines, t.Title)
		}
		if t.Standards != "" && (len(stds) == 0 || stds[len(stds)-1] != t.Standards) {
			stds = append(stds, t.Standards)
		}
	}
	return strings.Join(lines, "\n"), strings.Join(stds, "; ")
}

func planTeam(b *Book, st *packStyles, p *document.AuditPack) error {
	pg, err := newPackPage(b, st, PlanTeamSheet, []float64{16, 20, 34, 20, 10, 28, 20}, true)
	if err != nil {
		return err
	}
	pg.title("Audit team — "+packKindTitle(p), fmt.Sprintf("%s · %s · audit %d", p.Client.LegalName, packStandards(p), p.Audit.ID))
	pg.next()
	var rows [][]any
	for _, m := range p.Team {
		var stds, sectors, areas []string
		for _, s := range m.Standards {
			stds = append(stds, string(s))
		}
		for _, s := range m.Sectors {
			sectors = append(sectors, fmt.Sprint(s))
		}
		for _, a := range m.AIAreas {
			areas = append(areas, wording(packAIAreas, a))
		}
		rows = append(rows, []any{wording(packRoles, m.Role), m.Name, m.Email, strings.Join(stds, "\n"), strings.Join(sectors, ", "), strings.Join(areas, "\n"), strings.Join(m.Languages, ", ")})
	}
	cols := []packCol{{"Role", 1, 1}, {"Name", 2, 2}, {"Email", 3, 3}, {"Qualified for", 4, 4}, {"IAF sectors", 5, 5}, {"AI competence (ISO/IEC 42006)", 6, 6}, {"Languages", 7, 7}}
	pg.table(cols, rows, nil)
	pg.next()
	pg.note("Before the audit is confirmed the team is checked against the interests its members declared: nobody who consulted for, trained or was employed by the client in the last two years audits it. Technical experts, trainees and observers take part under the lead auditor's direction; they do not audit on their own.")
	return pg.print(packFooter(p, "Audit plan, team"))
}
