package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage/xlsx"
)

// The client response round trip: certctl export xlsx responses writes a
// client's open nonconformities as a form; certctl import-responses reads
// the filled form back, shows what will change and, with --apply,
// records it all or nothing.

type xlsxResponsesCmd struct {
	Client certification.ID   `required:"" help:"the client"`
	Audit  certification.ID   `help:"only the findings of this audit (default: every open finding of the client)"`
	AsOf   certification.Date `help:"the form's date (default today)"`
	xlsxOut
}

func (c *xlsxResponsesCmd) Run(e *env) error {
	return e.writeWorkbook("responses", c.Out, func(w io.Writer) error {
		return readWrite(e, w, func(svc *certification.Service) (*document.ResponseForm, error) {
			return document.NewResponseForm(e.ctx, svc, c.Client, c.Audit, c.AsOf)
		}, xlsx.Workbooks{}.WriteResponseForm)
	})
}

type importResponsesCmd struct {
	File   string           `arg:"" placeholder:"FILE.xlsx" help:"the filled response form (- for standard input)"`
	Client certification.ID `help:"refuse a form that is not this client's"`
	Audit  certification.ID `help:"refuse a form that is not for this audit"`
	Apply  bool             `help:"record the responses (all or nothing); without it, only show what would change"`
}

func (importResponsesCmd) Help() string {
	return `Reads a response form (written by 'certctl export xlsx responses') that the
client filled in, checks it against the data folder without writing, and
prints per finding what would change (new, changed, unchanged). Each
problem names its cell, e.g. Findings!L7: a workbook of another body,
client or audit (--client, --audit), a locked column changed, a bad or
implausible date, a missing root cause, correction or corrective action,
a finding whose plan was accepted meanwhile. With problems nothing is
written (exit 1). --apply records every response in one transaction (all
or nothing); it needs --as.`
}

func (c *importResponsesCmd) Run(e *env) error {
	clientID, auditID := c.Client, c.Audit
	var r io.Reader = e.stdin
	if c.File != "-" {
		file, err := os.Open(c.File)
		if err != nil {
			return inputf("import-responses: %v", err)
		}
		defer file.Close()
		r = file
	}
	form, err := xlsx.Workbooks{}.ReadResponseForm(e.ctx, r)
	if err != nil {
		return err
	}
	if err := form.CheckScope(clientID, auditID); err != nil {
		return err
	}
	svc, err := e.serviceIf(c.Apply)
	if err != nil {
		return err
	}
	pv, err := document.PreviewResponses(e.ctx, svc, form)
	if err != nil {
		return err
	}
	if !pv.OK() {
		if !e.json {
			e.printPreview(pv)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "the response form has %d problem(s); nothing was written. Fix them in the workbook (or ask the client to) and import it again:", len(pv.Problems))
		for _, p := range pv.Problems {
			b.WriteString("\n  " + p.String())
		}
		return &certification.RuleError{Rule: certification.RuleResponseForm, Msg: b.String()}
	}
	applied := false
	if c.Apply && pv.Pending() > 0 {
		if err := document.ApplyResponses(e.ctx, svc, pv); err != nil {
			return err
		}
		applied = true
	}
	if e.json {
		return e.writeJSON(map[string]any{"preview": previewJSON(pv), "applied": applied})
	}
	e.printPreview(pv)
	switch {
	case pv.Pending() == 0:
		e.printf("\nNothing to record: the form holds no new or changed response.\n")
	case applied:
		e.printf("\nRecorded %d response(s) in one transaction.\n", pv.Pending())
	default:
		e.printf("\n%d response(s) to record: run again with --apply to record them.\n", pv.Pending())
	}
	return nil
}

// printPreview prints what importing the form would change, per finding.
func (e *env) printPreview(pv *document.ResponsePreview) {
	fm := pv.Form
	scope := "every open finding"
	if fm.AuditID != 0 {
		scope = "audit " + fm.AuditID.String()
	}
	name := pv.ClientName
	if name == "" {
		name = fm.ClientName
	}
	e.printf("Response form of %s (client %d), written %s, for %s: %d row(s)\n\n", name, fm.ClientID, fm.AsOf, scope, len(fm.Rows))
	if len(pv.Changes) == 0 {
		return
	}
	t := e.table("FINDING", "AUDIT", "NO", "GRADE", "CLAUSE", "CHANGE", "FIELDS", "NOTE")
	for _, c := range pv.Changes {
		var fields []string
		for _, f := range c.Fields {
			fields = append(fields, f.Label())
		}
		fs := strings.Join(fields, ", ")
		if fs == "" {
			fs = "-"
		}
		t.row(c.FindingID, c.AuditID, c.Number, c.Grade.Label(), c.Reference, c.Kind, fs, c.Note)
	}
	t.flush()
}

type responseChangeJSON struct {
	FindingID certification.ID            `json:"finding_id"`
	AuditID   certification.ID            `json:"audit_id"`
	Number    int                         `json:"number"`
	Grade     certification.Grade         `json:"grade"`
	Reference string                      `json:"reference"`
	Cell      string                      `json:"cell,omitempty"`
	Change    document.ResponseChangeKind `json:"change"`
	Fields    []document.ResponseField    `json:"fields,omitempty"`
	Note      string                      `json:"note,omitempty"`
	Before    *certification.Response     `json:"before,omitempty"`
	After     *certification.Response     `json:"after,omitempty"`
}

func previewJSON(pv *document.ResponsePreview) map[string]any {
	changes := []responseChangeJSON{}
	for _, c := range pv.Changes {
		changes = append(changes, responseChangeJSON{FindingID: c.FindingID, AuditID: c.AuditID, Number: c.Number, Grade: c.Grade, Reference: c.Reference,
			Cell: c.Cell, Change: c.Kind, Fields: c.Fields, Note: c.Note, Before: c.Before, After: c.After})
	}
	return map[string]any{
		"client_id":   pv.Form.ClientID,
		"client_name": pv.ClientName,
		"audit_id":    pv.Form.AuditID,
		"as_of":       pv.Form.AsOf,
		"fingerprint": pv.Form.Fingerprint,
		"pending":     pv.Pending(),
		"changes":     changes,
	}
}
