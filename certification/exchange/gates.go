package exchange

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"certdesk/certification"
)

// Files builds every certification's file from a bundle whose references
// hold, ordered as certification.LoadFile orders them.
func Files(b *Bundle) map[certification.ID]*certification.File {
	files := map[certification.ID]*certification.File{}
	clients := map[certification.ID]*certification.Client{}
	for i := range b.Clients {
		clients[b.Clients[i].ID] = &b.Clients[i]
	}
	certs := slices.Clone(b.Certifications)
	slices.SortStableFunc(certs, func(a, b certification.Certification) int { return cmp.Compare(a.ID, b.ID) })
	for _, c := range certs {
		f := &certification.File{Certification: c}
		if cl, ok := clients[c.ClientID]; ok {
			f.Client = *cl
		}
		files[c.ID] = f
	}
	appendToFiles(files, b.Audits, func(a certification.Audit) certification.ID { return a.CertificationID },
		func(f *certification.File) *[]certification.Audit { return &f.Audits })
	appendToFiles(files, b.Findings, func(x certification.Finding) certification.ID { return x.CertificationID },
		func(f *certification.File) *[]certification.Finding { return &f.Findings })
	appendToFiles(files, b.Decisions, func(d certification.Decision) certification.ID { return d.CertificationID },
		func(f *certification.File) *[]certification.Decision { return &f.Decisions })
	appendToFiles(files, b.Certificates, func(c certification.Certificate) certification.ID { return c.CertificationID },
		func(f *certification.File) *[]certification.Certificate { return &f.Certificates })
	for _, f := range files {
		slices.SortStableFunc(f.Audits, func(a, b certification.Audit) int { return int(a.Start()) - int(b.Start()) })
		slices.SortStableFunc(f.Decisions, func(a, b certification.Decision) int { return int(a.Date) - int(b.Date) })
	}
	return files
}

// appendToFiles appends records, in id order, to the list list picks in
// the file of the certification each belongs to; a record of no known
// certification is left out.
func appendToFiles[T any, P interface {
	*T
	certification.Record
}](files map[certification.ID]*certification.File, records []T, certificationOf func(T) certification.ID, list func(*certification.File) *[]T) {
	sorted := slices.Clone(records)
	slices.SortStableFunc(sorted, func(a, b T) int { return cmp.Compare(P(&a).RecordID(), P(&b).RecordID()) })
	for _, r := range sorted {
		if f := files[certificationOf(r)]; f != nil {
			l := list(f)
			*l = append(*l, r)
		}
	}
}

// checkGates puts every audit and decision through the service's gates
// on the file as it stood at the time.
func (x *idx) checkGates() {
	files := Files(x.b)
	// What only decisions make (cycles, certificates, closing dates,
	// finding deadlines) must be what they would have made.
	for _, id := range sortedIDs(files) {
		for _, err := range CheckDerived(files[id]) {
			var ve *certification.ValidationError
			if errors.As(err, &ve) {
				x.ps.add(Problem{Record: ve.Record, Field: ve.Field, Msg: ve.Msg})
			} else {
				x.ps.add(Problem{Record: fmt.Sprintf("certification %d", id), Msg: err.Error()})
			}
		}
	}
	clientAudits := map[certification.ID][]certification.Audit{}
	byPerson := map[certification.ID][]*certification.Audit{}
	for _, a := range byID(x.audits, func(a *certification.Audit) certification.ID { return a.ID }) {
		clientAudits[a.ClientID] = append(clientAudits[a.ClientID], *a)
		for _, m := range a.Team {
			byPerson[m.PersonID] = append(byPerson[m.PersonID], a)
		}
	}
	for _, a := range byID(x.audits, func(a *certification.Audit) certification.ID { return a.ID }) {
		if x.ps.full() {
			return
		}
		// An audit under way or done was checked by the service when it
		// started (ChangeAudit to in-progress): check it on the file as it
		// stood that day. A planned audit was checked when it was planned,
		// a moment the file does not record, and a cancelled one no longer
		// counts.
		if a.ActualStart.IsZero() || a.Status == certification.AuditCancelled {
			continue
		}
		f := files[a.CertificationID]
		at := certification.FileBefore(f, &certification.Decision{Date: a.Start()})
		team := map[certification.ID]*certification.Person{}
		for _, m := range a.Team {
			team[m.PersonID] = x.people[m.PersonID]
		}
		err := certification.CheckPlanAudit(at, a, team, x.policy)
		if err == nil {
			// The team gate held when the audit was confirmed and started.
			tc := certification.TeamContext{People: team, ClientAudits: clientAudits[a.ClientID], Policy: x.policy}
			seen := map[certification.ID]bool{}
			for _, m := range a.Team {
				for _, o := range byPerson[m.PersonID] {
					if !seen[o.ID] {
						seen[o.ID] = true
						tc.Others = append(tc.Others, *o)
					}
				}
			}
			err = certification.CheckTeamGate(a, certification.CheckTeam(at, a, tc), x.policy)
		}
		if err != nil {
			p := problemOf(x.auditName[a.ID], err)
			if p.Rule != "" {
				switch p.Rule {
				case certification.RuleTeamGap:
					p.Field = "team"
				case certification.RuleAuditTimeMinimum:
					p.Field = "planned_days"
				default:
					p.Field = "kind"
				}
				p.Msg = fmt.Sprintf("%s audit starting %s %s", a.Kind, a.Start(), p.Msg)
			}
			x.ps.add(p)
		}
	}
	for _, d := range byID(x.decisions, func(d *certification.Decision) certification.ID { return d.ID }) {
		if x.ps.full() {
			return
		}
		f := files[d.CertificationID]
		dc := certification.DecisionContext{Policy: x.policy}
		for _, m := range d.Makers {
			dc.Makers = append(dc.Makers, x.people[m])
		}
		// The audits known when the decision was made: those that had
		// started by its date.
		for _, a := range clientAudits[d.ClientID] {
			if a.Start() <= d.Date {
				dc.ClientAudits = append(dc.ClientAudits, a)
			}
		}
		if _, err := certification.CheckDecision(certification.FileBefore(f, d), d, dc); err != nil {
			p := problemOf(x.decisionName[d.ID], err)
			if p.Rule != "" {
				p.Field = "kind"
				p.Msg = fmt.Sprintf("%s of %s %s", d.Kind, d.Date, p.Msg)
			}
			x.ps.add(p)
		}
	}
}
