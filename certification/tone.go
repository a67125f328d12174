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
