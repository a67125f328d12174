package document

// What an audit plan covers, topic by topic: the clauses, controls and
// readiness subjects the proposed timetable (auditpack_timetable.go)
// groups into sessions.

import (
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/certification/view"
)

// planTopics lists what the visit covers, in order (see the top of auditpack_timetable.go).
func planTopics(ic *view.Checklist, a *certification.Audit, cov certification.Coverage, earlier []*certification.Finding) []PlanTopic {
	var stds []certification.Standard
	for _, f := range ic.Files {
		stds = append(stds, f.Certification.Standard)
	}
	label := strings.Join(shorts(stds), " · ")
	var out []PlanTopic
	switch a.Kind {
	case certification.Stage1:
		out = stage1Topics(stds, label)
	case certification.Stage2, certification.Recertification, certification.Surveillance:
		unaudited := map[string]bool{}
		for _, r := range cov.Unaudited {
			unaudited[r] = true
		}
		some := len(cov.Unaudited) > 0
		line := func(std certification.Standard, l view.IntegratedLine, std0 string) {
			it := l.Item
			if heading(std, it) {
				return
			}
			if a.Kind == certification.Surveillance && it.Kind != catalogue.Clause && some && std == stds[0] && !unaudited[it.Ref] {
				return
			}
			out = append(out, PlanTopic{Group: it.Group, Ref: it.Ref, Title: it.Title, Standards: std0,
				Operational: it.Kind != catalogue.Clause || strings.HasPrefix(it.Ref, "8")})
		}
		for _, l := range ic.Shared {
			line(l.Answers[0].Standard, l, l.StandardsLabel())
		}
		for _, sec := range ic.Own {
			for _, l := range sec.Lines {
				line(sec.Standard, l, sec.Standard.Short())
			}
		}
		if a.Kind != certification.Stage2 {
			out = append(out, PlanTopic{Group: "Certification matters", Title: "Changes since the last audit, complaints, and the use of certification documents and marks", Standards: label})
		}
	case certification.Special:
		subject := "The subject of the special audit"
		if n := strings.TrimSpace(a.Notes); n != "" {
			subject += ": " + firstLine(n, 160)
		}
		out = append(out, PlanTopic{Group: "Special audit", Title: subject, Standards: label})
	}
	std := ic.Files[0].Certification.Standard.Short()
	for _, x := range earlier {
		what := fmt.Sprintf("Verification of the action on %s #%d", x.Grade.Label(), x.Number)
		if src, ok := ic.Files[0].Audit(x.AuditID); ok {
			what += fmt.Sprintf(" of the %s audit of %s", src.Kind.Label(), src.Start())
		}
		out = append(out, PlanTopic{Group: "Follow-up of earlier nonconformities", Ref: x.Reference, Title: what, Standards: std, Operational: false})
	}
	if len(out) == 0 {
		out = append(out, PlanTopic{Group: "Verification", Title: "Verification of the corrections and corrective actions", Standards: label})
	}
	return out
}

func shorts(stds []certification.Standard) []string {
	out := make([]string, len(stds))
	for i, s := range stds {
		out[i] = s.Short()
	}
	return out
}

// heading reports whether item it of std heads other lines (a clause
// with sub-clauses, an Annex A group line).
func heading(std certification.Standard, it catalogue.Item) bool {
	cat, err := catalogue.For(string(std))
	if err != nil {
		return false
	}
	return certification.IsHeading(cat.Items, it)
}

func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return s
}

// stage1Topics are the readiness subjects of stage 1 (RULES.md, "Stage 1
// and stage 2").
func stage1Topics(stds []certification.Standard, label string) []PlanTopic {
	ai := slices.Contains(stds, certification.ISO42001)
	soa := ai || slices.Contains(stds, certification.ISO27001)
	risk := PlanTopic{Group: "Risk assessment method", Ref: "6.1", Title: "Risk and opportunity assessment method"}
	if ai {
		risk = PlanTopic{Group: "AI risk and impact assessment methods", Ref: "6.1.2 · 6.1.3 · 6.1.4", Title: "AI risk assessment and treatment method; AI system impact assessment method"}
	} else if slices.Contains(stds, certification.ISO27001) {
		risk = PlanTopic{Group: "Risk assessment method", Ref: "6.1.2 · 6.1.3", Title: "Information security risk assessment and treatment method"}
	}
	out := []PlanTopic{
		{Group: "Documentation and scope", Ref: "4.3 · 7.5", Title: "Documented information and the scope of the management system"},
		{Group: "Context and legal requirements", Ref: "4.1 · 4.2 · 4.4", Title: "Context, interested parties, processes, sites and legal requirements"},
	}
	if ai {
		out = append(out, PlanTopic{Group: "AI systems and AI roles", Ref: "4.1 · A.4", Title: "AI systems inventory and the organisation's AI role(s)"})
	}
	out = append(out, PlanTopic{Group: "Policy, objectives and roles", Ref: "5.2 · 5.3 · 6.2", Title: "Policy, objectives, roles and responsibilities"}, risk)
	if soa {
		out = append(out, PlanTopic{Group: "Statement of Applicability", Ref: "6.1.3", Title: "Statement of Applicability and the justification of exclusions"})
	}
	out = append(out,
		PlanTopic{Group: "Internal audit and management review", Ref: "9.2 · 9.3", Title: "Internal audit and management review carried out"},
		PlanTopic{Group: "Readiness for stage 2", Ref: "8.1", Title: "Site conditions and operational control: readiness for stage 2", Operational: true},
		PlanTopic{Group: "Planning of stage 2", Title: "Planning of stage 2: sites, sample, audit time, team and logistics"},
	)
	for i := range out {
		out[i].Standards = label
	}
	return out
}
