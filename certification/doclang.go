package certification

import "strings"

// The language a client's documents (its certificate) are printed in
// (docs/documents.md "Languages"). Standard names and clause titles stay
// in English whatever the language.

// DocLanguages are the accepted document languages, as ISO 639-1 codes:
// English, French and Greek. An empty DocLanguage is English.
var DocLanguages = []string{"en", "fr", "el"}

// docLanguageNames are the languages' names in themselves, as forms offer them.
var docLanguageNames = map[string]string{"en": "English", "fr": "Français", "el": "Ελληνικά"}

// DocLanguageName is a language's name in itself ("Français"); "" and
// unknown codes are English's.
func DocLanguageName(code string) string {
	if n, ok := docLanguageNames[code]; ok {
		return n
	}
	return docLanguageNames["en"]
}

// DocLanguageOf is the code whose name is name (DocLanguageName's inverse),
// "en" when none is.
func DocLanguageOf(name string) string {
	for _, code := range DocLanguages {
		if docLanguageNames[code] == name {
			return code
		}
	}
	return "en"
}

// DocLanguageNames lists the names in the order of DocLanguages.
func DocLanguageNames() []string {
	out := make([]string, len(DocLanguages))
	for i, code := range DocLanguages {
		out[i] = docLanguageNames[code]
	}
	return out
}

// Language is the client's document language, "en" when none is set.
func (c *Client) Language() string {
	if c.DocLanguage == "" {
		return "en"
	}
	return c.DocLanguage
}

// checkDocLanguage refuses a language that is not one of DocLanguages.
func checkDocLanguage(rec, lang string) error {
	if lang == "" || oneOf(lang, DocLanguages) {
		return nil
	}
	return invalid(rec, "doc_language", "%q is not a document language: use one of %s (English, French, Greek), or leave it empty for English", lang, strings.Join(DocLanguages, ", "))
}
