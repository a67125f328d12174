package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// decisionDraftKey is what the gates depend on.
type decisionDraftKey struct {
	cert   certification.ID
	kind   certification.DecisionKind
	date   certification.Date
	makers string
}

// openItem fills the decision form for a queue item (Kind empty: no queue
// item) and loads the file.
func (d *decisionsSpace) openItem(o *certification.Obligation, kind certification.DecisionKind) {
	d.certID = o.CertificationID
	d.item = nil
	if o.Kind != "" {
		d.item = o
		if kind == "" {
			kind = o.Kind.DecisionAsked()
		}
	}
	d.file, d.reviews, d.gates, d.gatesFor = nil, nil, nil, decisionDraftKey{}
	d.filling = true
	defer func() { d.filling = false }()
	d.note.SetText("")
	d.kind.ClearSelected()
	if kind != "" {
		d.kind.SetSelected(kind.Label())
	}
	d.date.SetText(d.u.today().String())
	for _, c := range d.makers {
		c.SetChecked(false)
	}
	d.wantActor = false
	if c, ok := d.makers[d.u.actor.PersonID]; ok && d.u.actor.PersonID != 0 {
		c.SetChecked(true)
	} else if len(d.people) == 0 {
		d.wantActor = true // the register is still loading
	}
	d.reasons.SetText("")
	d.scope.SetText("")
	d.markQueue()
	d.title.SetText("Loading the file…")
	d.subtitle.SetText("")
	d.fileBox.Objects = nil
	d.gatesBox.Objects = nil
	d.showView(d.viewBody)
	d.updateScopeField()
	d.loadFile()
}

// closeView returns to the queue.
func (d *decisionsSpace) closeView() {
	d.certID, d.item, d.file, d.gates = 0, nil, nil, nil
	d.gatesFor = decisionDraftKey{}
	d.showView(d.emptyNote)
	d.markQueue()
}

// Where the queue and the open file share the height: with no file open
// the queue takes most of it (a dozen rows on a 768-high screen rather
// than three above an empty pane); an open file and its gates get the
// room when one is chosen.
const (
	queueOffsetAlone = 0.75
	queueOffsetFile  = 0.3
)

// showView puts o (the open file, or the note saying how to open one)
// under the queue and gives each its share of the height.
func (d *decisionsSpace) showView(o fyne.CanvasObject) {
	d.view.Objects = []fyne.CanvasObject{o}
	d.view.Refresh()
	off := queueOffsetFile
	if o == d.emptyNote {
		off = queueOffsetAlone
	}
	d.vsplit.SetOffset(off)
}

// draft is the decision the form describes.
func (d *decisionsSpace) draft() certification.Decision {
	return certification.Decision{
		CertificationID: d.certID,
		Kind:            d.selectedKind(),
		Date:            date(d.date),
		Makers:          d.chosenMakers(),
		Reasons:         strings.TrimSpace(d.reasons.Text),
		NewScope:        strings.TrimSpace(d.scope.Text),
	}
}

func (d *decisionsSpace) selectedKind() certification.DecisionKind {
	for _, k := range certification.DecisionKinds {
		if k.Label() == d.kind.Selected {
			return k
		}
	}
	return ""
}

func draftKey(dec certification.Decision) decisionDraftKey {
	return decisionDraftKey{cert: dec.CertificationID, kind: dec.Kind, date: dec.Date, makers: fmt.Sprint(dec.Makers)}
}

// loadFile loads the file and evaluates the draft.
func (d *decisionsSpace) loadFile() {
	d.needDraft, d.refill = true, true
	d.loads.start(d.load)
}

// draftChanged re-evaluates the gates when what they depend on changes.
func (d *decisionsSpace) draftChanged() {
	if d.certID == 0 || d.filling {
		return
	}
	d.updateScopeField()
	d.updateRecord()
	if draftKey(d.draft()) != d.gatesFor {
		d.needDraft = true
		d.loads.start(d.load)
	}
}

// updateScopeField shows the new-scope field for scope decisions only.
func (d *decisionsSpace) updateScopeField() {
	k := d.selectedKind()
	if k == certification.ExtendScope || k == certification.ReduceScope {
		if d.scope.Text == "" && d.file != nil {
			d.scope.SetText(d.file.Certification.Scope)
		}
		d.scopeLbl.Show()
		d.scope.Show()
	} else {
		d.scopeLbl.Hide()
		d.scope.Hide()
	}
	d.form.Refresh()
}

// updateRecord enables Record only when the form is complete and every
// gate of the current draft passes, and says what is missing.
func (d *decisionsSpace) updateRecord() {
	dec := d.draft()
	var why []string
	switch {
	case d.file == nil:
		why = append(why, "Loading the file…")
	case dec.Kind == "":
		why = append(why, "Choose the decision.")
	}
	if dec.Date.IsZero() {
		why = append(why, "Give the decision date as YYYY-MM-DD.")
	}
	if len(dec.Makers) == 0 {
		why = append(why, "Tick the decision maker(s).")
	}
	if dec.Reasons == "" {
		why = append(why, "Write the reasons.")
	}
	if (dec.Kind == certification.ExtendScope || dec.Kind == certification.ReduceScope) && dec.NewScope == "" {
		why = append(why, "Give the new scope.")
	}
	blocking := 0
	for _, g := range d.gates {
		if !g.Passed {
			blocking++
		}
	}
	fresh := draftKey(dec) == d.gatesFor && d.file != nil
	switch {
	case dec.Kind == "" || d.file == nil:
	case !fresh:
		why = append(why, "Checking the gates…")
	case blocking == 1:
		why = append(why, "One gate blocks this decision.")
	case blocking > 1:
		why = append(why, fmt.Sprintf("%d gates block this decision.", blocking))
	}
	if len(why) == 0 {
		d.record.Enable()
		d.why.Importance = widget.SuccessImportance
		d.why.SetText("Every gate passes: the decision can be recorded.")
		return
	}
	d.record.Disable()
	d.why.Importance = widget.LowImportance
	d.why.SetText(strings.Join(why, " "))
}

// recordDecision records the decision; the domain checks every gate again.
func (d *decisionsSpace) recordDecision() {
	dec := d.draft()
	if d.file == nil || dec.Kind == "" {
		return
	}
	client, std := d.file.Client.DisplayName(), d.file.Certification.Standard
	d.u.do(command{what: "record the decision", run: func(ctx context.Context, svc *certification.Service) error {
		_, err := svc.Decide(ctx, dec)
		return err
	}, done: func() {
		d.closeView()
		d.note.SetText(fmt.Sprintf("Recorded: %s for %s (%s) on %s.", strings.ToLower(dec.Kind.Label()), client, std, dec.Date))
	}, actor: true})
}
