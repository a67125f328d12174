package app

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

// xlPopupTap taps the item of the pop-up menu on top of the window.
func xlPopupTap(t *testing.T, h *harness, label string) {
	t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no pop-up menu")
	}
	var item fyne.Tappable
	fxWalk(top, func(o fyne.CanvasObject) {
		var m *widget.Menu
		switch x := o.(type) {
		case *widget.Menu:
			m = x
		case *widget.PopUpMenu:
			m = x.Menu
		default:
			return
		}
		for _, it := range m.Items {
			fxWalk(it, func(o fyne.CanvasObject) {
				if tx, ok := o.(*canvas.Text); ok && tx.Text == label {
					item, _ = it.(fyne.Tappable)
				}
			})
		}
	})
	if item == nil {
		t.Fatalf("no item %q in the pop-up menu", label)
	}
	test.Tap(item)
	h.settle()
}

// xlFormRows maps the finding IDs of a response form's Findings sheet
// to their sheet rows.
func xlFormRows(t *testing.T, f *excelize.File) map[certification.ID]int {
	t.Helper()
	out := map[certification.ID]int{}
	for r := 6; ; r++ {
		v, err := f.GetCellValue("Findings", "A"+strconv.Itoa(r))
		if err != nil {
			t.Fatal(err)
		}
		if v == "" {
			return out
		}
		id, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("Findings!A%d holds %q", r, v)
		}
		out[certification.ID(id)] = r
	}
}

// xlFill edits a written form as the client would and saves it as name.
func (w *xlWorld) fill(form, name string, edit func(f *excelize.File, rows map[certification.ID]int)) string {
	w.t.Helper()
	f, err := excelize.OpenFile(filepath.Join(w.dir, form))
	if err != nil {
		w.t.Fatal(err)
	}
	defer f.Close()
	edit(f, xlFormRows(w.t, f))
	path := filepath.Join(w.dir, name)
	if err := f.SaveAs(path); err != nil {
		w.t.Fatal(err)
	}
	w.h.u.xl.openFile = func(title string, then func(io.ReadCloser, string)) {
		r, err := os.Open(path)
		if err != nil {
			w.t.Fatal(err)
		}
		then(r, name)
	}
	return path
}

// xlAnswer fills the open columns of a row.
func xlAnswer(f *excelize.File, row int, cause string) {
	r := strconv.Itoa(row)
	f.SetCellValue("Findings", "J"+r, cause)
	f.SetCellValue("Findings", "K"+r, "Withdrew the outdated procedure and briefed the team")
	f.SetCellValue("Findings", "L"+r, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	f.SetCellValue("Findings", "M"+r, "Document control now covers every procedure; quarterly check by the QM")
	f.SetCellValue("Findings", "N"+r, "2027-01-31")
	f.SetCellValue("Findings", "O"+r, "Jane Roe, quality manager")
	f.SetCellValue("Findings", "P"+r, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
}

// xlResponseWorld is the findings fixture's body (fxBody) with a second
// certification for Acme whose stage 1 left two minors: Acme then has
// four nonconformities to answer. The 42001 minor gets an answer on
// record (under review) first.
func xlResponseWorld(t *testing.T) (w *xlWorld, b *fxBody, answered, open certification.ID) {
	t.Helper()
	h := fxHarness(t)
	b = newFxBody(h)
	isms := b.id(b.s.AddCertification(h.ctx, certification.Certification{ClientID: b.acme, Standard: certification.ISO27001,
		Scope: "Information security of the credit-scoring platform", Applied: fxDay("2026-09-01")}))
	b.audit(isms, certification.Stage1, "2026-11-09", "2026-11-10", b.lena, b.ada,
		certification.Finding{Grade: certification.Minor, Reference: "5.2", Requirement: "Top management shall establish an information security policy.",
			Evidence: "The information security policy of 2024 is not approved by the current management board."},
		certification.Finding{Grade: certification.Minor, Reference: "7.5", Requirement: "Documented information shall be controlled.",
			Evidence: "Two versions of the access control procedure are in use (v2.1 on the intranet, v2.3 in the ISMS tool)."},
	)
	answered, open = b.acmeMinor, b.acmeMajor
	b.ok(b.s.RecordResponse(h.ctx, answered, certification.Response{RootCause: "Validation criteria were agreed verbally",
		Correction: "Criteria of release 4.2 written down", CorrectiveAction: "Release template asks for the criteria", CorrectionDate: fxDay("2026-10-10"),
		ActionDate: fxDay("2026-12-15"), Received: fxDay("2026-10-12")}))
	h.u.setActor(certification.Person{ID: b.sam, Name: "Sam Schmidt"})
	return xlSeams(h), b, answered, open
}

func TestXLSXResponseRoundTrip(t *testing.T) {
	w, b, answered, open := xlResponseWorld(t)
	h := w.h
	id := b.acme
	p := xlClientPage(w, id)

	// Responses… › Export response form (Excel)…
	test.Tap(p.responses)
	xlPopupTap(t, h, "Export response form (Excel)…")
	form := w.lastAsked()
	if !strings.HasPrefix(form, "responses-") || !strings.HasSuffix(form, "-2026-11-24.xlsx") {
		t.Errorf("response form file %q", form)
	}
	xlSheets(t, w.open(form), "Instructions", "Findings", "Form")
	h.u.escape()

	// The client answers one finding and improves the answer on record.
	w.fill(form, "filled.xlsx", func(f *excelize.File, rows map[certification.ID]int) {
		xlAnswer(f, rows[open], "The procedure was revised without withdrawing the old copy")
		f.SetCellValue("Findings", "J"+strconv.Itoa(rows[answered]), "Validation criteria were agreed verbally in the release meeting, never written down")
	})
	test.Tap(p.responses)
	xlPopupTap(t, h, "Import client responses (Excel)…")
	pv := responsePreviewShown(h)
	if pv == nil {
		t.Fatal("no preview shown")
	}
	if !pv.pv.OK() || pv.problems != nil {
		t.Fatalf("problems in a good form: %v", pv.pv.Problems)
	}
	kinds := map[certification.ID]document.ResponseChangeKind{}
	for _, c := range pv.pv.Changes {
		kinds[c.FindingID] = c.Kind
	}
	if kinds[open] != document.ResponseNew || kinds[answered] != document.ResponseChanged {
		t.Errorf("changes %v: want finding %d new and %d changed", kinds, open, answered)
	}
	unchanged := len(pv.pv.Changes) - 2
	if want := "1 new · 1 changed · " + strconv.Itoa(unchanged) + " unchanged"; pv.summary.Text != want {
		t.Errorf("summary %q, want %q", pv.summary.Text, want)
	}
	if pv.apply.Disabled() || pv.apply.Text != "Apply: record 2 responses" {
		t.Errorf("Apply is %q, disabled %v", pv.apply.Text, pv.apply.Disabled())
	}
	// The table shows each row with its cell; a row selected shows its response.
	texts := strings.Join(fxTexts(pv.table), "\n")
	for _, want := range []string{"Findings!A", "New", "Changed", "root cause"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the preview table does not show %q:\n%s", want, texts)
		}
	}
	for i, c := range pv.pv.Changes {
		if c.FindingID == open {
			pv.table.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
	if !strings.Contains(pv.detail.Text, "The procedure was revised") || !strings.Contains(pv.detail.Text, "Jane Roe") {
		t.Errorf("detail %q", pv.detail.Text)
	}
	fxCapture(h, "responses-preview")

	fxTap(h, pv.apply)
	for _, want := range []struct {
		id    certification.ID
		cause string
	}{{open, "The procedure was revised without withdrawing the old copy"}, {answered, "Validation criteria were agreed verbally in the release meeting, never written down"}} {
		x := fxFinding(t, h, want.id)
		if x.Status() != certification.FindingResponded || x.Response == nil || x.Response.RootCause != want.cause {
			t.Fatalf("finding %d: %s, %+v", want.id, x.Status(), x.Response)
		}
	}
	x := fxFinding(t, h, open)
	if x.Response.ActionDate != certification.NewDate(2027, 1, 31) || x.Response.Received != certification.NewDate(2026, 11, 23) {
		t.Errorf("dates of the response %+v", x.Response)
	}
	if texts := strings.Join(fxTexts(h.w.Canvas().Overlays().Top()), "\n"); !strings.Contains(texts, "2 responses of") {
		t.Errorf("no report of the responses recorded: %q", texts)
	}
}

func TestXLSXResponseProblemsKeepApplyDisabled(t *testing.T) {
	w, b, _, open := xlResponseWorld(t)
	h := w.h
	id := b.acme
	h.u.exportResponseForm(id, 0)
	h.settle()
	form := w.lastAsked()
	h.u.escape()
	var row int
	w.fill(form, "bad.xlsx", func(f *excelize.File, rows map[certification.ID]int) {
		row = rows[open]
		xlAnswer(f, row, "Nobody checked the copies in use")
		r := strconv.Itoa(row)
		f.SetCellValue("Findings", "L"+r, "31/02/2027")                         // no such date
		f.SetCellValue("Findings", "G"+r, "We do not agree with this finding.") // a locked column
		f.SetCellValue("Findings", "M"+r, "")                                   // corrective action left out
	})
	before := fxFinding(t, h, open)

	cdMenu(t, h, "Import client responses (Excel)…")
	pv := responsePreviewShown(h)
	if pv == nil {
		t.Fatal("no preview shown")
	}
	if pv.pv.OK() || pv.problems == nil {
		t.Fatal("a bad form shows no problems")
	}
	r := strconv.Itoa(row)
	for _, want := range []string{"Findings!G" + r + ": ", "Findings!L" + r + ": \"31/02/2027\" is not a date", "Findings!M" + r + ": write the corrective action"} {
		if !strings.Contains(pv.problems.Text, want) {
			t.Errorf("problems do not name %q:\n%s", want, pv.problems.Text)
		}
	}
	if !pv.apply.Disabled() {
		t.Error("Apply is enabled on a form with problems")
	}
	fxCapture(h, "responses-problems")
	test.Tap(pv.apply) // disabled: nothing happens
	h.settle()
	if after := fxFinding(t, h, open); after.Status() != before.Status() || after.Response != nil {
		t.Errorf("a refused form changed finding %d: %s %+v", open, after.Status(), after.Response)
	}

	// A form of another client is refused on that client's page.
	other := b.kestrel
	h.u.escape()
	h.u.importResponsesMenu(other)
	h.settle()
	if responsePreviewShown(h) != nil {
		t.Error("another client's form was previewed")
	}
	if texts := strings.Join(fxTexts(h.w.Canvas().Overlays().Top()), "\n"); !strings.Contains(texts, "not of client "+other.String()) {
		t.Errorf("the refusal does not say whose form it is: %q", texts)
	}
}

// responsePreviewShown is the response preview in an open dialog; nil
// when none is open.
func responsePreviewShown(h *harness) *responsePreview {
	for _, o := range h.w.Canvas().Overlays().List() {
		if ps := findAll[*responsePreview](o, nil); len(ps) > 0 {
			return ps[0]
		}
	}
	return nil
}
