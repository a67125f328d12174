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
	Open     func(dir string) (Store, error)
	OpenBulk func(dir string) (Store, error)
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
	// Backups writes and restores backup files (storage.Backups); nil
	// leaves backups unavailable (backup.go).
	Backups Backups
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
	w.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(prefWidth, 1280)), float32(prefs.FloatWithFallback(prefHeight, 820))))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bg := newWorker(ctx)

	status := widget.NewLabel("Opening " + cfg.Dir + " …")
	w.SetContent(container.NewCenter(status))

	var st Store // set on the UI goroutine once open
	var cur *ui  // the window's interface once open
	var openFolder func(dir string)
	openFolder = func(dir string) {
		cfg.Dir = dir
		bg.Go(func(context.Context) func() {
			s, err := cfg.Open(dir)
			if err != nil {
				return func() { showOpenError(a, w, cfg, dir, err, openFolder) }
			}
			empty, err := s.Empty(ctx)
			return func() {
				if st != nil {
					st.Close()
				}
				st = s
				u := newUI(a, w, s, cfg.Clock, bg)
				cur = u
				u.dataDir = dir
				u.books = cfg.Workbooks
				u.bk.backups, u.bk.reopen = cfg.Backups, func(next string) { openFolder(next) }
				u.actor = u.savedActor()
				w.SetTitle("CertDesk — " + dir)
				w.SetContent(u.build())
				u.start()
				u.checkActor()
				if err == nil && empty {
					u.firstStart(cfg, func(next string) { openFolder(next) })
				}
			}
		})
	}
	openFolder(cfg.Dir)

	// Closing saves what is unsaved (a checklist item's notes) and closes
	// once the save is stored: only then does ShowAndRun return and the
	// worker's context get cancelled.
	w.SetCloseIntercept(func() {
		s := w.Canvas().Size()
		prefs.SetFloat(prefWidth, float64(s.Width))
		prefs.SetFloat(prefHeight, float64(s.Height))
		if cur == nil {
			w.Close()
			return
		}
		cur.closeWindow(w.Close)
	})
	w.ShowAndRun()

	cancel()
	bg.wait()
	if st != nil {
		return st.Close()
	}
	return nil
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
