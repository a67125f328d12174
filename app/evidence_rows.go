package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // previews of photos
	_ "image/png"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The evidence box's list: a row per file, with Save a copy… to get the
// file back out (its content read through the domain, which re-hashes
// it) and, for a photo, a small preview.

// evidencePreviewMax is the largest image previewed; larger ones only
// get their row (decoding them would hold up the window).
const evidencePreviewMax = 8 << 20

// evidenceOf is the files of list attached to what target names.
func evidenceOf(list []certification.Evidence, target certification.Evidence) []certification.Evidence {
	var out []certification.Evidence
	for _, e := range list {
		if e.Ref == target.Ref && e.FindingID == target.FindingID {
			out = append(out, e)
		}
	}
	return out
}

// evidenceLine describes a file: "name · size · date, who — caption".
func evidenceLine(e certification.Evidence) string {
	line := fmt.Sprintf("%s · %s · %s, %s", e.FileName, certification.SizeLabel(e.Size), e.AddedOn, e.AddedBy.Name)
	if e.Caption != "" {
		line += " — " + e.Caption
	}
	return line
}

// setRows lists files, each a row with Save a copy…, and starts loading
// the previews of the images among them; no files: how to attach some.
func (b *evidenceBox) setRows(files []certification.Evidence) {
	if len(files) == 0 {
		b.setNote("No files attached. Attach… or drop files onto the window.")
		return
	}
	rows := make([]fyne.CanvasObject, len(files))
	for i, e := range files {
		text := widget.NewLabel(evidenceLine(e))
		text.Wrapping = fyne.TextWrapWord
		save := widget.NewButton("Save a copy…", func() { b.saveCopy(e) })
		row := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(save), text))
		rows[i] = row
		if (e.MediaType == "image/png" || e.MediaType == "image/jpeg") && e.Size <= evidencePreviewMax {
			b.preview(row, e)
		}
	}
	b.files.Objects = rows
	b.rowsChanged()
}

// setNote shows text in place of the rows.
func (b *evidenceBox) setNote(text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	b.files.Objects = []fyne.CanvasObject{l}
	b.rowsChanged()
}

// rowsChanged redraws the list and tells the pane its height may have
// changed.
func (b *evidenceBox) rowsChanged() {
	b.files.Refresh()
	if b.changed != nil {
		b.changed()
	}
}

// preview loads and decodes image e off the UI goroutine and adds it
// under its row, at most 160 high, while the item it belongs to is still
// the one shown. A file that cannot be read or decoded gets no preview
// (Save a copy… says why a damaged one cannot be read).
func (b *evidenceBox) preview(row *fyne.Container, e certification.Evidence) {
	n := b.shown
	queryThen(b.u, func(ctx context.Context, svc *certification.Service) (image.Image, error) {
		_, content, err := svc.EvidenceContent(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		m, _, err := image.Decode(bytes.NewReader(content))
		return m, err
	}, func(m image.Image, err error) {
		if err != nil || n != b.shown {
			return
		}
		img := canvas.NewImageFromImage(m)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(160, 160))
		row.Add(img)
		b.rowsChanged()
	})
}

// saveCopy asks where to write a copy of e (the save dialog, or the
// test's choice) and writes its content there, read and re-hashed by the
// domain off the UI goroutine; a damaged file is refused and shown.
func (b *evidenceBox) saveCopy(e certification.Evidence) {
	u := b.u
	u.saveFileAs("A copy of "+e.FileName, e.FileName, nil, func(path string) {
		svc := u.svc()
		background(u, "save a copy of "+e.FileName, func(ctx context.Context) (int64, error) {
			_, content, err := svc.EvidenceContent(ctx, e.ID)
			if err != nil {
				return 0, err
			}
			return writeReplacing(path, func(w io.Writer) error {
				_, err := w.Write(content)
				return err
			})
		}, func(size int64) {
			u.exportDone("Copy saved", fmt.Sprintf("%s (%s) was written to the folder %s.",
				filepath.Base(path), certification.SizeLabel(size), filepath.Dir(path)), path)
		})
	})
}
