// Package scheme spells the names of the certification scheme once: the
// management-system standards, the AI roles of ISO/IEC 22989 and the EU
// AI Act's risk classes and levels of autonomy. certification gives them
// types (certification.Standard, AIRole, RiskClass, Autonomy); the audit
// packages below it, which cannot import certification, use them as
// strings. Stored records and JSON carry these spellings: never change
// one.
package scheme

// Standards, with their editions.
const (
	ISO42001 = "ISO/IEC 42001:2023"
	ISO9001  = "ISO 9001:2015"
	ISO27001 = "ISO/IEC 27001:2022"
)

// StandardNames lists the standards in the order the domain offers them.
var StandardNames = []string{ISO42001, ISO9001, ISO27001}

// AI roles (ISO/IEC 22989): the part an organisation plays with AI
// systems.
const (
	AIProducer  = "producer"
	AIProvider  = "provider"
	AIDeveloper = "developer"
	AIUser      = "user"
	AIPartner   = "partner"
)

// AIRoleNames lists the AI roles in order.
var AIRoleNames = []string{AIProducer, AIProvider, AIDeveloper, AIUser, AIPartner}

// EU AI Act risk classes of an AI system.
const (
	RiskProhibited = "prohibited"
	RiskHigh       = "high"
	RiskLimited    = "limited"
	RiskMinimal    = "minimal"
)

// Levels of autonomy of an AI system: how far it acts without a person
// deciding.
const (
	AutonomyAssistive     = "assistive"         // suggests; a person decides
	AutonomyHumanInLoop   = "human-in-the-loop" // acts after a person approves
	AutonomyHumanOnLoop   = "human-on-the-loop" // acts; a person supervises
	AutonomyFullyAutonomy = "autonomous"
)

// RiskClassNames and AutonomyNames list the risk classes (most severe
// first) and the levels of autonomy (least first) in order.
var (
	RiskClassNames = []string{RiskProhibited, RiskHigh, RiskLimited, RiskMinimal}
	AutonomyNames  = []string{AutonomyAssistive, AutonomyHumanInLoop, AutonomyHumanOnLoop, AutonomyFullyAutonomy}
)
