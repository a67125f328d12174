package certification_test

import (
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
)

// outcome is what a rule check gave: "" (allowed), a rule id, or
// "input:FIELD" for bad input.
func outcome(err error) string {
	var re *RuleError
	var ve *ValidationError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &re):
		return re.Rule
	case errors.As(err, &ve):
		return "input:" + ve.Field
	}
	return "error: " + err.Error()
}

// Holding an audit (hold.go): only an open audit, only by a member of its
// team, only when no desk holds it, on a desk with a name.
func TestCheckHold(t *testing.T) {
	const lead, aud, outsider ID = 1, 2, 3
	held := func(desk string) *AuditHold {
		return &AuditHold{Desk: desk, PersonID: lead, Name: "Lena Lead", Since: day("2025-03-10")}
	}
	for _, tc := range []struct {
		name   string
		status AuditStatus
		hold   *AuditHold
		who    ID
		desk   string
		want   string
	}{
		{"planned", AuditPlanned, nil, lead, "lena", RuleAuditNotOpen},
		{"confirmed", AuditConfirmed, nil, lead, "lena", RuleAuditNotOpen},
		{"in progress, by the lead", AuditInProgress, nil, lead, "lena", ""},
		{"in progress, by an auditor of the team", AuditInProgress, nil, aud, "ada", ""},
		{"report drafted", AuditReportDrafted, nil, lead, "lena", ""},
		{"closed", AuditClosed, nil, lead, "lena", RuleAuditNotOpen},
		{"cancelled", AuditCancelled, nil, lead, "lena", RuleAuditNotOpen},
		{"by someone not on the team", AuditInProgress, nil, outsider, "lena", RuleHoldTeamMember},
		{"by nobody of the register", AuditInProgress, nil, 0, "lena", RuleHoldTeamMember},
		{"held by another desk", AuditInProgress, held("office-pc"), lead, "lena", RuleAlreadyHeld},
		{"held by this desk already", AuditInProgress, held("lena"), lead, "lena", RuleAlreadyHeld},
		{"held by another desk, asked by an outsider", AuditInProgress, held("office-pc"), outsider, "lena", RuleHoldTeamMember},
		{"no desk name", AuditInProgress, nil, lead, "", "input:hold.desk"},
		{"a blank desk name", AuditInProgress, nil, lead, "  ", "input:hold.desk"},
		{"spaces around the desk name", AuditInProgress, nil, lead, " lena", "input:hold.desk"},
		{"a desk name of 200 characters", AuditInProgress, nil, lead, strings.Repeat("d", 200), ""},
		{"a desk name of 201 characters", AuditInProgress, nil, lead, strings.Repeat("d", 201), "input:hold.desk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &Audit{ID: 7, Status: tc.status, Hold: tc.hold, Team: []TeamMember{{PersonID: lead, Role: TeamLead}, {PersonID: aud, Role: TeamAuditor}}}
			if got := outcome(CheckHold(a, tc.who, tc.desk)); got != tc.want {
				t.Errorf("CheckHold = %q, want %q", got, tc.want)
			}
		})
	}
}

// Releasing a hold: by its holder (with or without a reason), by an
// active scheme manager with a reason; nobody else.
func TestCheckRelease(t *testing.T) {
	holder := &Person{ID: 1, Name: "Lena Lead", Roles: []Role{RoleLeadAuditor}}
	other := &Person{ID: 2, Name: "Ada Auditor", Roles: []Role{RoleAuditor}}
	manager := &Person{ID: 3, Name: "Sam Scheme", Roles: []Role{RoleSchemeManager}}
	gone := &Person{ID: 4, Name: "Old Manager", Roles: []Role{RoleSchemeManager}, Inactive: true}
	admin := &Person{ID: 5, Name: "Al Admin", Roles: []Role{RoleAdministrator}}
	hold := &AuditHold{Desk: "lena-laptop", PersonID: 1, Name: "Lena Lead", Since: day("2025-03-10")}
	for _, tc := range []struct {
		name   string
		hold   *AuditHold
		who    *Person
		reason string
		want   string
	}{
		{"the holder", hold, holder, "", ""},
		{"the holder, saying why", hold, holder, "done on site", ""},
		{"a scheme manager with a reason", hold, manager, "laptop lost", ""},
		{"a scheme manager without a reason", hold, manager, "", RuleReleaseHolder},
		{"a scheme manager with a blank reason", hold, manager, " \n", RuleReleaseHolder},
		{"an inactive scheme manager", hold, gone, "laptop lost", RuleReleaseHolder},
		{"another member of the team", hold, other, "laptop lost", RuleReleaseHolder},
		{"an administrator", hold, admin, "laptop lost", RuleReleaseHolder},
		{"nobody of the register", hold, nil, "laptop lost", RuleReleaseHolder},
		{"an audit nobody holds", nil, holder, "", "input:hold"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &Audit{ID: 7, Status: AuditInProgress, Hold: tc.hold}
			if got := outcome(CheckRelease(a, tc.who, tc.reason)); got != tc.want {
				t.Errorf("CheckRelease = %q, want %q", got, tc.want)
			}
		})
	}
}

// HeldElsewhere is what the screens and certctl ask about: a hold by a
// desk other than theirs.
func TestHeldElsewhere(t *testing.T) {
	hold := &AuditHold{Desk: "lena-laptop", PersonID: 1, Name: "Lena Lead", Since: day("2025-03-10")}
	for _, tc := range []struct {
		name string
		a    *Audit
		desk string
		want bool
	}{
		{"no audit", nil, "office", false},
		{"not held", &Audit{Status: AuditInProgress}, "office", false},
		{"held by this desk", &Audit{Status: AuditInProgress, Hold: hold}, "lena-laptop", false},
		{"held by another desk", &Audit{Status: AuditInProgress, Hold: hold}, "office", true},
		{"desk names differ in case", &Audit{Status: AuditInProgress, Hold: hold}, "Lena-Laptop", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, ok := HeldElsewhere(tc.a, tc.desk)
			if ok != tc.want || (ok && h != hold) || (!ok && h != nil) {
				t.Errorf("HeldElsewhere = %v, %v; want %v", h, ok, tc.want)
			}
		})
	}
	if got := hold.String(); got != "Lena Lead on desk lena-laptop since 2025-03-10" {
		t.Errorf("hold reads %q", got)
	}
}

// A hold is a record's field: well-formed, and only on an open audit.
func TestHoldAsARecordField(t *testing.T) {
	base := Audit{CertificationID: 1, Kind: Stage2, Status: AuditInProgress, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"),
		ActualStart: day("2025-03-10"), Team: []TeamMember{{PersonID: 1, Role: TeamLead}}}
	for _, tc := range []struct {
		name   string
		status AuditStatus
		hold   AuditHold
		want   string
	}{
		{"well-formed", AuditInProgress, AuditHold{Desk: "lena", PersonID: 1, Name: "Lena Lead"}, ""},
		{"no person", AuditInProgress, AuditHold{Desk: "lena", Name: "Lena Lead"}, "input:hold.person_id"},
		{"no desk", AuditReportDrafted, AuditHold{PersonID: 1}, "input:hold.desk"},
		{"on a closed audit", AuditClosed, AuditHold{Desk: "lena", PersonID: 1}, "input:hold"},
		{"on a planned audit", AuditPlanned, AuditHold{Desk: "lena", PersonID: 1}, "input:hold"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := base
			a.Status, a.Hold = tc.status, &tc.hold
			if got := outcome(a.Validate()); got != tc.want {
				t.Errorf("Validate = %q, want %q", got, tc.want)
			}
		})
	}
}
