package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// connectMenu is File › Connect to office…: the office's address, this
// desk's credentials file and the office's CA certificate (the last two
// from the office's administrator: certctl office enrol and init).
func (u *ui) connectMenu() {
	if u.office.desk != nil {
		u.showMessage("Already a desk of a body", "This data folder is a desk of the body at "+u.office.desk.Office()+": changes go through its journal, and changes from other desks arrive by themselves.", 200)
		return
	}
	saved := u.savedOffice()
	url := u.newEntry()
	url.SetPlaceHolder("tls://office.example:4222")
	url.SetText(saved.URL)
	url.Validator = func(s string) error {
		s = strings.TrimSpace(s)
		for _, scheme := range []string{"nats://", "tls://"} {
			if strings.HasPrefix(s, scheme) && len(s) > len(scheme) {
				return nil
			}
		}
		return errors.New("give the office's address: nats://HOST:PORT or tls://HOST:PORT")
	}
	creds := u.newEntry()
	creds.SetPlaceHolder("the desk's credentials file (from office enrol)")
	creds.SetText(saved.Creds)
	ca := u.newEntry()
	ca.SetPlaceHolder("the office's CA certificate, ca.pem (from office init)")
	ca.SetText(saved.CA)
	note := widget.NewLabel("This data folder becomes a desk of the body: it must be new and empty, or a desk of this body already. Every change is then proposed to the body's journal and checked by the same rules on every desk; changes from other desks arrive by themselves. An office on this machine without TLS needs neither file.")
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("Office", url),
		widget.NewFormItem("Credentials", container.NewBorder(nil, nil, nil, u.browseButton(creds), creds)),
		widget.NewFormItem("CA certificate", container.NewBorder(nil, nil, nil, u.browseButton(ca), ca)),
		widget.NewFormItem("", note),
	}
	u.formDialog("Connect to office", "Connect", items, func() {
		u.connectTo(Office{URL: strings.TrimSpace(url.Text), Creds: strings.TrimSpace(creds.Text), CA: strings.TrimSpace(ca.Text)})
	}, fyne.NewSize(720, 380))
}

// connectTo joins the open folder to the office o and remembers it; an
// empty folder of a body that began from an existing folder is opened
// again, to start from the body's snapshot.
func (u *ui) connectTo(o Office) {
	u.joinOffice(u.join, o, func(err error) {
		switch {
		case errors.Is(err, ErrNeedsSnapshot) && u.enc.reopen != nil:
			u.saveOffice(o)
			u.restartFromSnapshot()
		case err != nil:
			u.showError("join the office", err)
		default:
			u.saveOffice(o)
		}
	})
}

// browseButton picks a file into e.
func (u *ui) browseButton(e *entry) *widget.Button {
	return widget.NewButton("Browse…", func() {
		d := u.fileOpen("open the file", func(r fyne.URIReadCloser) {
			e.SetText(r.URI().Path())
			r.Close()
		})
		showFileDialog(d)
	})
}

// restartFromSnapshot closes the open (empty) folder and opens it again
// as a desk: opening starts it from the body's snapshot (RestoreDesk),
// with a progress bar, then joins the office.
func (u *ui) restartFromSnapshot() {
	u.closeOffice()
	if err := u.store.Close(); err != nil {
		u.showError("close the folder to fetch the body's snapshot", err)
		return
	}
	u.enc.storeClosed = true // the shell takes this interface down
	u.enc.reopen(u.dataDir, u.enc.pass, nil)
}
