package certification

// No dates in the future: a record of something that happened carries a
// date that has come. Planning dates (planned start and end, due dates,
// the dates a client plans its corrections for, the end of a declared
// interest or of a qualification) may lie ahead.

// CheckNotFuture refuses on, the date of what (e.g. "the audit's actual
// start"), when it is after today. A zero date is not checked: the field
// is unset.
func CheckNotFuture(what string, on, today Date) error {
	if on.IsZero() || on <= today {
		return nil
	}
	return refuse(RuleFutureDate, "%s %s is after today (%s): record it once it has happened (planned dates may lie in the future)", what, on, today)
}

// checkChanged applies CheckNotFuture to a date a change gives (ch not
// nil) that differs from the recorded one: a record kept from before the
// rule is not refused for an edit of something else.
func checkChanged(what string, ch *Date, before, today Date) error {
	if ch == nil || *ch == before {
		return nil
	}
	return CheckNotFuture(what, *ch, today)
}

// checkHappened refuses an audit change that dates its start, end or
// report after today.
func (ch *AuditChange) checkHappened(before *Audit, today Date) error {
	if err := checkChanged("the audit's actual start", ch.ActualStart, before.ActualStart, today); err != nil {
		return err
	}
	if err := checkChanged("the audit's actual last day", ch.ActualEnd, before.ActualEnd, today); err != nil {
		return err
	}
	return checkChanged("the audit's report date", ch.ReportDate, before.ReportDate, today)
}

// ActualStartDefault is the date a form offers for the audit's actual
// start: the planned start once it has come, else today.
func (a *Audit) ActualStartDefault(today Date) Date {
	if !a.PlannedStart.IsZero() && a.PlannedStart <= today {
		return a.PlannedStart
	}
	return today
}

// ActualEndDefault is the date a form offers for the audit's actual last
// day: the planned end, but not after today nor before the actual start.
func (a *Audit) ActualEndDefault(today Date) Date {
	end := today
	if !a.PlannedEnd.IsZero() {
		end = min(a.PlannedEnd, today)
	}
	return max(a.ActualStart, end)
}

// futureDecisionGate is the gate DraftDecision shows first when the draft
// is dated after today (Decide refuses it before any other gate); ok is
// false when the date has come and there is nothing to show.
func futureDecisionGate(d *Decision, today Date) (g Gate, ok bool) {
	err := CheckNotFuture("the "+string(d.Kind)+" decision's date", d.Date, today)
	if err == nil {
		return Gate{}, false
	}
	return Gate{Rule: RuleFutureDate, Title: "Dated today at the latest", Detail: err.(*RuleError).Msg}, true
}
