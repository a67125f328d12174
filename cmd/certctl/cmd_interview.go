package main

// Interviews on the command line: audit checklist --interview gives one
// interview held on the item (repeatable), audit show lists them.

import (
	"regexp"
	"strings"

	"certdesk/certification"
)

// interviewForm is "NAME (ROLE), YYYY-MM-DD: notes"; the role and the
// notes may be left out.
var interviewForm = regexp.MustCompile(`(?s)^\s*(.*?)\s*(?:\(([^()]*)\))?\s*,\s*(\S+?)\s*(?::\s*(.*))?$`)

const interviewUsage = `give --interview "NAME (ROLE), YYYY-MM-DD: notes" (role and notes may be left out)`

// parseInterviews reads the --interview values, naming the one it cannot
// read (from 1).
func parseInterviews(vals []string) ([]certification.Interview, error) {
	var out []certification.Interview
	for i, v := range vals {
		m := interviewForm.FindStringSubmatch(v)
		if m == nil {
			return nil, inputf("--interview %d (%q): no date after the name: %s", i+1, v, interviewUsage)
		}
		on, err := certification.ParseDate(m[3])
		if err != nil {
			return nil, inputf("--interview %d (%q): %q is not a date: %s", i+1, v, m[3], interviewUsage)
		}
		out = append(out, certification.Interview{Whom: m[1], Role: strings.TrimSpace(m[2]), On: on, Notes: m[4]})
	}
	return out, nil
}

// printInterviews lists the interviews held on the items of checklist.
func (e *env) printInterviews(checklist []certification.ChecklistEntry) {
	var t *table
	for _, c := range checklist {
		for _, iv := range c.Interviews {
			if t == nil {
				e.printf("  Interviews:\n")
				t = e.table("    REF", "ON", "WHOM", "ROLE", "NOTES")
			}
			t.row("    "+c.Ref, iv.On.String(), iv.Whom, iv.Role, shorten(iv.Notes, 50))
		}
	}
	if t != nil {
		t.flush()
	}
}

// interviewsFlagOnly refuses --interview beside --from: a file gives
// interviews in its JSON form.
func interviewsFlagOnly(from string, vals []string) error {
	if from != "" && len(vals) > 0 {
		return inputf(`--interview goes with --ref; in a file, give "interviews": [{"whom", "role", "on", "notes"}] in the item's JSON object`)
	}
	return nil
}
