package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification/exchange"
)

// File › Export all data (JSON)… and File › Import data (JSON)…: the
// interchange document of certification/exchange (docs/format.md), one
// JSON file holding every record. Both run in the background behind a
// progress dialog whose Cancel cancels the work's context. An import
// goes into an empty data folder only, and is all or nothing.
//
// The menu actions choose the file; exportJSON and importJSON do the
// work (tests call them directly).

// transfer is the progress dialog of an export or import.
type transfer struct {
	d         *dialog.CustomDialog
	note      *widget.Label
	cancelBtn *widget.Button
	ctx       context.Context
	cancel    context.CancelFunc
	// busy runs while the amount of work is unknown; bar replaces it
	// once the work reports how far it is (setProgress, xlsx_export.go).
	busy *widget.ProgressBarInfinite
	bar  *widget.ProgressBar
}

// startTransfer shows the progress dialog of an export or import; its
// Cancel cancels the transfer's context.
// cancelling is what the dialog says once Cancel is tapped.
func (u *ui) startTransfer(title, text, cancelling string) *transfer {
	x := &transfer{}
	x.ctx, x.cancel = context.WithCancel(context.Background())
	x.note = widget.NewLabel(text)
	x.note.Wrapping = fyne.TextWrapWord
	x.busy, x.bar = widget.NewProgressBarInfinite(), widget.NewProgressBar()
	x.bar.Hide()
	bar := container.NewStack(x.busy, x.bar)
	x.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		x.cancel()
		x.cancelBtn.Disable()
		x.note.SetText(cancelling)
	})
	body := container.NewVBox(x.note, bar, container.NewHBox(layout.NewSpacer(), x.cancelBtn))
	// Not tracked for Escape: hiding it would not stop the work.
	x.d = dialog.NewCustomWithoutButtons(title, body, u.win)
	x.d.Resize(fyne.NewSize(520, 200))
	x.d.Show()
	u.xfer = x
	return x
}

// finish closes the progress dialog.
func (u *ui) finishTransfer(x *transfer) {
	x.cancel()
	x.d.Hide()
	if u.xfer == x {
		u.xfer = nil
	}
}

var jsonFilter = fynestorage.NewExtensionFileFilter([]string{".json"})

// exportMenu asks where to write the export (File › Export all data).
func (u *ui) exportMenu() {
	d := u.fileSave("open the export file", func(w fyne.URIWriteCloser) {
		u.exportJSON(w)
	})
	d.SetTitleText("Export all data (JSON)")
	d.SetConfirmText("Export")
	d.SetFileName("certdesk-" + u.today().String() + ".json")
	d.SetFilter(jsonFilter)
	showFileDialog(d)
}

// importMenu opens a file to import (File › Import data), if the data
// folder is empty; otherwise it explains where an import can go.
func (u *ui) importMenu() {
	st := u.store
	background(u, "check the data folder", func(ctx context.Context) (bool, error) {
		return exchange.IsEmpty(ctx, st)
	}, func(empty bool) {
		if !empty {
			u.showNotEmpty()
			return
		}
		d := u.fileOpen("open the file", func(r fyne.URIReadCloser) {
			u.importJSON(r)
		})
		d.SetTitleText("Import data (JSON)")
		d.SetConfirmText("Import")
		d.SetFilter(jsonFilter)
		showFileDialog(d)
	})
}

// fileName names what a reader or writer reads or writes, for messages.
func fileName(f any) string {
	switch x := f.(type) {
	case interface{ URI() fyne.URI }:
		return x.URI().Name()
	case interface{ Name() string }:
		name := x.Name()
		if i := strings.LastIndexAny(name, `/\`); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	return "the file"
}

// removeFile deletes what a failed export wrote.
func removeFile(f any) {
	switch x := f.(type) {
	case interface{ URI() fyne.URI }:
		fynestorage.Delete(x.URI())
	case *os.File:
		os.Remove(x.Name())
	}
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n atomic.Int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// exportJSON writes every record to w in the background and closes it;
// a failed or cancelled export removes the unfinished file.
func (u *ui) exportJSON(w io.WriteCloser) {
	name := fileName(w)
	x := u.startTransfer("Exporting all data", "Writing every record of this data folder to "+name+" …\nIt reads one consistent snapshot of the data; changes made meanwhile are not in it.",
		"Cancelling: the unfinished file will be removed …")
	st := u.store
	transferJob(u, x, func(context.Context) (int64, error) {
		c := &counter{w: w}
		err := exchange.Export(x.ctx, st, c)
		if cerr := w.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("finishing %s: %w", name, cerr)
		}
		if err != nil {
			removeFile(w)
		}
		return c.n.Load(), err
	}, func(size int64, err error, cancelled bool) {
		switch {
		case cancelled:
			u.showInfo("Export cancelled", "The export was cancelled and the unfinished file "+name+" was removed.")
		case err != nil:
			u.showError("export the data", fmt.Errorf("%w; the unfinished file %s was removed", err, name))
		default:
			u.showInfo("Export finished", fmt.Sprintf("Every record of this data folder was written to %s (%s).\n\n"+
				"To load it into another data folder, start CertDesk on a new, empty folder and use File › Import data (JSON)…, or run certctl import --data FOLDER %s.",
				name, byteSize(size), name))
		}
	})
}

// importJSON checks the document read from r and loads it into the
// (empty) data folder in the background; it closes r. Nothing is written
// unless the whole document is accepted; a cancelled or failed load is
// taken back, leaving the folder empty.
func (u *ui) importJSON(r io.ReadCloser) {
	name := fileName(r)
	x := u.startTransfer("Importing data", "Checking "+name+" and loading it into this data folder …\n"+
		"The whole file is checked before anything is written. Cancel leaves the data folder empty.",
		"Cancelling: removing what was already written, so that the data folder is empty again …")
	st, actor, today := u.store, u.actor, u.today()
	transferJob(u, x, func(context.Context) (exchange.Counts, error) {
		defer r.Close()
		return exchange.ImportOn(x.ctx, st, r, actor, today) // nothing dated after today
	}, func(counts exchange.Counts, err error, cancelled bool) {
		var refused *exchange.Error
		switch {
		case cancelled:
			u.showInfo("Import cancelled", "The import was cancelled. Nothing was loaded: the data folder is empty, as before.")
		case errors.As(err, &refused):
			u.showRefusal(name, refused)
		case errors.Is(err, exchange.ErrNotEmpty):
			u.showNotEmpty()
		case err != nil:
			u.showError("import "+name, err)
		default:
			u.changed()
			u.showImported(name, counts)
		}
	})
}

// showInfo shows a message with OK.
func (u *ui) showInfo(title, text string) { u.showMessage(title, text, 220) }

// showNotEmpty explains that an import needs an empty data folder.
func (u *ui) showNotEmpty() {
	folder := "this data folder"
	if u.dataDir != "" {
		folder = "the data folder " + u.dataDir
	}
	u.showInfo("Import needs an empty data folder",
		"There are already records in "+folder+". An import loads a complete CertDesk file into an empty data folder, "+
			"all or nothing; it never merges into existing data.\n\n"+
			"To import: start CertDesk on a new folder (certdesk --data NEW-FOLDER), choose “Start empty” or "+
			"“Import data from a file…” on the welcome screen (or File › Import data (JSON)…), "+
			"or on the command line run certctl import --data NEW-FOLDER FILE.json.")
}

// showRefusal lists the problems of a refused import: each names the
// record, the field and what is wrong. The list can be selected and
// copied.
func (u *ui) showRefusal(name string, e *exchange.Error) {
	n := len(e.Problems)
	what := fmt.Sprintf("%d problems", n)
	if n == 1 {
		what = "a problem"
	}
	if e.More {
		what = fmt.Sprintf("more than %d problems (the first %d are listed)", n, n)
	}
	intro := widget.NewLabel(fmt.Sprintf("%s was checked before anything was written and has %s, so nothing was loaded: the data folder is still empty. "+
		"Each line names the record (list, position and id), the field and what is wrong. Correct the file, or export it again, and import it again.", name, what))
	intro.Wrapping = fyne.TextWrapWord
	lines := make([]string, n)
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	text := strings.Join(lines, "\n")
	// One problem a paragraph, so that wrapped lines read as one.
	list := widget.NewLabel(strings.Join(lines, "\n\n"))
	list.Wrapping = fyne.TextWrapWord
	list.Selectable = true
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(640, 220))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	var d *dialog.CustomDialog
	copyBtn := widget.NewButtonWithIcon("Copy the list", theme.ContentCopyIcon(), func() {
		u.app.Clipboard().SetContent(text)
	})
	ok := widget.NewButton("OK", func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("Import refused: nothing was loaded", container.NewBorder(intro, nil, nil, nil, container.NewStack(bg, scroll)), u.win)
	d.SetButtons([]fyne.CanvasObject{copyBtn, ok})
	u.openDialog(d, 760, 460)
}

// showImported reports what an import loaded.
func (u *ui) showImported(name string, c exchange.Counts) {
	grid := container.NewGridWithColumns(2)
	row := func(what string, n int) {
		v := widget.NewLabel(fmt.Sprint(n))
		v.Alignment = fyne.TextAlignTrailing
		grid.Add(widget.NewLabel(what))
		grid.Add(v)
	}
	row("People", c.People)
	row("Clients", c.Clients)
	row("Certifications", c.Certifications)
	row("Audits", c.Audits)
	row("Findings", c.Findings)
	row("Certificates", c.Certificates)
	row("Decisions", c.Decisions)
	row("Evidence files", c.Evidence)
	intro := widget.NewLabel(fmt.Sprintf("%s was checked and loaded into this data folder (%d records in %d transactions; the obligations of each certification were computed again).", name, c.Records(), c.Chunks))
	intro.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Import finished", "OK", container.NewBorder(intro, nil, nil, nil, container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(280, grid.MinSize().Height)), grid))), u.win)
	u.openDialog(d, 560, 440)
}

// byteSize says a file size for people.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
