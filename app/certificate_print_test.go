package app

import (
	"bytes"
	"certdesk/certification/document"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// topTexts is the text of the labels of the dialog on top.
func topTexts(h *harness) string {
	var texts []string
	if top := h.w.Canvas().Overlays().Top(); top != nil {
		fxWalk(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				texts = append(texts, l.Text)
			}
		})
	}
	return strings.Join(texts, " ")
}

// printWorld is the fixture body on the Certificates workspace with
// Nordlicht's certificate selected, the file dialogs choosing in a
// temporary folder.
func printWorld(t *testing.T) (*harness, *fxBody, *xlWorld, *certificatesSpace) {
	t.Helper()
	h := fxHarness(t)
	b := newFxBody(h)
	w := xlSeams(h)
	c := fxShow(h, "Certificates").(*certificatesSpace)
	c.table.Select(widget.TableCellID{Row: fxCertRow(t, c, b.nordCert), Col: 0})
	fxSettle(h)
	return h, b, w, c
}

// lastJournalEntry is the store's latest journal entry.
func lastJournalEntry(h *harness) certification.JournalEntry {
	h.t.Helper()
	var last certification.JournalEntry
	if err := h.st.Journal(h.ctx, 1, func(e certification.JournalEntry) error { last = e; return nil }); err != nil {
		h.t.Fatal(err)
	}
	return last
}

// Print certificate… writes the selected certificate's PDF where the save
// dialog says and records its SHA-256 in the journal in the name of the
// person working; nobody working: it says who must be chosen, and writes
// and records nothing.
func TestPrintCertificate(t *testing.T) {
	h, b, w, c := printWorld(t)
	number, rev := c.sel.Number, c.sel.Revision
	before := lastJournalEntry(h)

	test.Tap(c.print)
	fxSettle(h)
	if got := topTexts(h); !strings.Contains(got, "Settings › People") {
		t.Fatalf("nobody working: no message saying who must be chosen: %q", got)
	}
	if len(w.asked) != 0 || lastJournalEntry(h).Seq != before.Seq {
		t.Fatalf("nobody working: asked %v, journal moved to %d", w.asked, lastJournalEntry(h).Seq)
	}
	h.u.escape()

	h.u.setActor(certification.Person{ID: b.sam, Name: "Sam Schmidt"})
	fxSettle(h)
	test.Tap(c.print)
	fxSettle(h)
	want := document.CertificateFileName(number, rev)
	if len(w.asked) != 1 || w.asked[0] != want || !strings.HasSuffix(want, "-rev1.pdf") {
		t.Fatalf("save dialog offered %v, want %s", w.asked, want)
	}
	content, err := os.ReadFile(filepath.Join(w.dir, want))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(content, []byte("%PDF")) {
		t.Fatalf("%s starts %q", want, content[:min(len(content), 8)])
	}
	sum := certification.ContentHash(content)
	last := lastJournalEntry(h)
	if last.Command != "issue-document" || !strings.Contains(string(last.Args), sum) || last.Actor.Name != "Sam Schmidt" {
		t.Fatalf("last journal entry %s by %s, args %s; want issue-document of %s by Sam Schmidt", last.Command, last.Actor.Name, last.Args, sum)
	}
	if got := topTexts(h); !strings.Contains(got, sum) || !strings.Contains(got, w.dir) {
		t.Fatalf("done dialog does not say where the file went and its SHA-256: %q", got)
	}
	h.u.escape()

	// The same revision again the same day: the same file, recorded once.
	test.Tap(c.print)
	fxSettle(h)
	if again := lastJournalEntry(h); again.Seq != last.Seq {
		t.Errorf("printing again made journal entry %d (%s)", again.Seq, again.Command)
	}
	if got := topTexts(h); !strings.Contains(got, "the same file as written on") {
		t.Errorf("printing again: %q", got)
	}
	if files := w.files(); len(files) != 1 {
		t.Errorf("folder holds %v", files)
	}
}
