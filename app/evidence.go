package app

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// evidenceBox is the "Evidence" part of a checklist item's or a
// finding's detail: the files attached to it and Attach… (a file dialog).
// A file dropped onto the window attaches to the item whose box was shown
// last, while it takes evidence.
type evidenceBox struct {
	u      *ui
	box    *fyne.Container
	files  *fyne.Container // a row per file (evidence_rows.go), or a note
	attach *widget.Button
	// target names the audit and the checklist item or finding shown
	// (AuditID 0: none); open whether it takes evidence now.
	target certification.Evidence
	open   bool
	shown  uint64 // bumped by show: a late load of an earlier item is dropped
	space  int    // the workspace it was shown on (ui.current)
	// changed, if set, is called when the list's height may have changed.
	changed func()
}

func newEvidenceBox(u *ui) *evidenceBox {
	b := &evidenceBox{u: u, files: container.NewVBox()}
	b.attach = widget.NewButton("Attach…", b.choose)
	b.box = container.NewVBox(container.NewBorder(nil, nil, header("Evidence"), b.attach), b.files)
	if !u.ev.set {
		u.ev.set = true
		u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.dropFiles(uris) })
	}
	return b
}

// show lists the evidence of target (an audit with a Ref or a FindingID);
// open says whether it takes evidence now (the domain has the last word).
func (b *evidenceBox) show(target certification.Evidence, open bool) {
	b.target, b.open, b.space = target, open, b.u.current
	b.shown++
	setEnabled(b.attach, open)
	if open {
		b.u.ev.current = b
	} else if b.u.ev.current == b {
		b.u.ev.current = nil
	}
	if target.AuditID == 0 {
		b.files.RemoveAll()
		return
	}
	n := b.shown
	queryThen(b.u, func(ctx context.Context, svc *certification.Service) ([]certification.Evidence, error) {
		return svc.EvidenceOf(ctx, target.AuditID)
	}, func(list []certification.Evidence, err error) {
		if n != b.shown {
			return
		}
		if err != nil {
			b.setNote("Could not read the evidence: " + err.Error())
			return
		}
		b.setRows(evidenceOf(list, target))
	})
}

// choose asks for a file to attach (Fyne's open dialog, or the test's
// choice).
func (b *evidenceBox) choose() {
	if !b.open {
		return
	}
	target := b.target
	b.u.openFileFor("Attach evidence", "Attach", nil, func(r io.ReadCloser, name string) {
		b.add(target, []evidenceFile{{name, func() (io.ReadCloser, error) { return r, nil }}})
	})
}

// evidenceReadLimit is the most read of one file: the largest limit the
// policy may set, and a byte more so that the domain sees it is past it.
const evidenceReadLimit = 100<<20 + 1

// evidenceFile is a file to attach: its name and how to open it.
type evidenceFile struct {
	name string
	open func() (io.ReadCloser, error)
}

// add attaches files to target one after the other, in order, off the
// UI goroutine; the first that fails stops the rest and is shown.
func (b *evidenceBox) add(target certification.Evidence, files []evidenceFile) {
	svc := b.u.svc()
	background(b.u, "attach the file", func(ctx context.Context) (int, error) {
		for i, f := range files {
			if err := attachFile(ctx, svc, target, f); err != nil {
				return i, fmt.Errorf("%s: %w", f.name, err)
			}
		}
		return len(files), nil
	}, func(int) {
		if b.target == target { // still showing it: list the new files
			b.show(b.target, b.open)
		}
	})
}

// attachFile reads f and attaches it to target.
func attachFile(ctx context.Context, svc *certification.Service, target certification.Evidence, f evidenceFile) error {
	r, err := f.open()
	if err != nil {
		return err
	}
	defer r.Close()
	content, err := io.ReadAll(io.LimitReader(r, evidenceReadLimit))
	if err != nil {
		return err
	}
	target.FileName = f.name
	_, err = svc.AttachEvidence(ctx, target, content)
	return err
}

// evidenceDrop routes files dropped onto the window to the evidence box
// shown last, while its workspace is the one on screen.
type evidenceDrop struct {
	current *evidenceBox
	set     bool // the window's drop handler is installed
}

// dropFiles attaches files dropped onto the window to the item shown, one
// by one; with nothing taking evidence it says where to drop them.
func (u *ui) dropFiles(uris []fyne.URI) {
	b := u.ev.current
	if b == nil || !b.open || b.space != u.current {
		u.showMessage("Nothing to attach to", "Open a checklist item of an audit in progress, or an open finding, then drop the files onto the window.", 200)
		return
	}
	files := make([]evidenceFile, len(uris))
	for i, uri := range uris {
		files[i] = evidenceFile{uri.Name(), func() (io.ReadCloser, error) { return fynestorage.Reader(uri) }}
	}
	b.add(b.target, files)
}
