package document

import (
	"context"
	"io"

	"certdesk/certification"
)

// ResponseWorkbook writes a response form and reads a filled one back.
// storage/xlsx implements it (xlsx.Workbooks).
type ResponseWorkbook interface {
	WriteResponseForm(ctx context.Context, w io.Writer, form *certification.ResponseForm) error
	// ReadResponseForm reads a filled form. It returns an error for what is
	// not a CertDesk response form at all; problems in single cells (a bad
	// date, a text too long) are returned in form.Problems, named by cell,
	// for PreviewResponses to report with its own.
	ReadResponseForm(ctx context.Context, r io.Reader) (*certification.ResponseForm, error)
}
