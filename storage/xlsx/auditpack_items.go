package xlsx

import (
	"fmt"

	"certdesk/certification"
	"certdesk/certification/document"
)

// The audit kind's own items on the plan's and the report's covers: the
// stage 1 readiness items (S1.x) a stage 1 answers, the surveillance
// items (SV.x) a surveillance answers; and whether a checklist line was
// due in the audit (certification.DueItems, read into the pack).

// packKindItemsTitle names the kind's own items: "Stage 1 readiness items".
func packKindItemsTitle(p *document.AuditPack) string {
	if p.Audit.Kind == certification.Stage1 {
		return "Stage 1 readiness items"
	}
	return "Surveillance items"
}

// kindItemsPlan lists on the plan what the visit must answer besides
// the clauses and controls; nothing for an audit of another kind.
func (pg *packPage) kindItemsPlan(p *document.AuditPack) {
	lines := p.KindLines()
	if len(lines) == 0 {
		return
	}
	rows := make([][]any, len(lines))
	for i, l := range lines {
		rows[i] = []any{l.Ref, l.Title}
	}
	pg.tableSection(packKindItemsTitle(p)+" the audit answers", []packCol{{"Ref", 1, 1}, {"Item", 2, pg.last()}}, rows, nil)
}

// kindItemsReport lists on the report the kind's own items with the
// result and notes recorded, then what the audit had to cover and what
// it did not.
func (pg *packPage) kindItemsReport(p *document.AuditPack) {
	if lines := p.KindLines(); len(lines) > 0 {
		rows := make([][]any, len(lines))
		tones := make([]Tone, len(lines))
		for i, l := range lines {
			rows[i] = []any{l.Ref, l.Title, l.Result.Label(), l.Notes}
			tones[i] = packResultTones[l.Result]
		}
		pg.tableSection(packKindItemsTitle(p), []packCol{{"Ref", 1, 1}, {"Item", 2, 3}, {"Result", 4, 4}, {"Notes", 5, 5}}, rows, tones)
	}
	if s := packCoverage(p); s != "" {
		pg.note(s)
	}
}

// packCoverage says how far the audit covers what it must.
func packCoverage(p *document.AuditPack) string {
	d := p.Due
	switch {
	case len(d.Required) == 0:
		return fmt.Sprintf("A %s audit has no checklist items it must cover.", p.Audit.Kind.Label())
	case d.Complete():
		return fmt.Sprintf("Every one of the %d checklist items due in this audit has a result (the Due column of the checklist sheet).", len(d.Required))
	}
	return fmt.Sprintf("%d of the %d checklist items due in this audit have no result yet: %s.", len(d.Missing), len(d.Required), certification.NameRefs(d.Missing, 10))
}

// packDue is the checklist's Due cell of a line: "Yes", "Yes — no result"
// for a due item not covered, "No"; empty for an excluded control.
func packDue(p *document.AuditPack, l document.PackLine) string {
	switch {
	case l.Excluded:
		return ""
	case !l.Due:
		return "No"
	case p.Due.IsMissing(l.Ref):
		return "Yes — no result"
	}
	return "Yes"
}

// packKindItemsNote names the kind's own items in the checklist sheet's
// description.
func packKindItemsNote(p *document.AuditPack) string {
	switch p.Audit.Kind {
	case certification.Stage1:
		return " The stage 1 readiness items (S1.x) come first."
	case certification.Surveillance:
		return " The surveillance items (SV.x) come last."
	}
	return ""
}
