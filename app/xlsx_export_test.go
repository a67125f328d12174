package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/document"
	"certdesk/certification/view"
	"certdesk/storage/xlsx"
)

// xlWorld is the app on demo data (40 clients) with the file dialogs
// replaced by choices in a temporary folder: a save goes to dir under
// the name the app offers, a folder choice is dir.
type xlWorld struct {
	t     *testing.T
	h     *harness
	svc   *certification.Service
	dir   string
	asked []string // the file names offered by the save dialogs
}

func newXLWorld(t *testing.T) *xlWorld {
	t.Helper()
	h := newHarness(t, "2026-11-24")
	if _, err := demo.Generate(h.ctx, h.st, demo.Options{Clients: 40, Seed: 1, AsOf: h.u.today()}); err != nil {
		t.Fatal(err)
	}
	return xlSeams(h)
}

// xlSeams replaces the harness's file dialogs by choices in a
// temporary folder.
func xlSeams(h *harness) *xlWorld {
	t := h.t
	w := &xlWorld{t: t, h: h, svc: h.svc(), dir: t.TempDir()}
	h.u.xl.saveAs = func(title, name string, then func(string)) {
		w.asked = append(w.asked, name)
		then(filepath.Join(w.dir, name))
	}
	h.u.xl.chooseFolder = func(title string, then func(string)) { then(w.dir) }
	return w
}

// open opens a written workbook with excelize.
func (w *xlWorld) open(name string) *excelize.File {
	w.t.Helper()
	f, err := excelize.OpenFile(filepath.Join(w.dir, name))
	if err != nil {
		w.t.Fatalf("open %s: %v", name, err)
	}
	w.t.Cleanup(func() { f.Close() })
	return f
}

// files lists the folder (temporary files included).
func (w *xlWorld) files() []string {
	w.t.Helper()
	es, err := os.ReadDir(w.dir)
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// lastAsked is the file name the last save dialog offered.
func (w *xlWorld) lastAsked() string {
	w.t.Helper()
	if len(w.asked) == 0 {
		w.t.Fatal("no save dialog was asked for")
	}
	return w.asked[len(w.asked)-1]
}

// sheets checks a workbook's sheets in order.
func xlSheets(t *testing.T, f *excelize.File, want ...string) {
	t.Helper()
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
}

// xlTableRows is the number of data rows of the one table on a sheet.
func xlTableRows(t *testing.T, f *excelize.File, sheet string) int {
	t.Helper()
	tables, err := f.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 {
		t.Fatalf("%d tables on %s, want 1", len(tables), sheet)
	}
	m := regexp.MustCompile(`^[A-Z]+(\d+):[A-Z]+(\d+)$`).FindStringSubmatch(tables[0].Range)
	if m == nil {
		t.Fatalf("table range %q", tables[0].Range)
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	return b - a
}

// xlMenuItem finds an item of the main menu by label.
func xlMenuItem(t *testing.T, h *harness, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range h.w.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no item %q in the %s menu", label, menu)
	return nil
}

// xlChoose selects a workbook in the open chooser by the start of its title.
func xlChoose(t *testing.T, c *chooserShown, prefix string) {
	t.Helper()
	for _, o := range c.kind.Options {
		if strings.HasPrefix(o, prefix) {
			c.kind.SetSelected(o)
			return
		}
	}
	t.Fatalf("the chooser offers no %q: %q", prefix, c.kind.Options)
}

// chooserShown is the Export to Excel dialog as the test reads it from the
// canvas: the workbook choice, the as-of date and the two unlabelled lines
// under them (the help, then the note when there is one).
type chooserShown struct {
	kind       *widget.RadioGroup
	asOf       *entry
	help, note *widget.Label
}

// xlChooserShown reads the open Export to Excel dialog; nil when none.
func xlChooserShown(t *testing.T, h *harness) *chooserShown {
	t.Helper()
	d := dialogTitled(h, "Export to Excel")
	if d == nil {
		return nil
	}
	c := &chooserShown{kind: formItem[*widget.RadioGroup](t, d, "Workbook"), asOf: formItem[*entry](t, d, "As of"), note: widget.NewLabel("")}
	var lines []*widget.Label
	for _, f := range findAll[*widget.Form](d, nil) {
		for _, it := range f.Items {
			if l, ok := it.Widget.(*widget.Label); ok && it.Text == "" {
				lines = append(lines, l)
			}
		}
	}
	if len(lines) == 0 {
		t.Fatal("the chooser shows no help")
	}
	c.help = lines[0]
	if len(lines) > 1 {
		c.note = lines[1]
	}
	return c
}

// xlDoneMessage is the message of the export-finished dialog on top (its
// first wrapped label); nil when no dialog is open.
func xlDoneMessage(h *harness) *widget.Label {
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	if ls := findAll(top, func(l *widget.Label) bool { return l.Wrapping == fyne.TextWrapWord && !l.TextStyle.Bold }); len(ls) > 0 {
		return ls[0]
	}
	return nil
}

func TestXLSXCtrlEOpensTheChooser(t *testing.T) {
	w := newXLWorld(t)
	h := w.h
	// Ctrl+E is the Export menu's first item.
	var ctrlE *fyne.MenuItem
	for _, m := range h.w.MainMenu().Items {
		for _, it := range m.Items {
			if s, ok := it.Shortcut.(*desktop.CustomShortcut); ok && s.KeyName == fyne.KeyE && s.Modifier == fyne.KeyModifierShortcutDefault {
				if m.Label != "Export" {
					t.Errorf("Ctrl+E is in the %s menu", m.Label)
				}
				ctrlE = it
			}
		}
	}
	if ctrlE == nil || ctrlE.Label != "Export to Excel…" {
		t.Fatalf("Ctrl+E is %v, want Export to Excel…", ctrlE)
	}
	ctrlE.Action()
	h.settle()
	c := xlChooserShown(t, h)
	if c == nil || len(h.u.dialogs) == 0 {
		t.Fatal("Ctrl+E opened no chooser")
	}
	want := []string{"Audit programme register", "Findings register", "Certificate register", "Complaints and appeals register", "IAF CertSearch upload"}
	if !slices.Equal(c.kind.Options, want) {
		t.Errorf("with no audit open the chooser offers %q, want %q", c.kind.Options, want)
	}
	if c.asOf.Text != "2026-11-24" {
		t.Errorf("as of %q, want today", c.asOf.Text)
	}
	if !strings.Contains(c.note.Text, "open the audit in the Audit workspace") {
		t.Errorf("note %q does not say how to export an audit", c.note.Text)
	}
	// Escape closes it.
	h.u.escape()
	if len(h.u.dialogs) != 0 {
		t.Error("Escape left the chooser open")
	}
	// The audit items of the Export menu wait for an open audit.
	if !xlMenuItem(t, h, "Export", "Audit plan of the open audit…").Disabled {
		t.Error("the audit plan item is enabled with no audit open")
	}
}

func TestXLSXCertSearchIntoAFolder(t *testing.T) {
	w := newXLWorld(t)
	h := w.h
	// A larger earlier upload left a second file: it goes.
	if err := os.WriteFile(filepath.Join(w.dir, "cb_certs_2.xlsx"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	cdMenu(t, h, "IAF CertSearch upload…")
	if got := w.files(); !slices.Equal(got, []string{"cb_certs_1.xlsx"}) {
		t.Fatalf("folder holds %q, want cb_certs_1.xlsx alone", got)
	}
	f := w.open("cb_certs_1.xlsx")
	xlSheets(t, f, "Certified Entity", "Certification", "Certification Sites", "Certification Standard & Scheme", "Certification Sector")
	data, err := document.NewCertSearch(h.ctx, w.svc, h.u.today())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Certification")
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Certificates) == 0 || len(rows) != len(data.Certificates)+1 {
		t.Errorf("Certification sheet has %d rows, want %d certificates and the header", len(rows), len(data.Certificates))
	}
	if txt := xlDoneMessage(h).Text; !strings.Contains(txt, "Removed cb_certs_2.xlsx") || !strings.Contains(txt, fmt.Sprintf("%d certificates", len(data.Certificates))) {
		t.Errorf("report %q", txt)
	}
}

// xlOpenAuditWithFindings opens, in the Audit workspace, an audit of the
// demo data with findings the client still answers, and returns it.
func xlOpenAuditWithFindings(w *xlWorld) *auditWS {
	w.t.Helper()
	rows, err := view.FindingRows(w.h.ctx, w.svc, w.h.u.today(), true)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, r := range rows {
		if r.Grade.IsNC() && r.Status == certification.FindingAwaitingResponse {
			w.h.u.goTo("Audit workspace", recordRef{certification.KindAudit, r.AuditID})
			w.h.settle()
			aw := w.h.u.openAudit()
			if aw == nil || aw.audit.ID != r.AuditID {
				w.t.Fatalf("audit %d did not open", r.AuditID)
			}
			return aw
		}
	}
	w.t.Fatal("no finding awaiting a response in the demo data")
	return nil
}

func TestXLSXAuditPlanAndReport(t *testing.T) {
	w := newXLWorld(t)
	h := w.h
	aw := xlOpenAuditWithFindings(w)
	plan := xlMenuItem(t, h, "Export", "Audit plan of the open audit…")
	report := xlMenuItem(t, h, "Export", "Audit report of the open audit…")
	if plan.Disabled || report.Disabled {
		t.Fatal("the audit items of the Export menu stay disabled with an audit open")
	}
	// The chooser offers them too, named by the audit.
	cdMenu(t, h, "Export to Excel…")
	c := xlChooserShown(t, h)
	xlChoose(t, c, "Audit plan — "+aw.file.Client.DisplayName())
	if !c.asOf.Disabled() {
		t.Error("the as-of date is enabled for an audit plan")
	}
	xlChoose(t, c, "Findings register")
	fxCapture(h, "export-chooser")
	h.u.escape()

	plan.Action()
	h.settle()
	name := w.lastAsked()
	if !strings.HasPrefix(name, "audit-plan-") || !strings.HasSuffix(name, aw.audit.Start().String()+".xlsx") {
		t.Errorf("plan file name %q", name)
	}
	xlSheets(t, w.open(name), xlsx.PlanCoverSheet, xlsx.PlanTimetableSheet, xlsx.PlanTeamSheet)
	h.u.escape()

	report.Action()
	h.settle()
	f := w.open(w.lastAsked())
	xlSheets(t, f, xlsx.ReportCoverSheet, xlsx.ReportChecklist, xlsx.ReportFindings, xlsx.ReportEvidence)
	if n := xlTableRows(t, f, xlsx.ReportFindings); n == 0 {
		t.Error("the report lists no findings")
	}
	h.u.escape()

	// The workspace's header has the Export button; its menu pops up.
	b := cdButton(t, aw.titleRow, "Export…")
	test.Tap(b)
	if h.w.Canvas().Overlays().Top() == nil {
		t.Error("the Export button showed no menu")
	}
	h.w.Canvas().Overlays().Top().Hide()

	// Back to the picker: the menu items are disabled again.
	aw.closeAudit()
	h.settle()
	if !plan.Disabled {
		t.Error("the audit plan item stays enabled with no audit open")
	}
}

// xlClientWithAnswers is the demo client with the most findings awaiting
// a response.
func xlClientWithAnswers(w *xlWorld) certification.ID {
	w.t.Helper()
	rows, err := view.FindingRows(w.h.ctx, w.svc, w.h.u.today(), true)
	if err != nil {
		w.t.Fatal(err)
	}
	n := map[certification.ID]int{}
	best := certification.ID(0)
	for _, r := range rows {
		if r.Grade.IsNC() && r.Status == certification.FindingAwaitingResponse {
			if _, err := document.NewResponseForm(w.h.ctx, w.svc, r.ClientID, 0, w.h.u.today()); err != nil {
				continue
			}
			n[r.ClientID]++
			if best == 0 || n[r.ClientID] > n[best] {
				best = r.ClientID
			}
		}
	}
	if best == 0 {
		w.t.Fatal("no client with findings awaiting a response in the demo data")
	}
	return best
}

// xlClientPage opens a client's page.
func xlClientPage(w *xlWorld, id certification.ID) *clientPage {
	w.t.Helper()
	c := fxShow(w.h, "Clients").(*clients)
	c.openClient(id)
	w.h.settle()
	if c.page == nil || c.page.view == nil {
		w.t.Fatalf("client %d's page did not open", id)
	}
	return c.page
}

func TestXLSXDecisionAndAuditTimeFromTheClientPage(t *testing.T) {
	w := newXLWorld(t)
	h := w.h
	// A client with a decision on record.
	clients, err := view.ClientRows(h.ctx, w.svc, h.u.today())
	if err != nil {
		t.Fatal(err)
	}
	var p *clientPage
	for _, cr := range clients {
		v, err := view.Client(h.ctx, w.svc, cr.ID, h.u.today())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range v.Files {
			if len(f.Decisions) > 0 {
				p = xlClientPage(w, cr.ID)
				break
			}
		}
		if p != nil {
			break
		}
	}
	if p == nil {
		t.Fatal("no decision in the demo data")
	}
	p.scroll.ScrollToOffset(fyne.NewPos(0, 420))
	fxCapture(h, "client-page-exports")
	fxTap(h, cdButton(t, p.root, "Record"))
	name := w.lastAsked()
	if !strings.HasPrefix(name, "decision-") {
		t.Errorf("decision file %q", name)
	}
	xlSheets(t, w.open(name), xlsx.DecisionSheetName)
	h.u.escape()

	// The audit time calculator exports its justification.
	test.Tap(p.auditTime)
	h.settle()
	calc := partOnTop[*audittimeCalc](t, h, "audit time calculator")
	if calc == nil || calc.excel.Disabled() {
		t.Fatal("the calculator's Export to Excel… is not available")
	}
	fxCapture(h, "audit-time-export")
	fxTap(h, calc.excel)
	name = w.lastAsked()
	if !strings.HasPrefix(name, "audit-time-") || !strings.HasSuffix(name, "-2026-11-24.xlsx") {
		t.Errorf("audit time file %q", name)
	}
	f := w.open(name)
	xlSheets(t, f, xlsx.AuditTimeSheetName)
	if props, err := f.GetDocProps(); err != nil || props.Creator == "" {
		t.Errorf("document properties %+v, %v: the body is not named", props, err)
	}
}

// slowBooks are the real workbooks with writers that stop part-way and
// wait to be cancelled, so that a test can look at the progress dialog
// and press Cancel while an export runs.
type slowBooks struct {
	xlsx.Workbooks
	started chan struct{}
}

func (s slowBooks) FindingsRegister(ctx context.Context, w io.Writer, r *document.FindingsRegister, progress func(done, total int)) error {
	progress(len(r.Rows)*2/5, len(r.Rows))
	w.Write([]byte("PK\x03\x04 the first part of a workbook"))
	close(s.started)
	<-ctx.Done()
	return ctx.Err()
}

func (s slowBooks) WriteCertSearchFiles(ctx context.Context, d *document.CertSearchData, save func(string, func(io.Writer) error) error, progress func(done, total int)) ([]string, error) {
	// The first file is written in full, then the export is cancelled.
	if err := save(document.CertSearchFileName(1), func(w io.Writer) error {
		return s.Workbooks.WriteCertSearch(ctx, w, d, progress)
	}); err != nil {
		return nil, err
	}
	close(s.started)
	<-ctx.Done()
	return nil, ctx.Err()
}

// xlRunHeld runs the UI updates background work has posted so far,
// without waiting for the work to finish (settle would).
func xlRunHeld(h *harness) {
	b := h.u.bg
	b.mu.Lock()
	held := b.held
	b.held = nil
	b.mu.Unlock()
	for _, fn := range held {
		fn()
	}
}

func TestXLSXCancelLeavesNoFile(t *testing.T) {
	w := newXLWorld(t)
	h := w.h
	slow := slowBooks{started: make(chan struct{})}
	h.u.books = slow
	// A file of that name is already there: Cancel leaves it as it was.
	path := filepath.Join(w.dir, "findings-register-2026-11-24.xlsx")
	if err := os.WriteFile(path, []byte("last month's register"), 0o644); err != nil {
		t.Fatal(err)
	}
	fxShow(h, "Findings")
	xlMenuItem(t, h, "Export", "Findings register…").Action() // no settle: the writer waits
	<-slow.started
	xlRunHeld(h)
	x := h.u.xfer
	if x == nil {
		t.Fatal("no progress dialog")
	}
	if x.bar.Hidden || !x.busy.Hidden {
		t.Error("the progress bar is not determinate once the writer reports")
	}
	if x.bar.Value == 0 || x.bar.Value >= x.bar.Max {
		t.Errorf("progress %v of %v", x.bar.Value, x.bar.Max)
	}
	if !strings.Contains(x.note.Text, "findings") || !strings.Contains(x.bar.TextFormatter(), " of ") {
		t.Errorf("progress says %q, %q", x.note.Text, x.bar.TextFormatter())
	}
	fxCapture(h, "export-progress")

	test.Tap(x.cancelBtn)
	if !x.cancelBtn.Disabled() || !strings.HasPrefix(x.note.Text, "Cancelling") {
		t.Error("Cancel did not say it is cancelling")
	}
	h.settle()
	if h.u.xfer != nil {
		t.Error("the progress dialog stayed open")
	}
	if got := w.files(); !slices.Equal(got, []string{filepath.Base(path)}) {
		t.Errorf("after Cancel the folder holds %q, want only the earlier file", got)
	}
	if b, _ := os.ReadFile(path); string(b) != "last month's register" {
		t.Errorf("the earlier file now holds %q", b)
	}
	if texts := strings.Join(fxTexts(h.w.Canvas().Overlays().Top()), "\n"); !strings.Contains(texts, "was cancelled") {
		t.Errorf("no word of the cancel: %q", texts)
	}
	h.u.escape()

	// The CertSearch upload: a first file complete, then Cancel: none stays.
	slow.started = make(chan struct{})
	h.u.books = slow
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	xlMenuItem(t, h, "Export", "IAF CertSearch upload…").Action()
	<-slow.started
	xlRunHeld(h)
	test.Tap(h.u.xfer.cancelBtn)
	h.settle()
	if got := w.files(); len(got) != 0 {
		t.Errorf("after Cancel the folder holds %q, want nothing", got)
	}
}
