package certification

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Policy holds the rules RULES.md marks as a certification body's own
// policy. It is stored as a single record; the journal keeps who changed
// it and when, and the record itself carries the last change.
type Policy struct {
	// ExpiryPlusThreeYears: expiry = decision + 3 years instead of the
	// default decision + 3 years − 1 day.
	ExpiryPlusThreeYears bool `json:"expiry_plus_three_years"`
	// SurveillanceWindowMonths: later surveillance is due by the
	// anniversary and may take place from this many months before it.
	SurveillanceWindowMonths int `json:"surveillance_window_months"`
	// RecertificationWindowMonths: how long before expiry the
	// recertification audit appears in the schedule.
	RecertificationWindowMonths int `json:"recertification_window_months"`
	// Stage2GapWarnMonths: a stage 2 later than this after stage 1 needs a
	// written justification that stage 1 is still valid.
	Stage2GapWarnMonths int `json:"stage2_gap_warn_months"`
	// ResponseDays: the client's response (plan) is due this many days
	// after the audit's last day.
	ResponseDays int `json:"response_days"`
	// MajorCloseDays: a major must be closed (verified) this many days
	// after the audit's last day.
	MajorCloseDays int `json:"major_close_days"`
	// EscalateOverdueMinor: an overdue minor may be escalated to a major.
	EscalateOverdueMinor bool `json:"escalate_overdue_minor"`
	// SuspensionMaxMonths: longest a suspension may last before the body
	// must restore, reduce scope or withdraw.
	SuspensionMaxMonths int `json:"suspension_max_months"`
	// DecisionDays: a surveillance or special audit report awaits the
	// committee's decision (maintain, suspend, scope) this many days.
	DecisionDays int `json:"decision_days"`
	// ComplaintAcknowledgeDays, ComplaintDecideDays: a complaint or an
	// appeal is acknowledged, and decided, this many days after it was
	// received (complaint_rules.go; the schedule shows the late ones).
	ComplaintAcknowledgeDays int `json:"complaint_acknowledge_days"`
	ComplaintDecideDays      int `json:"complaint_decide_days"`
	// DueSoonDays: an obligation is "due soon" this many days before its due date.
	DueSoonDays int `json:"due_soon_days"`
	// CertificateNumberFormat: {STD} the standard's number, {YEAR} the
	// year of grant, {SEQ} the certification id padded to 5 digits.
	CertificateNumberFormat string `json:"certificate_number_format"`
	// RotationWarnAudits: warn when one lead auditor leads this many
	// consecutive audits of a client.
	RotationWarnAudits int `json:"rotation_warn_audits"`
	// TeamGapJustification: an audit whose team has a competence gap (a
	// client sector or, for 42001, an AI competence area nobody on the
	// team covers) may still be confirmed with a written justification.
	// Off by default: a gap blocks confirmation. Interests, double
	// bookings, expired qualifications and a missing lead auditor are
	// never justifiable.
	TeamGapJustification bool `json:"team_gap_justification"`
	// ActualDaysTolerancePercent: an audit may take this many percent
	// fewer auditor-days than planned without a written reason.
	ActualDaysTolerancePercent int `json:"actual_days_tolerance_percent"`
	// BodyName is printed on certificates and exports.
	BodyName string `json:"body_name"`
	// BodyAddress is printed under the body's name on certificates
	// (docs/documents.md); empty: none is printed.
	BodyAddress string `json:"body_address"`
	// Signatory is the name and function printed under the signature
	// line of certificates, e.g. "A. Person, Certification Manager".
	Signatory string `json:"signatory"`
	// BackupsOnClose: the desktop app keeps this many automatic backups
	// of the data folder (the oldest go); it writes one in the background
	// when it opens a folder that changed since the newest (closing never
	// waits for a backup; the name is from when it wrote them on close).
	// 0 turns the automatic backups off.
	BackupsOnClose int `json:"backups_on_close"`
	// EvidenceMaxMB is the largest file, in MB, attached as evidence to a
	// checklist item or a finding (rule evidence-size-limit).
	EvidenceMaxMB int `json:"evidence_max_mb"`
	// RegisterWithdrawnDays: a withdrawn or expired certificate stays
	// listed in the public register (certctl publish) this many days
	// after its withdrawal or expiry, shown as such.
	RegisterWithdrawnDays int `json:"register_withdrawn_days"`
	// AccreditationBody is the body's accreditation body ("DAkkS"),
	// AccreditationNumber its accreditation's number: printed by the
	// accreditation mark on certificates; empty: none is printed.
	AccreditationBody   string `json:"accreditation_body"`
	AccreditationNumber string `json:"accreditation_number"`
	// RegisterURL is the verification address of the body's published
	// register (https://register.example.org): a certificate's QR code
	// opens its page there (RegisterPageURL); empty: the QR holds text.
	RegisterURL string `json:"register_url"`
	// LogoSHA256 and AccreditationMarkSHA256 name the images (PNG or
	// JPEG, stored as blobs) printed on certificates; set by
	// SetPolicyImage (policy_image.go); empty: none.
	LogoSHA256              string `json:"logo_sha256"`
	AccreditationMarkSHA256 string `json:"accreditation_mark_sha256"`

	// RemoteSharePercent is the most of an audit's activity hours that
	// may be remote (IAF MD 4), stage 1 excepted; 100: no limit.
	// RemoteOverLimitRefused: a plan above it is refused; otherwise it
	// is kept and its plan, report and checks show the warning.
	RemoteSharePercent     int  `json:"remote_share_percent"`
	RemoteOverLimitRefused bool `json:"remote_over_limit_refused"`

	ChangedBy Actor `json:"changed_by,omitzero"`
	ChangedOn Date  `json:"changed_on,omitzero"`
}

// Fixed rules (not policy): RULES.md states them as numbers of the scheme.
const (
	// FirstSurveillanceMonths after the initial certification decision.
	FirstSurveillanceMonths = 12
	// MajorVerifyInitialMonths after the last day of stage 2.
	MajorVerifyInitialMonths = 6
	// RestorationMonths after expiry.
	RestorationMonths = 6
	// CycleYears is the validity of a certificate.
	CycleYears = 3
)

// DefaultBackupsOnClose is how many automatic backups the desktop app
// keeps unless the policy says otherwise.
const DefaultBackupsOnClose = 5

// DefaultRegisterWithdrawnDays is how long a withdrawn or expired
// certificate stays listed in the public register unless the policy
// says otherwise.
const DefaultRegisterWithdrawnDays = 365

// DefaultRemoteSharePercent is the remote share limit unless the policy
// says otherwise: half of an audit's time, a body's own choice (IAF MD 4
// sets no number).
const DefaultRemoteSharePercent = 50

// UnmarshalJSON reads a policy over the defaults, so that a setting added
// by a later CertDesk (absent from a policy stored or exported before it)
// takes its default rather than zero. Unknown settings are refused.
func (p *Policy) UnmarshalJSON(b []byte) error {
	type plain Policy // without this method
	d := plain(DefaultPolicy())
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return err
	}
	*p = Policy(d)
	return nil
}

// DefaultPolicy returns the defaults of RULES.md.
func DefaultPolicy() Policy {
	return Policy{
		SurveillanceWindowMonths:    3,
		RecertificationWindowMonths: 6,
		Stage2GapWarnMonths:         6,
		ResponseDays:                30,
		MajorCloseDays:              90,
		SuspensionMaxMonths:         6,
		DueSoonDays:                 30,
		DecisionDays:                30,
		ComplaintAcknowledgeDays:    DefaultComplaintAcknowledgeDays,
		ComplaintDecideDays:         DefaultComplaintDecideDays,
		CertificateNumberFormat:     "CD-{STD}-{YEAR}-{SEQ}",
		RotationWarnAudits:          7,
		BodyName:                    "CertDesk Certification",
		BackupsOnClose:              DefaultBackupsOnClose,
		ActualDaysTolerancePercent:  10,
		EvidenceMaxMB:               DefaultEvidenceMaxMB,
		RegisterWithdrawnDays:       DefaultRegisterWithdrawnDays,
		RemoteSharePercent:          DefaultRemoteSharePercent,
	}
}

func (p *Policy) RecordKind() Kind { return KindPolicy }
func (p *Policy) RecordID() ID     { return 1 }

// Validate checks every setting is in a sensible range.
func (p *Policy) Validate() error {
	check := func(field string, v, lo, hi int) error {
		if v < lo || v > hi {
			return invalid("policy", field, "must be between %d and %d, got %d", lo, hi, v)
		}
		return nil
	}
	for _, c := range []struct {
		f         string
		v, lo, hi int
	}{
		{"surveillance_window_months", p.SurveillanceWindowMonths, 0, 11},
		{"recertification_window_months", p.RecertificationWindowMonths, 1, 24},
		{"stage2_gap_warn_months", p.Stage2GapWarnMonths, 1, 36},
		{"response_days", p.ResponseDays, 1, 365},
		{"major_close_days", p.MajorCloseDays, 1, 365},
		{"suspension_max_months", p.SuspensionMaxMonths, 1, 24},
		{"due_soon_days", p.DueSoonDays, 1, 365},
		{"decision_days", p.DecisionDays, 1, 365},
		{"complaint_acknowledge_days", p.ComplaintAcknowledgeDays, 1, 90},
		{"complaint_decide_days", p.ComplaintDecideDays, 1, 365},
		{"rotation_warn_audits", p.RotationWarnAudits, 2, 100},
		{"backups_on_close", p.BackupsOnClose, 0, 100},
		{"actual_days_tolerance_percent", p.ActualDaysTolerancePercent, 0, 50},
		{"evidence_max_mb", p.EvidenceMaxMB, 1, 100},
		{"register_withdrawn_days", p.RegisterWithdrawnDays, 0, 3650},
		{"remote_share_percent", p.RemoteSharePercent, 0, 100},
	} {
		if err := check(c.f, c.v, c.lo, c.hi); err != nil {
			return err
		}
	}
	if p.ComplaintAcknowledgeDays > p.ComplaintDecideDays {
		return invalid("policy", "complaint_acknowledge_days", "a complaint or appeal is acknowledged (%d days) before it is decided (complaint_decide_days %d): make it at most that", p.ComplaintAcknowledgeDays, p.ComplaintDecideDays)
	}
	if !strings.Contains(p.CertificateNumberFormat, "{SEQ}") {
		return invalid("policy", "certificate_number_format", "the format must contain {SEQ} so that numbers are unique")
	}
	if strings.TrimSpace(p.BodyName) == "" {
		return invalid("policy", "body_name", "the certification body's name is required")
	}
	return p.validateDocuments()
}

// Expiry returns the expiry of a cycle whose validity counts from start.
func (p *Policy) Expiry(start Date) Date {
	if p.ExpiryPlusThreeYears {
		return start.AddMonths(12 * CycleYears)
	}
	// The day before the third anniversary; the anniversary of 29
	// February is 1 March, so its expiry is 28 February.
	return DateOf(start.Time().AddDate(CycleYears, 0, 0)).AddDays(-1)
}

// CertificateNumber formats a new certificate number.
func (p *Policy) CertificateNumber(std Standard, year int, certificationID ID) string {
	r := strings.NewReplacer("{STD}", std.Short(), "{YEAR}", fmt.Sprint(year), "{SEQ}", fmt.Sprintf("%05d", certificationID))
	return r.Replace(p.CertificateNumberFormat)
}
