package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"certdesk/certification/document"
)

// langFixture is the report fixture with the client's document language
// set to lang through the service.
func langFixture(t *testing.T, lang string) (context.Context, *document.ReportDoc, *document.PlanDoc) {
	t.Helper()
	ctx := context.Background()
	fx := reportFixture(t)
	c, err := fx.Svc.Client(ctx, fx.Client)
	if err != nil {
		t.Fatal(err)
	}
	c.DocLanguage = lang
	if err := fx.Svc.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	r, err := document.NewReportDoc(ctx, fx.Svc, fx.Stage2)
	if err != nil {
		t.Fatal(err)
	}
	p, err := document.NewPlanDoc(ctx, fx.Svc, fx.Stage2)
	if err != nil {
		t.Fatal(err)
	}
	if r.Language != lang || p.Language != lang {
		t.Fatalf("the client's language is %q; the report reads %q, the plan %q", lang, r.Language, p.Language)
	}
	return ctx, r, p
}

// scrubbed is a copy of v (a report or plan model) with every recorded
// text — names, addresses, clause titles, the team's texts — turned to
// x's, keeping the domain's words (kinds, grades, meetings…) and the
// language: what is left in English in its PDF is a label.
func scrubbed[T any](t *testing.T, v *T) *T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() && v.Type().Field(i).Name != "Language" {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.String:
			if _, domain := domainFR[v.String()]; v.Type() == reflect.TypeFor[string]() && !domain {
				v.SetString(strings.Map(func(r rune) rune {
					if unicode.IsLetter(r) {
						return 'x'
					}
					return r
				}, v.String()))
			}
		}
	}
	walk(reflect.ValueOf(&out))
	return &out
}

// noEnglishLabel fails for each English word of english (the labels the
// code prints, the domain's words, the months) left in text, whole words; a
// word the language's own texts in cats use too, as French "Client", is
// not told apart.
func noEnglishLabel(t *testing.T, what, text string, english []string, cats ...map[string]string) {
	t.Helper()
	var own []string
	for _, cat := range cats {
		own = slices.AppendSeq(own, maps.Values(cat))
	}
	ownText := strings.Join(own, "\n")
	for _, key := range english {
		for _, f := range fragments(key) {
			word := regexp.MustCompile(`\b` + regexp.QuoteMeta(f) + `\b`)
			if word.MatchString(text) && !word.MatchString(ownText) {
				t.Errorf("%s: the English %q is left in:\n%s", what, f, text)
			}
		}
	}
}

// A French and a Greek client's report and plan, read back: the labels,
// the domain's words and the dates are in the client's language, the
// recorded texts as recorded; with the recorded texts scrubbed, no
// English word of a label is left.
func TestReportAndPlanInFrenchAndGreek(t *testing.T) {
	need(t, "pdftotext")
	english := append(append(printedKeys(t), slices.Collect(maps.Keys(domainFR))...), months[:]...)
	for _, c := range []struct {
		lang         string
		cats         []map[string]string
		report, plan []string
	}{
		{"fr", []map[string]string{reportPlanFR, domainFR, monthsFR}, []string{"Rapport d’audit — Étape 2", "Organisme de certification",
			"Représentant du client", "Type d’audit Étape 2", "Critères d’audit", "Dates, lieux et équipe", "10 février 2025 – 12 février 2025 · 7,5 jours-auditeur",
			"Équipe d’audit", "Responsable d’audit", "Expert technique", "Constats d’audit", "Non-conformité mineure", "Liste de contrôle : éléments audités",
			"Points non résolus", "Conclusion et recommandation", "Recommandation de", "l’équipe d’audit", "Pas avant la levée des non-conformités", "Page 1 sur ",
			"La documentation du système de management du client", "Non-conformité mineure #3 (7.2) : correction et plan d’actions correctives", "Déterminer la conformité à chaque exigence de l’ISO/IEC 42001:2023 (articles 4 à 10)"},
			[]string{"Plan d’audit — Étape 2", "Sites et équipe", "Programme de l’audit", "Jour 1 — 10 février 2025", "Jour 3 — 12 février 2025",
				"Réunion d’ouverture", "Réunion de clôture", "Toute l’équipe", "Langues de travail", "(suite)", "Page 1 sur "}},
		{"el", []map[string]string{reportPlanEL, domainEL, monthsEL}, []string{"Έκθεση επιθεώρησης — Στάδιο 2", "Φορέας πιστοποίησης",
			"Εκπρόσωπος του πελάτη", "Είδος επιθεώρησης Στάδιο 2", "Κριτήρια επιθεώρησης", "Ημερομηνίες, τόποι και ομάδα",
			"10 Φεβρουαρίου 2025 – 12 Φεβρουαρίου 2025 · 7,5 ημέρες-επιθεωρητή", "Ομάδα επιθεώρησης", "Επικεφαλής επιθεωρητής", "Τεχνικός εμπειρογνώμονας",
			"Ευρήματα", "Ελάσσων μη συμμόρφωση", "Λίστα ελέγχου: τι επιθεωρήθηκε", "Ανεπίλυτα ζητήματα", "Συμπέρασμα και σύσταση",
			"Σύσταση της ομάδας", "Όχι πριν κλείσουν οι μη συμμορφώσεις", "Σελίδα 1 από ",
			"Η τεκμηρίωση του συστήματος διαχείρισης του πελάτη", "Ελάσσων μη συμμόρφωση #3 (7.2): διόρθωση και σχέδιο", "Προσδιορισμός της συμμόρφωσης με κάθε απαίτηση του ISO/IEC 42001:2023"},
			[]string{"Σχέδιο επιθεώρησης — Στάδιο 2", "Εγκαταστάσεις και ομάδα", "Χρονοδιάγραμμα", "Ημέρα 1 — 10 Φεβρουαρίου 2025",
				"Ημέρα 3 — 12 Φεβρουαρίου 2025", "Εναρκτήρια", "Καταληκτική", "Όλα τα μέλη", "(συνέχεια)", "Σελίδα 1 από "}},
	} {
		_, r, p := langFixture(t, c.lang)
		var b bytes.Buffer
		if err := (Writer{}).WriteReport(&b, r); err != nil {
			t.Fatal(err)
		}
		report, _, _ := pdfText(t, b.Bytes())
		wantText(t, report, append(c.report, r.Client, r.Scope, r.Conclusion, r.SignificantIssues, "seed", "20250210"))
		b.Reset()
		if err := (Writer{}).WritePlan(&b, p); err != nil {
			t.Fatal(err)
		}
		plan, _, _ := pdfText(t, b.Bytes())
		wantText(t, plan, append(c.plan, p.Contact, p.Scope))
		if strings.Contains(plan, "(continued)") {
			t.Errorf("%s: the plan's timetable says (continued)", c.lang)
		}
		for _, s := range []string{"2 025", "20 250 210"} {
			if strings.Contains(report+plan, s) {
				t.Errorf("%s: a number is grouped as %q", c.lang, s)
			}
		}

		b.Reset()
		if err := (Writer{}).WriteReport(&b, scrubbed(t, r)); err != nil {
			t.Fatal(err)
		}
		report, _, _ = pdfText(t, b.Bytes())
		noEnglishLabel(t, c.lang+" report", report, english, c.cats...)
		b.Reset()
		if err := (Writer{}).WritePlan(&b, scrubbed(t, p)); err != nil {
			t.Fatal(err)
		}
		plan, _, _ = pdfText(t, b.Bytes())
		noEnglishLabel(t, c.lang+" plan", plan, english, c.cats...)
	}
}
