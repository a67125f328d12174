package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The auditor adds an interview to a checklist item in the detail pane,
// saves the item, and the store has it; a refused interview is not
// added; removing one and saving removes it from the store.
func TestChecklistItemInterviews(t *testing.T) {
	h, aw, id := openKestrelStage2(t)
	selectRef(t, h, aw, "5.2")
	if aw.cl.iv.form.Visible() {
		t.Fatal("interviews can be added before the audit started")
	}
	tapAuditAction(t, h, aw, "Confirm")
	tapDialogButton(t, h, "Confirm")
	tapAuditAction(t, h, aw, "Start…")
	tapDialogButton(t, h, "Start audit") // actual start 2026-11-23
	selectRef(t, h, aw, "5.2")
	iv := &aw.cl.iv
	if !iv.form.Visible() || iv.on.Text != "2026-11-24" { // today, before the audit's last day
		t.Fatalf("interview form shown %v, date offered %q", iv.form.Visible(), iv.on.Text)
	}

	// Refused: nobody named; a day after today; a day before the start.
	for _, tc := range []struct{ whom, on, says string }{
		{"", "2026-11-24", "names nobody"},
		{"Karin Berg", "2026-11-25", "is after today"},
		{"Karin Berg", "2026-11-22", "before the audit's actual start 2026-11-23"},
	} {
		iv.whom.SetText(tc.whom)
		iv.on.SetText(tc.on)
		test.Tap(iv.add)
		if len(iv.ivs) != 0 || !iv.problem.Visible() || !strings.Contains(iv.problem.Text, tc.says) {
			t.Fatalf("%q on %s: %d interviews, problem %q", tc.whom, tc.on, len(iv.ivs), iv.problem.Text)
		}
	}
	// Accepted: on the audit's first day, and today.
	iv.on.SetText("2026-11-23")
	test.Type(iv.role, "CEO")
	test.Type(iv.ivNotes, "AI policy signed 2026-05")
	test.Tap(iv.add)
	iv.whom.SetText("Nils Ek")
	iv.on.SetText("2026-11-24")
	test.Tap(iv.add)
	if len(iv.ivs) != 2 || iv.problem.Visible() || iv.whom.Text != "" || !strings.Contains(aw.cl.state.Text, "Unsaved") || aw.cl.save.Disabled() {
		t.Fatalf("after adding: %+v, problem %q, state %q", iv.ivs, iv.problem.Text, aw.cl.state.Text)
	}
	aw.cl.result.SetSelected("Conform")
	aw.cl.notes.TypedShortcut(ctrlKey(fyne.KeyS))
	h.settle()
	want := []certification.Interview{
		{Whom: "Karin Berg", Role: "CEO", On: dateText("2026-11-23"), Notes: "AI policy signed 2026-05"},
		{Whom: "Nils Ek", On: dateText("2026-11-24")},
	}
	a, _ := storedAudit(t, h, id)
	if e, _ := a.Entry("5.2"); e.Result != certification.ResultConform || !slices.Equal(e.Interviews, want) {
		t.Fatalf("stored 5.2: %+v", e)
	}
	// The pane shows them again when the item is chosen again.
	selectRef(t, h, aw, "4.1")
	if len(iv.ivs) != 0 {
		t.Fatalf("4.1 shows 5.2's interviews: %+v", iv.ivs)
	}
	selectRef(t, h, aw, "5.2")
	if !slices.Equal(iv.ivs, want) || len(iv.rows.Objects) != 2 {
		t.Fatalf("5.2 shows %+v in %d rows", iv.ivs, len(iv.rows.Objects))
	}
	// Removed and saved: gone from the store.
	var remove *widget.Button
	for _, o := range iv.rows.Objects[0].(*fyne.Container).Objects {
		if b, ok := o.(*widget.Button); ok {
			remove = b
		}
	}
	if remove == nil {
		t.Fatal("no remove button beside the first interview")
	}
	test.Tap(remove)
	aw.cl.saveNow()
	h.settle()
	a, _ = storedAudit(t, h, id)
	if e, _ := a.Entry("5.2"); !slices.Equal(e.Interviews, want[1:]) {
		t.Fatalf("after removing Karin Berg: %+v", e.Interviews)
	}
}
