package app

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// pfQualRow is one qualification of the form.
type pfQualRow struct {
	standard, role *widget.Select
	evidence       *entry
	validUntil     *entry
	remove         *widget.Button
}

// pfInterestRow is one declared interest of the form.
type pfInterestRow struct {
	client   *entry
	clientID certification.ID
	// setting silences the client field's OnChanged while the form sets it.
	setting  bool
	kind     *widget.Select
	from, to *entry
	notes    *entry
	remove   *widget.Button
}

// pfQualRoles are the roles one qualifies for (not scheme manager).
var pfQualRoles = []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor, certification.RoleTechnicalExpert, certification.RoleDecisionMaker}

func (f *personForm) newQual(q certification.Qualification) *pfQualRow {
	var stds, roles []string
	for _, s := range f.stds {
		stds = append(stds, string(s))
	}
	for _, r := range pfQualRoles {
		roles = append(roles, roleText(r))
	}
	r := &pfQualRow{evidence: f.u.newEntry(), validUntil: f.u.newDateEntry(false)}
	r.standard = widget.NewSelect(stds, nil)
	r.standard.PlaceHolder = "(standard)"
	if i := slices.Index(f.stds, q.Standard); i >= 0 {
		r.standard.SetSelectedIndex(i)
	}
	r.role = widget.NewSelect(roles, nil)
	r.role.PlaceHolder = "(role)"
	if i := slices.Index(pfQualRoles, q.Role); i >= 0 {
		r.role.SetSelectedIndex(i)
	}
	r.evidence.SetText(q.Evidence)
	r.evidence.SetPlaceHolder("e.g. IRCA lead auditor course 2024, witnessed audit")
	if !q.ValidUntil.IsZero() {
		r.validUntil.SetText(q.ValidUntil.String())
	}
	r.standard.OnChanged = func(s string) {
		// A qualification for a standard makes the person qualified for it.
		if ch := f.standards[certification.Standard(s)]; ch != nil && !ch.Checked {
			ch.SetChecked(true)
		}
		f.validate()
	}
	r.role.OnChanged = func(string) { f.validate() }
	r.evidence.OnChanged = func(string) { f.validate() }
	r.validUntil.OnChanged = func(string) { f.validate() }
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		f.quals = slices.DeleteFunc(f.quals, func(o *pfQualRow) bool { return o == r })
		f.layoutRows()
	})
	r.remove.Importance = widget.LowImportance
	f.quals = append(f.quals, r)
	return r
}

func (f *personForm) newInterest(in certification.Interest) *pfInterestRow {
	var kinds []string
	for _, k := range certification.InterestKinds {
		kinds = append(kinds, interestKindText(k))
	}
	r := &pfInterestRow{client: f.u.newEntry(), from: f.u.newDateEntry(true), to: f.u.newDateEntry(false), notes: f.u.newEntry()}
	r.client.SetPlaceHolder("Type part of the client's name, Enter picks the first match")
	r.client.Validator = func(string) error {
		if r.clientID == 0 {
			return errors.New("choose the client from the list")
		}
		return nil
	}
	if in.ClientID != 0 {
		r.setClient(in.ClientID, f.clientName(in.ClientID))
	}
	r.client.OnChanged = func(string) {
		if r.setting {
			return
		}
		r.clientID = 0
		f.picking = r
		f.showMatches()
		f.validate()
	}
	r.client.OnSubmitted = func(string) {
		if f.picking == r && len(f.found) > 0 {
			f.pickClient(f.found[0])
		}
	}
	r.kind = widget.NewSelect(kinds, func(string) { f.validate() })
	if i := slices.Index(certification.InterestKinds, in.Kind); i >= 0 {
		r.kind.SetSelectedIndex(i)
	}
	if !in.From.IsZero() {
		r.from.SetText(in.From.String())
	}
	r.to.SetPlaceHolder("ongoing")
	if !in.To.IsZero() {
		r.to.SetText(in.To.String())
	}
	r.notes.SetText(in.Notes)
	r.notes.SetPlaceHolder("what the link was")
	for _, e := range []*entry{r.from, r.to, r.notes} {
		e.OnChanged = func(string) { f.validate() }
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		f.interests = slices.DeleteFunc(f.interests, func(o *pfInterestRow) bool { return o == r })
		if f.picking == r {
			f.picking = nil
			f.showMatches()
		}
		f.layoutRows()
	})
	r.remove.Importance = widget.LowImportance
	f.interests = append(f.interests, r)
	return r
}

// setClient shows a chosen client in the row.
func (r *pfInterestRow) setClient(id certification.ID, name string) {
	r.clientID = id
	r.setting = true
	r.client.SetText(name)
	r.setting = false
	r.client.Validate()
}

// clientName names a client from the snapshot ("client #id" while it loads).
func (f *personForm) clientName(id certification.ID) string {
	for i := range f.clients {
		if f.clients[i].ID == id {
			return f.clients[i].Name()
		}
	}
	return "client #" + id.String()
}

// showMatches lists the clients matching the row being typed.
func (f *personForm) showMatches() {
	r := f.picking
	if r == nil || r.clientID != 0 {
		f.found = nil
		if f.matchRow.Visible() {
			f.matchRow.Hide()
			f.relayout()
		}
		return
	}
	f.found = clientMatches(f.clients, r.client.Text)
	f.matchInfo.SetText(clientMatchesText(f.found, f.clients == nil, r.client.Text))
	f.matches.Refresh()
	f.matches.ScrollToTop()
	if !f.matchRow.Visible() {
		f.matchRow.Show()
		f.relayout()
		f.scroll.ScrollToBottom()
	}
}

// pickClient sets the client of the row being typed.
func (f *personForm) pickClient(c view.ClientRow) {
	r := f.picking
	if r == nil {
		return
	}
	r.setClient(c.ID, c.Name())
	f.picking = nil
	f.showMatches()
	f.validate()
	f.u.win.Canvas().Focus(r.kind)
}

// layoutRows rebuilds the row editors after a row was added or removed.
func (f *personForm) layoutRows() {
	f.qualBox.Objects = nil
	for _, r := range f.quals {
		f.qualBox.Add(container.New(&gridColumns{widths: pfQualWidths}, r.standard, r.role, r.evidence, r.validUntil, r.remove))
	}
	if len(f.quals) == 0 {
		f.qualBox.Add(lowLabel("No qualification recorded: add one per standard and role."))
	}
	f.interestBox.Objects = nil
	for _, r := range f.interests {
		f.interestBox.Add(container.New(&gridColumns{widths: pfInterestWidths}, r.client, r.kind, r.from, r.to, r.notes, r.remove))
	}
	if len(f.interests) == 0 {
		f.interestBox.Add(lowLabel("No interest declared."))
	}
	f.relayout()
	f.validate()
}

func (f *personForm) relayout() {
	if f.bodyBox != nil && f.scroll != nil {
		f.bodyBox.Refresh()
		f.scroll.Refresh()
	}
}
