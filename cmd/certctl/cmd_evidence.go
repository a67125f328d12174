package main

// Evidence from the command line: attach a file to a checklist item or a
// finding, list an audit's evidence, write a file back out.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"certdesk/certification"
)

// evidenceCmd attaches and reads evidence files.
type evidenceCmd struct {
	Add  evidenceAddCmd  `cmd:"" help:"attach a file to a checklist item or a finding of an audit"`
	List evidenceListCmd `cmd:"" help:"list the files attached to an audit"`
	Get  evidenceGetCmd  `cmd:"" help:"write an attached file out, checked against its SHA-256"`
}

type evidenceAddCmd struct {
	auditID
	File    string           `arg:"" placeholder:"FILE" type:"existingfile" help:"the file to attach"`
	Ref     string           `placeholder:"REF" help:"the checklist item (4.1, A.6.2.4, S1.8, SV.2)"`
	Finding certification.ID `placeholder:"ID" help:"the finding's id"`
	Caption string           `help:"what the file shows"`
	overrideHold
}

func (evidenceAddCmd) Help() string {
	return `Attaches FILE to a checklist item (--ref) or a finding (--finding) of
audit AUDIT. The checklist takes evidence while the audit is in progress or
its report is drafted; a finding too, or later while it is open. The file
is kept in the data folder (encrypted when the folder is), once however
often it is attached; the journal entry names its SHA-256. Files larger
than the policy's evidence_max_mb (default 25 MB) are refused (rule
evidence-size-limit).`
}

func (c *evidenceAddCmd) Run(e *env) error {
	if (c.Ref == "") == (c.Finding == 0) {
		return inputf("give --ref REF or --finding ID, one of the two")
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	if err := c.check(e, svc, c.ID); err != nil { // cmd_hold.go
		return err
	}
	st, err := os.Stat(c.File)
	if err != nil {
		return inputf("%v", err)
	}
	p, err := svc.Policy(e.ctx)
	if err != nil {
		return err
	}
	// Refuse a file past the limit before reading it.
	if err := certification.CheckEvidenceSize(filepath.Base(c.File), st.Size(), &p); err != nil {
		return err
	}
	content, err := os.ReadFile(c.File)
	if err != nil {
		return inputf("%v", err)
	}
	id, err := svc.AttachEvidence(e.ctx, certification.Evidence{AuditID: c.ID, Ref: c.Ref, FindingID: c.Finding,
		FileName: filepath.Base(c.File), Caption: c.Caption}, content)
	if err != nil {
		return err
	}
	x, _, err := svc.EvidenceContent(e.ctx, id)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"evidence": x})
	}
	e.printf("Attached evidence %d: %s (%s, sha256 %s) to %s of audit %d\n", x.ID, x.FileName, certification.SizeLabel(x.Size), x.SHA256, x.Of(), x.AuditID)
	return nil
}

type evidenceListCmd struct {
	auditID
}

func (c *evidenceListCmd) Run(e *env) error {
	svc, err := e.reader()
	if err != nil {
		return err
	}
	list, err := svc.EvidenceOf(e.ctx, c.ID)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"audit_id": c.ID, "evidence": list})
	}
	if len(list) == 0 {
		e.printf("No evidence attached to audit %d.\n", c.ID)
		return nil
	}
	for _, x := range list {
		line := fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s %s", x.ID, x.Of(), x.FileName, certification.SizeLabel(x.Size), x.SHA256[:16], x.AddedOn, x.AddedBy.Name)
		if x.Caption != "" {
			line += "\t" + strings.ReplaceAll(x.Caption, "\n", " ")
		}
		e.printf("%s\n", line)
	}
	return nil
}

type evidenceGetCmd struct {
	ID  certification.ID `arg:"" name:"evidence" placeholder:"ID" help:"the evidence's id"`
	Out string           `required:"" placeholder:"FILE" help:"the file to write"`
}

func (c *evidenceGetCmd) Run(e *env) error {
	svc, err := e.reader()
	if err != nil {
		return err
	}
	x, content, err := svc.EvidenceContent(e.ctx, c.ID)
	if err != nil {
		return err
	}
	err = writeAtomically(c.Out, func(w io.Writer) error {
		_, err := w.Write(content)
		return err
	})
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"evidence": x, "written": c.Out})
	}
	fmt.Fprintf(e.stderr, "Wrote %s (%s, sha256 %s)\n", c.Out, certification.SizeLabel(x.Size), x.SHA256)
	return nil
}
