package certification

import (
	"strconv"
	"strings"
)

// Role is a function a person may take in the certification body.
type Role string

const (
	RoleSchemeManager   Role = "scheme-manager"
	RoleLeadAuditor     Role = "lead-auditor"
	RoleAuditor         Role = "auditor"
	RoleTechnicalExpert Role = "technical-expert"
	RoleDecisionMaker   Role = "decision-maker"
)

var Roles = []Role{RoleSchemeManager, RoleLeadAuditor, RoleAuditor, RoleTechnicalExpert, RoleDecisionMaker}

// Person is a member of staff or a contracted auditor. Competence detail
// (qualifications, sectors, AI areas, interests) is added by later work
// through the Competence field, which is kept open for it.
type Person struct {
	ID         ID                `json:"id"`
	Name       string            `json:"name"`
	Email      string            `json:"email,omitempty"`
	Roles      []Role            `json:"roles"`
	Inactive   bool              `json:"inactive,omitempty"`
	Competence *PersonCompetence `json:"competence,omitempty"`
}

// PersonCompetence holds what makes a person competent for an audit.
type PersonCompetence struct {
	Standards []Standard `json:"standards,omitempty"`
	Sectors   []int      `json:"sectors,omitempty"`
}

func (p *Person) RecordKind() Kind { return KindPerson }
func (p *Person) RecordID() ID     { return p.ID }
func (p *Person) IndexTerms() []IndexTerm {
	return []IndexTerm{{IndexPersonName, []byte(Fold(p.Name))}}
}

// Has reports whether the person holds role r.
func (p *Person) Has(r Role) bool { return oneOf(r, p.Roles) }

// Validate checks a person record.
func (p *Person) Validate() error {
	rec := "person"
	if p.ID != 0 {
		rec += " " + p.ID.String()
	}
	if strings.TrimSpace(p.Name) == "" {
		return invalid(rec, "name", "a name is required")
	}
	if len(p.Roles) == 0 {
		return invalid(rec, "roles", "give at least one role: %v", Roles)
	}
	for i, r := range p.Roles {
		if !oneOf(r, Roles) {
			return invalid(rec, "roles["+itoa(i)+"]", "%q is not a role: use one of %v", r, Roles)
		}
	}
	return nil
}

func itoa(i int) string { return strconv.Itoa(i) }
