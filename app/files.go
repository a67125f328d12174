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

// saveAs asks for the file to write (Fyne's save dialog, or the test's
// choice) and calls then with its path.
func (u *ui) saveAs(title, fileName string, then func(path string)) {
	if u.xl.saveAs != nil {
		u.xl.saveAs(title, fileName, then)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError("open the file", err)
			return
		}
		if w == nil {
			return // the user cancelled
		}
		uri := w.URI()
		// The dialog has created (or emptied) the file: the export writes
		// beside it and renames, so the empty file goes now.
		w.Close()
		if uri.Scheme() != "file" {
			fynestorage.Delete(uri)
			u.showError("save the workbook", fmt.Errorf("%s is not a file on this computer: choose a folder on a disk", uri))
			return
		}
		path := uri.Path()
		if st, err := os.Stat(path); err == nil && st.Size() == 0 {
			os.Remove(path)
		}
		if filepath.Ext(path) == "" {
			path += ".xlsx" // a name typed without its extension
		}
		u.app.Preferences().SetString(prefExportDir, filepath.Dir(path))
		then(path)
	}, u.win)
	d.SetTitleText("Save " + strings.ToLower(title[:1]) + title[1:])
	d.SetConfirmText("Save")
	d.SetFileName(fileName)
	d.SetFilter(xlsxFilter)
	u.startIn(d)
	d.Resize(fyne.NewSize(860, 600))
	d.Show()
}

// chooseFolder asks for a folder (Fyne's folder dialog, or the test's
// choice) and calls then with its path.
func (u *ui) chooseFolder(title string, then func(dir string)) {
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
			u.showError("save the upload", fmt.Errorf("%s is not a folder on this computer: choose a folder on a disk", l))
			return
		}
		u.app.Preferences().SetString(prefExportDir, l.Path())
		then(l.Path())
	}, u.win)
	d.SetTitleText(title)
	d.SetConfirmText("Write the upload here")
	u.startIn(d)
	d.Resize(fyne.NewSize(860, 600))
	d.Show()
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
