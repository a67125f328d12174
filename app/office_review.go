package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The review list (docs/sync.md, "Working offline"): changes made on
// this desk while the office could not be reached, which the body
// refused when the desk proposed them again. Each shows what it was, the
// rule that refused it and every value it carried; the person re-does it
// as it was, re-does a finding with other values on another audit, or
// discards it, which the body's journal records. The dashboard shows a
// badge while the list is not empty; File › Changes to review… opens it.

// ReviewItem is a change on the review list (storage/desk's Review).
type ReviewItem struct {
	N uint64
	// Entry is the change as it was made: command, arguments, summary,
	// time and actor.
	Entry   certification.JournalEntry
	Rule    string // the domain's rule that refused it ("" when none did)
	Reason  string
	Refused time.Time
}

// setReviews records how many changes are on desk d's review list and
// shows the count on the status line and the dashboard.
func (u *ui) setReviews(d Desk, n int) {
	if u.office.desk != d || u.office.reviews == n {
		return
	}
	u.office.reviews = n
	u.showOfficeStatus()
	for _, ws := range u.spaces {
		if dash, ok := ws.(*dashboard); ok {
			dash.showReviews(n)
		}
	}
}

// reviewMenu is File › Changes to review….
func (u *ui) reviewMenu() {
	d := u.office.desk
	if d == nil {
		u.showMessage("Not a desk of a body", "This data folder is not joined to a body's office (File › Connect to office…): every change is made here, and none waits for review.", 200)
		return
	}
	r := &reviewList{u: u, d: d}
	r.info = widget.NewLabel("Loading the review list …")
	r.info.Wrapping = fyne.TextWrapWord
	r.items = container.NewVBox()
	r.as(r, container.NewBorder(r.info, nil, nil, nil, container.NewVScroll(r.items)))
	r.dlg = dialog.NewCustom("Changes to review", "Close", r, u.win)
	u.openDialog(r.dlg, 940, 640)
	r.load()
}

// reviewList is the review list's dialog body.
type reviewList struct {
	part
	u     *ui
	d     Desk
	dlg   dialog.Dialog
	info  *widget.Label
	items *fyne.Container // a card per change
}

// load reads the list off the UI goroutine and shows it.
func (r *reviewList) load() {
	d := r.d
	type loaded struct {
		list  []ReviewItem
		names map[certification.ID]string
	}
	backgroundThen(r.u.bg, func(ctx context.Context) (loaded, error) {
		list, err := d.Reviews(ctx)
		if err != nil {
			return loaded{}, err
		}
		names, err := reviewNames(ctx, d.Store(), list)
		return loaded{list, names}, err
	}, func(l loaded, err error) {
		if err != nil {
			r.info.SetText("The review list could not be read: " + err.Error())
			return
		}
		r.u.setReviews(d, len(l.list))
		r.show(l.list, l.names)
	})
}

func (r *reviewList) show(list []ReviewItem, names map[certification.ID]string) {
	switch len(list) {
	case 0:
		r.info.SetText("No change waits for review: every change made on this desk while it was offline joined the body.")
	case 1:
		r.info.SetText("1 change made on this desk while it was offline was refused by the body when the desk proposed it again. Re-do it, as it was or with other values, or discard it: the body's journal records the discard.")
	default:
		r.info.SetText(fmt.Sprintf("%d changes made on this desk while it was offline were refused by the body when the desk proposed them again. Re-do each, as it was or with other values, or discard it: the body's journal records the discard.", len(list)))
	}
	r.items.RemoveAll()
	for _, it := range list {
		r.items.Add(r.card(it, names))
	}
}

// card shows one change with its actions.
func (r *reviewList) card(it ReviewItem, names map[certification.ID]string) fyne.CanvasObject {
	e := it.Entry
	title := widget.NewLabelWithStyle(sentence(e.Summary), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	who := e.Actor.Name
	if who == "" {
		who = "nobody chosen"
	}
	made := widget.NewLabel(fmt.Sprintf("%s · made by %s on %s · refused on %s", e.Command, who, e.At.Local().Format("2006-01-02 15:04"), it.Refused.Local().Format("2006-01-02 15:04")))
	made.Importance = widget.LowImportance
	made.Truncation = fyne.TextTruncateEllipsis
	why := widget.NewLabel(refusedText(it))
	why.Importance = widget.DangerImportance
	why.Wrapping = fyne.TextWrapWord
	lines := reviewValues(e, names)
	values := widget.NewLabel(strings.Join(lines, "\n"))
	values.Wrapping = fyne.TextWrapWord
	redo := widget.NewButtonWithIcon("Re-do as it was", theme.MediaReplayIcon(), func() { r.redo(it) })
	redo.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{redo}
	if x, ok := refusedFinding(e); ok {
		buttons = append(buttons, widget.NewButtonWithIcon("Re-do with changes…", theme.DocumentCreateIcon(), func() { r.redoFinding(it, x) }))
	}
	copyValues := widget.NewButtonWithIcon("Copy values", theme.ContentCopyIcon(), func() {
		r.u.app.Clipboard().SetContent(sentence(e.Summary) + "\n" + strings.Join(lines, "\n"))
	})
	discard := widget.NewButtonWithIcon("Discard…", theme.DeleteIcon(), func() { r.discard(it) })
	discard.Importance = widget.DangerImportance
	buttons = append(buttons, copyValues, discard)
	body := container.NewVBox(title, made, why, section("What it carried", values), container.NewHBox(buttons...))
	return container.NewVBox(container.NewPadded(body), widget.NewSeparator())
}

// refusedText is the rule and the reason that refused a change.
func refusedText(it ReviewItem) string {
	if it.Rule == "" {
		return "Refused: " + sentence(it.Reason)
	}
	return "Refused by rule " + it.Rule + ": " + sentence(strings.TrimPrefix(it.Reason, "refused by rule "+it.Rule+": "))
}

// redo runs the change again as it was, as the person working now.
func (r *reviewList) redo(it ReviewItem) {
	d, n := r.d, it.N
	r.u.do(command{what: "re-do the change", run: func(ctx context.Context, svc *certification.Service) error {
		_, err := d.Redo(ctx, svc, n)
		return err
	}, actor: true, done: r.load, failed: r.load})
}

// discard throws the change away after confirmation.
func (r *reviewList) discard(it ReviewItem) {
	d, n := r.d, it.N
	r.u.askYesNo("Discard this change?", "Discard", "Keep it",
		sentence(it.Entry.Summary)+"\n\nIt is thrown away and will not be proposed again. The body's journal records that you discarded it, with every value it carried.",
		func() {
			r.u.do(command{what: "discard the change", run: func(ctx context.Context, svc *certification.Service) error {
				return d.Discard(ctx, svc, n)
			}, actor: true, done: r.load, failed: r.load})
		})
}

// refusedFinding is the finding a record-finding change carried.
func refusedFinding(e certification.JournalEntry) (certification.Finding, bool) {
	var args []certification.Finding
	if e.Command != "record-finding" || json.Unmarshal(e.Args, &args) != nil || len(args) != 1 {
		return certification.Finding{}, false
	}
	return args[0], true
}
