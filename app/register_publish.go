package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/storage/site"
)

// Publish register… (File menu, and on the Certificates workspace; issue
// 17): the public certificate register as a static site written into a
// folder the user chooses, by site.Publish, the same steps as certctl
// publish (docs/documents.md, "The public register"). It reads the data
// and changes nothing. The folder is remembered, so that publishing
// again is the menu item and Publish.

// prefPublishDir remembers the folder the register was last published to.
const prefPublishDir = "publish.dir"

// publishMenu publishes the register: into the folder used last time
// after one confirmation, or into a folder chosen now.
func (u *ui) publishMenu() {
	dir := u.app.Preferences().String(prefPublishDir)
	if st, err := os.Stat(dir); dir == "" || err != nil || !st.IsDir() {
		u.choosePublishFolder()
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("The public certificate register as of today, %s, will be written into the folder\n\n%s\n\n"+
		"index.html, register.json and a page per certificate under cert/ replace those published there before; "+
		"the pages of certificates no longer listed are removed. Nothing in CertDesk changes.", u.today(), dir))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	publish := widget.NewButtonWithIcon("Publish", theme.UploadIcon(), func() { d.Hide(); u.publishTo(dir) })
	publish.Importance = widget.HighImportance
	other := widget.NewButtonWithIcon("Other folder…", theme.FolderOpenIcon(), func() { d.Hide(); u.choosePublishFolder() })
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Publish the register", container.NewPadded(msg), u.win)
	d.SetButtons([]fyne.CanvasObject{cancel, other, publish})
	u.openDialog(d, 620, 280)
}

// choosePublishFolder asks for the folder and publishes into it.
func (u *ui) choosePublishFolder() {
	u.chooseFolder("Folder for the public register", "Publish here", u.publishTo)
}

// publishTo writes the register as of today into dir off the UI
// goroutine, behind a progress dialog whose Cancel stops it while the
// register is read (the files are written only after), and reports what
// was published with a button that opens index.html.
func (u *ui) publishTo(dir string) {
	svc, today := u.svc(), u.today()
	x := u.startTransfer("Publishing the register", "Reading the certificates and writing the pages into "+dir+" …",
		"Cancelling: nothing is written if the register has not been read yet …")
	transferJob(u, x, func(ctx context.Context) (site.Published, error) {
		defer context.AfterFunc(ctx, x.cancel)()
		return site.Publish(x.ctx, svc, dir, today)
	}, func(p site.Published, err error, cancelled bool) {
		switch {
		case cancelled:
			u.showInfo("Publishing cancelled", "The register was not published: nothing was written into "+dir+".")
		case err != nil:
			u.showError("publish the register", err)
		default:
			u.app.Preferences().SetString(prefPublishDir, dir)
			u.doneDialog("Register published", publishedText(p, dir), "Open index.html", filepath.Join(dir, "index.html"))
		}
	})
}

// publishedText says what publishing wrote.
func publishedText(p site.Published, dir string) string {
	n := p.Counts
	text := fmt.Sprintf("The register as of %s lists %d certificates: %d valid, %d suspended, %d withdrawn and %d expired "+
		"(a certificate withdrawn or expired more than %d days ago is no longer listed).\n\n"+
		"Written into the folder %s: index.html, register.json and %d certificate pages under cert/.",
		p.AsOf, p.Certificates, n[certification.CertActive], n[certification.CertSuspended], n[certification.CertWithdrawn],
		n[certification.CertExpired], p.ListedDays, dir, p.Pages)
	if len(p.Removed) > 0 {
		text += fmt.Sprintf(" %d pages of certificates no longer listed were removed.", len(p.Removed))
	}
	return text + " Put the folder on the body's web server as it is."
}
