// Package app is CertDesk's desktop interface, built on Fyne.
//
// Threading: Fyne runs every callback on one goroutine. Slow work (opening
// the store, loading a snapshot) runs through worker.Go, which is the only
// place that hands results back to the UI goroutine with fyne.Do.
package app

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"certdesk/assets"
	"certdesk/certification"
	"certdesk/storage"
)

// ID is the application ID, as in FyneApp.toml.
const ID = "org.certdesk.app"

// scheduleHorizonDays is how far ahead the schedule looks (overdue
// obligations are always listed).
const scheduleHorizonDays = 365

// systemClock is the production clock. It lives here, not in the domain:
// certification never reads the time itself.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// Run opens the data folder dir (already resolved: see storage.ResolveDir)
// and shows the schedule window until the user closes it.
func Run(dir string) error {
	a := fyneapp.NewWithID(ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))

	w := a.NewWindow("CertDesk — Schedule")
	w.SetMaster()
	w.Resize(fyne.NewSize(1200, 800))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bg := newWorker(ctx)

	view := newScheduleView(bg)
	view.setStatus("Opening " + dir + " …")
	w.SetContent(view.content)

	// db is set by the opening goroutine; bg.wait() orders that write
	// before the read at the end of Run.
	var db *storage.DB
	bg.Go(func(context.Context) func() {
		d, err := storage.Open(dir)
		if err != nil {
			return func() { showOpenError(a, w, view, dir, err) }
		}
		db = d
		clk := systemClock{}
		src := serviceSchedule(certification.NewService(d, clk), clk)
		return func() {
			view.setSource(src)
			view.reload()
		}
	})

	w.ShowAndRun()

	cancel()
	bg.wait()
	if db != nil {
		return db.Close()
	}
	return nil
}

// showOpenError tells the user why the data folder could not be opened
// and quits when they close the message: there is nothing else to show.
func showOpenError(a fyne.App, w fyne.Window, view *scheduleView, dir string, err error) {
	title, text := "Cannot open the data folder", sentence(err.Error())+"\n\nData folder: "+dir
	if errors.Is(err, storage.ErrInUse) {
		// Its message names the folder and says what to do.
		title, text = "Data folder in use", sentence(err.Error())
	}
	view.setStatus(title)
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Quit", msg, w)
	d.SetOnClosed(a.Quit)
	d.Resize(fyne.NewSize(560, 220))
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
