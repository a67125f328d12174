package app

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"certdesk/certification"
)

// Settings › Standards lists the standards the body certifies; Add from
// file… reads a catalogue, the form names it and the body certifies it
// from then on (the certification form offers it). A catalogue that
// drops lines of the one added is refused with the domain's message and
// the form comes back with what was chosen.
func TestSettingsStandardsAddFromFile(t *testing.T) {
	h := fxHarness(t)
	newFxBody(h)
	s := fxShow(h, "Settings").(*settingsSpace)
	workAs(t, h, s, "dora")
	s.tabs.SelectIndex(3)
	p := s.stds
	if len(p.rows) != 3 || p.rows[0].name != certification.ISO42001 {
		t.Fatalf("before adding, the pane lists %d standards", len(p.rows))
	}
	example := filepath.Join("..", "assets", "examples", "iso14001-2015.tsv")
	file := example
	h.u.xl.openFile = func(_ string, then func(io.ReadCloser, string)) {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		then(f, filepath.Base(file))
	}
	fxTap(h, fxButton(t, h.w, "Add from file…"))
	form := h.w.Canvas().Overlays().Top()
	if form == nil || !strings.Contains(strings.Join(fxTexts(form), "|"), "45 clauses and 0 controls from iso14001-2015.tsv") {
		t.Fatalf("the form does not say what the file holds: %q", fxTexts(form))
	}
	name := fxNameEntry(t, h)
	add := fxButton(t, h.w, "Add")
	if !add.Disabled() {
		t.Error("Add enabled before the standard is named (a TSV file does not name it)")
	}
	name.SetText("ISO 14001")
	if name.Validate() == nil {
		t.Error("a name without its edition accepted")
	}
	name.SetText("ISO 14001:2015")
	fxCapture(h, "settings-standards-add")
	fxTap(h, add)
	if len(p.rows) != 4 || p.rows[3].name != "ISO 14001:2015" || p.rows[3].added == nil || p.rows[3].clauses != 45 {
		t.Fatalf("after adding, rows %+v", p.rows)
	}
	p.choose(3)
	if !strings.Contains(p.title.Text, "45 lines") || p.itemText(1) != "4.1  Understanding the organization and its context" {
		t.Errorf("catalogue shown: %q, %q", p.title.Text, p.itemText(1))
	}
	fxCapture(h, "settings-standards")

	// The same standard from a file that leaves lines out is refused.
	b, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	file = filepath.Join(t.TempDir(), "short.tsv")
	if err := os.WriteFile(file, []byte(strings.Join(lines[:12], "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	fxTap(h, fxButton(t, h.w, "Add from file…"))
	fxNameEntry(t, h).SetText("ISO 14001:2015")
	fxTap(h, fxButton(t, h.w, "Add"))
	shown := strings.Join(fxTexts(h.w.Canvas().Overlays().Top()), " ")
	if !strings.Contains(shown, "leaves out") || !strings.Contains(shown, "10.3") {
		t.Errorf("the refusal shown: %q", shown)
	}
	if len(p.rows) != 4 || p.rows[3].clauses != 45 {
		t.Errorf("the refused catalogue changed the list: %+v", p.rows[3])
	}
}

// fxNameEntry is the Name entry of the open Add a standard form.
func fxNameEntry(t *testing.T, h *harness) *entry {
	t.Helper()
	var found *entry
	for _, o := range h.w.Canvas().Overlays().List() {
		fxWalk(o, func(o fyne.CanvasObject) {
			if e, ok := o.(*entry); ok && e.PlaceHolder == "ISO 14001:2015" {
				found = e
			}
		})
	}
	if found == nil {
		t.Fatal("no Name entry in the Add a standard form")
	}
	return found
}
