package document

import (
	"fmt"

	"certdesk/certification"
)

// invalid is bad input to a document: a field missing or malformed.
func invalid(record, field, format string, args ...any) error {
	return &certification.ValidationError{Record: record, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// refuse is a move a rule of the scheme forbids.
func refuse(rule, format string, args ...any) error {
	return &certification.RuleError{Rule: rule, Msg: fmt.Sprintf(format, args...)}
}
