package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"certdesk/certification"
)

// The item's detail scrolls down to its evidence box: the scroll's
// content is as tall as what it holds once the interviews and the
// evidence list (both word-wrapped, loaded after the item) are in.
func TestChecklistDetailScrollsToItsEvidence(t *testing.T) {
	h, aw, id := lvOpenVireo(t)
	h.w.Resize(fyne.NewSize(1366, 768))
	h.settle()
	svc := h.svc()
	if _, err := svc.AttachEvidence(h.ctx, certification.Evidence{AuditID: id, Ref: "4.1", FileName: "context-analysis.pdf",
		Caption: "The context analysis as presented by the quality manager, with the list of interested parties and their requirements"}, []byte("%PDF-1.4")); err != nil {
		t.Fatal(err)
	}
	selectRef(t, h, aw, "4.2")
	selectRef(t, h, aw, "4.1")
	h.settle()
	c := aw.cl
	drv := fyne.CurrentApp().Driver()
	content := c.dScroll.Content
	bottom := func(o fyne.CanvasObject) float32 { return drv.AbsolutePositionForObject(o).Y + o.Size().Height }
	if got, want := content.Size().Height, content.MinSize().Height; got < want {
		t.Errorf("the detail's content is %.0f tall, less than the %.0f it needs", got, want)
	}
	if eb, cb := bottom(c.ev.box), bottom(content); eb > cb+1 {
		t.Errorf("the evidence box ends at %.0f, below the end of the scroll's content (%.0f): it cannot be scrolled to", eb, cb)
	}
}
