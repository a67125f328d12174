package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"certdesk/certification/document"
)

// WritePlan writes d as an A4 audit plan (ISO/IEC 17021-1 9.2.3): the
// audit, its objectives, scope and criteria, dates, sites with their
// addresses, the team with its roles, and the timetable by day.
func (Writer) WritePlan(w io.Writer, d *document.PlanDoc) error {
	p := printer(d.Language)
	running := d.Body + " — " + p.Sprintf("Audit plan") + " — " + d.Client + " — " + p.Sprintf("audit %s", idText(d.AuditID))
	x, err := newDoc(p.Sprintf("Audit plan")+" "+idText(d.AuditID), running, "", d.AsOf.Time(), d.Language)
	if err != nil {
		return err
	}
	x.f.SetAuthor(d.Body, true)
	x.letterhead(d.Body, d.BodyAddress)
	x.title(x.t("Audit plan") + " — " + x.v(d.Kind.Label()) + " — " + string(d.Standard))

	x.auditSection(&d.DocAudit, d.Contact,
		[2]string{x.t("Dates"), dateSpan(x.p, d.Start, d.End)},
		[2]string{x.t("Auditor-days"), x.num(d.PlannedDays)},
		[2]string{x.t("Working languages"), strings.Join(d.Languages, ", ")})
	x.section("2 " + x.t("Sites and team"))
	x.sitesTable(d.Sites)
	if s := d.Sample; s != nil {
		x.para(x.p.Sprintf("The sites were drawn by the multi-site sample of IAF MD 1 (seed %s): %s.", strconv.FormatUint(s.Seed, 10), strings.Join(s.Visit, ", ")))
	}
	x.teamTable(d.Team)
	x.para(d.Notes)
	x.activities(d.Activities)

	x.section("3 " + x.t("Timetable"))
	x.para(x.t("The timetable is proposed: the times may be agreed otherwise at the opening meeting."))
	for day, i := 0, 0; i < len(d.Timetable); {
		day = d.Timetable[i].Day
		var rows [][]string
		for ; i < len(d.Timetable) && d.Timetable[i].Day == day; i++ {
			s := d.Timetable[i]
			rows = append(rows, []string{s.Times, x.v(s.Site), x.activity(s.Activity), x.v(s.Topics), x.v(s.Auditors)})
		}
		x.sub(x.p.Sprintf("Day %s", strconv.Itoa(day)) + " — " + longDate(x.p, d.Timetable[i-1].Date))
		x.table([]string{x.t("Time"), x.t("Site"), x.t("Activity"), x.t("Clauses and controls"), x.t("Auditors")},
			[]float64{24, 28, 36, 52, 30}, rows)
	}
	x.para(x.t("Please confirm the plan, or tell the lead auditor what should change, before the audit."))
	if err := x.finish(fmt.Sprintf("audit plan %d", d.AuditID)); err != nil {
		return err
	}
	return x.f.Output(w)
}

// activity is a timetable session's activity in the document's
// language: a meeting's name, or a clause group's title as recorded
// with the timetable's "(continued)" translated.
func (x *doc) activity(a string) string {
	if title, ok := strings.CutSuffix(a, " "+continued); ok {
		return title + " " + x.v(continued)
	}
	return x.v(a)
}

// continued is what the timetable (document.ProposedTimetable) adds to
// the title of a session going on from the one before.
const continued = "(continued)"
