package app

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Store is what the app needs from the data folder. The storage package
// implements it; main.go hands it in, so app never imports Badger.
type Store interface {
	certification.Store
	Empty(ctx context.Context) (bool, error)
	// Clear empties the store (no file is deleted): it takes back a
	// cancelled demo load.
	Clear() error
	Close() error
}

// workspace is one entry of the sidebar. Every method runs on the UI
// goroutine; reload starts its loading through ui.bg.
type workspace interface {
	name() string
	icon() fyne.Resource
	// content is built once and kept.
	content() fyne.CanvasObject
	// reload loads the workspace's data again (after a change, or when shown).
	reload()
	// create starts a new record (Ctrl+N); false when the workspace has none.
	create() bool
	// focusSearch focuses the workspace's search field (Ctrl+F).
	focusSearch() bool
}

// space is the name and icon a workspace has in the navigation.
type space struct {
	title string
	ic    fyne.Resource
}

func (s *space) name() string        { return s.title }
func (s *space) icon() fyne.Resource { return s.ic }

// noCreate and noSearch are the create and focusSearch of a workspace
// without new records or without a search field.
type (
	noCreate struct{}
	noSearch struct{}
)

func (noCreate) create() bool      { return false }
func (noSearch) focusSearch() bool { return false }

// opener is a workspace that can show one record (a row on the dashboard
// opens its client, audit or finding).
type opener interface {
	open(ref recordRef)
}

// leaver is a workspace that can hold edits not yet saved (a checklist
// item's notes): leave saves them. It is called before another workspace
// is shown and when the window closes.
type leaver interface {
	leave()
}

// saveWaiter is a leaver whose saves can be waited for: whenSaved calls
// done on the UI goroutine once every save it has started has finished,
// with ok false if one failed (its error is shown).
type saveWaiter interface {
	whenSaved(done func(ok bool))
}

// recordRef names a record to open.
type recordRef struct {
	kind certification.Kind
	id   certification.ID
}

// ui is the main window. All fields belong to the UI goroutine.
type ui struct {
	app   fyne.App
	win   fyne.Window
	store Store
	clock certification.Clock
	bg    *worker
	actor certification.Actor
	// ids keeps the identity keys on this desk (nil: this build signs
	// nothing); signer is the actor's, once unlocked (identity.go).
	ids    Identities
	signer certification.Signer
	locked bool // the actor holds a key that is not unlocked
	// dataDir is the data folder shown in Settings ("" in tests).
	dataDir string
	// desk is this desk's name in audit holds (Config.Desk; "": the data
	// folder's name; auditws_hold.go).
	desk string

	spaces  []workspace
	current int
	stale   map[int]bool
	nav     *widget.List
	body    *fyne.Container
	title   *widget.Label
	who     *widget.Label
	// dialogs open on the window, innermost last: Escape closes the last.
	dialogs []dialog.Dialog
	// closing is set while the window waits for saves before it closes.
	closing bool
	// xfer is the export or import in progress (nil when none).
	xfer *transfer
	// books writes and reads the Excel workbooks (nil: not available);
	// xl is the state of the Excel exports (xlsx_export.go).
	books Workbooks
	pdf   PDFWriter // storage/pdf's Writer (pdf_issue.go)
	xl    xlsxState
	// bk is the state of the backups (backup.go).
	bk backupState
	// enc is the state of encryption at rest (encryption.go).
	enc encState
	// ev routes files dropped onto the window to the evidence shown
	// (evidence.go).
	ev evidenceDrop
	// office is the body's office this folder is a desk of (office.go);
	// join joins one (nil: this build cannot).
	office officeState
	join   func(context.Context, Store, Office) (Desk, error)
}

func newUI(a fyne.App, w fyne.Window, st Store, clk certification.Clock, bg *worker) *ui {
	u := &ui{app: a, win: w, store: st, clock: clk, bg: bg, stale: map[int]bool{}}
	u.actor = u.savedActor()
	u.spaces = []workspace{
		newDashboard(u),
		newClients(u),
		newProgramme(u),
		newAuditWorkspace(u),
		newFindings(u),
		newDecisions(u),
		newCertificates(u),
		newComplaints(u),
		newSettings(u),
	}
	return u
}

// svc is the domain service acting for the person using the app.
func (u *ui) svc() *certification.Service {
	var st certification.Store = u.store
	if u.office.desk != nil {
		st = u.office.desk.Store() // every command goes through the body
	}
	svc := certification.NewService(st, u.clock).As(u.actor)
	if u.signer != nil && u.signer.PersonID() == u.actor.PersonID {
		svc = svc.SignedBy(u.signer)
	}
	return svc
}

// today is the clock's date.
func (u *ui) today() certification.Date { return certification.DateOf(u.clock.Now()) }

// build lays out the window: the sidebar and the current workspace.
func (u *ui) build() fyne.CanvasObject {
	u.nav = widget.NewList(
		func() int { return len(u.spaces) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Audit programme__"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(u.spaces[i].icon())
			row.Objects[1].(*widget.Label).SetText(u.spaces[i].name())
		},
	)
	u.nav.OnSelected = func(i widget.ListItemID) { u.show(i) }
	u.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.who = widget.NewLabel("")
	u.who.Importance = widget.LowImportance
	u.showActor()
	u.body = container.NewStack()
	header := container.NewHBox(u.title, layout.NewSpacer(), u.who)
	u.office.status = newOfficeStatus()
	foot := container.NewBorder(nil, nil, nil, u.newBackupStatus(), u.office.status)
	main := container.NewBorder(container.NewVBox(container.NewPadded(header), widget.NewSeparator()), foot, nil, nil, u.body)
	split := container.NewHSplit(u.nav, main)
	split.Offset = 0.16
	u.installShortcuts()
	return split
}

// start shows the workspace remembered from last time.
func (u *ui) start() {
	i := u.app.Preferences().IntWithFallback(prefWorkspace, 0)
	if i < 0 || i >= len(u.spaces) {
		i = 0
	}
	u.nav.Select(i)
	u.show(i)
}

// show switches to workspace i and loads it if it is new or stale.
func (u *ui) show(i int) {
	if i < 0 || i >= len(u.spaces) {
		return
	}
	first := u.body.Objects == nil || u.current != i
	if u.body.Objects != nil && u.current != i {
		if l, ok := u.spaces[u.current].(leaver); ok {
			l.leave()
		}
	}
	u.current = i
	ws := u.spaces[i]
	u.title.SetText(ws.name())
	u.body.Objects = []fyne.CanvasObject{ws.content()}
	u.body.Refresh()
	u.app.Preferences().SetInt(prefWorkspace, i)
	if first || u.stale[i] {
		delete(u.stale, i)
		ws.reload()
	}
	if u.nav.Length() > i {
		u.nav.Select(i)
	}
}

// leaveAll saves what every workspace holds unsaved (the window is
// closing) and calls done on the UI goroutine once the saves have
// finished; ok is false if one failed (its error is shown).
func (u *ui) leaveAll(done func(ok bool)) {
	var waits []saveWaiter
	for _, ws := range u.spaces {
		if l, ok := ws.(leaver); ok {
			l.leave()
		}
		if sw, ok := ws.(saveWaiter); ok {
			waits = append(waits, sw)
		}
	}
	allOK := true
	var next func(i int)
	next = func(i int) {
		if i == len(waits) {
			done(allOK)
			return
		}
		waits[i].whenSaved(func(ok bool) {
			allOK = allOK && ok
			next(i + 1)
		})
	}
	next(0)
}

// closeWindow is the window's close intercept: it saves unsaved edits
// first and calls close once they are stored. If a save fails the window
// stays open and the user chooses: keep it open (to copy the text) or
// close without saving.
func (u *ui) closeWindow(close func()) {
	if u.closing {
		return // already waiting for the saves
	}
	close = u.stopBackupThen(close) // a backup under way stops: the next start makes it
	u.closing = true
	u.leaveAll(func(ok bool) {
		u.closing = false
		if ok {
			close()
			return
		}
		ask := func() {
			d := dialog.NewConfirm("Close without saving?",
				"Your edits could not be saved, for the reason just shown. Keep CertDesk open to copy or correct them, or close it and lose them.",
				func(discard bool) {
					if discard {
						close()
					}
				}, u.win)
			d.SetConfirmText("Close without saving")
			d.SetDismissText("Keep open")
			u.showDialog(d)
		}
		// The failed save has just shown why: ask once that is read.
		if n := len(u.dialogs); n > 0 {
			u.dialogs[n-1].SetOnClosed(ask)
		} else {
			ask()
		}
	})
}

// goTo shows the workspace of the given type and opens a record in it.
func (u *ui) goTo(name string, ref recordRef) {
	for i, ws := range u.spaces {
		if ws.name() == name {
			u.show(i)
			if o, ok := ws.(opener); ok {
				o.open(ref)
			}
			return
		}
	}
}

// changed is called after every successful command: the current
// workspace reloads now, the others when next shown.
func (u *ui) changed() {
	for i := range u.spaces {
		if i != u.current {
			u.stale[i] = true
		}
	}
	u.spaces[u.current].reload()
}

// installShortcuts binds Ctrl+F, Ctrl+N and Escape. Ctrl shortcuts go
// through the main menu so that they work while a text field has focus.
func (u *ui) installShortcuts() {
	newItem := fyne.NewMenuItem("New", func() { u.spaces[u.current].create() })
	newItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	find := fyne.NewMenuItem("Find", func() { u.spaces[u.current].focusSearch() })
	find.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	reload := fyne.NewMenuItem("Reload", func() { u.spaces[u.current].reload() })
	reload.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}
	// Ctrl+E is kept for the Excel export.
	exportJSON := fyne.NewMenuItem("Export all data (JSON)…", u.exportMenu)
	exportJSON.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	importJSON := fyne.NewMenuItem("Import data (JSON)…", u.importMenu)
	importJSON.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	importResponses := fyne.NewMenuItem("Import client responses (Excel)…", func() { u.importResponsesMenu(0) })
	backupNow := fyne.NewMenuItem("Back up now…", u.backupNowMenu)
	restore := fyne.NewMenuItem("Restore from a backup…", u.restoreMenu)
	var goItems []*fyne.MenuItem
	for i, ws := range u.spaces {
		it := fyne.NewMenuItem(ws.name(), func() { u.show(i) })
		if i < 9 {
			it.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(i + 1)), Modifier: fyne.KeyModifierShortcutDefault}
		}
		goItems = append(goItems, it)
	}
	verify := fyne.NewMenuItem("Verify the data…", u.verifyMenu)           // verify.go
	publish := fyne.NewMenuItem("Publish register…", u.publishMenu)        // register_publish.go
	checkDoc := fyne.NewMenuItem("Check a document…", u.checkDocumentMenu) // document_check.go
	fileItems := []*fyne.MenuItem{newItem, fyne.NewMenuItemSeparator(), exportJSON, importJSON, importResponses,
		fyne.NewMenuItemSeparator(), publish, checkDoc, fyne.NewMenuItemSeparator(), backupNow, restore, verify}
	fileItems = append(fileItems, u.encryptionMenuItems()...) // encryption.go
	if u.join != nil {
		fileItems = append(fileItems, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Connect to office…", u.connectMenu), // office_dialog.go
			fyne.NewMenuItem("Changes to review…", u.reviewMenu)) // office_review.go
	}
	fileItems = append(fileItems, fyne.NewMenuItemSeparator(), reload)
	u.win.SetMainMenu(fyne.NewMainMenu(
		fyne.NewMenu("File", fileItems...),
		fyne.NewMenu("Edit", find),
		u.xlsxMenu(), // Export: the Excel workbooks, Ctrl+E
		fyne.NewMenu("Go", goItems...),
	))
	// Escape with no text field focused; text fields built with newEntry
	// pass Escape here too.
	u.win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			u.escape()
		}
	})
}

// escape closes the innermost dialog.
func (u *ui) escape() {
	if n := len(u.dialogs); n > 0 {
		u.dialogs[n-1].Hide()
	}
}

// showDialog shows d and tracks it so that Escape closes it.
func (u *ui) showDialog(d dialog.Dialog) {
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() {
		for i := len(u.dialogs) - 1; i >= 0; i-- {
			if u.dialogs[i] == d {
				u.dialogs = append(u.dialogs[:i], u.dialogs[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// openDialog sizes d and shows it, tracked so that Escape closes it.
func (u *ui) openDialog(d dialog.Dialog, width, height float32) {
	d.Resize(fyne.NewSize(width, height))
	u.showDialog(d)
}

// showMessage shows text with OK, in a dialog height high.
func (u *ui) showMessage(title, text string, height float32) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	u.openDialog(dialog.NewCustom(title, "OK", container.NewPadded(msg), u.win), 560, height)
}

// askYesNo asks a question in text with the buttons yes and no; yes
// runs then.
func (u *ui) askYesNo(title, yes, no, text string, then func()) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, yes, no, msg, func(ok bool) {
		if ok {
			then()
		}
	}, u.win)
	u.openDialog(d, 600, 260)
}

// showError explains a failed command: a refusal by a rule names the
// rule; bad input names the field; anything else says what happened.
func (u *ui) showError(what string, err error) {
	title, text := errorText(what, err)
	u.showMessage(title, text, 240)
}

// errorText turns an error into a dialog title and text.
func errorText(what string, err error) (string, string) {
	var re *certification.RuleError
	var ve *certification.ValidationError
	switch {
	case errors.As(err, &re):
		return "Not allowed", sentence(re.Msg) + "\n\nRule: " + re.Rule
	case errors.As(err, &ve):
		return "Please check the input", sentence(ve.Error())
	case errors.Is(err, errNoActor):
		return "Who is working?", sentence(err.Error())
	case errors.Is(err, certification.ErrNotFound):
		return "Record not found", sentence(err.Error()) + "\n\nIt may have been changed elsewhere: reload with Ctrl+R."
	}
	return "Could not " + what, sentence(err.Error())
}
