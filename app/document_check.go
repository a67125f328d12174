package app

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// Check a document… (File menu, and on the Certificates workspace; issue
// 17): the app's certctl check-document. The file chosen is hashed
// (certification.ContentHash) and looked up among the documents the body
// issued (view.CheckDocument); the dialog says genuine, with what the
// document is and, for a certificate, its status today, or not genuine,
// with the file's SHA-256 (docs/documents.md).

// maxCheckedDocument is the largest file checked: CertDesk issues no
// document near that size, and a larger file is not read into memory.
const maxCheckedDocument = 50 << 20

// errTooLarge refuses a file over maxCheckedDocument.
var errTooLarge = errors.New("too large")

// documentChecked is what checking a file found.
type documentChecked struct {
	name  string
	sum   string // hex SHA-256 of the file
	size  int64
	found bool // the body issued a file with this SHA-256
	check view.DocumentCheck
}

// checkDocumentMenu asks for the file to check.
func (u *ui) checkDocumentMenu() {
	u.openFileFor("Check a document", "Check", pdfFilter, u.checkDocumentFrom)
}

// checkDocumentFrom reads the file off the UI goroutine (at most
// maxCheckedDocument bytes), hashes it, looks it up and shows the answer.
func (u *ui) checkDocumentFrom(r io.ReadCloser, name string) {
	svc, today := u.svc(), u.today()
	backgroundThen(u.bg, func(ctx context.Context) (documentChecked, error) {
		defer r.Close()
		content, err := io.ReadAll(io.LimitReader(r, maxCheckedDocument+1))
		if err != nil {
			return documentChecked{}, err
		}
		c := documentChecked{name: name, size: int64(len(content))}
		if c.size > maxCheckedDocument {
			return c, errTooLarge
		}
		c.sum = certification.ContentHash(content)
		c.check, err = view.CheckDocument(ctx, svc, c.sum, today)
		if errors.Is(err, certification.ErrNotFound) {
			return c, nil
		}
		c.found = err == nil
		return c, err
	}, func(c documentChecked, err error) {
		switch {
		case errors.Is(err, errTooLarge):
			u.showInfo("File too large to check", fmt.Sprintf("%s is larger than %s. CertDesk issues no document that large, so it is not one this body issued; it was not checked.",
				c.name, byteSize(maxCheckedDocument)))
		case err != nil:
			u.showError("check the document", err)
		default:
			u.showDocumentCheck(c)
		}
	})
}

// showDocumentCheck shows the answer: genuine in green with what the
// document is, or not genuine in red with the file's SHA-256.
func (u *ui) showDocumentCheck(c documentChecked) {
	icon := widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	head := widget.NewLabelWithStyle("Genuine: a document this body issued", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Importance = widget.SuccessImportance
	var rows []fyne.CanvasObject
	row := func(label string, value *widget.Label) {
		value.Wrapping = fyne.TextWrapWord
		rows = append(rows, widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), value)
	}
	text := func(label, value string) { row(label, widget.NewLabel(value)) }
	text("File", c.name)
	if c.found {
		d, chk := c.check.Document, c.check
		if d.Kind == certification.DocCertificate {
			text("Certificate", fmt.Sprintf("%s revision %d", d.Number, d.Revision))
		} else {
			what := d.Kind // another kind of document (an audit report or plan): what its record says
			if d.Number != "" {
				what += " " + d.Number
			}
			if d.Revision > 0 {
				what += fmt.Sprintf(" revision %d", d.Revision)
			}
			text("Document", what)
		}
		if chk.Client != "" {
			text("Client", chk.Client)
		}
		if chk.Standard != "" {
			text("Standard", stdName(chk.Standard))
		}
		text("Issued", fmt.Sprintf("%s by %s", d.Issued, orDash(d.IssuedBy.Name)))
		if d.Kind == certification.DocCertificate {
			status := chk.Status.Label()
			if !chk.Current {
				status += " (a later revision replaced it)"
			}
			st := widget.NewLabelWithStyle(status, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			st.Importance = certStatusImportance(chk.Status)
			row("Status today", st)
			text("", fmt.Sprintf("The file is as issued; this is the certificate's status on %s, whatever it was when the file was printed.", chk.AsOf))
		}
	} else {
		icon.SetResource(theme.NewErrorThemedResource(theme.CancelIcon()))
		head.SetText("Not genuine: not a document this body issued (or changed since)")
		head.Importance = widget.DangerImportance
		text("", "No document this body issued has this file's SHA-256. A file the body issued gives another SHA-256 once even one byte is changed. "+
			"Ask the holder for the file as issued, or look the certificate up in the public register.")
	}
	sum := widget.NewLabel(c.sum)
	sum.Selectable = true
	row("SHA-256", sum)
	body := container.NewVBox(container.NewHBox(icon, head), widget.NewSeparator(), container.New(layout.NewFormLayout(), rows...))
	title := "Document checked"
	d := dialog.NewCustom(title, "OK", container.NewPadded(body), u.win)
	u.openDialog(d, 720, 400)
}
