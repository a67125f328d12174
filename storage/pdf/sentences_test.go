package pdf

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/document"
)

// domainSentences are the sentences the domain writes into a report or
// plan: the objectives and criteria of every kind of audit for every
// standard alone or integrated, the conditions on an open major and
// minor at a stage 2 and at a surveillance, with and without deadlines,
// and the deviations of dates and auditor-days.
func domainSentences() []string {
	var written []string
	day := certification.NewDate(2025, time.February, 10)
	for _, k := range []certification.AuditKind{certification.Stage2, certification.Surveillance} {
		for _, due := range []certification.Date{0, day.AddDays(30)} {
			p := &document.AuditPack{Audit: certification.Audit{Kind: k, PlannedStart: day, PlannedEnd: day.AddDays(2)},
				Findings: []document.PackFinding{
					{Finding: certification.Finding{Number: 1, Grade: certification.Major, Reference: "6.1.2", CloseDue: due}},
					{Finding: certification.Finding{Number: 2, Grade: certification.Minor, Reference: "A.6.2.6", ResponseDue: due}}}}
			written = append(written, p.Conditions()...)
		}
	}
	a := certification.Audit{PlannedStart: day, PlannedEnd: day.AddDays(2), ActualStart: day.AddDays(1), ActualEnd: day.AddDays(3),
		PlannedDays: 7.5, ActualDays: 6}
	written = append(written, a.Deviations()...)
	for _, std := range certification.Standards {
		for _, stds := range [][]certification.Standard{{std}, {certification.ISO42001, std}} {
			if len(stds) == 2 && std == certification.ISO42001 {
				continue
			}
			for _, k := range certification.AuditKinds {
				written = append(written, document.AuditObjectives(k, stds)...)
			}
			written = append(written, document.AuditCriteria(stds)...)
		}
	}
	return written
}

// Every sentence the domain writes into a report or plan prints in
// French and Greek, what fills it in kept ("ISO/IEC 42001:2023 et ISO
// 9001:2015", "#1 (6.1.2)") with dates in the language and decimals
// with a comma; every sentence translated is one the domain writes.
func TestDomainSentencesInFrenchAndGreek(t *testing.T) {
	written := domainSentences()
	if len(written) < 60 {
		t.Fatalf("the domain writes %d sentences: %q", len(written), written)
	}
	used := map[string]bool{"and": true}
	for lang, tr := range map[string]map[string]string{"fr": sentencesFR, "el": sentencesEL} {
		x := &doc{sentences: tr, p: printer(lang)}
		for _, w := range written {
			if slices.Contains(certification.Standards, certification.Standard(w)) {
				continue // a criterion that is a standard's name
			}
			got := x.sentence(w)
			if got == w {
				t.Errorf("%s: %q is not translated", lang, w)
				continue
			}
			for key := range tr {
				if key == w || sentencePatterns[key] != nil && sentencePatterns[key].MatchString(w) {
					used[key] = true
				}
			}
			for _, std := range certification.Standards {
				if strings.Contains(w, string(std)) != strings.Contains(got, string(std)) {
					t.Errorf("%s: %q prints as %q, without %s", lang, w, got, std)
				}
			}
			if regexp.MustCompile(`\d{4}-\d\d-\d\d`).MatchString(got) || strings.Contains(w, "#1 (6.1.2)") != strings.Contains(got, "#1 (6.1.2)") ||
				strings.Contains(w, "planned 7.5") != strings.Contains(got, "7,5") {
				t.Errorf("%s: %q prints as %q", lang, w, got)
			}
			if strings.Contains(got, " and ") {
				t.Errorf("%s: %q prints as %q", lang, w, got)
			}
		}
	}
	for key := range sentencesFR {
		if !used[key] {
			t.Errorf("%q is translated but the domain never writes it", key)
		}
	}
}
