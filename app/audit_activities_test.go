package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// entriesWithPlaceholder are the entries under o showing placeholder, in
// the order they are laid out.
func entriesWithPlaceholder(o fyne.CanvasObject, placeholder string) []*entry {
	return findAll(o, func(e *entry) bool { return e.PlaceHolder == placeholder })
}

// lastCheck is the last check box under o: the last activity's Remote.
func lastCheck(t *testing.T, o fyne.CanvasObject) *widget.Check {
	t.Helper()
	all := findAll[*widget.Check](o, nil)
	if len(all) == 0 {
		t.Fatal("no Remote check box in the dialog")
	}
	return all[len(all)-1]
}

// Activities… records the audit's activities from the workspace: the
// dialog shows the remote share against the body's limit as hours and
// modes change, Save stores the plan through set-audit-activities, and
// the header counts the activities and their remote share. A remote
// activity without the risk assessment is refused by the domain, which
// the app reports, and nothing is stored.
func TestAuditActivitiesFromTheWorkspace(t *testing.T) {
	h, aw, id := openKestrelStage2(t)
	tapAuditAction(t, h, aw, "Activities…")
	h.settle()
	overlay := topOverlay(t, h)
	add := findButton(overlay, "Add activity")
	if add == nil {
		t.Fatal("no Add activity button")
	}
	test.Tap(add)
	test.Tap(add)
	names := entriesWithPlaceholder(overlay, "What is audited, e.g. 8.2 AI risk assessment with the data team")
	hours := entriesWithPlaceholder(overlay, "Hours")
	icts := entriesWithPlaceholder(overlay, "ICT used (remote only)")
	if len(names) != 2 || len(hours) != 2 || len(icts) != 2 {
		t.Fatalf("after two taps on Add activity: %d names, %d hours, %d ICT fields", len(names), len(hours), len(icts))
	}
	names[0].SetText("Opening meeting")
	hours[0].SetText("1")
	names[1].SetText("8.2 AI risk assessment with the data team")
	hours[1].SetText("3")
	remote := lastCheck(t, overlay)
	test.Tap(remote)
	icts[1].SetText("Video conference")
	if got := topTexts(h); !strings.Contains(got, "Remote: 3 of 4 hours (75 %): above the body's limit of 50 %") {
		t.Errorf("the dialog does not show the share over the limit: %q", got)
	}

	before := lastJournalEntry(h)
	tapDialogButton(t, h, "Save")
	h.settle()
	if got := topTexts(h); !strings.Contains(got, "remote-activities-need-risk-assessment") && !strings.Contains(got, "risk assessment") {
		t.Errorf("a remote activity without the assessment was not refused visibly: %q", got)
	}
	if last := lastJournalEntry(h); last.Seq != before.Seq {
		t.Fatalf("a refused plan was journalled: %s", last.Command)
	}
	h.u.escape()

	tapAuditAction(t, h, aw, "Activities…")
	h.settle()
	overlay = topOverlay(t, h)
	for _, e := range entriesWithPlaceholder(overlay, "What is audited, e.g. 8.2 AI risk assessment with the data team") {
		if e.Text != "" {
			t.Fatalf("the refused plan's activity %q came back", e.Text)
		}
	}
	test.Tap(findButton(overlay, "Add activity"))
	entriesWithPlaceholder(overlay, "What is audited, e.g. 8.2 AI risk assessment with the data team")[0].SetText("8.2 AI risk assessment with the data team")
	entriesWithPlaceholder(overlay, "Hours")[0].SetText("3")
	test.Tap(lastCheck(t, overlay))
	entriesWithPlaceholder(overlay, "ICT used (remote only)")[0].SetText("Video conference")
	assessment := entriesWithPlaceholder(overlay, "Why remote auditing is possible here: the ICT tested, the client's readiness, security and confidentiality")
	if len(assessment) != 1 {
		t.Fatalf("%d risk assessment fields", len(assessment))
	}
	assessment[0].SetText("Video link tested with the client; nothing copied.")
	tapDialogButton(t, h, "Save")
	h.settle()
	a, _ := storedAudit(t, h, id)
	if len(a.Activities) != 1 || !a.Activities[0].Remote || a.Activities[0].ICT != "Video conference" || a.Activities[0].Hours != 3 || a.RemoteAssessment == "" {
		t.Fatalf("stored %+v, assessment %q", a.Activities, a.RemoteAssessment)
	}
	if last := lastJournalEntry(h); last.Command != "set-audit-activities" {
		t.Errorf("last entry %s, want set-audit-activities", last.Command)
	}
	if !strings.Contains(aw.hOutcome.Text, "1 activity, 100 % remote") {
		t.Errorf("the header says %q", aw.hOutcome.Text)
	}

	// Opened again, the dialog shows the stored plan (a remote activity
	// first drew its share before the form was whole: it crashed once).
	tapAuditAction(t, h, aw, "Activities…")
	h.settle()
	overlay = topOverlay(t, h)
	remote = lastCheck(t, overlay)
	if ict := entriesWithPlaceholder(overlay, "ICT used (remote only)"); len(ict) != 1 || ict[0].Text != "Video conference" || ict[0].Disabled() || !remote.Checked {
		t.Fatalf("reopened, the remote activity shows as ICT %v, check %+v", ict, remote)
	}
	if got := topTexts(h); !strings.Contains(got, "Remote: 3 of 3 hours (100 %)") {
		t.Errorf("reopened, the share reads %q", got)
	}
}

// countText writes English plurals of the words the app counts.
func TestCountText(t *testing.T) {
	for _, c := range []struct {
		n          int
		what, want string
	}{
		{1, "activity", "1 activity"}, {2, "activity", "2 activities"}, {0, "day", "0 days"},
		{3, "audit", "3 audits"}, {2, "match", "2 matches"}, {2, "class", "2 classes"}, {2, "key", "2 keys"},
	} {
		if got := countText(c.n, c.what); got != c.want {
			t.Errorf("countText(%d, %q) = %q, want %q", c.n, c.what, got, c.want)
		}
	}
}
