package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// selectRef selects a checklist item by tapping its row in the list.
func selectRef(t *testing.T, h *harness, aw *auditWS, ref string) {
	t.Helper()
	for i, r := range aw.cl.rows {
		if r.item != nil && r.item.Ref == ref {
			aw.cl.list.Select(i)
			h.settle()
			if aw.cl.ref != ref {
				t.Fatalf("selected %q, the detail pane shows %q", ref, aw.cl.ref)
			}
			return
		}
	}
	t.Fatalf("no checklist row %q", ref)
}

// tapAuditAction taps a status action in the audit header.
func tapAuditAction(t *testing.T, h *harness, aw *auditWS, text string) {
	t.Helper()
	b := findButton(aw.actions, text)
	if b == nil {
		t.Fatalf("no action %q in the header", text)
	}
	test.Tap(b)
	h.settle()
}

func storedAudit(t *testing.T, h *harness, id certification.ID) (*certification.Audit, *certification.File) {
	t.Helper()
	a, f, err := view.AuditFile(context.Background(), h.svc(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a, f
}

func TestAuditWorkspaceCarriesOutAnAudit(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	ingrid := w.people["Ingrid Solberg"]
	h.u.setActor(certification.Person{ID: ingrid, Name: "Ingrid Solberg"})
	aw := h.showSpace("Audit workspace").(*auditWS)

	// The picker: Ingrid's audits, the one in progress first.
	if len(aw.pickShown) != 3 || aw.pickShown[0].ID != w.audits["Vireo surv"] || aw.pickShown[1].ID != w.audits["Kestrel s2"] {
		t.Fatalf("picker rows: %+v", aw.pickShown)
	}
	h.capture("audit-picker")
	aw.pickTable.Select(widget.TableCellID{Row: 1, Col: 2})
	h.settle()
	id := w.audits["Kestrel s2"]
	if aw.audit == nil || aw.audit.ID != id {
		t.Fatalf("opened %+v", aw.audit)
	}
	if !strings.Contains(aw.hTitle.Text, "Kestrel Robotics AB") || !strings.Contains(aw.hTeam.Text, "Ingrid Solberg (lead)") ||
		!strings.Contains(aw.hTeam.Text, "HQ Head office Gothenburg (central), S2 Malmö") {
		t.Errorf("header %q / %q", aw.hTitle.Text, aw.hTeam.Text)
	}
	if n := len(aw.cat.Items); n != 73 {
		t.Errorf("42001 checklist has %d items, want 73 (clauses and 38 controls)", n)
	}

	// Confirm, then start.
	tapAuditAction(t, h, aw, "Confirm")
	tapDialogButton(t, h, "Confirm")
	if a, _ := storedAudit(t, h, id); a.Status != certification.AuditConfirmed {
		t.Fatalf("status %s after Confirm", a.Status)
	}
	selectRef(t, h, aw, "4.1")
	if !aw.cl.notes.Disabled() || !strings.Contains(aw.cl.hint.Text, "Start") {
		t.Errorf("checklist editable before the audit started (hint %q)", aw.cl.hint.Text)
	}
	tapAuditAction(t, h, aw, "Start…")
	tapDialogButton(t, h, "Start audit")
	a, _ := storedAudit(t, h, id)
	if a.Status != certification.AuditInProgress || a.ActualStart != dateText("2026-11-23") { // the planned start, which has come
		t.Fatalf("after Start: %s from %s", a.Status, a.ActualStart)
	}
	if aw.cl.notes.Disabled() {
		t.Fatal("notes still read-only after starting")
	}

	// Checklist: 4.1 conform with notes, saved with Ctrl+S.
	aw.cl.result.SetSelected("Conform")
	test.Type(aw.cl.notes, "Context analysis v3 (2026-09) covers EU AI Act obligations; interviewed the CTO.")
	if aw.cl.save.Disabled() || !strings.Contains(aw.cl.state.Text, "Unsaved") {
		t.Errorf("after editing: save disabled %v, state %q", aw.cl.save.Disabled(), aw.cl.state.Text)
	}
	aw.cl.notes.TypedShortcut(ctrlKey(fyne.KeyS))
	h.settle()
	if !strings.Contains(aw.cl.state.Text, "Saved") {
		t.Errorf("state after Ctrl+S: %q", aw.cl.state.Text)
	}
	// 4.2 with Alt+2 (conform) and Ctrl+Enter: saved, and on to 4.3.
	selectRef(t, h, aw, "4.2")
	aw.cl.notes.TypedShortcut(altKey("2"))
	test.Type(aw.cl.notes, "Interested parties register reviewed.")
	aw.cl.notes.TypedShortcut(ctrlKey(fyne.KeyReturn))
	h.settle()
	if aw.cl.ref != "4.3" {
		t.Errorf("Ctrl+Enter moved to %q, want 4.3", aw.cl.ref)
	}
	// 4.3 OFI, saved by moving to another item.
	aw.cl.result.SetSelected("OFI")
	test.Type(aw.cl.notes, "Scope statement does not name the AI systems explicitly.")
	selectRef(t, h, aw, "5.2")
	aw.cl.result.SetSelected("Conform")
	aw.cl.notes.TypedShortcut(ctrlKey(fyne.KeyS))
	h.settle()

	// A major finding on 6.1.2, typed from the checklist item.
	selectRef(t, h, aw, "6.1.2")
	if !aw.create() { // Ctrl+N
		t.Fatal("Ctrl+N did nothing in an audit in progress")
	}
	h.settle()
	ff := findingFieldsShown(t, h)
	if ff == nil || ff.ref.Text != "6.1.2" || ff.raisedBy.Selected != "Ingrid Solberg (lead)" {
		t.Fatalf("finding form not prefilled: %+v", ff)
	}
	ff.grade.SetSelected("Major NC")
	test.Type(ff.requirement, "6.1.2 requires a defined AI risk assessment process that includes bias.")
	test.Type(ff.evidence, "No AI risk assessment exists for the CV screening model in production since 2026-03; the risk register lists only IT risks.")
	h.capture("audit-add-finding")
	ff.evidence.TypedShortcut(ctrlKey(fyne.KeyReturn))
	h.settle()
	a, f := storedAudit(t, h, id)
	fs := f.FindingsOf([]*certification.Audit{a})
	if len(fs) != 1 || fs[0].Grade != certification.Major || fs[0].Reference != "6.1.2" || fs[0].RaisedBy != ingrid ||
		!strings.Contains(fs[0].Evidence, "CV screening") || fs[0].Raised != dateText("2026-11-24") {
		t.Fatalf("findings stored: %+v", fs)
	}
	want := map[string]certification.ChecklistResult{"4.1": certification.ResultConform, "4.2": certification.ResultConform,
		"4.3": certification.ResultOFI, "5.2": certification.ResultConform, "6.1.2": certification.ResultMajor}
	for ref, r := range want {
		if e, _ := a.Entry(ref); e.Result != r {
			t.Errorf("stored %s: %q, want %q", ref, e.Result, r)
		}
	}
	if e, _ := a.Entry("4.1"); !strings.HasPrefix(e.Notes, "Context analysis v3") {
		t.Errorf("notes of 4.1: %q", e.Notes)
	}
	if e, _ := a.Entry("4.3"); !strings.Contains(e.Notes, "Scope statement") {
		t.Errorf("notes of 4.3 not saved when moving on: %q", e.Notes)
	}
	// On the screen: the finding, the item's NC state, progress.
	if len(aw.findings) != 1 || aw.entries["6.1.2"].Result != certification.ResultMajor || aw.cl.ref != "6.1.2" {
		t.Errorf("screen: %d findings, 6.1.2 %q, selected %q", len(aw.findings), aw.entries["6.1.2"].Result, aw.cl.ref)
	}
	if got := aw.cl.progress.TextFormatter(); got != "5 of the 65 items this audit must cover have a result" {
		t.Errorf("progress %q", got)
	}
	if !strings.Contains(aw.cl.itemF.Text, "#1 Major NC") {
		t.Errorf("item findings %q", aw.cl.itemF.Text)
	}
	selectRef(t, h, aw, "6.1.3")
	aw.cl.result.SetSelected("Minor NC")
	test.Type(aw.cl.notes, "Risk treatment plan not approved by top management; see finding to follow.")
	h.capture("audit-workspace")
	aw.cl.notes.TypedShortcut(ctrlKey(fyne.KeyS))
	h.settle()

	// Filters.
	aw.cl.filter.SetSelected(filterWithFindings)
	var refs []string
	for _, r := range aw.cl.rows {
		if r.item != nil && (r.group == "" || r.matched) {
			refs = append(refs, r.item.Ref)
		}
	}
	if strings.Join(refs, " ") != "4.3 6.1.2 6.1.3" {
		t.Errorf("with findings: %v", refs)
	}
	aw.cl.filter.SetSelected(filterAllItems)
	test.Type(aw.cl.search, "a.6.2")
	if n := len(aw.cl.rows); n != 8 { // heading + 7 controls A.6.2.2–A.6.2.8
		t.Errorf("search a.6.2: %d rows", n)
	}
	aw.cl.search.SetText("")

	// The report waits for every item a stage 2 must cover: with one left
	// (the rest recorded as set-up), the item shows as due and Finish is
	// refused, naming it (rule checklist-coverage).
	a, f = storedAudit(t, h, id)
	rest := certification.MissingEntries(f, a, certification.ChecklistEntry{Result: certification.ResultConform, Notes: "Sampled; no finding."})
	if len(rest) < 2 || rest[len(rest)-1].Ref != "A.10.4" {
		t.Fatalf("items still due: %+v", rest)
	}
	if err := h.svc().RecordChecklists(context.Background(), id, rest[:len(rest)-1]); err != nil {
		t.Fatal(err)
	}
	aw.reload()
	h.settle()
	aw.cl.filter.SetSelected(filterNotAudited)
	h.settle()
	if shown := strings.Join(fxTexts(aw.view), "\n"); !strings.Contains(shown, "A.10.4") || !strings.Contains(shown, dueMark) {
		t.Errorf("the item left is not shown as due:\n%s", shown)
	}
	// "Due" lists just what the report waits for.
	aw.cl.filter.SetSelected(filterDue)
	h.settle()
	var dueRefs []string
	for _, r := range aw.cl.rows {
		if r.item != nil && r.group == "" {
			dueRefs = append(dueRefs, r.item.Ref)
		}
	}
	if len(dueRefs) != 1 || dueRefs[0] != "A.10.4" {
		t.Errorf("the Due filter shows %v, want A.10.4 alone", dueRefs)
	}
	tapAuditAction(t, h, aw, "Finish…")
	tapDialogButton(t, h, "Report drafted")
	if text := ixTopDialog(t, h); !strings.Contains(text, "Not allowed") || !strings.Contains(text, "no result for 1 of the 65") ||
		!strings.Contains(text, ": A.10.4. Record a result") || !strings.Contains(text, "checklist-coverage") {
		t.Fatalf("refusal shown: %s", text)
	}
	h.capture("audit-finish-refused-coverage")
	tapDialogButton(t, h, "OK")
	if a, _ := storedAudit(t, h, id); a.Status != certification.AuditInProgress {
		t.Fatalf("a refused finish moved the audit to %s", a.Status)
	}
	// The last item, answered on the screen.
	selectRef(t, h, aw, "A.10.4")
	aw.cl.result.SetSelected("Conform")
	test.Type(aw.cl.notes, "Customer information on the AI system's use reviewed.")
	aw.cl.notes.TypedShortcut(ctrlKey(fyne.KeyS))
	h.settle()
	aw.cl.filter.SetSelected(filterAllItems)
	h.settle()

	// Finish: the recommendation defaults to "not until closed" (open major).
	tapAuditAction(t, h, aw, "Finish…")
	tapDialogButton(t, h, "Report drafted")
	a, _ = storedAudit(t, h, id)
	if a.Status != certification.AuditReportDrafted || a.Recommendation != certification.RecommendNotYet ||
		a.ActualEnd != dateText("2026-11-24") || a.ActualDays != a.PlannedDays {
		t.Fatalf("after Finish: %s, %s, end %s, %g days", a.Status, a.Recommendation, a.ActualEnd, a.ActualDays)
	}
	// Close with the report date.
	tapAuditAction(t, h, aw, "Close…")
	tapDialogButton(t, h, "Close audit")
	a, _ = storedAudit(t, h, id)
	if a.Status != certification.AuditClosed || a.ReportDate != dateText("2026-11-24") {
		t.Fatalf("after Close: %s, report %s", a.Status, a.ReportDate)
	}
	// A closed audit's report is still written: Report details… is its one action.
	if aw.hStatus.Text != "Closed" || !aw.cl.notes.Disabled() || len(aw.actions.Objects) != 1 || findButton(aw.actions, "Report details…") == nil {
		t.Errorf("closed audit on screen: %q, notes disabled %v, %d actions", aw.hStatus.Text, aw.cl.notes.Disabled(), len(aw.actions.Objects))
	}
	h.capture("audit-workspace-closed")
}

func TestAuditWorkspaceStage1OutcomeAndCancel(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	h.u.setActor(certification.Person{ID: w.people["Ingrid Solberg"], Name: "Ingrid Solberg"})
	h.showSpace("Audit workspace")
	// The programme opens an audit here.
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, w.audits["Brightwave s1"]})
	h.settle()
	aw := h.u.spaces[h.u.current].(*auditWS)
	id := w.audits["Brightwave s1"]
	tapAuditAction(t, h, aw, "Confirm")
	tapDialogButton(t, h, "Confirm")
	tapAuditAction(t, h, aw, "Start…")
	tapDialogButton(t, h, "Start audit")
	// The readiness items (S1.x) show on a stage 1, due; recorded as set-up.
	if len(aw.items) == 0 || aw.items[0].Ref != "S1.1" || !aw.due["S1.11"] || aw.due["4.1"] {
		t.Fatalf("stage 1 checklist starts %+v, due %v", aw.items[0], aw.due)
	}
	answerRest(t, h, aw)
	tapAuditAction(t, h, aw, "Finish…")
	// The outcome must be chosen: the button waits.
	if b := findButton(h.w.Canvas().Overlays().Top(), "Report drafted"); b == nil || !b.Disabled() {
		t.Fatal("Report drafted enabled before the stage 1 outcome was chosen")
	}
	h.capture("audit-finish-stage1")
	if h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("no finish dialog")
	}
	// Choose "ready for stage 2" in the dialog's outcome field.
	outcome := findChoice(t, h)
	outcome.SetSelected("ready for stage 2")
	tapDialogButton(t, h, "Report drafted")
	a, _ := storedAudit(t, h, id)
	if a.Status != certification.AuditReportDrafted || a.Stage1Outcome != certification.Stage1Ready {
		t.Fatalf("after Finish: %s, outcome %q", a.Status, a.Stage1Outcome)
	}
	if !strings.Contains(aw.hOutcome.Text, "ready for stage 2") {
		t.Errorf("header outcome %q", aw.hOutcome.Text)
	}

	// Cancel another audit, with a reason.
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, w.audits["Aurora s1"]})
	h.settle()
	tapAuditAction(t, h, aw, "Cancel audit…")
	if b := findButton(h.w.Canvas().Overlays().Top(), "Cancel audit"); b == nil || !b.Disabled() {
		t.Fatal("Cancel audit enabled without a reason")
	}
	reason := findOne[*entry](t, topOverlay(t, h), "reason entry", nil)
	test.Type(reason, "Client postponed: merger announced")
	tapDialogButton(t, h, "Cancel audit")
	a, _ = storedAudit(t, h, w.audits["Aurora s1"])
	if a.Status != certification.AuditCancelled || !strings.Contains(a.Notes, "merger announced") {
		t.Fatalf("after Cancel: %s, notes %q", a.Status, a.Notes)
	}
}

// findingFields are the fields of the Add a finding dialog.
type findingFields struct {
	ref                   *entry
	grade, raisedBy       *choiceField
	requirement, evidence *shortcutEntry
	raised                *entry
}

// findingFieldsShown reads the open Add a finding dialog; nil when none.
func findingFieldsShown(t *testing.T, h *harness) *findingFields {
	t.Helper()
	d := dialogTitled(h, "Add a finding")
	if d == nil {
		return nil
	}
	return &findingFields{
		ref: formItem[*entry](t, d, "Clause or control"), grade: formItem[*choiceField](t, d, "Grade"),
		requirement: formItem[*shortcutEntry](t, d, "Requirement"), evidence: formItem[*shortcutEntry](t, d, "Objective evidence"),
		raisedBy: formItem[*choiceField](t, d, "Raised by"), raised: formItem[*entry](t, d, "Raised on"),
	}
}
