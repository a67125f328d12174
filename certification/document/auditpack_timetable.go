package document

// The proposed timetable of an audit plan. An audit record holds dates,
// sites and a team, not sessions, so the plan the client receives
// proposes one, derived from the audit:
//
//   - The days are the audit's days (actual where it has started, else
//     planned), Saturdays and Sundays left out unless the audit is only
//     on a weekend; each day runs 09:00–17:00 with lunch 12:30–13:15.
//   - Day 1 opens with the opening meeting (09:00–09:30); every day but
//     the last ends with the team's review of the day and a short
//     briefing of the client (16:30–17:00); the last day ends with the
//     team's review of findings and recommendation (15:15–16:00) and the
//     closing meeting (16:00–17:00). Where the auditor-days (of every
//     standard of the visit, over the lead auditor and the auditors)
//     leave less than a full last day, it is shorter — not under three
//     hours —, with half an hour each for the review and the closing,
//     and lunch only if it runs past 14:15.
//   - What is audited (AuditPack.Topics): stage 1 covers the readiness
//     subjects of the rules, a session each; stage 2 and recertification every clause
//     and every applicable Annex A control; surveillance every clause,
//     the controls not yet audited in the cycle (all of them once the
//     cycle has covered them) and the certification matters; special
//     and follow-up audits the nonconformities to verify. Earlier
//     nonconformities are followed up at the end. An integrated audit
//     covers the clauses answered once first, then each standard's own.
//   - Topics are grouped into sessions by clause or control group, in
//     order. With several sites, the central function takes the
//     management-system topics (those before the first operational one,
//     then the rest after the site visits); the operations and Annex A
//     controls are split in order over the other sites.
//   - Each stay at a site gets whole mornings and afternoons, in
//     proportion to its topics, so that the team changes site at lunch or
//     overnight (where there are more stays than half days, all share the
//     time). Within a stay the time is shared out in quarter hours (five
//     minutes when there are more sessions than quarter hours) in
//     proportion to the number of topics, each session at least one
//     unit; a session that does not fit before a break goes on after it
//     ("continued"), its topics shared between the two in proportion.
//   - Sessions are assigned by role: the lead auditor takes the
//     management-system topics, the auditors the operations, an auditor
//     with the technical experts the Annex A controls.

import (
	"fmt"
	"slices"
	"strings"

	"certdesk/certification"
)

// SessionKind tells the sessions of a timetable apart.
type SessionKind int

const (
	SessionAudit   SessionKind = iota // auditing topics
	SessionMeeting                    // opening or closing meeting
	SessionReview                     // the team's review, the client's briefing
	SessionBreak                      // lunch
)

// PlanSession is one session of a proposed timetable.
type PlanSession struct {
	Day  int // 1, 2, …
	Date certification.Date
	// Start and End are minutes after midnight.
	Start, End int
	Kind       SessionKind
	// Site is where the session takes place (zero for a break).
	Site     PackSite
	Activity string
	// Detail says what a meeting or review covers.
	Detail string
	// Topics are the clauses and controls the session covers.
	Topics []PlanTopic
	// Auditors are the team members who take the session.
	Auditors []string
}

// Times is the session's time span: "09:00–09:30".
func (s PlanSession) Times() string { return ClockTime(s.Start) + "–" + ClockTime(s.End) }

// ClockTime writes minutes after midnight as hh:mm.
func ClockTime(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }

// The fixed times of an audit day, in minutes after midnight.
const (
	dayStart     = 9 * 60
	openingEnd   = 9*60 + 30
	lunchStart   = 12*60 + 30
	lunchEnd     = 13*60 + 15
	dailyReview  = 16*60 + 30
	finalReview  = 15*60 + 15
	closingStart = 16 * 60
	dayEnd       = 17 * 60
	maxPlanDays  = 20
)

// AuditDays are the days of the audit the timetable uses.
func (p *AuditPack) AuditDays() []certification.Date {
	from, to := p.Audit.Start(), p.Audit.LastDay()
	if to < from {
		to = from
	}
	var all, work []certification.Date
	for d := from; d <= to && len(all) < 366; d = d.AddDays(1) {
		all = append(all, d)
		if wd := d.Time().Weekday(); wd != 0 && wd != 6 {
			work = append(work, d)
		}
	}
	if len(work) == 0 {
		work = all
	}
	if len(work) > maxPlanDays {
		work = work[:maxPlanDays]
	}
	return work
}

// planBlock is a run of topics of one group at one site.
type planBlock struct {
	site   PackSite
	title  string
	topics []PlanTopic
	units  int
}

// lastDayEnd is when the last of n audit days ends: at 17:00, or
// earlier when the auditor-days (of every standard of the visit, shared
// by the lead auditor and the auditors) leave less than a full last day,
// but not before 12:00.
func (p *AuditPack) lastDayEnd(n int) int {
	days := p.Audit.PlannedDays
	for _, x := range p.Integrated {
		days += x.PlannedDays
	}
	auditors := 0
	for _, m := range p.Team {
		if m.Role == certification.TeamLead || m.Role == certification.TeamAuditor {
			auditors++
		}
	}
	if days <= 0 {
		return dayEnd
	}
	minutes := int(days*8*60) / max(1, auditors)
	last := minutes - (n-1)*8*60 // the full days before take 8 hours each
	last = (last + 14) / 15 * 15
	return dayStart + min(8*60, max(3*60, last))
}

// planWindow is a stretch of an audit day free for auditing: a morning
// or an afternoon between the fixed meetings and breaks.
type planWindow struct{ day, from, to int }

func (w planWindow) minutes() int { return w.to - w.from }

// planPart is a run of blocks laid out in a run of windows.
type planPart struct {
	blocks []planBlock
	wins   []planWindow
}

// ProposedTimetable proposes the sessions of the audit (see the top of
// the file), in time order.
func (p *AuditPack) ProposedTimetable() []PlanSession {
	days := p.AuditDays()
	n := len(days)
	central := PackSite{Name: "The client's premises"}
	if len(p.Sites) > 0 {
		central = p.Sites[0]
	}
	// The last day: a full day ends with the team's review at 15:15 and
	// the closing meeting at 16:00; a short one with half an hour each.
	end := p.lastDayEnd(n)
	review, closing, lunch := finalReview, closingStart, end > lunchEnd+60
	if end < dayEnd {
		review, closing = end-60, end-30
	}
	var wins []planWindow
	for d := range n {
		from, to := dayStart, dailyReview
		if d == 0 {
			from = openingEnd
		}
		if d == n-1 {
			to = review
		}
		if d < n-1 || lunch {
			wins = append(wins, planWindow{d, from, min(lunchStart, to)})
			if to > lunchEnd {
				wins = append(wins, planWindow{d, lunchEnd, to})
			}
		} else {
			wins = append(wins, planWindow{d, from, to})
		}
	}

	lead, auditors, experts := p.roleNames()
	all := []string{"All team members"}
	var out []PlanSession
	session := func(d int, from, to int, k SessionKind, site PackSite, what string, topics []PlanTopic, who []string) {
		var detail string
		if k != SessionAudit {
			what, detail, _ = strings.Cut(what, ": ")
			if detail != "" {
				detail = strings.ToUpper(detail[:1]) + detail[1:]
			}
		}
		out = append(out, PlanSession{Day: d + 1, Date: days[d], Start: from, End: to, Kind: k, Site: site, Activity: what, Detail: detail, Topics: topics, Auditors: who})
	}
	session(0, dayStart, openingEnd, SessionMeeting, central, "Opening meeting: introductions; the plan, scope and methods confirmed; confidentiality; communication during the audit", nil, all)

	lastSite := make([]PackSite, n)
	for d := range lastSite {
		lastSite[d] = central
	}
	overrun := 0 // the end of sessions that ran past the last window
	for _, part := range planParts(p.planBlocks(central), wins) {
		unit := part.unit()
		wi, at := 0, part.wins[0].from
		for _, b := range part.blocks {
			left := b.units * unit
			done, pieces := 0, 0
			for left > 0 {
				var from, to, day int
				if wi < len(part.wins) {
					if at >= part.wins[wi].to {
						wi++
						if wi < len(part.wins) {
							at = part.wins[wi].from
						}
						continue
					}
					w := part.wins[wi]
					from, to, day = at, min(w.to, at+left), w.day
				} else { // more than the days hold: run on after the last window
					day = n - 1
					from = max(at, overrun)
					to = from + left
					overrun = to
				}
				take := to - from
				k := len(b.topics) - done
				if left > take {
					k = (len(b.topics)*(b.units*unit-left+take)+b.units*unit/2)/(b.units*unit) - done
					k = max(0, min(k, len(b.topics)-done))
				}
				title := b.title
				if pieces > 0 {
					title += " (continued)"
				}
				topics := b.topics[done : done+k]
				switch {
				case k > 0:
				case done == 0: // the first piece takes at least one topic
					k = 1
					topics = b.topics[:1]
				default: // a piece without a topic of its own goes on with the last
					topics = b.topics[done-1 : done]
				}
				session(day, from, to, SessionAudit, b.site, title, topics, p.whoTakes(b, lead, auditors, experts))
				lastSite[day] = b.site
				done += k
				pieces++
				left -= take
				at = to
			}
		}
	}
	for d := range n {
		if d < n-1 || lunch {
			session(d, lunchStart, lunchEnd, SessionBreak, PackSite{}, "Lunch break", nil, nil)
		}
		if d < n-1 {
			session(d, dailyReview, dayEnd, SessionReview, lastSite[d], "Daily review: the team's review of the day; a short briefing of the client's representative", nil, all)
		}
	}
	shift := max(0, overrun-review)
	session(n-1, review+shift, closing+shift, SessionReview, central, "Team review: findings, conclusions and the team's recommendation (team only)", nil, all)
	session(n-1, closing+shift, end+shift, SessionMeeting, central, "Closing meeting: findings, their grading and deadlines, the team's recommendation, next steps", nil, all)
	slices.SortStableFunc(out, func(x, y PlanSession) int {
		if x.Day != y.Day {
			return x.Day - y.Day
		}
		return x.Start - y.Start
	})
	return out
}

// unit is the part's unit of time: a quarter hour, or five minutes when
// it has more blocks than quarter hours; its blocks' units are shared out.
func (pt *planPart) unit() int {
	total := 0
	for _, w := range pt.wins {
		total += w.minutes()
	}
	unit := 15
	if len(pt.blocks) > total/unit {
		unit = 5
	}
	shareUnits(pt.blocks, total/unit)
	return unit
}

// planParts gives each stay at a site (a run of blocks at one site) its
// own mornings and afternoons, in proportion to its topics, so that the
// team changes site only at lunch or overnight. Where there are more
// stays than half days, or a stay's half days cannot hold its blocks,
// all blocks share all windows.
func planParts(blocks []planBlock, wins []planWindow) []planPart {
	pool := []planPart{{blocks: blocks, wins: wins}}
	var stays [][]planBlock
	for i, b := range blocks {
		if i == 0 || b.site != blocks[i-1].site {
			stays = append(stays, nil)
		}
		stays[len(stays)-1] = append(stays[len(stays)-1], b)
	}
	if len(stays) <= 1 || len(stays) > len(wins) {
		return pool
	}
	topics, total := 0, 0
	for _, b := range blocks {
		topics += len(b.topics)
	}
	for _, w := range wins {
		total += w.minutes()
	}
	var out []planPart
	g, seen, minutes := 0, 0, 0
	for i, stay := range stays {
		for _, b := range stay {
			seen += len(b.topics)
		}
		target := total * seen / topics
		from := g
		g++ // each stay takes at least one half day
		minutes += wins[from].minutes()
		for g < len(wins)-(len(stays)-1-i) && minutes+wins[g].minutes()/2 <= target {
			minutes += wins[g].minutes()
			g++
		}
		if i == len(stays)-1 {
			g = len(wins)
		}
		part := planPart{blocks: stay, wins: wins[from:g]}
		m := 0
		for _, w := range part.wins {
			m += w.minutes()
		}
		if m/5 < len(stay) {
			return pool
		}
		out = append(out, part)
	}
	return out
}

// planBlocks groups the topics into blocks by site and group, in the
// order the timetable takes them.
func (p *AuditPack) planBlocks(central PackSite) []planBlock {
	var others []PackSite
	for _, s := range p.Sites[min(1, len(p.Sites)):] {
		others = append(others, s)
	}
	type placed struct {
		t    PlanTopic
		site PackSite
	}
	var seq []placed
	if len(others) == 0 {
		for _, t := range p.Topics {
			seq = append(seq, placed{t, central})
		}
	} else {
		var before, ops, after []PlanTopic
		for _, t := range p.Topics {
			switch {
			case t.Operational:
				ops = append(ops, t)
			case len(ops) == 0:
				before = append(before, t)
			default:
				after = append(after, t)
			}
		}
		for _, t := range before {
			seq = append(seq, placed{t, central})
		}
		cuts := splitOps(ops, len(others))
		for i, s := range others {
			lo, hi := cuts[i], cuts[i+1]
			if lo == hi {
				seq = append(seq, placed{PlanTopic{Group: "Site visit", Title: "Local implementation of the operational controls", Operational: true}, s})
			}
			for _, t := range ops[lo:hi] {
				seq = append(seq, placed{t, s})
			}
		}
		for _, t := range after {
			seq = append(seq, placed{t, central})
		}
	}
	var out []planBlock
	for _, x := range seq {
		if k := len(out) - 1; k >= 0 && out[k].site == x.site && out[k].topics[0].Group == x.t.Group && out[k].topics[0].Standards == x.t.Standards {
			out[k].topics = append(out[k].topics, x.t)
			continue
		}
		out = append(out, planBlock{site: x.site, title: x.t.Group, topics: []PlanTopic{x.t}})
	}
	return out
}

// splitOps splits the operational topics in order over k sites: where
// there are at least k groups, at group boundaries, each site taking
// about its share of the topics; otherwise topic by topic. It returns
// the k+1 cut points.
func splitOps(ops []PlanTopic, k int) []int {
	var starts []int // where each group starts
	for i, t := range ops {
		if i == 0 || t.Group != ops[i-1].Group || t.Standards != ops[i-1].Standards {
			starts = append(starts, i)
		}
	}
	cuts := make([]int, k+1)
	cuts[k] = len(ops)
	if len(starts) < k {
		for i := range k {
			cuts[i] = len(ops) * i / k
		}
		return cuts
	}
	g := 0 // the next group to give
	for i := 1; i < k; i++ {
		g++ // each site takes at least one group
		for g < len(starts)-(k-i) && starts[g] < len(ops)*i/k {
			g++
		}
		cuts[i] = starts[g]
	}
	return cuts
}

// shareUnits shares units of time out over the blocks in proportion to
// their topics, each at least one unit (largest remainder).
func shareUnits(blocks []planBlock, units int) {
	if len(blocks) == 0 {
		return
	}
	weight := 0
	for _, b := range blocks {
		weight += len(b.topics)
	}
	if units < len(blocks) {
		for i := range blocks {
			blocks[i].units = 1
		}
		return
	}
	rem := make([]int, len(blocks))
	used := 0
	for i, b := range blocks {
		exact := len(b.topics) * units
		blocks[i].units = max(1, exact/weight)
		rem[i] = exact % weight
		used += blocks[i].units
	}
	order := make([]int, len(blocks))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return rem[y] - rem[x] })
	for i := 0; used < units; i = (i + 1) % len(order) {
		blocks[order[i]].units++
		used++
	}
	for used > units { // the one-unit minimum took more than the share
		big := 0
		for i := range blocks {
			if blocks[i].units > blocks[big].units {
				big = i
			}
		}
		blocks[big].units--
		used--
	}
}

// roleNames are the team's names by role.
func (p *AuditPack) roleNames() (lead string, auditors, experts []string) {
	for _, m := range p.Team {
		switch m.Role {
		case certification.TeamLead:
			lead = m.Name
		case certification.TeamAuditor:
			auditors = append(auditors, m.Name)
		case certification.TeamTechnicalExpert:
			experts = append(experts, m.Name)
		}
	}
	return lead, auditors, experts
}

// whoTakes assigns a block to the team by role.
func (p *AuditPack) whoTakes(b planBlock, lead string, auditors, experts []string) []string {
	first := func(names []string, or string) string {
		if len(names) > 0 {
			return names[0]
		}
		return or
	}
	var out []string
	t := b.topics[0]
	switch {
	case strings.HasPrefix(t.Ref, "A.") || strings.HasPrefix(t.Group, "A."):
		out = append([]string{first(auditors, lead)}, experts...)
	case t.Operational:
		if len(auditors) > 0 {
			out = slices.Clone(auditors)
		} else {
			out = []string{lead}
		}
	default:
		out = []string{lead}
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}
