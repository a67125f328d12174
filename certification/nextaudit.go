package certification

// RecertificationSuggestMonths: from this many months before expiry the
// plan form suggests the recertification audit rather than a
// surveillance.
const RecertificationSuggestMonths = 12

// NextAuditKind is the audit a certification most likely needs next on
// today, the kind a plan form suggests: while a cycle runs (or can still
// be restored), a surveillance, or the recertification in the last
// RecertificationSuggestMonths before expiry; before a grant, stage 2
// once a stage 1 of the pending cycle found the client ready, else
// stage 1.
func (f *File) NextAuditKind(today Date) AuditKind {
	if cur, ok := f.Certification.Current(); ok && f.Live(today) {
		if today >= cur.Expiry.AddMonths(-RecertificationSuggestMonths) {
			return Recertification
		}
		return Surveillance
	}
	for _, a := range f.AuditsIn(f.PendingCycle(), Stage1) {
		if a.Done() && a.Stage1Outcome == Stage1Ready {
			return Stage2
		}
	}
	return Stage1
}
