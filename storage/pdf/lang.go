package pdf

import (
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

// sentences are the audit's objectives and criteria as the domain
// writes them, in each language, by their English: doc.sentence prints
// them.
var sentences = map[string]map[string]string{"fr": sentencesFR, "el": sentencesEL}

// sentence is an objective or criterion the domain writes in the
// document's language: whole, or with the standards audited in its %s
// ("… against ISO/IEC 42001:2023."); anything else — the team's own
// objective — prints as recorded.
func (d *doc) sentence(text string) string {
	if s, ok := d.sentences[text]; ok {
		return s
	}
	for key, s := range d.sentences {
		before, after, ok := strings.Cut(key, "%s")
		if ok && len(text) > len(before)+len(after) && strings.HasPrefix(text, before) && strings.HasSuffix(text, after) {
			std := strings.ReplaceAll(text[len(before):len(text)-len(after)], " and ", " "+d.sentences["and"]+" ")
			return strings.Replace(s, "%s", std, 1)
		}
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
