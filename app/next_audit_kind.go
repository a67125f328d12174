package app

import (
	"certdesk/certification"
)

// suggestKind is the audit a certification most likely needs next.
func suggestKind(f *certification.File, today certification.Date) certification.AuditKind {
	if cur, ok := f.Certification.Current(); ok && f.Live(today) {
		if today >= cur.Expiry.AddMonths(-12) {
			return certification.Recertification
		}
		return certification.Surveillance
	}
	for _, a := range f.AuditsIn(f.PendingCycle(), certification.Stage1) {
		if a.Done() && a.Stage1Outcome == certification.Stage1Ready {
			return certification.Stage2
		}
	}
	return certification.Stage1
}
