package certification

import (
	"certdesk/audit/scheme"
	"strings"
)

// AIRole is the part an organisation plays with AI systems (ISO/IEC 42001).
type AIRole string

const (
	AIProducer  AIRole = scheme.AIProducer
	AIProvider  AIRole = scheme.AIProvider
	AIDeveloper AIRole = scheme.AIDeveloper
	AIUser      AIRole = scheme.AIUser
	AIPartner   AIRole = scheme.AIPartner
)

var AIRoles = []AIRole{AIProducer, AIProvider, AIDeveloper, AIUser, AIPartner}

// RiskClass is the EU AI Act risk class of an AI system.
type RiskClass string

const (
	RiskProhibited RiskClass = scheme.RiskProhibited
	RiskHigh       RiskClass = scheme.RiskHigh
	RiskLimited    RiskClass = scheme.RiskLimited
	RiskMinimal    RiskClass = scheme.RiskMinimal
)

var RiskClasses = []RiskClass{RiskProhibited, RiskHigh, RiskLimited, RiskMinimal}

// Autonomy is how far an AI system acts without a person deciding.
type Autonomy string

const (
	AutonomyAssistive     Autonomy = scheme.AutonomyAssistive   // suggests; a person decides
	AutonomyHumanInLoop   Autonomy = scheme.AutonomyHumanInLoop // acts after a person approves
	AutonomyHumanOnLoop   Autonomy = scheme.AutonomyHumanOnLoop // acts; a person supervises
	AutonomyFullyAutonomy Autonomy = scheme.AutonomyFullyAutonomy
)

var Autonomies = []Autonomy{AutonomyAssistive, AutonomyHumanInLoop, AutonomyHumanOnLoop, AutonomyFullyAutonomy}

// Client is an organisation that applies for or holds certification.
type Client struct {
	ID                 ID         `json:"id"`
	LegalName          string     `json:"legal_name"`
	TradingName        string     `json:"trading_name,omitempty"`
	RegisteredAddress  string     `json:"registered_address"`
	Sites              []Site     `json:"sites,omitempty"`
	Contacts           []Contact  `json:"contacts,omitempty"`
	EffectivePersonnel float64    `json:"effective_personnel"` // full-time equivalents in scope
	Sectors            []int      `json:"sectors,omitempty"`   // IAF codes
	AIRoles            []AIRole   `json:"ai_roles,omitempty"`
	AISystems          []AISystem `json:"ai_systems,omitempty"`
	// DocLanguage is the language its certificate is printed in: one of
	// DocLanguages, empty for English (doclang.go).
	DocLanguage string `json:"doc_language,omitempty"`
	Created     Date   `json:"created,omitzero"`
}

// Site is a place where the client works. Exactly one site of a
// multi-site client is the central function.
type Site struct {
	Code      string `json:"code"` // short, unique within the client: "HQ", "S2"
	Name      string `json:"name,omitempty"`
	Address   string `json:"address"`
	Central   bool   `json:"central,omitempty"`
	Personnel int    `json:"personnel,omitempty"`
}

// Contact is a person at the client.
type Contact struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// AISystem is one AI system in the scope of a 42001 certification.
type AISystem struct {
	Name         string    `json:"name"`
	Purpose      string    `json:"purpose,omitempty"`
	RiskClass    RiskClass `json:"risk_class"`
	PersonalData bool      `json:"personal_data,omitempty"`
	Autonomy     Autonomy  `json:"autonomy"`
}

func (c *Client) RecordKind() Kind { return KindClient }
func (c *Client) RecordID() ID     { return c.ID }
func (c *Client) IndexTerms() []IndexTerm {
	display := c.DisplayName()
	if len(display) > clientDisplayMax {
		display = "" // too long for a key: read from the record
	}
	return []IndexTerm{{IndexClientName, []byte(Fold(c.LegalName))}, {IndexClientDisplay, []byte(display)}}
}

// clientDisplayMax bounds the name an IndexClientDisplay key holds (a
// key is at most 65,000 bytes); a longer one is filed empty.
const clientDisplayMax = 4 << 10

// DisplayName is the trading name where there is one, else the legal name.
func (c *Client) DisplayName() string {
	if c.TradingName != "" {
		return c.TradingName
	}
	return c.LegalName
}

// Site returns the site with the given code.
func (c *Client) Site(code string) (Site, bool) {
	for _, s := range c.Sites {
		if s.Code == code {
			return s, true
		}
	}
	return Site{}, false
}

// Validate checks a client record; sectors are checked against the IAF
// list by the caller that has it (see ValidSector).
func (c *Client) Validate() error {
	rec := recordName(c)
	if strings.TrimSpace(c.LegalName) == "" {
		return invalid(rec, "legal_name", "the legal name is required")
	}
	if len(c.LegalName) > 300 {
		return invalid(rec, "legal_name", "the legal name is longer than 300 characters")
	}
	if strings.TrimSpace(c.RegisteredAddress) == "" {
		return invalid(rec, "registered_address", "the registered address is required")
	}
	if c.EffectivePersonnel <= 0 || c.EffectivePersonnel > 1e6 {
		return invalid(rec, "effective_personnel", "effective personnel must be a number of full-time equivalents above 0, got %g", c.EffectivePersonnel)
	}
	codes := map[string]bool{}
	central := 0
	for i, s := range c.Sites {
		f := func(name string) string { return "sites[" + itoa(i) + "]." + name }
		if strings.TrimSpace(s.Code) == "" {
			return invalid(rec, f("code"), "each site needs a short code")
		}
		if codes[s.Code] {
			return invalid(rec, f("code"), "site code %q is used twice", s.Code)
		}
		codes[s.Code] = true
		if strings.TrimSpace(s.Address) == "" {
			return invalid(rec, f("address"), "site %s needs an address", s.Code)
		}
		if s.Personnel < 0 {
			return invalid(rec, f("personnel"), "personnel cannot be negative")
		}
		if s.Central {
			central++
		}
	}
	if len(c.Sites) > 1 && central != 1 {
		return invalid(rec, "sites", "a client with several sites needs exactly one central function, found %d", central)
	}
	if err := checkSectors(rec, "sectors", c.Sectors); err != nil {
		return err
	}
	if err := checkDocLanguage(rec, c.DocLanguage); err != nil {
		return err
	}
	if err := checkEach(rec, "ai_roles", c.AIRoles, AIRoles, "an AI role"); err != nil {
		return err
	}
	for i, s := range c.AISystems {
		f := "ai_systems[" + itoa(i) + "]"
		if strings.TrimSpace(s.Name) == "" {
			return invalid(rec, f+".name", "each AI system needs a name")
		}
		if !oneOf(s.RiskClass, RiskClasses) {
			return invalid(rec, f+".risk_class", "%q is not an EU AI Act risk class: use one of %s", s.RiskClass, joinAny(RiskClasses))
		}
		if !oneOf(s.Autonomy, Autonomies) {
			return invalid(rec, f+".autonomy", "%q is not a level of autonomy: use one of %s", s.Autonomy, joinAny(Autonomies))
		}
	}
	return nil
}

// ValidSector reports whether code is an IAF sector code (1–39).
func ValidSector(code int) bool { return code >= 1 && code <= 39 }

// checkSectors refuses the first entry of the list field that is not an
// IAF sector code.
func checkSectors(rec, field string, sectors []int) error {
	for i, sec := range sectors {
		if !ValidSector(sec) {
			return invalid(rec, field+"["+itoa(i)+"]", "%d is not an IAF sector code (1 to 39)", sec)
		}
	}
	return nil
}

// checkEach refuses the first entry of the list field that is not one
// of set; what names such an entry ("an AI role").
func checkEach[T ~string](rec, field string, list, set []T, what string) error {
	for i, v := range list {
		if !oneOf(v, set) {
			return invalid(rec, field+"["+itoa(i)+"]", "%q is not %s: use one of %s", v, what, joinAny(set))
		}
	}
	return nil
}

func oneOf[T comparable](v T, set []T) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}
