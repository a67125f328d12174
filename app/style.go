package app

import (
	"image/color"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The one colour table of the app: every screen colours a grade, a
// checklist result, a certificate's status and an obligation's state
// the same way. Red is what blocks, orange what needs doing, blue an
// opportunity or what waits for the body, green what is in order.

// gradeImportance colours a finding's grade (the checklist and the
// findings list alike).
func gradeImportance(g certification.Grade) widget.Importance { return toneImportance(g.Tone()) }

// resultImportance colours a checklist result as its grade is coloured;
// an item not yet audited is grey.
func resultImportance(r certification.ChecklistResult) widget.Importance {
	return toneImportance(r.Tone())
}

// findingStatusImportance colours a finding's status.
func findingStatusImportance(st certification.FindingStatus, g certification.Grade) widget.Importance {
	return toneImportance(st.Tone(g))
}

// certStatusImportance colours a certificate's status.
func certStatusImportance(s certification.CertificateStatus) widget.Importance {
	return toneImportance(s.Tone())
}

// stateImportance colours an obligation's state (dashboard, decision
// queue, client timeline).
func stateImportance(s certification.ObligationState) widget.Importance {
	return toneImportance(s.Tone())
}

// auditStatusImportance colours an audit in the programme.
func auditStatusImportance(a *certification.AuditSummary, today certification.Date) widget.Importance {
	return toneImportance(a.Tone(today))
}

// sectionColor is the background of a section title: the primary
// colour, faint.
func sectionColor() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x38}
}

// toneImportance is how the domain's tone of a status is drawn.
func toneImportance(t certification.Tone) widget.Importance {
	switch t {
	case certification.ToneGood:
		return widget.SuccessImportance
	case certification.ToneActive:
		return widget.HighImportance
	case certification.ToneWarning:
		return widget.WarningImportance
	case certification.ToneAlert:
		return widget.DangerImportance
	case certification.ToneMuted:
		return widget.LowImportance
	}
	return widget.MediumImportance
}
