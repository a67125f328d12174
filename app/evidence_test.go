package app

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Evidence on the audit workspace's checklist item: Attach… (the file
// dialog's choice through the test hook) and files dropped onto the
// window attach to the item shown; a file past the policy's limit is
// refused with its size.
func TestChecklistItemEvidence(t *testing.T) {
	h, aw, id := lvOpenVireo(t)
	if aw.audit == nil || aw.audit.ID != id || aw.audit.Status != certification.AuditInProgress {
		t.Fatalf("opened %+v, want the surveillance in progress", aw.audit)
	}
	selectRef(t, h, aw, "4.1")
	attach := findButton(aw.cl.detail, "Attach…")
	if attach == nil || attach.Disabled() {
		t.Fatalf("no enabled Attach… in the item's detail: %v", attach)
	}
	dir := t.TempDir()
	file := func(name string, size int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	scan := file("context-analysis.pdf", 2048)
	var asked string
	h.u.xl.openFile = func(title string, then func(io.ReadCloser, string)) {
		asked = title
		r, err := os.Open(scan)
		if err != nil {
			t.Fatal(err)
		}
		then(r, filepath.Base(scan))
	}
	test.Tap(attach)
	h.settle()
	if asked != "Attach evidence" {
		t.Errorf("the file dialog was titled %q", asked)
	}
	if txt := labelText(aw.cl.ev.files); !strings.Contains(txt, "context-analysis.pdf · 2.0 KB · 2026-11-24, Ingrid Solberg") {
		t.Errorf("evidence list after Attach…: %q", txt)
	}

	// Two files dropped onto the window go to the item shown.
	selectRef(t, h, aw, "4.2")
	if txt := labelText(aw.cl.ev.files); !strings.Contains(txt, "No files attached") {
		t.Errorf("4.2 shows %q", txt)
	}
	h.u.dropFiles([]fyne.URI{storageURI(file("register.xlsx", 10)), storageURI(file("photo.jpg", 20))})
	h.settle()
	list, err := h.svc().EvidenceOf(h.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Of()+" "+e.FileName)
	}
	if strings.Join(got, "|") != "checklist 4.1 context-analysis.pdf|checklist 4.2 register.xlsx|checklist 4.2 photo.jpg" {
		t.Errorf("stored evidence %q", got)
	}
	if txt := labelText(aw.cl.ev.files); !strings.Contains(txt, "register.xlsx") || !strings.Contains(txt, "photo.jpg") {
		t.Errorf("4.2 after the drop: %q", txt)
	}
	if n := len(findAll(aw.cl.ev.files, func(b *widget.Button) bool { return b.Text == "Save a copy…" })); n != 2 {
		t.Errorf("4.2 after the drop: %d Save a copy… buttons, want one per file", n)
	}

	// Dropped while another workspace is on screen: nothing attached.
	h.u.show(0)
	h.settle()
	h.u.dropFiles([]fyne.URI{storageURI(file("elsewhere.pdf", 5))})
	h.settle()
	if txt := labelText(topOverlay(t, h)); !strings.Contains(txt, "Open a checklist item") {
		t.Errorf("drop elsewhere: %q", txt)
	}
	tapDialogButton(t, h, "OK")
	if l, _ := h.svc().EvidenceOf(h.ctx, id); len(l) != 3 {
		t.Errorf("%d files after a drop elsewhere, want 3", len(l))
	}
	h.u.show(slices.IndexFunc(h.u.spaces, func(s workspace) bool { return s == workspace(aw) }))
	h.settle()
	selectRef(t, h, aw, "4.2")

	// Past the limit: refused, with the size and the limit.
	p, err := h.svc().Policy(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.EvidenceMaxMB = 1
	if err := h.svc().SetPolicy(h.ctx, p); err != nil {
		t.Fatal(err)
	}
	h.u.dropFiles([]fyne.URI{storageURI(file("video.mp4", 1<<20+1))})
	h.settle()
	if txt := labelText(topOverlay(t, h)); !strings.Contains(txt, "ideo.mp4 is 1048577 bytes, more than the 1048576 bytes") || !strings.Contains(txt, "evidence-size-limit") {
		t.Errorf("size refusal: %q", txt)
	}
}

// storageURI is the file URI of path, as a drop hands it over.
func storageURI(path string) fyne.URI { return fynestorage.NewFileURI(path) }

// Evidence on an open finding, from the findings register's detail: the
// corrective action's proof arrives after the audit.
func TestFindingEvidence(t *testing.T) {
	h, b, f := fxMajorShown(t)
	attach := findButton(f.detBody, "Attach…")
	if attach == nil || attach.Disabled() {
		t.Fatalf("no enabled Attach… on the open major: %v", attach)
	}
	h.u.xl.openFile = func(title string, then func(io.ReadCloser, string)) {
		then(io.NopCloser(strings.NewReader("bias assessment of model 4.2")), "bias-assessment.pdf")
	}
	test.Tap(attach)
	fxSettle(h)
	list, err := h.svc().EvidenceOf(h.ctx, f.det.x.AuditID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].FindingID != b.acmeMajor || list[0].FileName != "bias-assessment.pdf" || list[0].Size != 28 {
		t.Fatalf("stored evidence %+v", list)
	}
	if txt := labelText(f.ev.files); !strings.Contains(txt, "bias-assessment.pdf · 28 bytes") {
		t.Errorf("the finding's evidence list: %q", txt)
	}
	// A finding that needs nothing, of a closed audit, takes none.
	test.Tap(f.openOnly) // all findings, not only the open ones
	fxSettle(h)
	var done certification.ID
	for _, x := range f.all {
		if x.Status == certification.FindingNoAction {
			done = x.ID
		}
	}
	f.table.Select(widget.TableCellID{Row: fxRowOf(t, f, done), Col: 0})
	fxSettle(h)
	if f.det == nil || f.det.x.ID != done || f.det.a.Status != certification.AuditClosed {
		t.Fatalf("want a done finding of a closed audit shown, got %+v", f.det)
	}
	if !attach.Disabled() {
		t.Error("Attach… enabled on a done finding of a closed audit")
	}
}
