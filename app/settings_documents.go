package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Settings › Documents: what the body's certificates print — its name,
// address and signatory, the accreditation and its mark, the logo, the
// public register's address the QR code opens and how long the register
// lists a withdrawn certificate (docs/documents.md). The texts are saved
// with the policy; an image is stored as soon as it is chosen or cleared
// (its own journalled command, set-policy-image).

type documentsPane struct {
	s *settingsSpace

	bodyName, bodyAddr, signatory *entry
	accBody, accNumber, register  *entry
	withdrawnDays                 *entry
	images                        map[certification.PolicyImage]*imagePicker

	save, revert   *widget.Button
	problem, stamp *widget.Label
	body           fyne.CanvasObject
}

// documentImages are the policy's images as loaded with the settings.
type documentImages map[certification.PolicyImage][]byte

// loadDocumentImages reads the policy's images (an image that cannot be
// read is left out: its picker says so).
func loadDocumentImages(ctx context.Context, svc *certification.Service) documentImages {
	out := documentImages{}
	for _, w := range certification.PolicyImages {
		if b, err := svc.PolicyImage(ctx, w); err == nil {
			out[w] = b
		}
	}
	return out
}

func newDocumentsPane(s *settingsSpace) *documentsPane {
	u := s.u
	d := &documentsPane{s: s, images: map[certification.PolicyImage]*imagePicker{}}
	field := func(name string, set func(*certification.Policy, string)) *entry {
		e := u.newEntry()
		e.Validator = func(v string) error {
			return domainFieldCheck(name, func(p *certification.Policy) { set(p, strings.TrimSpace(v)) })
		}
		e.OnChanged = func(string) { d.check() }
		return e
	}
	d.bodyName = field("body_name", func(p *certification.Policy, v string) { p.BodyName = v })
	d.bodyAddr = u.newMultiLineEntry()
	d.bodyAddr.SetMinRowsVisible(3)
	d.bodyAddr.OnChanged = func(string) { d.check() }
	d.signatory = field("signatory", func(p *certification.Policy, v string) { p.Signatory = v })
	d.accBody = field("accreditation_body", func(p *certification.Policy, v string) { p.AccreditationBody = v })
	d.accNumber = field("accreditation_number", func(p *certification.Policy, v string) { p.AccreditationNumber = v })
	d.register = field("register_url", func(p *certification.Policy, v string) { p.RegisterURL = v })
	d.register.SetPlaceHolder("https://register.example.org")
	d.withdrawnDays = field("register_withdrawn_days", func(p *certification.Policy, v string) {
		p.RegisterWithdrawnDays = -1 // not a number: the domain's range says what to write
		if n, err := strconv.Atoi(v); err == nil {
			p.RegisterWithdrawnDays = n
		}
	})
	for _, w := range certification.PolicyImages {
		d.images[w] = newImagePicker(d, w)
	}

	var cells []fyne.CanvasObject
	row := func(label string, w fyne.CanvasObject, help string) {
		cells = append(cells, policyRow(label, w, help)...)
	}
	row("Certification body", d.bodyName, "The body's name, printed on certificates and exports.")
	row("Body's address", d.bodyAddr, "Printed under the body's name on certificates; empty: none is printed.")
	row("Signatory", d.signatory, "The name and function printed under the signature line of certificates, e.g. \"A. Person, Certification Manager\".")
	row("Logo", d.images[certification.ImageLogo].box, "Printed top left on certificates, beside the body's name: a PNG or JPEG of at most 1 MB. Stored when chosen, for every desk of the body.")
	row("Accreditation body", d.accBody, "The body that accredited yours, e.g. DAkkS, UKAS, COFRAC, ESYD; printed by the accreditation mark. Empty: none is printed.")
	row("Accreditation number", d.accNumber, "Printed under the accreditation body, e.g. D-ZM-12345-01-00.")
	row("Accreditation mark", d.images[certification.ImageAccreditationMark].box, "Printed beside the signature on certificates: a PNG or JPEG of at most 1 MB, as the accreditation body allows it to be used.")
	row("Public register address", d.register, "Where the register (certctl publish) is published: a certificate's QR code then opens its page there, with its revision and the start of its content's SHA-256. Empty: the QR code holds the number, revision and hash as text.")
	row("Withdrawn certificates listed (days)", container.NewGridWrap(fyne.NewSize(120, d.withdrawnDays.MinSize().Height), d.withdrawnDays),
		"A withdrawn or expired certificate stays listed in the public register, shown as such, this many days. Default 365.")

	d.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), d.saveTexts)
	d.save.Importance = widget.HighImportance
	d.revert = widget.NewButtonWithIcon("Revert", theme.ContentUndoIcon(), func() { d.show(s.policy, nil) })
	d.stamp = widget.NewLabel("Client documents are printed in each client's language (English, French or Greek: the client's form).")
	d.stamp.Importance = widget.LowImportance
	d.stamp.Wrapping = fyne.TextWrapWord
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Truncation = fyne.TextTruncateEllipsis
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(d.revert, d.save), container.NewVBox(d.stamp, d.problem)),
		widget.NewSeparator())
	d.body = container.NewBorder(head, nil, nil, nil, container.NewVScroll(container.NewPadded(container.New(layout.NewFormLayout(), cells...))))
	return d
}

// show fills the pane from the stored policy and, when loaded, its images.
func (d *documentsPane) show(p certification.Policy, imgs documentImages) {
	d.bodyName.SetText(p.BodyName)
	d.bodyAddr.SetText(p.BodyAddress)
	d.signatory.SetText(p.Signatory)
	d.accBody.SetText(p.AccreditationBody)
	d.accNumber.SetText(p.AccreditationNumber)
	d.register.SetText(p.RegisterURL)
	d.withdrawnDays.SetText(strconv.Itoa(p.RegisterWithdrawnDays))
	if imgs != nil {
		for w, ip := range d.images {
			ip.show(p.ImageSHA256(w), imgs[w])
		}
	}
	d.check()
}

// form is the stored policy with the pane's texts.
func (d *documentsPane) form() certification.Policy {
	p := d.s.policy
	p.BodyName = strings.TrimSpace(d.bodyName.Text)
	p.BodyAddress = strings.TrimSpace(d.bodyAddr.Text)
	p.Signatory = strings.TrimSpace(d.signatory.Text)
	p.AccreditationBody = strings.TrimSpace(d.accBody.Text)
	p.AccreditationNumber = strings.TrimSpace(d.accNumber.Text)
	p.RegisterURL = strings.TrimSpace(d.register.Text)
	n, err := strconv.Atoi(strings.TrimSpace(d.withdrawnDays.Text))
	if err != nil {
		n = -1
	}
	p.RegisterWithdrawnDays = n
	return p
}

// check validates the texts with the domain and enables Save when they
// are valid and differ from the stored policy.
func (d *documentsPane) check() {
	if d.save == nil {
		return
	}
	p := d.form()
	var problem error
	if _, err := strconv.Atoi(strings.TrimSpace(d.withdrawnDays.Text)); err != nil {
		problem = errors.New("withdrawn certificates listed: write a whole number of days")
	} else {
		problem = p.Validate()
	}
	changed := p != d.s.policy
	d.problem.SetText("")
	if problem != nil {
		d.problem.SetText(sentence(problem.Error()))
	}
	setEnabled(d.save, problem == nil && changed)
	setEnabled(d.revert, changed)
}

// saveTexts stores the pane's texts with the policy.
func (d *documentsPane) saveTexts() {
	p := d.form()
	if err := p.Validate(); err != nil {
		d.s.u.showError("save the document settings", err)
		return
	}
	d.s.u.do(command{what: "save the document settings", run: func(ctx context.Context, svc *certification.Service) error {
		return svc.SetPolicy(ctx, p)
	}, actor: true})
}
