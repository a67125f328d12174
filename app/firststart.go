package app

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// firstStart offers what to do with an empty data folder: load demo
// data, import, start empty, protect it with a passphrase (which comes
// back here), or open another folder.
func (u *ui) firstStart(cfg Config) {
	text := widget.NewLabel("This data folder is empty:\n" + cfg.Dir + "\n\nLoad a demonstration certification body (clients, audits, findings, decisions over several cycles) to look around, import a CertDesk file (JSON) exported elsewhere, join your body's office as one of its desks, start with an empty register, or open another data folder.")
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	loadDemo := widget.NewButton("Load demo data", func() {
		d.Hide()
		u.loadDemo(cfg)
	})
	loadDemo.Importance = widget.HighImportance
	imp := widget.NewButton("Import data from a file (JSON)…", func() {
		d.Hide()
		u.importMenu()
	})
	empty := widget.NewButton("Start empty", func() { d.Hide() })
	other := widget.NewButton("Open another data folder…", func() {
		d.Hide()
		dialog.ShowFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				u.reopen(l.Path(), nil, nil)
			}
		}, u.win)
	})
	buttons := []fyne.CanvasObject{text, loadDemo, imp}
	if u.join != nil {
		join := widget.NewButton("Join a body's office…", func() {
			d.Hide()
			u.connectMenu() // office_dialog.go
		})
		buttons = append(buttons, join)
	}
	buttons = append(buttons, empty)
	if u.enc.enc != nil && !u.enc.encrypted {
		// Encrypting reopens the folder, and the empty folder shows this
		// dialog again; so does Cancel.
		protect := widget.NewButton("Protect this folder with a passphrase…", func() {
			d.Hide()
			u.encryptMenu(func() { u.firstStart(cfg) })
		})
		buttons = append(buttons, protect)
	}
	buttons = append(buttons, other)
	d = dialog.NewCustomWithoutButtons("Welcome to CertDesk", container.NewVBox(buttons...), u.win)
	u.openDialog(d, 560, 400)
}

// loadDemo generates demo data into the (empty) folder with a progress
// bar and a Cancel button. The folder is opened for a bulk load (with the
// session's passphrase if it is encrypted); if the load is cancelled or
// fails, the folder is emptied again. Then the folder is opened again.
func (u *ui) loadDemo(cfg Config) {
	bar := widget.NewProgressBar()
	note := widget.NewLabel("Generating clients, audits and decisions…")
	ctx, cancel := context.WithCancel(context.Background())
	cancelBtn := widget.NewButton("Cancel", func() { cancel() })
	d := dialog.NewCustomWithoutButtons("Loading demo data", container.NewVBox(note, bar, cancelBtn), u.win)
	d.Resize(fyne.NewSize(480, 180))
	d.Show()
	dir, pass := cfg.Dir, u.enc.pass
	u.store.Close()
	backgroundThen(u.bg, func(context.Context) (struct{}, error) {
		defer cancel()
		var st Store
		err := func() error {
			s, err := cfg.OpenBulk(dir, pass)
			if err != nil {
				return err // (s may be a typed nil: do not keep it)
			}
			st = s
			return cfg.LoadDemo(ctx, st, u.today(), func(done, total int) {
				u.bg.ui(func() { bar.SetValue(float64(done) / float64(max(total, 1))) })
			})
		}()
		if err != nil && st != nil {
			// Take the partial load back: the folder's store is emptied
			// again (only CertDesk's records; no file is deleted).
			if cerr := st.Clear(); cerr != nil {
				err = fmt.Errorf("%w; the partial demo data could not be removed either: %v", err, cerr)
			}
		}
		if st != nil {
			if cerr := st.Close(); err == nil {
				err = cerr
			}
		}
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		d.Hide()
		// (ctx is always cancelled by now: the work's deferred cancel.)
		if err != nil && !errors.Is(err, context.Canceled) {
			u.showError("load demo data", fmt.Errorf("the demo data could not be generated: %w; the data folder was left empty", err))
		}
		u.reopen(dir, pass, nil)
	})
}
