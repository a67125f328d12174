package app

import (
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

func awGradeImportance(g certification.Grade) widget.Importance {
	switch g {
	case certification.Major:
		return widget.DangerImportance
	case certification.Minor:
		return widget.WarningImportance
	case certification.OFI:
		return widget.HighImportance
	case certification.Positive:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

func awResultImportance(r certification.ChecklistResult) widget.Importance {
	switch r {
	case certification.ResultConform:
		return widget.SuccessImportance
	case certification.ResultOFI:
		return widget.HighImportance
	case certification.ResultMinor:
		return widget.WarningImportance
	case certification.ResultMajor:
		return widget.DangerImportance
	}
	return widget.LowImportance
}

// findingStatusImportance colours a status: what waits for the body is
// blue, what waits for the client orange, what is done green.
func findingStatusImportance(st certification.FindingStatus, g certification.Grade) widget.Importance {
	switch st {
	case certification.FindingResponded:
		return widget.HighImportance
	case certification.FindingPlanRejected:
		return widget.WarningImportance
	case certification.FindingPlanAccepted:
		if g == certification.Major {
			return widget.HighImportance
		}
		return widget.SuccessImportance
	case certification.FindingVerified:
		return widget.SuccessImportance
	case certification.FindingNoAction:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

func gradeImportance(g certification.Grade) widget.Importance {
	switch g {
	case certification.Major:
		return widget.DangerImportance
	case certification.Minor:
		return widget.WarningImportance
	case certification.Observation, certification.Positive:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

func cpDecisionImportance(k certification.DecisionKind) widget.Importance {
	switch k {
	case certification.Grant, certification.Renew, certification.Restore, certification.Maintain:
		return widget.SuccessImportance
	case certification.Suspend:
		return widget.WarningImportance
	case certification.Refuse, certification.Withdraw:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func certStatusImportance(s certification.CertificateStatus) widget.Importance {
	switch s {
	case certification.CertActive:
		return widget.SuccessImportance
	case certification.CertSuspended:
		return widget.WarningImportance
	case certification.CertWithdrawn:
		return widget.DangerImportance
	case certification.CertExpired, certification.CertSuperseded, certification.CertNotYet:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

func queueStateImportance(s certification.ObligationState) widget.Importance {
	switch s {
	case certification.StateOverdue:
		return widget.DangerImportance
	case certification.StateDueSoon:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

func stateImportance(s certification.ObligationState) widget.Importance {
	switch s {
	case certification.StateOverdue:
		return widget.DangerImportance
	case certification.StateDueSoon:
		return widget.WarningImportance
	case certification.StateDone:
		return widget.SuccessImportance
	case certification.StateLapsed, certification.StateNotOpen:
		return widget.LowImportance
	default:
		return widget.MediumImportance
	}
}
