package app

// Date dialogs record something that happened (an audit started or
// finished, a report, a response, a review, a verification): their date
// defaults to the latest the rules allow (no-future-dates: not after
// today; not before the step it follows), and the keyboard focus starts
// in the date, so that another date is typed at once.

// focusDate puts the keyboard focus in a shown dialog's date entry.
func (u *ui) focusDate(e *entry) { u.win.Canvas().Focus(e) }
