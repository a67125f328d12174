package app

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The team picker: every active person of the register as a candidate
// for one audit (certification.TeamPool, read once), filtered as the
// user types (name) and chooses (standard, sector, AI area, language,
// free on the audit's dates) without touching the store, in a
// widget.List so that 1,000 people stay fast. Each row says what the
// person would cover and offers the roles they are qualified for.
// "Suggest a team" fills the team from certification.SuggestTeam; the
// user still saves it (the team gate runs then as for any team).

const (
	anySector   = "All sectors"
	anyAIArea   = "All AI areas"
	anyLanguage = "All languages"
)

// teamPicker chooses a team. All fields belong to the UI goroutine.
type teamPicker struct {
	part
	u     *ui
	audit certification.Audit // the draft the pool and suggestion are for
	// parts are the other certifications of an integrated audit being
	// planned: its lead must lead for their standards too.
	parts   []certification.IntegratedPart
	pool    certification.TeamPool
	shown   []certification.Candidate
	members []certification.TeamMember
	gen     int // counts pool reads: an answer overtaken by a later one is dropped

	search    *entry
	standard  *widget.Select
	sector    *widget.Select
	aiArea    *widget.Select
	language  *widget.Select
	available *widget.Check
	count     *widget.Label
	list      *widget.List
	chosen    *widget.Label
	note      *widget.Label
	suggest   *widget.Button
	atLeast   *canvas.Rectangle // holds the list's least height

	// onChange is called with the team after every change.
	onChange func([]certification.TeamMember)
}

// newTeamPicker is a picker for audit a (its certification, kind and
// dates; a.Team is the team it starts with).
func (u *ui) newTeamPicker(a certification.Audit, onChange func([]certification.TeamMember)) *teamPicker {
	tp := &teamPicker{u: u, audit: a, members: slices.Clone(a.Team), onChange: onChange}
	tp.search = u.newEntry()
	tp.search.SetPlaceHolder("Search by name")
	tp.search.OnChanged = func(string) { tp.refilter() }
	stds := []string{anyStandard}
	for _, s := range certification.AllStandards() {
		stds = append(stds, string(s))
	}
	tp.standard = tp.filterSelect(stds)
	sectors := []string{anySector}
	for c := 1; c <= 39; c++ {
		sectors = append(sectors, strconv.Itoa(c)+" "+shorten(sectorTitle(c), 30))
	}
	tp.sector = tp.filterSelect(sectors)
	areas := []string{anyAIArea}
	for _, ar := range certification.AIAreas {
		areas = append(areas, ar.ShortLabel())
	}
	tp.aiArea = tp.filterSelect(areas)
	tp.language = tp.filterSelect([]string{anyLanguage})
	tp.available = widget.NewCheck("Free on the audit's dates", func(bool) { tp.refilter() })
	tp.available.Checked = true
	tp.count = widget.NewLabel("Loading the register…")
	tp.count.Importance = widget.LowImportance
	tp.count.Wrapping = fyne.TextWrapWord // "choose the dates first" is a sentence
	tp.chosen = widget.NewLabel("")
	tp.chosen.Wrapping = fyne.TextWrapWord
	tp.note = widget.NewLabel("")
	tp.note.Wrapping = fyne.TextWrapWord
	tp.note.Hide()
	tp.suggest = widget.NewButtonWithIcon("Suggest a team", theme.SearchReplaceIcon(), tp.suggestTeam)
	tp.list = widget.NewList(func() int { return len(tp.shown) }, tp.newRow, tp.updateRow)
	// A row is chosen with its role buttons: selecting it means nothing.
	tp.list.OnSelected = func(id widget.ListItemID) { tp.list.Unselect(id) }

	filters := container.NewGridWithColumns(4, tp.standard, tp.sector, tp.aiArea, tp.language)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, tp.suggest, tp.chosen),
		tp.note,
		tp.search,
		filters,
		container.NewBorder(nil, nil, tp.available, nil, tp.count))
	// At least three rows in view, wherever the picker is put.
	tp.atLeast = canvas.NewRectangle(color.Transparent)
	tp.showRows(3)
	tp.as(tp, container.NewBorder(top, nil, nil, nil, container.NewStack(tp.atLeast, tp.list)))
	tp.showChosen()
	return tp
}

// showRows makes the picker at least n rows of people tall.
func (tp *teamPicker) showRows(n int) {
	tp.atLeast.SetMinSize(fyne.NewSize(0, float32(n)*tp.list.MinSize().Height))
}

func (tp *teamPicker) filterSelect(opts []string) *widget.Select {
	s := widget.NewSelect(opts, func(string) { tp.refilter() })
	s.Selected = opts[0]
	return s
}

// load reads the candidates for the picker's audit.
func (tp *teamPicker) load() {
	a, parts := tp.audit, tp.parts
	tp.gen++
	g := tp.gen
	tp.count.SetText("Loading the register…")
	tp.suggest.Enable()
	queryThen(tp.u, func(ctx context.Context, svc *certification.Service) (certification.TeamPool, error) {
		return svc.TeamPool(ctx, a, parts...)
	}, func(pool certification.TeamPool, err error) {
		if g != tp.gen {
			return
		}
		if err != nil {
			_, text := errorText("read the register", err)
			tp.count.SetText("Could not read the register: " + text)
			return
		}
		tp.pool = pool
		tp.language.Options = append([]string{anyLanguage}, pool.Languages()...)
		tp.showChosen()
		tp.refilter()
	})
}

// clear empties the candidates (the team stays), saying why.
func (tp *teamPicker) clear(why string) {
	tp.gen++
	tp.pool = certification.TeamPool{}
	tp.shown = nil
	tp.list.Refresh()
	tp.count.SetText(why)
	tp.suggest.Disable()
}

// filter is what the filter fields say.
func (tp *teamPicker) filter() certification.CandidateFilter {
	flt := certification.CandidateFilter{Text: tp.search.Text, Available: tp.available.Checked}
	if s := tp.standard.Selected; s != anyStandard {
		flt.Standard = certification.Standard(s)
	}
	if s := tp.sector.Selected; s != anySector {
		flt.Sector, _ = strconv.Atoi(strings.Fields(s)[0])
	}
	for _, ar := range certification.AIAreas {
		if ar.ShortLabel() == tp.aiArea.Selected {
			flt.AIArea = ar
		}
	}
	if s := tp.language.Selected; s != anyLanguage {
		flt.Language = s
	}
	return flt
}

func (tp *teamPicker) refilter() {
	if tp.list == nil {
		return // still building
	}
	tp.shown = tp.pool.Filter(tp.filter())
	tp.count.SetText(fmt.Sprintf("%d of %d people", len(tp.shown), len(tp.pool.Candidates)))
	tp.list.UnselectAll()
	tp.list.Refresh()
}

// pickerRow is one candidate's row: name, what they would cover, and a
// button per team role.
type pickerRow struct {
	part
	name, detail      *widget.Label
	lead, aud, expert *widget.Button
}

func (tp *teamPicker) newRow() fyne.CanvasObject {
	// One line a person: the name, what they would cover (cut to the
	// width), the role buttons.
	r := &pickerRow{name: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), detail: widget.NewLabel("")}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.detail.SizeName = theme.SizeNameCaptionText
	r.lead, r.aud, r.expert = widget.NewButton("Lead", nil), widget.NewButton("Auditor", nil), widget.NewButton("Expert", nil)
	return r.as(r, container.NewBorder(nil, nil, nil, container.NewHBox(r.lead, r.aud, r.expert), container.NewGridWithColumns(2, r.name, r.detail)))
}

func (tp *teamPicker) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r, ok := o.(*pickerRow)
	if !ok || id >= len(tp.shown) {
		return
	}
	c := tp.shown[id]
	r.name.SetText(c.Name)
	detail := c.Covers()
	if c.Unavailable != "" {
		detail = "not free: " + c.Unavailable + " · " + detail
		r.detail.Importance = widget.DangerImportance
	} else {
		r.detail.Importance = widget.LowImportance
	}
	if c.Lead && c.LeadBarred != "" {
		detail += " · as lead " + c.LeadBarred
	}
	r.detail.SetText(detail)
	role := tp.roleOf(c.ID)
	for _, b := range []struct {
		btn  *widget.Button
		role certification.TeamRole
		ok   bool
	}{{r.lead, certification.TeamLead, c.Lead}, {r.aud, certification.TeamAuditor, c.Auditor}, {r.expert, certification.TeamTechnicalExpert, c.Expert}} {
		b.btn.Importance = widget.MediumImportance
		if role == b.role {
			b.btn.Importance = widget.HighImportance
		}
		setEnabled(b.btn, b.ok || role == b.role)
		id, role := c.ID, b.role
		b.btn.OnTapped = func() { tp.toggle(id, role) }
		b.btn.Refresh()
	}
}

// roleOf is the person's role on the team ("" if not on it).
func (tp *teamPicker) roleOf(id certification.ID) certification.TeamRole {
	for _, m := range tp.members {
		if m.PersonID == id {
			return m.Role
		}
	}
	return ""
}

// toggle puts the person on the team in role, or takes them off if they
// already hold it. A new lead replaces the old one.
func (tp *teamPicker) toggle(id certification.ID, role certification.TeamRole) {
	had := tp.roleOf(id)
	tp.members = slices.DeleteFunc(tp.members, func(m certification.TeamMember) bool {
		return m.PersonID == id || role == certification.TeamLead && m.Role == certification.TeamLead
	})
	if had != role {
		tp.members = append(tp.members, certification.TeamMember{PersonID: id, Role: role})
	}
	tp.setTeam(tp.members)
}

// setTeam makes team the chosen team, lead first.
func (tp *teamPicker) setTeam(team []certification.TeamMember) {
	tp.members = slices.Clone(team)
	slices.SortStableFunc(tp.members, func(x, y certification.TeamMember) int {
		return clBool(x.Role != certification.TeamLead, y.Role != certification.TeamLead)
	})
	tp.showChosen()
	tp.list.Refresh()
	if tp.onChange != nil {
		tp.onChange(tp.Team())
	}
}

// Team is the chosen team, lead first.
func (tp *teamPicker) Team() []certification.TeamMember { return slices.Clone(tp.members) }

func (tp *teamPicker) showChosen() {
	if len(tp.members) == 0 {
		tp.chosen.SetText("Team: nobody chosen yet. Choose a lead with Lead, add members with Auditor or Expert, or let CertDesk suggest a team.")
		tp.Refresh()
		return
	}
	names := map[certification.ID]string{}
	for _, c := range tp.pool.Candidates {
		names[c.ID] = c.Name
	}
	var parts []string
	for _, m := range tp.members {
		n := names[m.PersonID]
		if n == "" {
			n = "person #" + m.PersonID.String()
		}
		parts = append(parts, n+" ("+strings.ToLower(roleText(certification.Role(m.Role)))+")")
	}
	tp.chosen.SetText("Team: " + strings.Join(parts, ", "))
	tp.Refresh() // the wrapped lines above the list take their new height
}

// suggestTeam asks the domain for the smallest free team that covers the
// audit and puts it in the picker (not saved).
func (tp *teamPicker) suggestTeam() {
	a, parts := tp.audit, tp.parts
	a.Team = tp.Team()
	query(tp.u, "a team suggestion", func(ctx context.Context, svc *certification.Service) (certification.TeamSuggestion, error) {
		return svc.SuggestTeam(ctx, a, parts...)
	}, func(s certification.TeamSuggestion) {
		tp.setTeam(s.Team)
		msgs := slices.Concat(s.Uncovered, s.Warnings)
		switch {
		case len(s.Uncovered) > 0:
			tp.note.Importance = widget.DangerImportance
			tp.note.SetText("The suggestion does not cover everything: " + strings.Join(msgs, "; ") + ".")
		case len(s.Warnings) > 0:
			tp.note.Importance = widget.WarningImportance
			tp.note.SetText("Suggested: " + strings.Join(msgs, "; ") + ".")
		default:
			tp.note.Importance = widget.SuccessImportance
			tp.note.SetText(fmt.Sprintf("Suggested the smallest free team that covers the audit (%s). Check it, then save it.", countText(len(s.Team), "person")))
		}
		tp.note.Show()
		tp.Refresh()
	})
}
