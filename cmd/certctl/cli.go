package main

import (
	"github.com/alecthomas/kong"

	"certdesk/certification"
)

// commandLine is certctl's command line: the global flags and one struct per
// verb (the verb groups live in their cmd_*.go files). Help, usage lines
// and the command table check (docs_test.go) are derived from it.
type commandLine struct {
	Globals globals `embed:""`

	Demo            demoCmd            `cmd:"" help:"fill an empty data folder with a demo certification body"`
	Import          importCmd          `cmd:"" help:"load an interchange file (docs/format.md) into an empty data folder"`
	Export          exportCmd          `cmd:"" help:"write every record as an interchange file, or a workbook or a PDF document"`
	Backup          backupCmd          `cmd:"" help:"write a backup file of the whole data folder (records, indexes, journal)"`
	Restore         restoreCmd         `cmd:"" help:"restore a backup file into a new or empty data folder"`
	Encrypt         encryptCmd         `cmd:"" help:"encrypt the data folder (new, empty or holding data) with a passphrase"`
	Passphrase      passphraseCmd      `cmd:"" help:"change the passphrase of an encrypted data folder"`
	ImportResponses importResponsesCmd `cmd:"" name:"import-responses" help:"read a client's filled response workbook: show what changes, --apply records it"`
	Schedule        scheduleCmd        `cmd:"" help:"what falls due: overdue, due soon, upcoming"`
	Status          statusCmd          `cmd:"" help:"each current certificate with its status"`
	Dashboard       dashboardCmd       `cmd:"" help:"what the app's Dashboard shows: each tile's figure and its list"`
	CheckDocument   checkDocumentCmd   `cmd:"" name:"check-document" help:"whether a PDF file is a document the body issued (certificate, audit report or plan), and a certificate's status today"`
	Publish         publishCmd         `cmd:"" help:"write the public certificate register as a static site"`
	Person          personCmd          `cmd:"" help:"the register of people"`
	Client          clientCmd          `cmd:"" help:"clients"`
	Certification   certificationCmd   `cmd:"" help:"certifications"`
	Standard        standardCmd        `cmd:"" help:"the standards the body certifies: add one from its catalogue file (TSV or a CISO Assistant library)"`
	AuditTime       auditTimeCmd       `cmd:"" name:"audit-time" help:"calculate audit time (IAF MD 5, 42001) with its justification"`
	Sample          sampleCmd          `cmd:"" help:"draw the sites a multi-site audit visits (IAF MD 1)"`
	Audit           auditCmd           `cmd:"" help:"audits"`
	Finding         findingCmd         `cmd:"" help:"findings"`
	Evidence        evidenceCmd        `cmd:"" help:"files attached to a checklist item or a finding"`
	TeamCheck       teamCheckCmd       `cmd:"" name:"team-check" help:"check an audit team's competence and impartiality"`
	Team            teamCmd            `cmd:"" help:"audit teams: suggest one"`
	Decide          decideCmd          `cmd:"" help:"record a certification decision"`
	Complaint       complaintCmd       `cmd:"" help:"complaints (ISO/IEC 17021-1 9.8): receive, acknowledge, investigate, decide, close"`
	Appeal          appealCmd          `cmd:"" help:"appeals against decisions (ISO/IEC 17021-1 9.7): receive, acknowledge, investigate, decide, close"`
	Policy          policyCmd          `cmd:"" help:"the body's policy settings"`
	Journal         journalCmd         `cmd:"" help:"list the journal of changes"`
	Verify          verifyCmd          `cmd:"" help:"check the journal's hash chain and every record against it"`
	Reindex         reindexCmd         `cmd:"" help:"write every index entry again from the records"`
	Office          officeCmd          `cmd:"" help:"the body's office, which keeps the body's journal for its desks"`
	Sync            syncCmd            `cmd:"" help:"catch up with the body's journal at the office (--office) and show the head"`
}

// globals are the flags every verb takes, before or after it.
type globals struct {
	Data  string             `placeholder:"DIR" help:"the data folder (else $CERTDESK_DATA, else the platform's default)"`
	As    string             `placeholder:"PERSON" help:"who is acting: an id or exact name from the register (else $CERTDESK_USER); required for commands that change records, except demo, import and person add"`
	JSON  bool               `name:"json" help:"print stable JSON (see docs/cli.md)"`
	Today certification.Date `help:"take DATE (YYYY-MM-DD) as today"`

	Office   string `placeholder:"URL" help:"the body's office (nats://HOST:PORT or tls://HOST:PORT): the data folder is then a desk of the body, in step with its journal (else $CERTDESK_OFFICE; docs/sync.md)"`
	Creds    string `placeholder:"FILE" help:"this desk's credentials file from office enrol (else $CERTDESK_CREDS)"`
	OfficeCA string `name:"office-ca" placeholder:"FILE" help:"the office's CA certificate, ca.pem from office init (else $CERTDESK_OFFICE_CA)"`

	Desk string `placeholder:"NAME" help:"this desk's name in audit holds (else $CERTDESK_DESK, else the data folder's name; docs/sync.md)"`

	KeyPassphraseFile string `name:"key-passphrase-file" placeholder:"FILE" help:"read the passphrase of your identity key (--as) from FILE's first line (else $CERTDESK_KEY_PASSPHRASE, else certctl asks in a terminal)"`
}

// verb is what every leaf command of cli does.
type verb interface {
	Run(e *env) error
}

// newParser builds the kong parser over c, writing help to e.stdout.
func (e *env) newParser(c *commandLine) (*kong.Kong, error) {
	return kong.New(c,
		kong.Name("certctl"),
		kong.Description("certctl runs CertDesk's commands on a data folder."),
		kong.Writers(e.stdout, e.stderr),
		kong.Exit(func(code int) { panic(exited(code)) }),
		kong.Help(func(_ kong.HelpOptions, kc *kong.Context) error {
			return e.helpFor(kc.Selected(), kc.Model.Node)
		}),
		kong.WithHyphenPrefixedParameters(true),
		mappers(),
		helpVars(),
	)
}

// helpVars are the lists the flags' help names (${ai_areas},
// ${interest_kinds}), drawn from the domain's own, so that help never
// offers a value the domain refuses.
func helpVars() kong.Vars {
	return kong.Vars{
		"ai_areas":       joinValues(certification.AIAreas),
		"interest_kinds": joinValues(certification.InterestKinds),
	}
}

// exited is how kong's Exit (after -h) leaves Parse: run recovers it.
type exited int
