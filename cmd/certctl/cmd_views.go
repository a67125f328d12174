package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

var stateLabel = map[certification.ObligationState]string{
	certification.StateOverdue:  "OVERDUE",
	certification.StateDueSoon:  "due soon",
	certification.StateUpcoming: "upcoming",
	certification.StateDone:     "done",
	certification.StateLapsed:   "lapsed",
	certification.StateNotOpen:  "not open",
}

type scheduleCmd struct {
	AsOf   certification.Date `help:"the date to look from (default today)"`
	Within int                `default:"90" placeholder:"DAYS" help:"days ahead to look"`
}

func (scheduleCmd) Help() string {
	return `Lists what falls due as of --as-of (default today): everything overdue and everything due within --within days (default 90), overdue first.`
}

func (c *scheduleCmd) Run(e *env) error {
	asOf := e.orToday(c.AsOf)
	if c.Within < 0 || c.Within > 36600 {
		return inputf("--within must be a number of days from 0 to 36600")
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	obs, err := view.Schedule(e.ctx, svc, asOf, c.Within)
	if err != nil {
		return err
	}
	sum := struct {
		Total    int `json:"total"`
		Overdue  int `json:"overdue"`
		DueSoon  int `json:"due_soon"`
		Upcoming int `json:"upcoming"`
	}{Total: len(obs)}
	for _, o := range obs {
		switch o.State {
		case certification.StateOverdue:
			sum.Overdue++
		case certification.StateDueSoon:
			sum.DueSoon++
		case certification.StateUpcoming:
			sum.Upcoming++
		}
	}
	cases, err := view.CaseSchedule(e.ctx, svc, asOf, c.Within) // complaints and appeals: cmd_case.go
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"as_of": asOf, "within_days": c.Within, "summary": sum, "obligations": jsonList(obs), "cases": jsonList(cases)})
	}
	if len(obs) > 0 {
		t := e.table("STATE", "DUE", "CLIENT", "STANDARD", "OBLIGATION")
		for _, o := range obs {
			t.row(stateLabel[o.State], o.Due, o.ClientName, o.Standard.Short(), obligationText(o))
		}
		t.flush()
	}
	e.printf("%d obligation(s) as of %s within %d days: %d overdue, %d due soon, %d upcoming.\n", sum.Total, asOf, c.Within, sum.Overdue, sum.DueSoon, sum.Upcoming)
	e.printCaseSchedule(cases)
	return nil
}

// obligationText is the label with the records it concerns.
func obligationText(o certification.Obligation) string {
	var refs []string
	refs = append(refs, "cert "+o.CertificationID.String())
	if o.AuditID != 0 {
		refs = append(refs, "audit "+o.AuditID.String())
	}
	if o.FindingID != 0 {
		refs = append(refs, "finding "+o.FindingID.String())
	}
	return o.Label + " [" + strings.Join(refs, ", ") + "]"
}

type statusCmd struct {
	AsOf certification.Date `help:"the date of the status (default today)"`
}

func (statusCmd) Help() string {
	return `Lists the current revision of every certificate with its status (active, suspended, withdrawn, expired) as of --as-of (default today).`
}

func (c *statusCmd) Run(e *env) error {
	asOf := e.orToday(c.AsOf)
	svc, err := e.reader()
	if err != nil {
		return err
	}
	sts, err := view.Certificates(e.ctx, svc, asOf)
	if err != nil {
		return err
	}
	slices.SortStableFunc(sts, func(a, b view.CertificateState) int {
		if c := strings.Compare(certification.Fold(a.ClientName), certification.Fold(b.ClientName)); c != 0 {
			return c
		}
		return strings.Compare(a.Number, b.Number)
	})
	counts := map[certification.CertificateStatus]int{}
	for _, s := range sts {
		counts[s.Status]++
	}
	if e.json {
		return e.writeJSON(map[string]any{"as_of": asOf, "summary": counts, "certificates": jsonList(sts)})
	}
	if len(sts) > 0 {
		t := e.table("CERTIFICATE", "REV", "STATUS", "CLIENT", "STANDARD", "ORIGINAL", "ISSUED", "EXPIRES", "CERT")
		for _, s := range sts {
			st := string(s.Status)
			if since, ok := s.SuspendedSince(asOf); ok && s.Status == certification.CertSuspended {
				st += " since " + since.String()
			}
			t.row(s.Number, s.Revision, st, s.ClientName, s.Standard.Short(), s.OriginalDate, s.IssueDate, s.Expiry, s.CertificationID)
		}
		t.flush()
	}
	var parts []string
	for _, st := range []certification.CertificateStatus{certification.CertActive, certification.CertSuspended, certification.CertExpired, certification.CertWithdrawn, certification.CertNotYet} {
		if counts[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
		}
	}
	if len(parts) == 0 {
		parts = []string{"none"}
	}
	e.printf("%d certificate(s) as of %s: %s.\n", len(sts), asOf, strings.Join(parts, ", "))
	return nil
}

type findingOut struct {
	certification.Finding
	Status certification.FindingStatus `json:"status"`
	Late   bool                        `json:"late"`
}

func outFinding(x certification.Finding, asOf certification.Date) findingOut {
	return findingOut{Finding: x, Status: x.Status(), Late: x.LateOn(asOf)}
}

type clientShowCmd struct {
	ID   certification.ID   `arg:"" name:"client" placeholder:"ID" help:"the client's id"`
	AsOf certification.Date `help:"date for statuses and obligations (default today)"`
}

func (cmd *clientShowCmd) Run(e *env) error {
	id, asOf := cmd.ID, e.orToday(cmd.AsOf)
	svc, err := e.reader()
	if err != nil {
		return err
	}
	v, err := view.Client(e.ctx, svc, id, asOf)
	if err != nil {
		return err
	}
	names, err := e.personNames(svc)
	if err != nil {
		return err
	}
	if e.json {
		type certOut struct {
			Certification     certification.Certification     `json:"certification"`
			Certificate       *certification.Certificate      `json:"certificate"`
			CertificateStatus certification.CertificateStatus `json:"certificate_status,omitempty"`
			Audits            []certification.Audit           `json:"audits"`
			Findings          []findingOut                    `json:"findings"`
			Decisions         []certification.Decision        `json:"decisions"`
			Certificates      []certification.Certificate     `json:"certificates"`
			Obligations       []certification.Obligation      `json:"obligations"`
		}
		out := []certOut{}
		for _, file := range v.Files {
			c := certOut{Certification: file.Certification, Audits: nonNil(file.Audits), Decisions: nonNil(file.Decisions),
				Certificates: nonNil(file.Certificates), Obligations: nonNil(v.Obligations[file.Certification.ID]), Findings: []findingOut{}}
			if cert, ok := file.Certificate(); ok {
				c.Certificate, c.CertificateStatus = cert, cert.StatusOn(asOf)
			}
			for _, x := range file.Findings {
				c.Findings = append(c.Findings, outFinding(x, asOf))
			}
			out = append(out, c)
		}
		return e.writeJSON(map[string]any{"as_of": asOf, "client": v.Client, "certifications": out})
	}

	c := v.Client
	e.printf("Client %d: %s", c.ID, c.LegalName)
	if c.TradingName != "" {
		e.printf(" (trading as %s)", c.TradingName)
	}
	e.printf("\n  Address:     %s\n", c.RegisteredAddress)
	e.printf("  Documents:   %s (%s)\n", certification.DocLanguageName(c.DocLanguage), c.Language())
	var secs []string
	for _, s := range c.Sectors {
		secs = append(secs, strconv.Itoa(s))
	}
	e.printf("  Personnel:   %s full-time equivalents; IAF sectors: %s; created %s\n", strconv.FormatFloat(c.EffectivePersonnel, 'f', -1, 64), orNone(strings.Join(secs, ", ")), dateOr(c.Created, "-"))
	if len(c.AIRoles) > 0 {
		var rs []string
		for _, r := range c.AIRoles {
			rs = append(rs, string(r))
		}
		e.printf("  AI roles:    %s\n", strings.Join(rs, ", "))
	}
	for _, s := range c.AISystems {
		pd := ""
		if s.PersonalData {
			pd = ", personal data"
		}
		e.printf("  AI system:   %s — %s risk, %s%s\n", s.Name, s.RiskClass, s.Autonomy, pd)
	}
	for _, s := range c.Sites {
		central := ""
		if s.Central {
			central = " (central)"
		}
		e.printf("  Site %s%s: %s, %d people\n", s.Code, central, s.Address, s.Personnel)
	}
	for _, ct := range c.Contacts {
		e.printf("  Contact:     %s, %s, %s\n", ct.Name, ct.Role, ct.Email)
	}
	if len(v.Files) == 0 {
		e.printf("\nNo certifications yet: certctl certification add --client %d --standard 42001 --scope …\n", c.ID)
	}
	for _, file := range v.Files {
		e.showFile(file, v.Obligations[file.Certification.ID], names, asOf)
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// personNames maps each person of the register to their name.
func (e *env) personNames(svc *certification.Service) (map[certification.ID]string, error) {
	people, err := view.People(e.ctx, svc)
	if err != nil {
		return nil, err
	}
	names := map[certification.ID]string{}
	for _, p := range people {
		names[p.ID] = p.Name
	}
	return names, nil
}

func (e *env) showFile(file *certification.File, obs []certification.Obligation, names map[certification.ID]string, asOf certification.Date) {
	c := file.Certification
	e.printf("\nCertification %d: %s — %s\n", c.ID, c.Standard, c.Scope)
	e.printf("  Applied %s", c.Applied)
	if !c.Closed.IsZero() {
		e.printf("; closed %s", c.Closed)
	}
	e.printf("\n")
	for _, cy := range c.Cycles {
		e.printf("  Cycle %d: %s to %s (decided %s)\n", cy.Number, cy.Start, cy.Expiry, cy.Decided)
	}
	if cert, ok := file.Certificate(); ok {
		e.printf("  Certificate %s revision %d: %s on %s (original %s, issued %s, expires %s)\n", cert.Number, cert.Revision, cert.StatusOn(asOf), asOf, cert.OriginalDate, cert.IssueDate, cert.Expiry)
	}
	if len(file.Audits) > 0 {
		e.printf("  Audits:\n")
		t := e.table("    ID", "KIND", "CYCLE", "STATUS", "START", "END", "DAYS", "LEAD", "REPORT", "CONCLUSION")
		for _, a := range file.Audits {
			concl := string(a.Recommendation)
			if a.Kind == certification.Stage1 {
				concl = string(a.Stage1Outcome)
			}
			t.row("    "+a.ID.String(), a.Kind, a.Cycle, a.Status, a.Start(), a.LastDay(), a.PlannedDays, names[a.Lead()], a.ReportDate, orDash(concl))
		}
		t.flush()
	}
	if len(file.Findings) > 0 {
		e.printf("  Findings:\n")
		t := e.table("    ID", "AUDIT", "#", "GRADE", "REF", "STATUS", "RESPONSE DUE", "CLOSE DUE", "LATE")
		for _, x := range file.Findings {
			late := ""
			if x.LateOn(asOf) {
				late = "late"
			}
			t.row("    "+x.ID.String(), x.AuditID, x.Number, x.Grade, x.Reference, x.Status(), x.ResponseDue, x.CloseDue, late)
		}
		t.flush()
	}
	if len(file.Decisions) > 0 {
		e.printf("  Decisions:\n")
		t := e.table("    ID", "DATE", "KIND", "BY", "REASONS")
		for _, d := range file.Decisions {
			var by []string
			for _, m := range d.Makers {
				by = append(by, orDash(names[m]))
			}
			t.row("    "+d.ID.String(), d.Date, d.Kind, strings.Join(by, ", "), shorten(d.Reasons, 70))
		}
		t.flush()
	}
	var open []certification.Obligation
	done := 0
	for _, o := range obs {
		if o.State == certification.StateDone || o.State == certification.StateLapsed || o.State == certification.StateNotOpen {
			done++
			continue
		}
		open = append(open, o)
	}
	e.printf("  Obligations as of %s: %d open, %d done or no longer applying\n", asOf, len(open), done)
	if len(open) > 0 {
		t := e.table("    STATE", "DUE", "OBLIGATION")
		for _, o := range open {
			t.row("    "+stateLabel[o.State], o.Due, obligationText(o))
		}
		t.flush()
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
