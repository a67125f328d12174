package certification

import (
	"crypto/ed25519"
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
	// RoleAdministrator keeps the register and the policy (access.go).
	RoleAdministrator Role = "administrator"
)

var Roles = []Role{RoleSchemeManager, RoleLeadAuditor, RoleAuditor, RoleTechnicalExpert, RoleDecisionMaker, RoleAdministrator}

// Person is a member of staff or a contracted auditor, with what makes
// them competent (qualifications, sectors, AI areas, languages) and
// their declared interests in clients.
type Person struct {
	ID         ID                `json:"id"`
	Name       string            `json:"name"`
	Email      string            `json:"email,omitempty"`
	Roles      []Role            `json:"roles"`
	Inactive   bool              `json:"inactive,omitempty"`
	Competence *PersonCompetence `json:"competence,omitempty"`
	// Interests are the person's declared links with clients
	// (consultancy, training, employment): they bar the person from
	// auditing or deciding on that client for two years after they end.
	Interests []Interest `json:"interests,omitempty"`
	// Keys are the public halves of the person's identity keys
	// (identity.go), oldest first: the last is the one in force, the
	// earlier ones verify the entries signed before it was replaced.
	// Only SetPersonKey (and an initial key given to AddPerson) sets them.
	Keys []PersonKey `json:"keys,omitempty"`
}

// AIArea is a field of AI competence for ISO/IEC 42001 audits (ISO/IEC 42006).
type AIArea string

const (
	AIRisk       AIArea = "ai-risk"       // AI risk assessment and treatment
	AIData       AIArea = "data-quality"  // data quality and provenance
	AILifecycle  AIArea = "ai-lifecycle"  // AI system life cycle and technology
	AIEthics     AIArea = "ethics-impact" // ethics and impact assessment
	AIRegulation AIArea = "regulation"    // AI regulation (EU AI Act) and the sector's law
)

var AIAreas = []AIArea{AIRisk, AIData, AILifecycle, AIEthics, AIRegulation}

// PersonCompetence holds what makes a person competent for an audit.
type PersonCompetence struct {
	// Standards lists the standards the person is qualified for, in any
	// role; Qualifications give the detail (role, evidence, validity).
	Standards      []Standard      `json:"standards,omitempty"`
	Qualifications []Qualification `json:"qualifications,omitempty"`
	Sectors        []int           `json:"sectors,omitempty"` // IAF codes
	AIAreas        []AIArea        `json:"ai_areas,omitempty"`
	Languages      []string        `json:"languages,omitempty"`
}

// Qualification is a person's qualification for a role under a standard.
type Qualification struct {
	Standard Standard `json:"standard"`
	Role     Role     `json:"role"`
	// Evidence is what the qualification rests on (course, witnessed
	// audit, approval record).
	Evidence string `json:"evidence,omitempty"`
	// ValidUntil is the last day the qualification holds (zero: no end).
	ValidUntil Date `json:"valid_until,omitzero"`
}

// InterestKind is the kind of link a person had with a client.
type InterestKind string

const (
	InterestConsultancy InterestKind = "consultancy"
	InterestTraining    InterestKind = "training"
	InterestEmployment  InterestKind = "employment"
	InterestOther       InterestKind = "other"
)

var InterestKinds = []InterestKind{InterestConsultancy, InterestTraining, InterestEmployment, InterestOther}

// Interest is a declared link between a person and a client.
type Interest struct {
	ClientID ID           `json:"client_id"`
	Kind     InterestKind `json:"kind"`
	From     Date         `json:"from"`
	// To is the last day of the link; zero while it lasts.
	To    Date   `json:"to,omitzero"`
	Notes string `json:"notes,omitempty"`
}

// InterestBarYears is how long after an interest ends a person may not
// audit the client or decide on it (RULES: the last 2 years).
const InterestBarYears = 2

// BarredOn reports whether an interest bars the person from the client on
// date d: it has not ended, or ended less than two years before d.
func (i Interest) BarredOn(d Date) bool {
	if i.From > d {
		return false // declared for the future: not yet a link on d
	}
	return i.To.IsZero() || d <= i.BarredUntil()
}

// BarredUntil is the last day the interest bars the person from the
// client: two years after it ends; zero while it lasts.
func (i Interest) BarredUntil() Date {
	if i.To.IsZero() {
		return 0
	}
	return i.To.AddMonths(12 * InterestBarYears)
}

// Validate checks one interest: the client named, a kind of InterestKinds,
// the day it began, and an end not before it.
func (i Interest) Validate() error {
	const rec = "interest"
	if i.ClientID == 0 {
		return invalid(rec, "client_id", "name the client the interest is with")
	}
	if !oneOf(i.Kind, InterestKinds) {
		return invalid(rec, "kind", "%q is not a kind of interest: use one of %s", i.Kind, joinAny(InterestKinds))
	}
	if i.From.IsZero() {
		return invalid(rec, "from", "give the date the link began")
	}
	if !i.To.IsZero() && i.To < i.From {
		return refuse(RuleDatesBackwards, "the interest ends (%s) before it begins (%s)", i.To, i.From)
	}
	return nil
}

// joinAny lists values as "a, b, c" for a message.
func joinAny[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// Barred returns the interest that bars the person from client c on d.
func (p *Person) Barred(c ID, d Date) (Interest, bool) {
	for _, i := range p.Interests {
		if i.ClientID == c && i.BarredOn(d) {
			return i, true
		}
	}
	return Interest{}, false
}

// QualifiedOn reports whether the person holds a qualification for
// standard s in role r that is valid on d. A person with no detailed
// qualifications counts as qualified for the standards listed in
// Competence.Standards in the roles they hold.
func (p *Person) QualifiedOn(s Standard, r Role, d Date) bool {
	c := p.Competence
	if c == nil {
		return false
	}
	if len(c.Qualifications) == 0 {
		return oneOf(s, c.Standards) && p.Has(r)
	}
	for _, q := range c.Qualifications {
		if q.Standard == s && q.Role == r && (q.ValidUntil.IsZero() || d <= q.ValidUntil) {
			return true
		}
	}
	return false
}

// KnowsSector reports whether the person is competent for an IAF sector.
func (p *Person) KnowsSector(code int) bool {
	return p.Competence != nil && oneOf(code, p.Competence.Sectors)
}

// HasAIArea reports whether the person is competent in an AI area.
func (p *Person) HasAIArea(a AIArea) bool {
	return p.Competence != nil && oneOf(a, p.Competence.AIAreas)
}

func (p *Person) RecordKind() Kind { return KindPerson }
func (p *Person) RecordID() ID     { return p.ID }
func (p *Person) IndexTerms() []IndexTerm {
	terms := []IndexTerm{{IndexPersonName, []byte(Fold(p.Name))}}
	for _, r := range p.Roles {
		terms = append(terms, IndexTerm{IndexPersonRole, []byte(r)})
	}
	return terms
}

// Has reports whether the person holds role r.
func (p *Person) Has(r Role) bool { return oneOf(r, p.Roles) }

// Validate checks a person record.
func (p *Person) Validate() error {
	rec := recordName(p)
	if strings.TrimSpace(p.Name) == "" {
		return invalid(rec, "name", "a name is required")
	}
	if len(p.Roles) == 0 {
		return invalid(rec, "roles", "give at least one role: %v", Roles)
	}
	if err := checkEach(rec, "roles", p.Roles, Roles, "a role"); err != nil {
		return err
	}
	if c := p.Competence; c != nil {
		for i, s := range c.Standards {
			if !KnownStandard(s) {
				return unknownStandard(rec, "competence.standards["+itoa(i)+"]", s)
			}
		}
		for i, q := range c.Qualifications {
			f := "competence.qualifications[" + itoa(i) + "]"
			if !KnownStandard(q.Standard) {
				return unknownStandard(rec, f+".standard", q.Standard)
			}
			if !oneOf(q.Role, Roles) || q.Role == RoleSchemeManager {
				return invalid(rec, f+".role", "%q is not a role one qualifies for: use lead-auditor, auditor, technical-expert or decision-maker", q.Role)
			}
		}
		if err := checkSectors(rec, "competence.sectors", c.Sectors); err != nil {
			return err
		}
		if err := checkEach(rec, "competence.ai_areas", c.AIAreas, AIAreas, "an AI competence area"); err != nil {
			return err
		}
		if err := checkLanguages(rec, c.Languages); err != nil {
			return err
		}
	}
	for i, k := range p.Keys {
		if len(k.Public) != ed25519.PublicKeySize {
			return invalid(rec, "keys["+itoa(i)+"].public", "an identity key is %d bytes, not %d", ed25519.PublicKeySize, len(k.Public))
		}
	}
	for i, in := range p.Interests {
		if err := in.Validate(); err != nil {
			return within(err, rec, "interests["+itoa(i)+"]")
		}
	}
	return nil
}

// within names where in record rec a part's problem lies: field f.
func within(err error, rec, f string) error {
	switch e := err.(type) {
	case *ValidationError:
		return invalid(rec, f+"."+e.Field, "%s", e.Msg)
	case *RuleError:
		return refuse(e.Rule, "%s: %s: %s", rec, f, e.Msg)
	}
	return err
}

func itoa(i int) string { return strconv.Itoa(i) }

// checkLanguages refuses an empty language or one given twice (in any
// case): the team picker filters by them.
func checkLanguages(rec string, langs []string) error {
	for i, l := range langs {
		f := "competence.languages[" + itoa(i) + "]"
		if strings.TrimSpace(l) == "" {
			return invalid(rec, f, "a language is empty: give its name (e.g. English) or leave it out")
		}
		for _, o := range langs[:i] {
			if strings.EqualFold(strings.TrimSpace(o), strings.TrimSpace(l)) {
				return invalid(rec, f, "%q is given twice: list each language once", l)
			}
		}
	}
	return nil
}
