// Package app is CertDesk's desktop interface, built on Fyne.
//
// Threading: Fyne runs every callback on one goroutine. Slow work (opening
// the store, loading a snapshot, running a command) runs through
// worker.Go, which is the only place that hands results back to the UI
// goroutine with fyne.Do.
package app

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"certdesk/assets"
	"certdesk/certification"
)

// ID is the application ID, as in FyneApp.toml.
const ID = "org.certdesk.app"

// Config is what main.go hands the app.
type Config struct {
	// Dir is the data folder (resolved: see storage.ResolveDir).
	Dir string
	// Open opens a data folder; OpenBulk opens it for loading demo data.
	// passphrase opens an encrypted folder (nil for one that is not).
	Open     func(dir string, passphrase []byte) (Store, error)
	OpenBulk func(dir string, passphrase []byte) (Store, error)
	// OpenDesk, if set, opens a folder that is a desk of a body with an
	// office (storage.Options.Desk); else Open does.
	OpenDesk func(dir string, passphrase []byte) (Store, error)
	// InUse reports whether an Open error means another window or
	// certctl command holds the folder.
	InUse func(error) bool
	// Clock is the production clock (time.Now lives outside the domain).
	Clock certification.Clock
	// LoadDemo fills an empty store with demonstration data as of a date,
	// reporting progress; it stops when ctx is cancelled.
	LoadDemo func(ctx context.Context, st certification.Store, asOf certification.Date, progress func(done, total int)) error
	// Workbooks writes and reads the Excel workbooks (storage/xlsx's
	// Workbooks); nil leaves the Excel exports unavailable.
	Workbooks Workbooks
	// PDF writes the PDF documents (storage/pdf's Writer); nil leaves
	// printing certificates, reports and plans unavailable (pdf_issue.go).
	PDF PDFWriter
	// Backups writes and restores backup files (storage.Backups); nil
	// leaves backups unavailable (backup.go).
	Backups Backups
	// Encryption encrypts data folders and changes their passphrase
	// (storage.Encryption); nil hides encryption (encryption.go).
	Encryption Encryption
	// Identities keeps the identity keys of the people on this desk
	// (storage.Identities); nil signs nothing (identity.go).
	Identities Identities
	// JoinOffice makes the open store a desk of the body at an office
	// (storage/desk, office.go); nil hides File › Connect to office.
	JoinOffice func(ctx context.Context, st Store, o Office) (Desk, error)
	// RestoreDesk, if set, starts a data folder that is to be a desk of
	// the body at o from the body's latest snapshot (storage/desk), when
	// the folder is new or holds an empty store; restored is false when
	// there was nothing to do (an existing desk, or a body without a
	// snapshot).
	RestoreDesk func(ctx context.Context, dir string, o Office, progress func(done, total int)) (restored bool, err error)
	// Desk is this desk's name in audit holds (the --desk flag, else
	// $CERTDESK_DESK); "" takes the data folder's name (docs/sync.md).
	Desk string
	// Office, if its URL is set, is the office to join at start (the
	// --office flag), instead of the one remembered for the folder; it
	// is remembered once joined.
	Office Office
}

// SystemClock is the wall clock.
type SystemClock struct{}

func (SystemClock) Now() time.Time { return time.Now() }

// Run opens the data folder and shows the main window until it closes.
func Run(cfg Config) error {
	if cfg.Clock == nil {
		cfg.Clock = SystemClock{}
	}
	a := fyneapp.NewWithID(ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("CertDesk")
	w.SetMaster()
	prefs := a.Preferences()
	// The first window fits a 1366×768 laptop (less its title bar and
	// panel); after that, the size the user left it at.
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(prefWidth, 1280)), float32(prefs.FloatWithFallback(prefHeight, 700))))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bg := newWorker(ctx)

	sh := newShell(a, w, cfg, bg)
	sh.open(cfg.Dir, nil, nil)

	// Closing saves what is unsaved (a checklist item's notes) and closes
	// once the save is stored: only then does ShowAndRun return and the
	// worker's context get cancelled. It never waits for a backup: an
	// automatic backup under way stops, and the next start makes it
	// (backup_auto.go).
	w.SetCloseIntercept(func() {
		s := w.Canvas().Size()
		prefs.SetFloat(prefWidth, float64(s.Width))
		prefs.SetFloat(prefHeight, float64(s.Height))
		if sh.cur == nil {
			w.Close()
			return
		}
		if sh.cur.enc.busy {
			sh.cur.showInfo("Encryption under way", "The data folder is being encrypted. Wait until it has finished (or cancel it), then close CertDesk.")
			return
		}
		sh.cur.closeWindow(w.Close)
	})
	w.ShowAndRun()
	return shutDown(cancel, bg, sh.cur, sh.st)
}

// shutDown ends the work in the background (the worker's context
// cancelled: loads and an automatic backup under way stop) and closes
// the office connection and the store, after the window has closed.
func shutDown(cancel context.CancelFunc, bg *worker, u *ui, st Store) error {
	cancel()
	bg.wait()
	if u != nil {
		u.closeOffice()
	}
	if st != nil {
		return st.Close()
	}
	return nil
}

// shell is the window around the interface: it opens data folders
// (asking for the passphrase of an encrypted one) and puts a new ui in
// the window for each. All fields belong to the UI goroutine.
type shell struct {
	a      fyne.App
	w      fyne.Window
	cfg    Config
	bg     *worker
	status *widget.Label
	// progress shows a new desk's restore from the body's snapshot.
	progress *widget.ProgressBar

	st  Store // the open store, nil until one is open
	cur *ui   // the window's interface once a folder is open
	// unlock is the passphrase dialog while it is shown (tests read it).
	unlock *unlockDialog
}

func newShell(a fyne.App, w fyne.Window, cfg Config, bg *worker) *shell {
	sh := &shell{a: a, w: w, cfg: cfg, bg: bg, status: widget.NewLabel("Opening " + cfg.Dir + " …"), progress: widget.NewProgressBar()}
	sh.status.Alignment = fyne.TextAlignCenter
	sh.progress.Hide()
	w.SetContent(sh.waiting())
	return sh
}

// waiting is the window's content while a folder opens.
func (sh *shell) waiting() fyne.CanvasObject {
	bar := container.NewGridWrap(fyne.NewSize(480, sh.progress.MinSize().Height), sh.progress)
	return container.NewCenter(container.NewVBox(sh.status, container.NewCenter(bar)))
}

// showRestoring shows a new desk's restore from the body's snapshot.
func (sh *shell) showRestoring(done, total int) {
	if sh.cur != nil {
		return
	}
	sh.status.SetText("Starting this desk from the body's snapshot …")
	if total > 0 {
		sh.progress.Max = float64(total)
		sh.progress.SetValue(float64(done))
		sh.progress.Show()
	}
}

// opening is what opening a folder found (worker side).
type opening struct {
	st        Store
	err       error
	needPass  bool // the folder is encrypted and no passphrase was given
	encrypted bool
	empty     bool
	emptyErr  error
	// readOnly is why the store was opened for reading only (a full
	// disk, see storage's ReadOnlyIfFull), or nil.
	readOnly error
}

// writeRefuser is a store that may have been opened for reading only
// although changes were wanted, and says why (storage.DB).
type writeRefuser interface{ WriteRefusal() error }

// officeFor is the office the folder dir is to join: the --office flag,
// else the one remembered for it ("" URL: none).
func (sh *shell) officeFor(dir string) Office {
	if sh.cfg.Office.URL != "" {
		return sh.cfg.Office
	}
	return officeOf(sh.a.Preferences(), dir)
}

// tryOpen opens dir with pass (nil: none) off the UI goroutine.
func (sh *shell) tryOpen(ctx context.Context, dir string, pass []byte) opening {
	office := sh.officeFor(dir)
	if office.URL != "" && sh.cfg.RestoreDesk != nil {
		// A new desk starts from the body's snapshot, with a progress bar.
		_, err := sh.cfg.RestoreDesk(ctx, dir, office, func(done, total int) {
			sh.bg.ui(func() { sh.showRestoring(done, total) })
		})
		if err != nil {
			return opening{err: err}
		}
	}
	enc := sh.cfg.Encryption
	if enc != nil && pass == nil {
		if yes, err := enc.Encrypted(dir); err == nil && yes {
			return opening{needPass: true, encrypted: true}
		}
	}
	open := sh.cfg.Open
	if sh.cfg.OpenDesk != nil && office.URL != "" {
		open = sh.cfg.OpenDesk
	}
	st, err := open(dir, pass)
	if err != nil {
		return opening{err: err, needPass: enc != nil && enc.NeedsPassphrase(err)}
	}
	o := opening{st: st}
	if r, ok := st.(writeRefuser); ok {
		o.readOnly = r.WriteRefusal()
	}
	if enc != nil {
		o.encrypted, _ = enc.Encrypted(dir)
	}
	o.empty, o.emptyErr = st.Empty(ctx)
	return o
}

// open opens dir in the window in place of the folder open now (whose
// store the caller closes first if it is the same folder). pass opens an
// encrypted folder; without it the user is asked. after, if not nil, runs
// with the new interface once the folder is open.
func (sh *shell) open(dir string, pass []byte, after func(*ui)) {
	sh.cfg.Dir = dir
	if sh.cur != nil && sh.cur.enc.storeClosed {
		// The interface on screen lost its store (encrypting closed it):
		// take it down, so that nothing works on a closed store, and
		// go on as at start.
		sh.cur, sh.st = nil, nil
		sh.w.SetContent(sh.waiting())
	}
	if sh.cur == nil {
		sh.status.SetText("Opening " + dir + " …")
	}
	sh.tryOpenThen(dir, pass, func(o opening) {
		switch {
		case o.needPass, o.err != nil && sh.cfg.Encryption != nil && sh.cfg.Encryption.WrongPassphrase(o.err):
			// (A passphrase that opened the folder before may no longer:
			// it was changed meanwhile, by certctl say.)
			sh.askPassphrase(dir, after)
		case o.err != nil:
			showOpenError(sh.a, sh.w, sh.cfg, dir, o.err, func(other string) { sh.open(other, nil, nil) })
		default:
			sh.install(dir, pass, o, after)
		}
	})
}

// tryOpenThen tries to open dir off the UI goroutine and hands what
// came of it to then on the UI goroutine.
func (sh *shell) tryOpenThen(dir string, pass []byte, then func(opening)) {
	backgroundThen(sh.bg, func(ctx context.Context) (opening, error) {
		return sh.tryOpen(ctx, dir, pass), nil
	}, func(o opening, _ error) { then(o) })
}

// install puts a new interface on the opened store into the window.
func (sh *shell) install(dir string, pass []byte, o opening, after func(*ui)) {
	if sh.cur != nil {
		sh.cur.stopBackup()
		sh.cur.closeOffice()
	}
	if sh.st != nil {
		sh.st.Close()
	}
	sh.st = o.st
	if err := certification.ServeBody(context.Background(), o.st); err != nil {
		sh.status.SetText("Reading the body's standards: " + err.Error())
	}
	sh.progress.Hide()
	u := newUI(sh.a, sh.w, o.st, sh.cfg.Clock, sh.bg)
	sh.cur = u
	u.dataDir, u.desk = dir, sh.cfg.Desk
	u.books = sh.cfg.Workbooks
	u.pdf = sh.cfg.PDF
	u.bk.backups = sh.cfg.Backups
	u.ids = sh.cfg.Identities
	u.join = sh.cfg.JoinOffice
	u.enc = encState{enc: sh.cfg.Encryption, encrypted: o.encrypted, reopen: sh.open}
	if o.encrypted {
		u.enc.pass = pass
	}
	u.actor = u.savedActor()
	sh.w.SetTitle(windowTitle(dir, o.encrypted, o.readOnly != nil))
	sh.w.SetContent(u.build())
	u.start()
	u.backupOnStart(o.emptyErr != nil || o.empty || o.readOnly != nil)
	if o.readOnly != nil {
		u.showMessage("Open for reading only", sentence(o.readOnly.Error())+"\n\nCertDesk opened the data folder for reading only: every screen and export works, but no change can be saved. Free space on the disk, then start CertDesk again.", 240)
	} else {
		u.checkActor()
	}
	office := sh.officeFor(dir)
	switch {
	case office.URL != "" && u.join != nil:
		// A desk: the body arrives from its office (no demo offered).
		u.joinOffice(u.join, office, func(err error) {
			if err != nil {
				u.showError("join the office at "+office.URL, err)
				return
			}
			u.saveOffice(office)
			u.finishRecompute() // upgrade.go
		})
	case o.emptyErr == nil && o.empty:
		u.firstStart(sh.cfg)
	case o.readOnly == nil:
		u.finishRecompute()
	}
	if after != nil {
		after(u)
	}
}

// windowTitle names the data folder and says whether it is encrypted
// and whether it is open for reading only.
func windowTitle(dir string, encrypted, readOnly bool) string {
	t := "CertDesk — " + dir
	if encrypted {
		t += " (encrypted)"
	}
	if readOnly {
		t += " (read-only: the disk is full)"
	}
	return t
}

// showOpenError tells the user why the data folder could not be opened
// and offers another folder or quitting.
func showOpenError(a fyne.App, w fyne.Window, cfg Config, dir string, err error, openFolder func(string)) {
	title, text := "Cannot open the data folder", sentence(err.Error())+"\n\nData folder: "+dir
	if cfg.InUse != nil && cfg.InUse(err) {
		// Its message names the folder and says what to do.
		title, text = "Data folder in use", sentence(err.Error())
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, "Open another folder…", "Quit", msg, func(other bool) {
		if !other {
			a.Quit()
			return
		}
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil || u == nil {
				a.Quit()
				return
			}
			openFolder(u.Path())
		}, w)
	}, w)
	d.Resize(fyne.NewSize(600, 240))
	d.Show()
}

// sentence capitalises an error message for display on its own.
func sentence(msg string) string {
	r, n := utf8.DecodeRuneInString(msg)
	if n == 0 {
		return msg
	}
	s := string(unicode.ToUpper(r)) + msg[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
