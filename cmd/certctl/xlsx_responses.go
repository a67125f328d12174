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

func init() {
	registerXLSX(xlsxKind{
		name:  "responses",
		help:  "a client's open nonconformities as a response form to fill in (read it back with certctl import-responses)",
		usage: "--client ID [--audit ID] [--as-of DATE] --out FILE",
		flags: func(e *env, f *flags) xlsxRun {
			client := f.String("client", "", "the client (id; required)")
			audit := f.String("audit", "", "only the findings of this audit (default: every open finding of the client)")
			asOf := f.String("as-of", "", "the form's date (default today)")
			return xlsxRun{write: func(w io.Writer) error {
				clientID, err := requiredID("client", *client)
				if err != nil {
					return err
				}
				auditID, err := optionalID("audit", *audit)
				if err != nil {
					return err
				}
				d, err := optDate("as-of", *asOf)
				if err != nil {
					return err
				}
				return readWrite(e, w, func(svc *certification.Service) (*document.ResponseForm, error) {
					return document.NewResponseForm(e.ctx, svc, clientID, auditID, d)
				}, xlsx.Workbooks{}.WriteResponseForm)
			}}
		},
	})
}

// importResponses runs certctl import-responses FILE [--apply].
func (e *env) importResponses(args []string) error {
	f := e.flags("import-responses", usages["import-responses"])
	apply := f.Bool("apply", false, "record the responses (all or nothing); without it, only show what would change")
	client := f.String("client", "", "refuse a form that is not this client's")
	audit := f.String("audit", "", "refuse a form that is not for this audit")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	clientID, err := optionalID("client", *client)
	if err != nil {
		return err
	}
	auditID, err := optionalID("audit", *audit)
	if err != nil {
		return err
	}
	var r io.Reader = e.stdin
	if pos[0] != "-" {
		file, err := os.Open(pos[0])
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
	var svc *certification.Service
	if *apply {
		svc, err = e.service(true)
	} else {
		svc, err = e.reader()
	}
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
	if *apply && pv.Pending() > 0 {
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
