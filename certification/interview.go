package certification

import (
	"fmt"
	"strings"
)

// Interview is one conversation the audit team held on a checklist item:
// whom (a person at the client, with their role or function there), when
// (a day of the audit that has come) and short notes.
type Interview struct {
	Whom  string `json:"whom"`
	Role  string `json:"role,omitempty"`
	On    Date   `json:"on"`
	Notes string `json:"notes,omitempty"`
}

// Limits of the interviews kept on one checklist item.
const (
	MaxInterviews      = 50
	MaxInterviewName   = 200
	MaxInterviewNotes  = 2000
	interviewsField    = "interviews"
	interviewRecordFor = "checklist"
)

// String is the interview as one line: "Name (Role), 2025-03-10".
func (iv Interview) String() string {
	s := iv.Whom
	if iv.Role != "" {
		s += " (" + iv.Role + ")"
	}
	return s + ", " + iv.On.String()
}

// tidyInterviews trims the text of each interview; an entry without
// interviews keeps none (nil), as data from before interviews reads.
func tidyInterviews(ivs []Interview) []Interview {
	if len(ivs) == 0 {
		return nil
	}
	out := make([]Interview, len(ivs))
	for i, iv := range ivs {
		out[i] = Interview{Whom: strings.TrimSpace(iv.Whom), Role: strings.TrimSpace(iv.Role), On: iv.On, Notes: strings.TrimRight(strings.TrimSpace(iv.Notes), " \n\t")}
	}
	return out
}

// checkInterviews checks the interviews' own fields: a name, a date, and
// text within the limits. Dates against the audit and today are
// checkInterviewDates'.
func checkInterviews(ivs []Interview) error {
	if len(ivs) > MaxInterviews {
		return invalid(interviewRecordFor, interviewsField, "%d interviews on one item, at most %d: summarise the others in the item's notes", len(ivs), MaxInterviews)
	}
	for i, iv := range tidyInterviews(ivs) {
		field := func(name string) string { return fmt.Sprintf("%s[%d].%s", interviewsField, i, name) }
		switch {
		case iv.Whom == "":
			return invalid(interviewRecordFor, field("whom"), "interview %d names nobody: give the name of the person interviewed", i+1)
		case len(iv.Whom) > MaxInterviewName:
			return invalid(interviewRecordFor, field("whom"), "the name is longer than %d characters: give the person's name only, their function in role", MaxInterviewName)
		case len(iv.Role) > MaxInterviewName:
			return invalid(interviewRecordFor, field("role"), "the role is longer than %d characters: give the function in a few words", MaxInterviewName)
		case iv.On.IsZero():
			return invalid(interviewRecordFor, field("on"), "the interview with %s has no date: give the day it was held (YYYY-MM-DD)", iv.Whom)
		case len(iv.Notes) > MaxInterviewNotes:
			return invalid(interviewRecordFor, field("notes"), "the notes are longer than %d characters: keep them short, the item's notes take the rest", MaxInterviewNotes)
		}
	}
	return nil
}

// CheckInterviews checks interviews to be recorded on an item of audit a
// on day today: their fields (checkInterviews) and their dates
// (checkInterviewDates). A form calls it before it offers a save; an
// import's check calls it with a zero today (ImportOn checks the dates
// against its day).
func CheckInterviews(ivs []Interview, a *Audit, today Date) error {
	if err := checkInterviews(ivs); err != nil {
		return err
	}
	return checkInterviewDates(ivs, a, today)
}

// InterviewDefault is the date a form offers for a new interview: today,
// or the audit's last day if earlier, and not before its actual start.
func (a *Audit) InterviewDefault(today Date) Date {
	on := today
	if last := a.LastDay(); !last.IsZero() {
		on = min(on, last)
	}
	return max(on, a.ActualStart)
}

// checkInterviewDates refuses an interview dated after today
// (no-future-dates) or before audit a's actual start (an interview of the
// audit is held once it has begun).
func checkInterviewDates(ivs []Interview, a *Audit, today Date) error {
	for i, iv := range ivs {
		what := fmt.Sprintf("the interview with %s (%s[%d].on)", strings.TrimSpace(iv.Whom), interviewsField, i)
		if err := CheckNotFuture(what, iv.On, today); err != nil && !today.IsZero() {
			return err
		}
		if !a.ActualStart.IsZero() && iv.On < a.ActualStart {
			return refuse(RuleDatesBackwards, "%s on %s is before the audit's actual start %s: date it on a day of the audit", what, iv.On, a.ActualStart)
		}
	}
	return nil
}
