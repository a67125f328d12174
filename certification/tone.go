package certification

// Tone is how a status reads at a glance; a screen gives each tone its
// colour, so that every screen colours a state alike.
type Tone int

const (
	ToneNeutral Tone = iota // nothing to remark
	ToneGood                // done, granted, in force
	ToneActive              // planned or in hand
	ToneWarning             // needs attention soon
	ToneAlert               // late, refused, withdrawn
	ToneMuted               // over, cancelled, no longer applies
)

// Tone of an obligation's state.
func (s ObligationState) Tone() Tone {
	switch s {
	case StateOverdue:
		return ToneAlert
	case StateDueSoon:
		return ToneWarning
	case StateDone:
		return ToneGood
	case StateLapsed, StateNotOpen:
		return ToneMuted
	}
	return ToneNeutral
}

// Tone of a certificate's status.
func (s CertificateStatus) Tone() Tone {
	switch s {
	case CertActive:
		return ToneGood
	case CertSuspended:
		return ToneWarning
	case CertWithdrawn:
		return ToneAlert
	case CertExpired, CertSuperseded, CertNotYet:
		return ToneMuted
	}
	return ToneNeutral
}

// Tone of a decision by what it did.
func (k DecisionKind) Tone() Tone {
	switch k {
	case Grant, Renew, Restore, Maintain:
		return ToneGood
	case Suspend:
		return ToneWarning
	case Refuse, Withdraw:
		return ToneAlert
	}
	return ToneNeutral
}

// gradeTones: a major blocks, a minor needs doing, an opportunity waits on
// the client's choice, an observation is a note, a positive finding good.
var gradeTones = map[Grade]Tone{Major: ToneAlert, Minor: ToneWarning, OFI: ToneActive, Observation: ToneMuted, Positive: ToneGood}

// Tone of a finding's grade.
func (g Grade) Tone() Tone { return gradeTones[g] }

// resultTones: a checklist result reads as the grade it records.
var resultTones = map[ChecklistResult]Tone{ResultConform: ToneGood, ResultOFI: ToneActive, ResultMinor: ToneWarning, ResultMajor: ToneAlert}

// Tone of a checklist result; an item not yet audited is muted.
func (r ChecklistResult) Tone() Tone {
	if t, ok := resultTones[r]; ok {
		return t
	}
	return ToneMuted
}

// Tone of a finding's status: what waits for the body is active, what
// waits for the client a warning, what is done good. A major's accepted
// plan still waits for the body to verify it.
func (s FindingStatus) Tone(g Grade) Tone {
	switch s {
	case FindingResponded:
		return ToneActive
	case FindingPlanRejected:
		return ToneWarning
	case FindingPlanAccepted:
		if g == Major {
			return ToneActive
		}
		return ToneGood
	case FindingVerified:
		return ToneGood
	case FindingNoAction:
		return ToneMuted
	}
	return ToneNeutral
}

// Tone of an audit in the programme on a date: late alert, in progress
// active, report drafted a warning, closed good.
func (a *Audit) Tone(today Date) Tone { return auditTone(a.Status, a.LateToStart(today)) }

func auditTone(s AuditStatus, late bool) Tone {
	if late {
		return ToneAlert
	}
	switch s {
	case AuditInProgress:
		return ToneActive
	case AuditReportDrafted:
		return ToneWarning
	case AuditClosed:
		return ToneGood
	case AuditCancelled:
		return ToneMuted
	}
	return ToneNeutral
}
