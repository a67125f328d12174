package pdf

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"certdesk/certification"
)

// Every word a document prints goes through a message.Printer: the
// English text is the key, and the catalogue below holds its French and
// Greek (docs/documents.md "Languages"). A key with no translation prints
// in English, as clause titles do.

// catalogue holds the documents' translations, filled by the
// messages_*.go files' init functions through setAll.
var catalogue = catalog.NewBuilder(catalog.Fallback(language.English))

// setAll adds a language's translations, English key to text.
func setAll(tag language.Tag, msgs map[string]string) {
	for key, text := range msgs {
		if err := catalogue.SetString(tag, key, text); err != nil {
			panic("pdf: catalogue " + tag.String() + " " + key + ": " + err.Error())
		}
	}
}

// printer prints in lang ("en", "fr", "el"; anything else: English).
func printer(lang string) *message.Printer {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return message.NewPrinter(tag, message.Catalog(catalogue))
}

// months are the month names a date prints with, the keys of their
// translations (Greek's in the genitive, as a date says them).
var months = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// longDate is a date as printed in p's language: "7 December 2026",
// "7 décembre 2026", "7 Δεκεμβρίου 2026".
func longDate(p *message.Printer, d certification.Date) string {
	if d.IsZero() {
		return ""
	}
	t := d.Time() // the numbers as text: a printer would group 2026 as "2 026"
	return strconv.Itoa(t.Day()) + " " + p.Sprintf(months[t.Month()-1]) + " " + strconv.Itoa(t.Year())
}

// domainWords are the words the domain gives a document (audit kinds,
// grades, finding statuses, checklist results, recommendations, team
// roles, the timetable's meetings) in each language, by their English:
// doc.v prints them.
var domainWords = map[string]map[string]string{"fr": domainFR, "el": domainEL}

// sentences are the sentences the domain writes into the audit report
// and plan — the audit's objectives and criteria, the deviations from
// the plan, the conditions on open nonconformities — in each language,
// by their English, %s standing for what the domain fills in (the
// standards audited, a finding, a date, a number): doc.sentence prints
// them.
var sentences = map[string]map[string]string{"fr": sentencesFR, "el": sentencesEL}

// sentencePatterns match a written sentence to its key: each %s of the
// key is a group.
var sentencePatterns = func() map[string]*regexp.Regexp {
	out := map[string]*regexp.Regexp{}
	for key := range sentencesFR {
		if strings.Contains(key, "%s") {
			out[key] = regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(key), "%s", "(.+?)") + "$")
		}
	}
	return out
}()

// isoDate is a date as the domain writes it in a sentence: 2025-03-14.
var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// sentence is a sentence the domain writes, in the document's language:
// whole, or with what fills its %s as written (the standards joined by
// the language's "and", a date as the language says it, a decimal with
// a comma); anything else — the team's own objective — prints as
// recorded.
func (d *doc) sentence(text string) string {
	if s, ok := d.sentences[text]; ok {
		return s
	}
	for key, re := range sentencePatterns {
		m := re.FindStringSubmatch(text)
		if m == nil || d.sentences[key] == "" {
			continue
		}
		out := d.sentences[key]
		for _, arg := range m[1:] {
			if date, err := certification.ParseDate(arg); err == nil && isoDate.MatchString(arg) {
				arg = longDate(d.p, date)
			} else if _, err := strconv.ParseFloat(arg, 64); err == nil {
				arg = strings.Replace(arg, ".", ",", 1)
			}
			out = strings.Replace(out, "%s", strings.ReplaceAll(arg, " and ", " "+d.sentences["and"]+" "), 1)
		}
		return out
	}
	return text
}

// sentencesOf is each of texts as sentence prints it.
func (d *doc) sentencesOf(texts []string) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = d.sentence(t)
	}
	return out
}
