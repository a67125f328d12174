package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Excel workbooks: certctl export xlsx KIND … Each kind registers itself
// (registerXLSX in an init function of its own file) with its flags and
// how it writes; export xlsx finds it, parses its flags and writes the
// file atomically (beside the target, then renamed).

// exportXLSXCmd writes the workbooks CertDesk produces, one verb each.
type exportXLSXCmd struct {
	AuditPlan    xlsxAuditPlanCmd    `cmd:"" name:"audit-plan" help:"the audit plan for the client: cover (client, scope, dates, sites, team, objectives), a proposed timetable, the team"`
	AuditReport  xlsxAuditReportCmd  `cmd:"" name:"audit-report" help:"the audit report: cover with the report's contents and the team's recommendation, the checklist with results, the findings"`
	AuditTime    xlsxAuditTimeCmd    `cmd:"" name:"audit-time" help:"the audit time justification (IAF MD 5) on one printable page, for the contract"`
	Certificates xlsxCertificatesCmd `cmd:"" help:"the certificate register: every certificate in the revision in force on the date, with sites, scope, dates and status"`
	Cases        xlsxCasesCmd        `cmd:"" help:"the complaints and appeals register: every case with its course, deadlines and whether one was missed"`
	Certsearch   xlsxCertSearchCmd   `cmd:"" help:"the IAF CertSearch upload: cb_certs_1.xlsx, … (10,000 certificates each) written into the folder --out"`
	Decision     xlsxDecisionCmd     `cmd:"" help:"a decision record: the decision, its makers and reasons, the gates, the audits and findings it rests on, its certificate"`
	Findings     xlsxFindingsCmd     `cmd:"" help:"the findings register: every finding with grade, clause, deadlines, response, review and verification, and whether it is late"`
	Programme    xlsxProgrammeCmd    `cmd:"" help:"the audit programme: every certification with its cycle, each audit planned or done, each programme audit still to plan, what falls due next and its state"`
	Responses    xlsxResponsesCmd    `cmd:"" help:"a client's open nonconformities as a response form to fill in (read it back with certctl import-responses)"`
}

// xlsxOut is the --out flag of a workbook.
type xlsxOut struct {
	Out string `required:"" placeholder:"FILE" help:"the file to write"`
}

// writeWorkbook writes the workbook kind to out with write.
func (e *env) writeWorkbook(kind, out string, write func(w io.Writer) error) error {
	if err := writeAtomically(out, write); err != nil {
		return err
	}
	return e.wroteWorkbooks(kind, []string{out})
}

// wroteWorkbooks reports the files written.
func (e *env) wroteWorkbooks(kind string, written []string) error {
	if e.json {
		return e.writeJSON(map[string]any{"kind": kind, "written": written})
	}
	for _, w := range written {
		fmt.Fprintf(e.stderr, "Wrote %s\n", w)
	}
	return nil
}

func writeAtomically(path string, write func(w io.Writer) error) error {
	name := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.%d.tmp", filepath.Base(path), os.Getpid()))
	tmp, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return inputf("%v", err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return inputf("%v", err)
	}
	return nil
}
