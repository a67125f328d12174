package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Encryption at rest (docs/integrity.md): a data folder can be encrypted
// under a passphrase. The app asks for it when it opens an encrypted
// folder (shell.askPassphrase) and keeps it for the session (encState),
// because loading demo data, reopening after encrypting and restoring
// need it again. File › Encrypt data folder… encrypts the open folder;
// File › Change passphrase… seals its key under a new one; restoring an
// encrypted backup asks for the passphrase the backup was taken with.

// Encryption encrypts data folders and changes their passphrase.
// storage.Encryption implements it; main.go hands it in
// (Config.Encryption), so that app never imports Badger.
type Encryption interface {
	// Encrypted reports whether dir is an encrypted data folder.
	Encrypted(dir string) (bool, error)
	// NeedsPassphrase reports whether err refuses to open an encrypted
	// folder or backup without its passphrase.
	NeedsPassphrase(err error) bool
	// WrongPassphrase reports whether err refuses a wrong passphrase
	// (nothing was opened or changed).
	WrongPassphrase(err error) bool
	// CheckNewPassphrase says what is wrong with a new passphrase.
	CheckNewPassphrase(p []byte) error
	// Encrypt encrypts the data folder dir, which must not be open, and
	// says what it did in a sentence.
	Encrypt(ctx context.Context, dir string, passphrase []byte, progress func(done, total int)) (summary string, err error)
	// ChangePassphrase seals dir's key under a new passphrase (and the
	// automatic backups' copies of it); summary says what was done.
	ChangePassphrase(dir string, old, new []byte) (summary string, err error)
}

// encState is the ui's part for encryption (UI goroutine only).
type encState struct {
	// enc is nil when this build has no encryption (its menu items are
	// hidden).
	enc Encryption
	// encrypted is whether the open data folder is encrypted; pass is
	// its passphrase for this session (nil when not encrypted).
	encrypted bool
	pass      []byte
	// reopen opens a data folder in this window in place of the open one
	// (shell.open); after runs with the new interface.
	reopen func(dir string, pass []byte, after func(*ui))
	// busy is set while the folder is being encrypted (its store is
	// closed meanwhile); storeClosed from then on: this interface's
	// store is closed and the folder is to be opened again.
	busy        bool
	storeClosed bool
}

// reopen opens dir in this window in place of the open folder (after
// runs with the new interface, if not nil).
func (u *ui) reopen(dir string, pass []byte, after func(*ui)) {
	if u.enc.reopen != nil {
		u.enc.reopen(dir, pass, after)
	}
}

// encryptionMenuItems are the File menu's encryption items: Encrypt data
// folder… while the folder is not encrypted, Change passphrase… once it
// is.
func (u *ui) encryptionMenuItems() []*fyne.MenuItem {
	if u.enc.enc == nil || u.dataDir == "" {
		return nil
	}
	if u.enc.encrypted {
		return []*fyne.MenuItem{fyne.NewMenuItem("Change passphrase…", u.changePassphraseMenu)}
	}
	return []*fyne.MenuItem{fyne.NewMenuItem("Encrypt data folder…", func() { u.encryptMenu(nil) })}
}

func (u *ui) encInfo(title, text string) {
	u.showInfo(title, text)
}

// --- the passphrase dialog -------------------------------------------------------

// newPasswordEntry is a password field (with the eye to show what was
// typed) that passes Escape to the window, as newEntry does. u may be
// nil (no dialog tracking).
func newPasswordEntry(u *ui) *entry {
	e := &entry{u: u}
	e.Password = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// passButton is a button of a passphrase dialog other than its confirm
// button.
type passButton struct {
	text string
	tap  func()
}

// passDialog asks for one or more passphrases. Unlike a form dialog it
// stays open while its work runs, so that it can say that a passphrase
// is wrong and ask again. Its confirm button (Enter) is enabled while
// every field validates.
type passDialog struct {
	u       *ui // nil: not tracked for Escape (before a folder is open)
	win     fyne.Window
	d       *dialog.CustomDialog
	fields  []*entry
	problem *widget.Label
	status  *widget.Label
	busy    *widget.ProgressBarInfinite
	confirm *widget.Button
	others  []*widget.Button
	working bool
	closed  bool
	size    fyne.Size
	body    *fyne.Container
}

// newPassDialog builds the dialog: intro, then a form of items (the
// *entry widgets among them are its fields), then what is wrong or
// under way; the buttons are others, then confirm.
func newPassDialog(u *ui, win fyne.Window, title, intro string, items []*widget.FormItem, confirm string, onConfirm func(), others ...passButton) *passDialog {
	p := &passDialog{u: u, win: win}
	for _, it := range items {
		if e, ok := it.Widget.(*entry); ok {
			p.fields = append(p.fields, e)
		}
	}
	text := widget.NewLabel(intro)
	text.Wrapping = fyne.TextWrapWord
	p.problem = widget.NewLabel("")
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.status.Hide()
	p.busy = widget.NewProgressBarInfinite()
	p.busy.Stop()
	p.busy.Hide()
	p.body = container.NewVBox(text, widget.NewForm(items...), p.problem, p.status, p.busy)

	var buttons []fyne.CanvasObject
	for _, b := range others {
		btn := widget.NewButton(b.text, b.tap)
		p.others = append(p.others, btn)
		buttons = append(buttons, btn)
	}
	p.confirm = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), func() {
		if !p.working {
			onConfirm()
		}
	})
	p.confirm.Importance = widget.HighImportance
	buttons = append(buttons, p.confirm)

	for i, e := range p.fields {
		e.OnChanged = func(string) {
			// A field checked against another (the repeated passphrase)
			// is checked again when that one changes.
			for _, o := range p.fields {
				if o != e && o.Text != "" && o.Validator != nil {
					o.Validate()
				}
			}
			p.update()
		}
		e.OnSubmitted = func(string) {
			if !p.confirm.Disabled() {
				p.confirm.OnTapped()
				return
			}
			if i+1 < len(p.fields) {
				win.Canvas().Focus(p.fields[i+1])
			}
		}
	}
	p.d = dialog.NewCustomWithoutButtons(title, container.NewPadded(p.body), win)
	p.d.SetButtons(buttons)
	p.d.SetOnClosed(func() { p.closed = true })
	p.update()
	return p
}

// show shows the dialog and puts the cursor in its first field.
func (p *passDialog) show(size fyne.Size) {
	p.size = size
	p.d.Resize(size)
	if p.u != nil {
		p.u.showDialog(p.d)
	} else {
		p.d.Show()
	}
	if len(p.fields) > 0 {
		p.win.Canvas().Focus(p.fields[0])
	}
}

// relayout fits the dialog to what it shows now (a message appeared or
// went away).
func (p *passDialog) relayout() {
	if p.size.IsZero() || p.closed {
		return
	}
	p.body.Refresh()
	p.d.Resize(p.size.Max(p.d.MinSize()))
}

// hide closes the dialog.
func (p *passDialog) hide() {
	if !p.closed {
		p.d.Hide()
	}
}

// ok reports whether every field validates.
func (p *passDialog) ok() bool {
	for _, e := range p.fields {
		if e.Validator == nil && e.Text == "" {
			return false
		}
		if e.Validator != nil && e.Validator(e.Text) != nil {
			return false
		}
	}
	return true
}

func (p *passDialog) update() {
	if p.working || !p.ok() {
		p.confirm.Disable()
	} else {
		p.confirm.Enable()
	}
}

// start shows that the work runs: the fields and buttons are disabled
// until it ends (idle or fail).
func (p *passDialog) start(what string) {
	p.problem.Hide()
	p.status.SetText(what)
	p.setWorking(true)
}

// idle ends the work.
func (p *passDialog) idle() { p.setWorking(false) }

// setWorking disables the fields and buttons and shows the spinner and
// status while the work runs, and undoes it when it ends.
func (p *passDialog) setWorking(on bool) {
	p.working = on
	for _, e := range p.fields {
		setEnabled(e, !on)
	}
	for _, b := range p.others {
		setEnabled(b, !on)
	}
	if on {
		p.status.Show()
		p.busy.Show()
		p.busy.Start()
	} else {
		p.busy.Stop()
		p.busy.Hide()
		p.status.Hide()
	}
	p.update()
	p.relayout()
}

// fail ends the work, says what is wrong and, if field is not nil,
// empties that field and puts the cursor there to try again.
func (p *passDialog) fail(msg string, field *entry) {
	p.idle()
	if p.closed && p.u != nil {
		// Closed meanwhile (Escape): say it in a dialog of its own.
		p.u.showInfo("Passphrase", msg)
		return
	}
	p.problem.SetText(msg)
	p.problem.Show()
	p.relayout()
	if field != nil {
		field.SetText("")
		p.win.Canvas().Focus(field)
	}
}

// repeatOf validates a field that repeats the passphrase in first.
func repeatOf(first *entry) fyne.StringValidator {
	return func(s string) error {
		if s == "" {
			return errors.New("type the passphrase again")
		}
		if s != first.Text {
			return errors.New("this differs from the passphrase above: type the same one twice")
		}
		return nil
	}
}

// --- unlock at start -------------------------------------------------------------

// unlockDialog asks for the passphrase of an encrypted data folder.
type unlockDialog struct {
	*passDialog
	pass *entry
}

// askPassphrase asks for the passphrase of the encrypted folder dir and
// opens it (after as for open). A wrong passphrase is said in the dialog,
// which asks again; nothing on disk changes.
func (sh *shell) askPassphrase(dir string, after func(*ui)) {
	if sh.unlock != nil {
		sh.unlock.hide()
	}
	if sh.cur == nil {
		sh.status.SetText("The data folder is encrypted: waiting for its passphrase …")
	}
	ud := &unlockDialog{pass: newPasswordEntry(nil)}
	ud.pass.SetPlaceHolder("the passphrase of this data folder")
	items := []*widget.FormItem{{Text: "Passphrase", Widget: ud.pass}}
	done := func() {
		ud.hide()
		if sh.unlock == ud {
			sh.unlock = nil
		}
	}
	unlock := func() {
		pass := []byte(ud.pass.Text)
		ud.start("Unlocking … The passphrase is checked slowly on purpose, so that it cannot be guessed quickly.")
		sh.tryOpenThen(dir, pass, func(o opening) {
			switch {
			case o.err != nil && sh.cfg.Encryption.WrongPassphrase(o.err):
				ud.fail("Wrong passphrase: it does not open this data folder. Check it (upper and lower case, keyboard layout) and try again; nothing was opened or changed.", ud.pass)
			case o.err != nil:
				done()
				showOpenError(sh.a, sh.w, sh.cfg, dir, o.err, func(other string) { sh.open(other, nil, nil) })
			default:
				ud.pass.SetText("")
				done()
				sh.install(dir, pass, o, after)
			}
		})
	}
	other := passButton{"Open another folder…", func() {
		done()
		dialog.ShowFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil || l == nil {
				sh.askPassphrase(dir, after) // back to this folder
				return
			}
			sh.open(l.Path(), nil, nil)
		}, sh.w)
	}}
	leave := passButton{"Quit", func() { done(); sh.a.Quit() }}
	if sh.cur != nil {
		// Another folder is open behind the dialog: keep it.
		leave = passButton{"Cancel", done}
	}
	intro := "This data folder is encrypted:\n" + dir + "\n\nType its passphrase to open it."
	ud.passDialog = newPassDialog(nil, sh.w, "Unlock the data folder", intro, items, "Unlock", unlock, leave, other)
	sh.unlock = ud
	ud.show(fyne.NewSize(620, 300))
}

// --- encrypting a folder ---------------------------------------------------------

// encryptMenu asks for a new passphrase and encrypts the open data folder
// (File › Encrypt data folder…, and the welcome dialog of an empty
// folder). back, if not nil, runs when the dialog is cancelled.
func (u *ui) encryptMenu(back func()) {
	enc := u.enc.enc
	if enc == nil {
		return
	}
	pass := newPasswordEntry(u)
	pass.Validator = func(s string) error { return enc.CheckNewPassphrase([]byte(s)) }
	again := newPasswordEntry(u)
	again.Validator = repeatOf(pass)
	items := []*widget.FormItem{
		{Text: "Passphrase", Widget: pass, HintText: "a few unrelated words are easy to type and hard to guess"},
		{Text: "Repeat it", Widget: again},
	}
	intro := "Encrypting protects the client data in " + u.dataDir + " when the computer or a copy of the folder gets lost. " +
		"From then on CertDesk and certctl ask for the passphrase at every start. If the passphrase is lost, the data is lost, " +
		"unless you keep a backup and the passphrase that backup was taken with. The folder is copied into an encrypted one and " +
		"checked; then its unencrypted copy and the unencrypted automatic backups beside it are deleted."
	confirmed := false
	var p *passDialog
	p = newPassDialog(u, u.win, "Encrypt the data folder", intro, items, "Encrypt", func() {
		confirmed = true
		p.hide()
		u.encryptFolder([]byte(pass.Text), back)
	}, passButton{"Cancel", func() { p.hide() }})
	p.d.SetOnClosed(func() {
		if !confirmed && back != nil {
			back()
		}
	})
	p.show(fyne.NewSize(680, 420))
}

// encryptFolder saves what is unsaved (as closing does), closes the
// store, encrypts the folder behind a progress dialog and opens it again:
// encrypted with pass, or as it was if the encryption failed or was
// cancelled. back, if not nil, runs when the folder was not encrypted.
func (u *ui) encryptFolder(pass []byte, back func()) {
	u.leaveAll(func(ok bool) {
		if !ok {
			return // the failed save was shown; nothing was changed
		}
		u.stopBackup() // before the store closes
		dir, st, enc, reopen := u.dataDir, u.store, u.enc.enc, u.enc.reopen
		u.enc.busy = true
		u.enc.storeClosed = true // closed by the work below, reopened after it
		x := u.startTransfer("Encrypting the data folder", "Copying "+dir+" into an encrypted folder and checking the copy …\nCertDesk opens the folder again when it is done.",
			"Cancelling: the folder stays as it was …")
		progress := u.backupProgress(x)
		type result struct {
			summary   string
			encrypted bool
		}
		transferJob(u, x, func(context.Context) (result, error) {
			var summary string
			err := st.Close()
			if err != nil {
				err = fmt.Errorf("closing the data folder before encrypting it: %w", err)
			} else {
				summary, err = enc.Encrypt(x.ctx, dir, pass, progress)
			}
			encrypted, _ := enc.Encrypted(dir)
			return result{summary, encrypted}, err
		}, func(r result, err error, cancelled bool) {
			u.enc.busy = false
			var open []byte
			if r.encrypted {
				open = pass
			}
			if reopen == nil {
				return
			}
			reopen(dir, open, func(nu *ui) {
				switch {
				case err == nil:
					nu.encInfo("Data folder encrypted", sentence(r.summary)+"\n\nFrom now on CertDesk asks for the passphrase at every start. "+
						"Keep it safe: without it the data cannot be read. Backups are encrypted with it from now on.")
				case cancelled && !r.encrypted:
					nu.encInfo("Encryption cancelled", "The data folder was not encrypted; it is as it was.")
				case r.encrypted:
					// Failed after the swap: the folder is encrypted, but
					// something was left to do (the message says what).
					nu.showError("finish encrypting the data folder", err)
				default:
					nu.showError("encrypt the data folder", err)
				}
			})
		})
	})
}

// --- changing the passphrase -----------------------------------------------------

// changePassphraseMenu asks for the current and a new passphrase and
// seals the folder's key under the new one (File › Change passphrase…).
func (u *ui) changePassphraseMenu() {
	enc, dir := u.enc.enc, u.dataDir
	if enc == nil {
		return
	}
	cur := newPasswordEntry(u)
	cur.Validator = required("the current passphrase")
	pass := newPasswordEntry(u)
	pass.Validator = func(s string) error {
		if err := enc.CheckNewPassphrase([]byte(s)); err != nil {
			return err
		}
		if s == cur.Text {
			return errors.New("this is the current passphrase: choose a new one")
		}
		return nil
	}
	again := newPasswordEntry(u)
	again.Validator = repeatOf(pass)
	items := []*widget.FormItem{
		{Text: "Current passphrase", Widget: cur},
		{Text: "New passphrase", Widget: pass, HintText: "a few unrelated words are easy to type and hard to guess"},
		{Text: "Repeat the new one", Widget: again},
	}
	intro := "The key of " + dir + " is sealed again under the new passphrase; the records are not touched, and the automatic backups " +
		"beside it take the new passphrase too. Backups kept elsewhere keep the passphrase they were taken with."
	var p *passDialog
	p = newPassDialog(u, u.win, "Change the passphrase", intro, items, "Change", func() {
		old, next := []byte(cur.Text), []byte(pass.Text)
		p.start("Changing the passphrase …")
		backgroundThen(u.bg, func(context.Context) (string, error) {
			return enc.ChangePassphrase(dir, old, next)
		}, func(summary string, err error) {
			switch {
			case err != nil && enc.WrongPassphrase(err):
				p.fail("The current passphrase does not open this data folder: check it (upper and lower case, keyboard layout) and try again. Nothing was changed.", cur)
			case err != nil:
				p.fail(sentence(err.Error()), nil)
			default:
				p.hide()
				u.enc.pass = next
				u.encInfo("Passphrase changed", summary+"\n\nKeep the old passphrase as long as you keep backups taken with it.")
			}
		})
	}, passButton{"Cancel", func() { p.hide() }})
	p.show(fyne.NewSize(680, 400))
}

// --- restoring an encrypted backup -----------------------------------------------

// askBackupPassphrase asks for the passphrase of the encrypted backup
// path (problem says why it is asked again) and checks the backup with
// it.
func (u *ui) askBackupPassphrase(path, problem string) {
	pass := newPasswordEntry(u)
	pass.Validator = required("the passphrase")
	items := []*widget.FormItem{{Text: "Passphrase", Widget: pass}}
	intro := filepath.Base(path) + " is an encrypted backup. Give the passphrase its data folder had when the backup was taken " +
		"(if it was changed since, that is the old one). The restored folder is encrypted with the same passphrase."
	var p *passDialog
	p = newPassDialog(u, u.win, "Passphrase of the backup", intro, items, "Check", func() {
		p.hide()
		u.restoreFrom(path, []byte(pass.Text))
	}, passButton{"Cancel", func() { p.hide() }})
	if problem != "" {
		p.problem.SetText(problem)
		p.problem.Show()
	}
	p.show(fyne.NewSize(640, 320))
}
