package main

import (
	"fmt"
	"io"
	"strings"
)

// verb is one command of certctl.
type verb struct {
	name    string // "audit plan"
	summary string
	run     func(e *env, args []string) error
}

var verbs []verb

func init() {
	verbs = []verb{
		{"demo", "fill an empty data folder with a demo certification body", (*env).demo},
		{"import", "load an interchange file (docs/format.md) into an empty data folder", (*env).importFile},
		{"export", "write every record as an interchange file", (*env).export},
		{"backup", "write a backup file of the whole data folder (records, indexes, journal)", (*env).backup},
		{"backup info", "verify a backup file and show its header, without restoring", (*env).backupInfo},
		{"restore", "restore a backup file into a new or empty data folder", (*env).restore},
		{"encrypt", "encrypt the data folder (new, empty or holding data) with a passphrase", (*env).encrypt},
		{"passphrase", "change the passphrase of an encrypted data folder", (*env).changePassphrase},
		{"import-responses", "read a client's filled response workbook: show what changes, --apply records it", (*env).importResponses},
		{"schedule", "what falls due: overdue, due soon, upcoming", (*env).schedule},
		{"status", "each current certificate with its status", (*env).status},
		{"person add", "add a person to the register", (*env).personAdd},
		{"person list", "list the register", (*env).personList},
		{"client add", "add a client", (*env).clientAdd},
		{"client list", "list clients (with --search: by name prefix)", (*env).clientList},
		{"client show", "a client with its certifications, audits, findings, decisions and obligations", (*env).clientShow},
		{"certification add", "open a client's application for a standard", (*env).certificationAdd},
		{"audit-time", "calculate audit time (IAF MD 5, 42001) with its justification", (*env).auditTime},
		{"sample", "draw the sites a multi-site audit visits (IAF MD 1)", (*env).sample},
		{"audit plan", "plan an audit", (*env).auditPlan},
		{"audit confirm", "confirm a planned audit", (*env).auditConfirm},
		{"audit start", "record that an audit started", (*env).auditStart},
		{"audit finish", "record an audit's last day and conclusion (report drafted)", (*env).auditFinish},
		{"audit close", "close an audit's report", (*env).auditClose},
		{"audit cancel", "cancel an audit", (*env).auditCancel},
		{"audit show", "an audit with its team, checklist and findings", (*env).auditShow},
		{"audit leave-integrated", "take an audit out of its integrated audit", (*env).auditLeaveIntegrated},
		{"finding add", "record a finding on an audit in progress", (*env).findingAdd},
		{"finding respond", "record the client's response to a nonconformity", (*env).findingRespond},
		{"finding accept", "accept the client's response", (*env).findingAccept},
		{"finding reject", "reject the client's response", (*env).findingReject},
		{"finding verify", "record that the corrective action was verified", (*env).findingVerify},
		{"finding escalate", "raise an overdue minor to a major (where the policy allows it)", (*env).findingEscalate},
		{"team-check", "check an audit team's competence and impartiality", (*env).teamCheck},
		{"finding list", "list findings (with --open: open ones)", (*env).findingList},
		{"decide", "record a certification decision", (*env).decide},
		{"policy show", "show the body's policy settings", (*env).policyShow},
		{"policy set", "change policy settings", (*env).policySet},
		{"journal", "list the journal of changes", (*env).journal},
		{"verify", "check the journal's hash chain and every record against it", (*env).verify},
	}
}

// usages are the synopses printed by help and on usage errors.
var usages = map[string]string{
	"backup":            "backup --out FILE",
	"backup info":       "backup info FILE",
	"restore":           "restore FILE [--replace]",
	"encrypt":           "encrypt",
	"passphrase":        "passphrase",
	"demo":              "demo [--clients N] [--seed S] [--as-of DATE] [--direct]",
	"import":            "import FILE.json",
	"export":            "export json [--out FILE] | export xlsx KIND … --out FILE.xlsx",
	"import-responses":  "import-responses FILE.xlsx [--client ID] [--audit ID] [--apply]",
	"schedule":          "schedule [--as-of DATE] [--within DAYS]",
	"status":            "status [--as-of DATE]",
	"person add":        "person add --name NAME --roles ROLE[,ROLE…] [--email ADDRESS] [--standards STD,…] [--sectors CODE,…] [--ai-areas AREA,…] [--languages LANG,…] [--evidence TEXT] [--qualified-until DATE]",
	"person list":       "person list",
	"client add":        "client add --name NAME --address ADDRESS --personnel N [--trading-name NAME] [--sector CODE…] [--ai-role ROLE…] [--site CODE:ADDRESS[:central][:PERSONNEL]…]",
	"client list":       "client list [--search TEXT] [--as-of DATE]",
	"client show":       "client show ID [--as-of DATE]",
	"certification add": "certification add --client ID --standard STANDARD --scope TEXT [--applied DATE]",
	"audit-time":        "audit-time (--personnel N | --client ID) [--standard S…] [--ai-personnel N] [--ai-role ROLE…] [--ai-system RISK:AUTONOMY[:personal-data]…] [--ai-processes N] [--adjust [STANDARD:]±P:REASON…] [--accept-suggestions] [--integrated [--integration-reduction P]] [--sites CODE:PERSONNEL[:central]…]",
	"sample":            "sample (--sites N | --client ID [--standard S]) --kind initial|surveillance|recertification [--seed S] [--visited CODE…]",
	"audit plan":        "audit plan --certification ID --kind KIND --start DATE --end DATE [--days N] [--lead PERSON] [--auditor PERSON…] [--expert PERSON…] [--site CODE…] [--sample-seed N] [--justification TEXT] [--notes TEXT] [--integrate CERT_ID[:DAYS]…]",
	"audit confirm":     "audit confirm ID [--team-justification TEXT]",
	"audit start":       "audit start ID [--date DATE]",
	"audit finish":      "audit finish ID [--date DATE] [--days N] [--outcome ready|not-ready] [--recommendation REC]",
	"audit close":       "audit close ID [--report-date DATE]",
	"audit cancel":      "audit cancel ID",
	"audit show":        "audit show ID",
	"finding add":       "finding add --audit ID --grade GRADE --ref CLAUSE --requirement TEXT --evidence TEXT [--by PERSON] [--date DATE]",
	"finding respond":   "finding respond ID --root-cause TEXT --correction TEXT --action TEXT [--date DATE] [--correction-date DATE] [--action-date DATE]",
	"finding accept":    "finding accept ID [--date DATE] [--comment TEXT]",
	"finding reject":    "finding reject ID --comment TEXT [--date DATE]",
	"finding verify":    "finding verify ID --method documents|follow-up-visit|next-audit [--date DATE] [--notes TEXT]",
	"finding escalate":  "finding escalate ID [--date DATE]",
	"finding list":      "finding list [--open] [--as-of DATE]",
	"decide":            "decide --certification ID --kind KIND --maker PERSON [--maker PERSON…] --reasons TEXT [--date DATE] [--scope NEW-SCOPE]",
	"policy show":       "policy show",
	"policy set":        "policy set KEY=VALUE…",
	"journal":           "journal [--from N] [--limit N]",
	"verify":            "verify [--indexes] [--anchor SEQ:HASH…]",
}

// verbHelp is the longer text of each verb.
var verbHelp = map[string]string{
	"backup": `Writes a backup of the data folder (--data) to FILE: every record, index
entry and journal entry byte for byte, from one consistent snapshot, in one
file with a header (format, schema, when, counts, SHA-256 checksum); see
docs/cli.md. The file is written beside FILE first and renamed when
complete. Use --out - for standard output. The data folder must not be
open in CertDesk (close the window first).`,
	"backup info": `Reads the whole backup file and checks it as restore would (marker,
header, checksum, structure, counts) without writing anything, then prints
its header. A damaged or foreign file is an error (exit 2). An encrypted
backup is checked whole with its passphrase ($CERTDESK_PASSPHRASE, else
asked in a terminal); without one, only its checksum is checked.`,
	"restore": `Restores a backup file into the data folder (--data, else the default
folder). The folder must not exist or be empty; with --replace a folder
that holds data is moved aside to DIR.before-restore-TIME (not deleted)
once the restore has succeeded. The backup is loaded into a new folder
beside the target and checked (checksum, structure, counts) before it is
moved into place: a damaged, foreign or newer backup changes nothing.
An encrypted backup needs the passphrase its folder had when it was taken
($CERTDESK_PASSPHRASE, else asked in a terminal); the restored folder is
encrypted with the same key and opens with that passphrase.`,
	"encrypt": `Encrypts the data folder (--data) with a passphrase (docs/integrity.md):
from then on it opens only with the passphrase, and its backups are
encrypted too. A folder that does not exist or is empty is created
encrypted; a folder that holds data is copied into a new encrypted folder,
read back and compared, and only then put in its place; the unencrypted
copy is then deleted, with the unencrypted automatic backups beside it.
Other unencrypted backups are listed, not touched. The new passphrase
(at least 12 characters) comes from $CERTDESK_NEW_PASSPHRASE, else it is
asked twice in a terminal. The folder must not be open.`,
	"passphrase": `Changes the passphrase of an encrypted data folder without re-encrypting
or exporting anything: the folder's key is sealed anew under the new
passphrase in its key file, which is replaced in one step. The current
passphrase comes from $CERTDESK_PASSPHRASE, the new one from
$CERTDESK_NEW_PASSPHRASE; in a terminal, certctl asks for what is not set.
The automatic backups beside the folder take the new passphrase too;
backups kept elsewhere keep the passphrase of their day.`,
	"demo": `Fills an empty data folder with a demo certification body: a core of 14
staff, more auditors and experts hired as the clients need them (about
one per ten clients), and N clients with several years of history up to --as-of (default
today). The same --seed gives the same data. The history is generated in
memory through the certification service and then written to the data
folder in large transactions (journal command "demo"); with --direct every
command is run against the folder itself and journaled one by one, which
is much slower. A folder that already holds records is refused.`,
	"import": `Loads an interchange file (see docs/format.md) into an empty data folder.
The whole file is checked first (every record, every reference, and every
audit and decision through the same gates as when it was recorded); a
refused file writes nothing and each problem names the record and field.
Use - to read standard input.`,
	"import-responses": `Reads a response form (written by 'certctl export xlsx responses') that the
client filled in, checks it against the data folder without writing, and
prints per finding what would change (new, changed, unchanged). Each
problem names its cell, e.g. Findings!L7: a workbook of another body,
client or audit (--client, --audit), a locked column changed, a bad or
implausible date, a missing root cause, correction or corrective action,
a finding whose plan was accepted meanwhile. With problems nothing is
written (exit 1). --apply records every response in one transaction (all
or nothing); it needs --as.`,
	"export":   `Writes every record of the data folder as an interchange file (docs/format.md) to standard output or to --out.`,
	"schedule": `Lists what falls due as of --as-of (default today): everything overdue and everything due within --within days (default 90), overdue first.`,
	"status":   `Lists the current revision of every certificate with its status (active, suspended, withdrawn, expired) as of --as-of (default today).`,
	"person add": `Adds a person to the register. Roles: scheme-manager, lead-auditor,
auditor, technical-expert, decision-maker (comma-separated or repeated).
The first person may be added without --as (recorded as "system").
Competence: --standards qualifies the person for each standard in each
auditing role they hold (with --evidence and --qualified-until);
--sectors takes IAF codes, --ai-areas ai-risk, ai-data, ai-lifecycle,
ai-ethics, ai-regulation. Audits are confirmed only with a team whose
competence covers the client (see team-check).`,
	"client add": `Adds a client. --sector takes IAF codes (1–39), --ai-role one of producer,
provider, developer, user, partner; both may be repeated or comma-separated.
--site CODE:ADDRESS[:central][:PERSONNEL] adds a site (repeat for several;
a client with several sites needs exactly one central site).`,
	"client list":       `Lists clients in name order with their open standards and what falls due. --search lists the clients whose legal name starts with TEXT (case and spacing ignored).`,
	"certification add": `Opens an application. STANDARD is "ISO/IEC 42001:2023", "ISO 9001:2015", "ISO/IEC 27001:2022" or the short forms 42001, 9001, 27001.`,
	"audit plan": `Plans an audit. KIND: stage1, stage2, surveillance, recertification,
special, verification. PERSON is an id or exact name. --days defaults to the
audit's calendar days times the number of auditors (lead included).
--sample-seed N draws the sites a multi-site audit visits (IAF MD 1) with
seed N, as certctl sample --client shows it, and records the sample with
the audit; --site adds sites besides the sample.
--integrate CERT_ID[:DAYS] plans an integrated audit: one visit with the
same dates, sites and team for another certification of the client (to
another standard), with its own auditor-days (DAYS, default --days);
repeat for several. Each certification gets its own audit, checked by its
own rules; later date, site, team and status changes (confirm, start,
cancel) apply to all of them, and a shared clause (4–10 of the harmonised
structure) is answered once.`,
	"audit finish": `Records the audit's last day (--date, default today) and moves it to
report-drafted. A stage 1 needs --outcome ready|not-ready, other audits
--recommendation grant|renew|maintain|not-until-nc-closed|refuse|suspend|change-scope.`,
	"finding add": `Records a finding. GRADE: major, minor, ofi, observation, positive. --ref is
a clause (8.2) or Annex A control (A.6.2.4) of the certification's standard.
--by defaults to you if you are on the team, else the lead auditor.`,
	"decide": `Records a decision after every gate has passed. KIND: grant, refuse, renew,
maintain, extend-scope, reduce-scope, suspend, restore, withdraw. A refusal
names the rule that blocks (exit 1).`,
	"policy set": `Changes policy settings. KEY is a field of 'certctl policy show --json', e.g.
response_days=21 major_close_days=60 expiry_plus_three_years=true.`,
	"journal": `Lists the journal: who changed what, when, with which command, from entry --from (default 1); --limit N shows at most N entries.`,
	"verify": `Checks that the data folder was changed only through CertDesk (docs/integrity.md):
walks the journal's hash chain, recomputing every entry's hash and its link
to the entry before, then compares every record with the hash its last
journal change recorded. Names the first journal entry that does not match
and every record changed, added or deleted outside CertDesk; --indexes also
checks the index entries (derived from the records). --anchor SEQ:HASH (the
last entry printed by an earlier verify, 16 or more hex digits) checks that
the journal was not rewritten up to that entry. Exit 0 when everything
matches, 1 when something does not.`,
}

func (e *env) dispatch(args []string) error {
	if len(args) == 0 {
		e.overview(e.stderr)
		return inputf("no command given")
	}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		return e.help(args[1:])
	}
	// Longest match: "audit plan" before "audit".
	for _, n := range []int{2, 1} {
		if len(args) < n {
			continue
		}
		name := strings.Join(args[:n], " ")
		for _, v := range verbs {
			if v.name == name {
				return v.run(e, args[n:])
			}
		}
	}
	if subs := subverbs(args[0]); len(subs) > 0 {
		if len(args) > 1 && !strings.HasPrefix(args[1], "-") {
			return inputf("certctl %s has no command %q: use one of %s", args[0], args[1], strings.Join(subs, ", "))
		}
		if len(args) > 1 && isHelp(args[1]) {
			return e.help(args[:1])
		}
		return inputf("certctl %s needs a command: %s (see 'certctl help %s')", args[0], strings.Join(subs, ", "), args[0])
	}
	return inputf("unknown command %q: see 'certctl help'", args[0])
}

func isHelp(s string) bool { return s == "-h" || s == "--help" || s == "-help" }

func subverbs(group string) []string {
	var out []string
	for _, v := range verbs {
		if g, sub, ok := strings.Cut(v.name, " "); ok && g == group {
			out = append(out, sub)
		}
	}
	return out
}

// help prints the overview or one verb's help.
func (e *env) help(args []string) error {
	name := strings.Join(args, " ")
	if name == "" {
		e.overview(e.stdout)
		return nil
	}
	if _, ok := usages[name]; ok {
		// Each verb prints its own flags: run it with -h.
		for _, v := range verbs {
			if v.name == name {
				err := v.run(e, []string{"-h"})
				if err == errHelpShown {
					return nil
				}
				return err
			}
		}
	}
	if subs := subverbs(name); len(subs) > 0 {
		fmt.Fprintf(e.stdout, "certctl %s commands:\n", name)
		for _, v := range verbs {
			if strings.HasPrefix(v.name, name+" ") {
				fmt.Fprintf(e.stdout, "  certctl %s\n      %s\n", usages[v.name], v.summary)
			}
		}
		return nil
	}
	return inputf("no help for %q: see 'certctl help'", name)
}

func (e *env) overview(w io.Writer) {
	fmt.Fprint(w, `certctl runs CertDesk's commands on a data folder.

usage: certctl [global flags] COMMAND [flags and arguments]

global flags (before or after the command):
  --data DIR      the data folder (else $CERTDESK_DATA, else the platform's default)
  --as PERSON     who is acting: an id or exact name from the register (else $CERTDESK_USER);
                  required for commands that change records, except demo, import and person add
  --json          print stable JSON (see docs/cli.md)
  --today DATE    take DATE (YYYY-MM-DD) as today

An encrypted data folder (see encrypt) opens with the passphrase in
$CERTDESK_PASSPHRASE; without it certctl asks in a terminal.

commands:
`)
	width := 0
	for _, v := range verbs {
		width = max(width, len(v.name))
	}
	for _, v := range verbs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, v.name, v.summary)
	}
	fmt.Fprint(w, `
'certctl help COMMAND' or 'certctl COMMAND -h' explains one command.
exit codes: 0 done, 1 refused by a rule, 2 usage or input error, 3 failure (disk, data, bug)
`)
}
