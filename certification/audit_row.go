package certification

import (
	"encoding/binary"
	"errors"
	"math"
)

var (
	auditKindNames   = namesOf(AuditKinds)
	auditStatusNames = namesOf(AuditStatuses)
	teamRoleNames    = namesOf(TeamRoles)
)

// IndexAuditRow files each audit as a covering key: its start date
// (actual, or planned before it began) first, so that the audits of a
// span of months are one range of keys, then what a list of audits shows
// and filters on (AuditSummary) in a compact binary form. Not the sites
// (a multi-site audit may visit hundreds: keys stay short). The programme
// and the audit picker read these keys alone: a whole audit (checklist,
// interviews, evidence: kilobytes of JSON) is decoded only when it is
// opened. Names (client, lead auditor) and the standard are not in the
// key: a client can be renamed without its audits being filed again.
const IndexAuditRow = "audit.row"

// auditRowFormat is the first byte after the date: the layout of the
// rest. A key of another layout is refused, not misread.
const auditRowFormat = 2 // 2: dates as signed varints (appendDate)

// AuditSummary is what a list of audits shows and filters on: an audit
// without its checklist, report and the rest.
type AuditSummary struct {
	ID              ID           `json:"id"`
	CertificationID ID           `json:"certification_id"`
	ClientID        ID           `json:"client_id"`
	Kind            AuditKind    `json:"kind"`
	Status          AuditStatus  `json:"status"`
	PlannedStart    Date         `json:"planned_start"`
	PlannedEnd      Date         `json:"planned_end"`
	ActualStart     Date         `json:"actual_start,omitzero"`
	ActualEnd       Date         `json:"actual_end,omitzero"`
	PlannedDays     float64      `json:"planned_days"`
	ActualDays      float64      `json:"actual_days,omitempty"`
	Team            []TeamMember `json:"team,omitempty"`
	IntegratedWith  []ID         `json:"integrated_with,omitempty"`
}

// Summary is the audit's AuditSummary.
func (a *Audit) Summary() AuditSummary {
	return AuditSummary{ID: a.ID, CertificationID: a.CertificationID, ClientID: a.ClientID, Kind: a.Kind, Status: a.Status,
		PlannedStart: a.PlannedStart, PlannedEnd: a.PlannedEnd, ActualStart: a.ActualStart, ActualEnd: a.ActualEnd,
		PlannedDays: a.PlannedDays, ActualDays: a.ActualDays, Team: a.Team, IntegratedWith: a.IntegratedWith}
}

// Start is the actual start, or the planned one before the audit began.
func (s *AuditSummary) Start() Date { return startOf(s.PlannedStart, s.ActualStart) }

// LastDay is the actual last day, or the planned one before the audit ended.
func (s *AuditSummary) LastDay() Date { return startOf(s.PlannedEnd, s.ActualEnd) }

// Lead returns the lead auditor's person id, or 0.
func (s *AuditSummary) Lead() ID { return leadOf(s.Team) }

// OnTeam reports whether the person is on the team.
func (s *AuditSummary) OnTeam(p ID) bool { return onTeam(s.Team, p) }

// LateToStart is Audit.LateToStart.
func (s *AuditSummary) LateToStart(today Date) bool {
	return lateToStart(s.Status, s.PlannedStart, today)
}

// Tone is Audit.Tone.
func (s *AuditSummary) Tone(today Date) Tone { return auditTone(s.Status, s.LateToStart(today)) }

// AuditRowMonths are the bounds of the IndexAuditRow range of the
// audits starting in the months of from to to (inclusive):
// Range(IndexAuditRow, lo, hi, …).
func AuditRowMonths(from, to Date) (lo, hi []byte) {
	return DateKey(Date(int(from) / 100 * 100)), DateKey(Date((int(to)/100 + 1) * 100))
}

// auditRowTerm is the audit's IndexAuditRow entry.
func (a *Audit) auditRowTerm() IndexTerm {
	b := make([]byte, 0, 96)
	b = append(b, DateKey(a.Start())...)
	b = append(b, auditRowFormat)
	b = binary.AppendUvarint(b, uint64(a.CertificationID))
	b = binary.AppendUvarint(b, uint64(a.ClientID))
	b = appendText(b, string(a.Kind))
	b = appendText(b, string(a.Status))
	for _, d := range []Date{a.PlannedStart, a.PlannedEnd, a.ActualStart, a.ActualEnd} {
		b = appendDate(b, d)
	}
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(a.PlannedDays))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(a.ActualDays))
	b = binary.AppendUvarint(b, uint64(len(a.Team)))
	for _, m := range a.Team {
		b = binary.AppendUvarint(b, uint64(m.PersonID))
		b = appendText(b, string(m.Role))
	}
	b = binary.AppendUvarint(b, uint64(len(a.IntegratedWith)))
	for _, id := range a.IntegratedWith {
		b = binary.AppendUvarint(b, uint64(id))
	}
	return IndexTerm{IndexAuditRow, b}
}

// appendText appends s with its length in front.
func appendText(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errAuditRow = errors.New("an audit's index entry (audit.row) is damaged: certctl verify names it; certctl reindex files it again")

// DecodeAuditRow reads the AuditSummary of audit id from its
// IndexAuditRow value.
func DecodeAuditRow(value []byte, id ID) (AuditSummary, error) {
	s := AuditSummary{ID: id}
	if len(value) < 9 || value[8] != auditRowFormat {
		return s, errAuditRow
	}
	r := rowReader{b: value[9:]}
	s.CertificationID, s.ClientID = ID(r.uvarint()), ID(r.uvarint())
	s.Kind = AuditKind(r.known(auditKindNames))
	s.Status = AuditStatus(r.known(auditStatusNames))
	s.PlannedStart, s.PlannedEnd, s.ActualStart, s.ActualEnd = r.date(), r.date(), r.date(), r.date()
	s.PlannedDays, s.ActualDays = r.float(), r.float()
	if n := r.count(); n > 0 {
		s.Team = make([]TeamMember, n)
		for i := range s.Team {
			s.Team[i] = TeamMember{PersonID: ID(r.uvarint()), Role: TeamRole(r.known(teamRoleNames))}
		}
	}
	if n := r.count(); n > 0 {
		s.IntegratedWith = make([]ID, n)
		for i := range s.IntegratedWith {
			s.IntegratedWith[i] = ID(r.uvarint())
		}
	}
	if r.bad || len(r.b) != 0 {
		return AuditSummary{ID: id}, errAuditRow
	}
	return s, nil
}
