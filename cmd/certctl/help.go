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
	}
}

// usages are the synopses printed by help and on usage errors.
var usages = map[string]string{
	"demo":              "demo [--clients N] [--seed S] [--as-of DATE] [--direct]",
	"import":            "import FILE.json",
	"export":            "export json [--out FILE]",
	"schedule":          "schedule [--as-of DATE] [--within DAYS]",
	"status":            "status [--as-of DATE]",
	"person add":        "person add --name NAME --roles ROLE[,ROLE…] [--email ADDRESS]",
	"person list":       "person list",
	"client add":        "client add --name NAME --address ADDRESS --personnel N [--trading-name NAME] [--sector CODE…] [--ai-role ROLE…] [--site CODE:ADDRESS[:central][:PERSONNEL]…]",
	"client list":       "client list [--search TEXT] [--as-of DATE]",
	"client show":       "client show ID [--as-of DATE]",
	"certification add": "certification add --client ID --standard STANDARD --scope TEXT [--applied DATE]",
	"audit-time":        "audit-time (--personnel N | --client ID) [--standard S…] [--ai-personnel N] [--ai-role ROLE…] [--ai-system RISK:AUTONOMY[:personal-data]…] [--ai-processes N] [--adjust [STANDARD:]±P:REASON…] [--accept-suggestions] [--integrated [--integration-reduction P]] [--sites CODE:PERSONNEL[:central]…]",
	"sample":            "sample (--sites N | --client ID [--standard S]) --kind initial|surveillance|recertification [--seed S] [--visited CODE…]",
	"audit plan":        "audit plan --certification ID --kind KIND --start DATE --end DATE [--days N] [--lead PERSON] [--auditor PERSON…] [--expert PERSON…] [--site CODE…] [--justification TEXT] [--notes TEXT]",
	"audit confirm":     "audit confirm ID",
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
}

// verbHelp is the longer text of each verb.
var verbHelp = map[string]string{
	"demo": `Fills an empty data folder with a demo certification body: about a dozen
staff and N clients with several years of history up to --as-of (default
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
	"export":   `Writes every record of the data folder as an interchange file (docs/format.md) to standard output or to --out.`,
	"schedule": `Lists what falls due as of --as-of (default today): everything overdue and everything due within --within days (default 90), overdue first.`,
	"status":   `Lists the current revision of every certificate with its status (active, suspended, withdrawn, expired) as of --as-of (default today).`,
	"person add": `Adds a person to the register. Roles: scheme-manager, lead-auditor,
auditor, technical-expert, decision-maker (comma-separated or repeated).
The first person may be added without --as (recorded as "system").`,
	"client add": `Adds a client. --sector takes IAF codes (1–39), --ai-role one of producer,
provider, developer, user, partner; both may be repeated or comma-separated.
--site CODE:ADDRESS[:central][:PERSONNEL] adds a site (repeat for several;
a client with several sites needs exactly one central site).`,
	"client list":       `Lists clients in name order with their open standards and what falls due. --search lists the clients whose legal name starts with TEXT (case and spacing ignored).`,
	"certification add": `Opens an application. STANDARD is "ISO/IEC 42001:2023", "ISO 9001:2015", "ISO/IEC 27001:2022" or the short forms 42001, 9001, 27001.`,
	"audit plan": `Plans an audit. KIND: stage1, stage2, surveillance, recertification,
special, verification. PERSON is an id or exact name. --days defaults to the
audit's calendar days times the number of auditors (lead included).`,
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
