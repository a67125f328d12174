package app

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
)

var xlsxFilter = fynestorage.NewExtensionFileFilter([]string{".xlsx"})

// prefExportDir remembers the folder of the last export.
const prefExportDir = "export.dir"

// saveAs asks for the workbook to write (Fyne's save dialog, or the
// test's choice) and calls then with its path.
func (u *ui) saveAs(title, fileName string, then func(path string)) {
	u.saveFileAs(title, fileName, xlsxFilter, then)
}

// saveFileAs asks for the file to write (Fyne's save dialog showing the
// files filter lets through, nil for all; or the test's choice) and calls
// then with its path; a name typed without an extension gets fileName's.
func (u *ui) saveFileAs(title, fileName string, filter fynestorage.FileFilter, then func(path string)) {
	if u.xl.saveAs != nil {
		u.xl.saveAs(title, fileName, then)
		return
	}
	d := u.fileSave("open the file", func(w fyne.URIWriteCloser) {
		uri := w.URI()
		// The dialog has created (or emptied) the file: the export writes
		// beside it and renames, so the empty file goes now.
		w.Close()
		if uri.Scheme() != "file" {
			fynestorage.Delete(uri)
			u.showError("save the file", fmt.Errorf("%s is not a file on this computer: choose a folder on a disk", uri))
			return
		}
		path := uri.Path()
		if st, err := os.Stat(path); err == nil && st.Size() == 0 {
			os.Remove(path)
		}
		if filepath.Ext(path) == "" {
			path += filepath.Ext(fileName) // a name typed without its extension
		}
		u.app.Preferences().SetString(prefExportDir, filepath.Dir(path))
		then(path)
	})
	d.SetTitleText("Save " + strings.ToLower(title[:1]) + title[1:])
	d.SetConfirmText("Save")
	d.SetFileName(fileName)
	if filter != nil {
		d.SetFilter(filter)
	}
	u.startIn(d)
	showFileDialog(d)
}

// chooseFolder asks for a folder (Fyne's folder dialog with the confirm
// button's text, or the test's choice) and calls then with its path.
func (u *ui) chooseFolder(title, confirm string, then func(dir string)) {
	if u.xl.chooseFolder != nil {
		u.xl.chooseFolder(title, then)
		return
	}
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError("open the folder", err)
			return
		}
		if l == nil {
			return
		}
		if l.Scheme() != "file" {
			u.showError("use the folder", fmt.Errorf("%s is not a folder on this computer: choose a folder on a disk", l))
			return
		}
		u.app.Preferences().SetString(prefExportDir, l.Path())
		then(l.Path())
	}, u.win)
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	u.startIn(d)
	showFileDialog(d)
}

// showFileDialog shows a file or folder dialog at the size they all
// have. File dialogs are not tracked for Escape: they handle it.
func showFileDialog(d *dialog.FileDialog) {
	d.Resize(fyne.NewSize(860, 600))
	d.Show()
}

// fileOpen is Fyne's open dialog handing the file chosen to then; a file
// that cannot be opened shows in a dialog ("Could not " + failed), and
// Cancel does nothing.
func (u *ui) fileOpen(failed string, then func(r fyne.URIReadCloser)) *dialog.FileDialog {
	return dialog.NewFileOpen(chosen(u, failed, then), u.win)
}

// fileSave is fileOpen for Fyne's save dialog.
func (u *ui) fileSave(failed string, then func(w fyne.URIWriteCloser)) *dialog.FileDialog {
	return dialog.NewFileSave(chosen(u, failed, then), u.win)
}

// chosen is the callback of a file dialog: the error shown, Cancel (no
// file) ignored, the file handed to then.
func chosen[F comparable](u *ui, failed string, then func(F)) func(F, error) {
	return func(f F, err error) {
		var none F
		switch {
		case err != nil:
			u.showError(failed, err)
		case f != none: // none: the user cancelled
			then(f)
		}
	}
}

// startIn opens a file dialog in the folder of the last export.
func (u *ui) startIn(d *dialog.FileDialog) {
	dir := u.app.Preferences().String(prefExportDir)
	if dir == "" {
		return
	}
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// writeReplacing writes a file through a temporary file in its folder,
// renamed to path once written and synced; on failure the temporary file
// is removed and path is left as it was. It returns the size written.
func writeReplacing(path string, write func(io.Writer) error) (int64, error) {
	tmp, err := writeTemp(path, write)
	if err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.name, path); err != nil {
		os.Remove(tmp.name)
		return 0, err
	}
	return tmp.size, nil
}

// tempFile is a file written beside its target, not yet renamed.
type tempFile struct {
	name, target string
	size         int64
}

// writeTemp writes a temporary file beside path (hidden, ending .tmp);
// on failure it is removed.
func writeTemp(path string, write func(io.Writer) error) (tempFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return tempFile{}, err
	}
	c := &counter{w: f}
	bw := bufio.NewWriterSize(c, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return tempFile{}, err
	}
	return tempFile{name: f.Name(), target: path, size: c.n.Load()}, nil
}

// openFileFor asks for a file to read (Fyne's open dialog with the
// confirm button's text and filter, nil for any file; or the test's
// choice).
func (u *ui) openFileFor(title, confirm string, filter fynestorage.FileFilter, then func(r io.ReadCloser, name string)) {
	if u.xl.openFile != nil {
		u.xl.openFile(title, then)
		return
	}
	d := u.fileOpen("open the file", func(r fyne.URIReadCloser) {
		then(r, r.URI().Name())
	})
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	if filter != nil {
		d.SetFilter(filter)
	}
	u.startIn(d)
	showFileDialog(d)
}
