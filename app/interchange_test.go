package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/storage"
)

// ixDoc is an export of 40 demo clients as of the harness's day (made
// once): enough records for several import transactions.
var ixDoc = sync.OnceValues(func() ([]byte, error) {
	src, err := storage.OpenMemory()
	if err != nil {
		return nil, err
	}
	defer src.Close()
	ctx := context.Background()
	if _, err := demo.Generate(ctx, src, demo.Options{Clients: 40, Seed: 11, AsOf: certification.NewDate(2026, 11, 24)}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = exchange.Export(ctx, src, &buf)
	return buf.Bytes(), err
})

func ixDemoDoc(t *testing.T) []byte {
	t.Helper()
	doc, err := ixDoc()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// ixFile writes doc to a file in a temporary folder and opens it.
func ixFile(t *testing.T, name string, doc []byte) *os.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// ixCounts counts the records of each kind in a store.
func ixCounts(t *testing.T, st certification.Store) map[certification.Kind]int {
	t.Helper()
	n := map[certification.Kind]int{}
	err := st.View(context.Background(), func(tx certification.Tx) error {
		for _, k := range certification.Kinds {
			c, err := tx.Count(k)
			if err != nil {
				return err
			}
			n[k] = c
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// ixTopDialog is the text of the dialog on top.
func ixTopDialog(t *testing.T, h *harness) string {
	t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	return strings.Join(fxTexts(top), "\n")
}

func ixEmpty(t *testing.T, st certification.Store) bool {
	t.Helper()
	empty, err := exchange.IsEmpty(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return empty
}

func TestExportJSONImportsElsewhere(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	if _, err := demo.Generate(h.ctx, h.st, demo.Options{Clients: 12, Seed: 3, AsOf: h.u.today()}); err != nil {
		t.Fatal(err)
	}
	cdMenu(t, h, "Export all data (JSON)…") // the menu item exists and opens the file dialog
	if top := h.w.Canvas().Overlays().Top(); top == nil {
		t.Error("the menu item opened no file dialog")
	} else {
		top.Hide()
	}
	path := filepath.Join(t.TempDir(), "certdesk-2026-11-24.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	h.u.exportJSON(f)
	if h.u.xfer == nil || !strings.Contains(h.u.xfer.note.Text, "certdesk-2026-11-24.json") {
		t.Fatal("no progress dialog naming the file")
	}
	h.capture("export-progress")
	h.settle()
	if h.u.xfer != nil {
		t.Error("the progress dialog is still open")
	}
	if text := ixTopDialog(t, h); !strings.Contains(text, "Export finished") || !strings.Contains(text, "certdesk-2026-11-24.json") {
		t.Errorf("after the export: %q", text)
	}
	h.capture("export-finished")

	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(doc) {
		t.Fatal("the export is not valid JSON")
	}
	fresh, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := exchange.Import(context.Background(), fresh, bytes.NewReader(doc), certification.Actor{Name: "test"}); err != nil {
		t.Fatalf("the export does not import: %v", err)
	}
	want, got := ixCounts(t, h.st), ixCounts(t, fresh)
	for _, k := range certification.Kinds {
		// The policy in force is exported (the defaults if none was set).
		if k != certification.KindPolicy && want[k] != got[k] {
			t.Errorf("%s: %d exported, %d imported", k, want[k], got[k])
		}
	}
	if want[certification.KindClient] != 12 || want[certification.KindAudit] == 0 {
		t.Errorf("source counts %v", want)
	}
}

func TestExportJSONCancelled(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	if _, err := demo.Generate(h.ctx, h.st, demo.Options{Clients: 3, Seed: 3, AsOf: h.u.today()}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// Cancel before the export has read anything: the context is
	// cancelled when it starts its snapshot.
	h.u.store = &ixGated{Store: h.st, view: make(chan struct{})}
	h.u.exportJSON(f)
	test.Tap(h.u.xfer.cancelBtn)
	close(h.u.store.(*ixGated).view)
	h.settle()
	if text := ixTopDialog(t, h); !strings.Contains(text, "Export cancelled") {
		t.Errorf("after cancelling: %q", text)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the unfinished file is still there (%v)", err)
	}
}

func TestImportJSONShowsTheData(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	doc := ixDemoDoc(t)
	b, err := exchange.Decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	c := h.showSpace("Clients").(*clients)
	if len(c.shown) != 0 {
		t.Fatalf("%d clients before the import", len(c.shown))
	}
	h.u.importJSON(ixFile(t, "register.json", doc))
	h.capture("import-progress")
	h.settle()
	if text := ixTopDialog(t, h); !strings.Contains(text, "Import finished") || !strings.Contains(text, "register.json") {
		t.Errorf("after the import: %q", text)
	}
	h.capture("import-finished")
	if len(c.shown) != len(b.Clients) || len(c.shown) != 40 {
		t.Errorf("Clients lists %d clients, the file has %d", len(c.shown), len(b.Clients))
	}
	n := ixCounts(t, h.st)
	if n[certification.KindAudit] != len(b.Audits) || n[certification.KindFinding] != len(b.Findings) || n[certification.KindDecision] != len(b.Decisions) {
		t.Errorf("stored %v; the file has %d audits, %d findings, %d decisions", n, len(b.Audits), len(b.Findings), len(b.Decisions))
	}
	// Other workspaces show it when next opened.
	h.showSpace("Dashboard")
	// A second import is refused before a file is asked for.
	cdMenu(t, h, "Import data (JSON)…")
	if text := ixTopDialog(t, h); !strings.Contains(text, "Import needs an empty data folder") || !strings.Contains(text, "certctl import") {
		t.Errorf("import into a full folder: %q", text)
	}
	h.capture("import-not-empty")
}

func TestImportJSONRefusesABadFile(t *testing.T) {
	good := ixDemoDoc(t)
	// A grant whose audit's major finding was never verified.
	b, err := exchange.Decode(good)
	if err != nil {
		t.Fatal(err)
	}
	for i := range b.Findings {
		if x := &b.Findings[i]; x.Grade == certification.Major && x.Verification != nil {
			x.Verification = nil
			break
		}
	}
	unverified, err := exchange.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		doc  []byte
		want string
	}{
		{"unknown-field", bytes.Replace(good, []byte(`"legal_name"`), []byte(`"legal_nmae"`), 1), "clients[0] (id 1): legal_nmae: unknown field"},
		{"unverified-major", unverified, "refused by rule no-decision-with-unverified-major"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, "2026-11-24")
			h.u.importJSON(ixFile(t, tc.name+".json", tc.doc))
			h.settle()
			refusal := refusalList(h)
			if refusal == nil {
				t.Fatalf("no refusal shown: %q", ixTopDialog(t, h))
			}
			text := ixTopDialog(t, h)
			for _, want := range []string{"Import refused", tc.name + ".json", "nothing was loaded", "still empty"} {
				if !strings.Contains(text, want) {
					t.Errorf("refusal lacks %q:\n%s", want, text)
				}
			}
			if !strings.Contains(refusal.Text, tc.want) {
				t.Errorf("problems lack %q:\n%s", tc.want, refusal.Text)
			}
			if !refusal.Selectable {
				t.Error("the problems cannot be selected")
			}
			h.capture("import-refused-" + tc.name)
			if !ixEmpty(t, h.st) {
				t.Error("a refused import wrote records")
			}
		})
	}
}

// ixGated passes a store through; it holds View until view is closed
// (if set), and after the first Update signals first and waits for
// release (if set).
type ixGated struct {
	Store
	view    chan struct{}
	first   chan struct{}
	release chan struct{}
	once    sync.Once
}

func (g *ixGated) View(ctx context.Context, fn func(certification.Tx) error) error {
	if g.view != nil {
		<-g.view
	}
	return g.Store.View(ctx, fn)
}

func (g *ixGated) Update(ctx context.Context, e certification.JournalEntry, fn func(certification.Tx) error) error {
	err := g.Store.Update(ctx, e, fn)
	if err == nil && g.first != nil {
		g.once.Do(func() {
			close(g.first)
			<-g.release
		})
	}
	return err
}

func TestImportJSONCancelledLeavesTheFolderEmpty(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	g := &ixGated{Store: h.st, first: make(chan struct{}), release: make(chan struct{})}
	h.u.store = g
	h.u.importJSON(ixFile(t, "register.json", ixDemoDoc(t)))
	<-g.first // the first part is written
	if ixEmpty(t, h.st) {
		t.Fatal("nothing written yet")
	}
	test.Tap(h.u.xfer.cancelBtn)
	if !h.u.xfer.cancelBtn.Disabled() || !strings.Contains(h.u.xfer.note.Text, "Cancelling") {
		t.Error("Cancel does not say it is cancelling")
	}
	h.capture("import-cancelling")
	close(g.release)
	h.settle()
	if text := ixTopDialog(t, h); !strings.Contains(text, "Import cancelled") {
		t.Errorf("after cancelling: %q", text)
	}
	if !ixEmpty(t, h.st) {
		t.Errorf("a cancelled import left records: %v", ixCounts(t, h.st))
	}
	// The folder takes the file afterwards.
	h.u.escape()
	h.u.importJSON(ixFile(t, "register.json", ixDemoDoc(t)))
	h.settle()
	if text := ixTopDialog(t, h); !strings.Contains(text, "Import finished") {
		t.Errorf("import after a cancelled one: %q", text)
	}
}

// refusalList is the problem list of the Import refused dialog (the label
// its scroll shows), nil when that dialog is not open.
func refusalList(h *harness) *widget.Label {
	d := dialogTitled(h, "Import refused: nothing was loaded")
	if d == nil {
		return nil
	}
	for _, s := range findAll[*container.Scroll](d, nil) {
		if l, ok := s.Content.(*widget.Label); ok {
			return l
		}
	}
	return nil
}
