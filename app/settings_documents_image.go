package app

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The logo and accreditation mark of Settings › Documents: a preview,
// Choose… (a PNG or JPEG file) and Clear, each storing the image at once
// through the journalled command set-policy-image.

// imagePicker shows one of the policy's images with Choose… and Clear.
type imagePicker struct {
	d       *documentsPane
	which   certification.PolicyImage
	preview *canvas.Image
	note    *widget.Label
	choose  *widget.Button
	clear   *widget.Button
	box     fyne.CanvasObject
}

func newImagePicker(d *documentsPane, w certification.PolicyImage) *imagePicker {
	ip := &imagePicker{d: d, which: w}
	ip.preview = canvas.NewImageFromResource(nil)
	ip.preview.FillMode = canvas.ImageFillContain
	ip.preview.SetMinSize(fyne.NewSize(140, 56))
	ip.note = widget.NewLabel("")
	ip.note.Importance = widget.LowImportance
	ip.choose = widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), ip.chooseFile)
	ip.clear = widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), func() { ip.set(nil, "") })
	ip.box = container.NewHBox(ip.preview, container.NewVBox(container.NewHBox(ip.choose, ip.clear), ip.note))
	ip.show("", nil)
	return ip
}

// show shows the image stored under hash ("": none).
func (ip *imagePicker) show(hash string, content []byte) {
	switch {
	case hash == "":
		ip.preview.Resource = nil
		ip.note.SetText("None: certificates print without it.")
	case content == nil:
		ip.preview.Resource = nil
		ip.note.SetText("Stored as " + hash[:12] + "…, but it does not read: choose it again.")
	default:
		ip.preview.Resource = fyne.NewStaticResource(string(ip.which)+"-"+hash[:12], content)
		ip.note.SetText(fmt.Sprintf("%s, SHA-256 %s…", certification.SizeLabel(int64(len(content))), hash[:12]))
	}
	ip.preview.Refresh()
	setEnabled(ip.clear, hash != "")
}

// chooseFile asks for a PNG or JPEG and stores it.
func (ip *imagePicker) chooseFile() {
	filter := fynestorage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"})
	ip.d.s.u.openFileFor("Choose the "+ip.which.Label(), "Choose", filter, ip.set)
}

// set stores the image r holds (nil: clears it), read off the UI
// goroutine; the settings reload.
func (ip *imagePicker) set(r io.ReadCloser, name string) {
	what := "clear the " + ip.which.Label()
	if r != nil {
		what = "set the " + ip.which.Label() + " from " + name
	}
	ip.d.s.u.do(command{what: what, run: func(ctx context.Context, svc *certification.Service) error {
		var content []byte
		if r != nil {
			defer r.Close()
			var err error // a byte past the limit, so that the domain says it is too large
			if content, err = io.ReadAll(io.LimitReader(r, certification.ImageMaxBytes+1)); err != nil {
				return err
			}
		}
		return svc.SetPolicyImage(ctx, ip.which, content)
	}, actor: true})
}
