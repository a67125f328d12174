package document

// The audit plan (ISO/IEC 17021-1 9.2.3) as printed: objectives, scope,
// criteria, dates, sites with their addresses, the team with its roles
// and the proposed timetable (AuditPack.ProposedTimetable, the one the
// Excel plan shows). The PDF is written by storage/pdf.

import (
	"context"
	"fmt"
	"io"
	"strings"

	"certdesk/certification"
)

// PlanDoc is one audit's plan as printed.
type PlanDoc struct {
	DocAudit
	// Contact is the client's representative (the report details'), or
	// else its first contact with the role.
	Contact string `json:"contact"`

	Start       certification.Date `json:"start"`
	End         certification.Date `json:"end"`
	PlannedDays float64            `json:"planned_days"`

	Languages []string   `json:"languages,omitempty"`
	Timetable []PlanSlot `json:"timetable"`
	// Activities are the activities recorded for the audit, on site or
	// remote (remote.go); nil: none recorded, the timetable stands.
	Activities *DocActivities `json:"activities,omitempty"`
	Notes      string         `json:"notes,omitempty"`
}

// PlanSlot is one session of the timetable as printed.
type PlanSlot struct {
	Day      int                `json:"day"`
	Date     certification.Date `json:"date"`
	Times    string             `json:"times"` // "09:00–09:30"
	Site     string             `json:"site,omitempty"`
	Activity string             `json:"activity"`
	// Topics are the clauses and controls covered ("6.1.2 AI risk
	// assessment"), or what a meeting covers.
	Topics   string `json:"topics,omitempty"`
	Auditors string `json:"auditors,omitempty"`
}

// PlanWriter writes an audit plan document (storage/pdf).
type PlanWriter interface {
	WritePlan(w io.Writer, d *PlanDoc) error
}

// ContentSHA256 is the hex SHA-256 of the plan's canonical JSON.
func (d *PlanDoc) ContentSHA256() string { return jsonSHA256(d) }

// IssueRecord names the audit the plan is of.
func (d *PlanDoc) IssueRecord() certification.IssuedDocument {
	return certification.IssuedDocument{Kind: certification.DocPlan, AuditID: d.AuditID, ContentSHA256: d.ContentSHA256()}
}

// FileName is the name offered for the plan's PDF.
func (d *PlanDoc) FileName() string { return fmt.Sprintf("audit-%d-plan.pdf", d.AuditID) }

// NewPlanDoc reads the plan of an audit as of the service's today.
func NewPlanDoc(ctx context.Context, s *certification.Service, auditID certification.ID) (*PlanDoc, error) {
	p, h, err := readAudit(ctx, s, auditID)
	if err != nil {
		return nil, err
	}
	a := &p.Audit
	d := &PlanDoc{DocAudit: h.audit(p), Contact: a.Report.Representative, Start: a.Start(), End: a.LastDay(),
		PlannedDays: a.PlannedDays, Languages: p.Languages, Notes: a.Notes, Timetable: []PlanSlot{}, Activities: h.activities}
	if d.Contact == "" && len(p.Client.Contacts) > 0 {
		c := p.Client.Contacts[0]
		d.Contact = strings.TrimSuffix(c.Name+", "+c.Role, ", ")
	}
	for _, s := range p.ProposedTimetable() {
		slot := PlanSlot{Day: s.Day, Date: s.Date, Times: s.Times(), Activity: s.Activity, Topics: s.Detail,
			Auditors: strings.Join(s.Auditors, ", ")}
		if s.Site != (PackSite{}) {
			slot.Site = s.Site.Label()
		}
		if len(s.Topics) > 0 {
			refs := make([]string, len(s.Topics))
			for i, t := range s.Topics {
				refs[i] = strings.TrimSpace(t.Ref + " " + t.Title)
			}
			slot.Topics = strings.Join(refs, "; ")
		}
		d.Timetable = append(d.Timetable, slot)
	}
	return d, nil
}
