package xlsx

// The documents of one audit: the audit plan sent to the client before
// the visit (cover, proposed timetable, team) and the audit report
// (cover with the report's contents, checklist, findings). Covers and
// timetables are written cell by cell (one printed page or two);
// checklist and findings are streamed tables with filters.

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

var _ document.AuditPackWriter = Workbooks{}

// Sheet names of the audit plan and the audit report.
const (
	PlanCoverSheet     = "Audit plan"
	PlanTimetableSheet = "Timetable"
	PlanTeamSheet      = "Team"
	ReportCoverSheet   = "Report"
	ReportChecklist    = "Checklist"
	ReportFindings     = "Findings"
)

// AuditPlan writes the audit plan workbook for the client.
func (Workbooks) AuditPlan(ctx context.Context, w io.Writer, p *document.AuditPack) error {
	return packWrite(ctx, w, p, "Audit plan", planCover, planTimetable, planTeam)
}

// AuditReport writes the audit report workbook.
func (Workbooks) AuditReport(ctx context.Context, w io.Writer, p *document.AuditPack) error {
	return packWrite(ctx, w, p, "Audit report", reportCover, reportChecklist, reportFindings)
}

// packWrite writes the workbook doc of an audit, a sheet a part.
func packWrite(ctx context.Context, w io.Writer, p *document.AuditPack, doc string, parts ...func(*Book, *packStyles, *document.AuditPack) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := New(Meta{Title: doc + " — " + packKindTitle(p), Body: p.Body, AsOf: p.AsOf, Note: packNote(p)})
	if err != nil {
		return err
	}
	defer b.Close()
	st, err := newPackStyles(b)
	if err != nil {
		return err
	}
	steps := make([]func() error, len(parts))
	for i, part := range parts {
		steps[i] = func() error { return part(b, st, p) }
	}
	return b.writeSteps(ctx, w, steps...)
}

// ---- styles ----

// packStyles are the styles the audit documents add to the Book's.
type packStyles struct {
	date, dateBold, note, strong, right, dayHead, dayDate, cell, cellBold, cellMuted, sign int
	tone                                                                                   [tones]int // bordered value cells in a tone
}

func newPackStyles(b *Book) (*packStyles, error) {
	f := b.File()
	st := &packStyles{}
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
	font := func(bold, italic bool, color string) *excelize.Font {
		return &excelize.Font{Bold: bold, Italic: italic, Color: color, Family: "Calibri", Size: 11}
	}
	top := func(wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Vertical: "top", Horizontal: "left", WrapText: wrap}
	}
	iso := "yyyy-mm-dd"
	long := "dddd d mmmm yyyy"
	dayFill := solid("DDEBF7")
	defs := []styleDef{
		{&st.date, &excelize.Style{Font: font(false, false, ""), Alignment: top(false), Border: border, CustomNumFmt: &iso}},
		{&st.dateBold, &excelize.Style{Font: font(true, false, ""), Alignment: top(false), Border: border, CustomNumFmt: &iso}},
		{&st.note, &excelize.Style{Font: font(false, true, "595959"), Alignment: top(true)}},
		{&st.strong, &excelize.Style{Font: font(true, false, ""), Alignment: top(true), Border: border}},
		{&st.right, &excelize.Style{Font: font(false, false, "595959"), Alignment: &excelize.Alignment{Vertical: "bottom", Horizontal: "right", Indent: 1}}},
		{&st.dayHead, &excelize.Style{Font: font(true, false, "1F4E78"), Fill: dayFill, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.dayDate, &excelize.Style{Font: font(true, false, "1F4E78"), Fill: dayFill, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "left"}, CustomNumFmt: &long}},
		{&st.cell, &excelize.Style{Font: font(false, false, ""), Alignment: top(true), Border: border}},
		{&st.cellBold, &excelize.Style{Font: font(true, false, ""), Alignment: top(true), Border: border}},
		{&st.cellMuted, &excelize.Style{Font: font(false, true, "7F7F7F"), Alignment: top(true), Border: border}},
		{&st.sign, &excelize.Style{Font: font(false, false, ""), Alignment: &excelize.Alignment{Vertical: "bottom"}, Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}}},
	}
	for t := range tones {
		s := toneStyle(Wrap, Tone(t))
		s.Font.Bold, s.Alignment.Horizontal, s.Border = t != Plain, "left", border
		defs = append(defs, styleDef{&st.tone[t], s})
	}
	if err := newStyles(f, defs); err != nil {
		return nil, err
	}
	return st, nil
}

// ---- a sheet written cell by cell ----

// packPage writes a sheet row by row: title lines, sections, labelled
// fields and small tables over a fixed set of columns. It keeps count of
// the printed page's height so that a section title or a day of the
// timetable is not left alone at the foot of a page.
type packPage struct {
	b         *Book
	st        *packStyles
	f         *excelize.File
	name      string
	widths    []float64
	landscape bool
	row       int
	err       error
	// heights are the rows' heights set (points); capacity is the height
	// of rows a printed page holds (where the spreadsheet breaks pages); broke is the last row before the
	// last page break; repeat is the height of the rows repeated on
	// every page after the first.
	heights  map[int]float64
	capacity float64
	broke    int
	repeat   float64
}

func newPackPage(b *Book, st *packStyles, name string, widths []float64, landscape bool) (*packPage, error) {
	if err := b.addPage(name, widths); err != nil {
		return nil, err
	}
	pg := &packPage{b: b, st: st, f: b.File(), name: name, widths: widths, landscape: landscape, heights: map[int]float64{}}
	px := 0.0
	for _, w := range widths {
		px += math.Trunc(w*7 + 5)
	}
	// A4 less the margins of packPrint, in points; the sheet is scaled
	// down to the page's width, so a page holds more rows' points.
	pw, ph := 523.0, 755.0
	if landscape {
		pw, ph = 770.0, 509.0
	}
	scale := math.Min(1, pw/(px*0.75))
	// Less a footer's room (LibreOffice prints it inside the margin's
	// height) and a little for rounding: every page break is set here,
	// before the spreadsheet would break by itself.
	pg.capacity = (ph - 40) / scale * 0.98
	return pg, nil
}

// used is the height of the rows on the current printed page.
func (pg *packPage) used() float64 {
	h := 0.0
	if pg.broke > 0 {
		h = pg.repeat
	}
	for r := pg.broke + 1; r <= pg.row; r++ {
		if x, ok := pg.heights[r]; ok {
			h += x
		} else {
			h += 15
		}
	}
	return h
}

// keep starts a new printed page before the next row unless the
// current page still holds h points more. It reports whether it did.
func (pg *packPage) keep(h float64) bool {
	if pg.err != nil || pg.row <= pg.broke || pg.used()+h <= pg.capacity {
		return false
	}
	pg.err = pg.f.InsertPageBreak(pg.name, packCell(1, pg.row+1))
	pg.broke = pg.row
	return true
}

func packCell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// set writes v with style into column col (1-based) of the current row,
// merged up to column to when to > col.
func (pg *packPage) set(col, to int, v any, style int) {
	if pg.err != nil {
		return
	}
	v = cellValue(v)
	at := packCell(col, pg.row)
	if v != nil {
		if err := pg.f.SetCellValue(pg.name, at, v); err != nil {
			pg.err = err
			return
		}
	}
	end := at
	if to > col {
		end = packCell(to, pg.row)
		if err := pg.f.MergeCell(pg.name, at, end); err != nil {
			pg.err = err
			return
		}
	}
	if err := pg.f.SetCellStyle(pg.name, at, end, style); err != nil {
		pg.err = err
	}
}

// height sets the current row's height for text over columns col..to.
func (pg *packPage) height(h float64) {
	if pg.err == nil && h > 0 {
		pg.heights[pg.row] = h
		pg.err = pg.f.SetRowHeight(pg.name, pg.row, h)
	}
}

// span is the width in characters of columns col..to merged: each
// column adds its margin of 5 pixels (a character is 7).
func (pg *packPage) span(col, to int) float64 {
	w := 0.0
	for i := col; i <= to && i <= len(pg.widths); i++ {
		if i > col {
			w += 5.0 / 7
		}
		w += pg.widths[i-1]
	}
	return w
}

// next starts the next row. Where the row just written overflows the
// printed page, a page break goes before it: the pages break where this
// count says, in Excel and LibreOffice alike, not where each would.
func (pg *packPage) next() {
	pg.fit()
	pg.row++
}

// fit breaks the page before the current row if it overflows the page.
func (pg *packPage) fit() {
	if pg.err == nil && pg.row > pg.broke+1 && pg.used() > pg.capacity {
		pg.err = pg.f.InsertPageBreak(pg.name, packCell(1, pg.row))
		pg.broke = pg.row - 1
	}
}

func (pg *packPage) last() int { return len(pg.widths) }

// title writes the title and the line under it.
func (pg *packPage) title(title, sub string) {
	pg.next()
	pg.set(1, 0, title, pg.b.TitleStyle())
	pg.height(24)
	pg.next()
	pg.set(1, 0, sub, pg.b.SubtitleStyle())
}

// section starts a section after an empty row, on a new printed page
// unless the title and body points of what follows fit on this one.
func (pg *packPage) section(title string, body float64) {
	if !pg.keep(15 + 20 + body) {
		pg.next()
	}
	pg.next()
	pg.set(1, 0, title, pg.b.SectionStyle())
	pg.height(20)
}

// tableSection starts a section holding a small table and writes the
// table, keeping them together on a printed page where the table is
// short.
func (pg *packPage) tableSection(title string, cols []packCol, rows [][]any, tones []Tone) {
	h := pg.tableHeight(cols, rows)
	if h > 300 {
		h = pg.tableHeight(cols, rows[:2])
	}
	pg.section(title, h)
	pg.table(cols, rows, tones)
}

// packFieldsHeight estimates the height of fields (label, value) on a page.
func (pg *packPage) fieldsHeight(values ...string) float64 {
	h := 0.0
	for _, v := range values {
		h += wrappedHeight(v, pg.span(2, pg.last()))
	}
	return h
}

// tableHeight estimates the height of a small table (see table).
func (pg *packPage) tableHeight(cols []packCol, rows [][]any) float64 {
	h := 18.0
	for _, c := range cols {
		h = max(h, wrappedHeight(c.title, pg.span(c.from, c.to))+3)
	}
	for _, r := range rows {
		h += pg.rowHeight(cols, r)
	}
	return h
}

func (pg *packPage) rowHeight(cols []packCol, r []any) float64 {
	h := 15.0
	for j, c := range cols {
		if j < len(r) {
			if s, ok := r[j].(string); ok {
				h = max(h, wrappedHeight(s, pg.span(c.from, c.to)))
			}
		}
	}
	return h
}

// field writes a label and its value over the other columns; a string
// value wraps, a Date is a date cell.
func (pg *packPage) field(label string, v any) {
	pg.fieldStyled(label, v, pg.b.WrapStyle())
}

func (pg *packPage) fieldStyled(label string, v any, style int) {
	pg.next()
	pg.set(1, 0, label, pg.b.LabelStyle())
	switch x := v.(type) {
	case certification.Date:
		pg.set(2, pg.last(), x, pg.st.date)
	case string:
		pg.set(2, pg.last(), x, style)
		pg.height(max(wrappedHeight(x, pg.span(2, pg.last())), wrappedHeight(label, pg.widths[0])))
	default:
		pg.set(2, pg.last(), v, style)
	}
}

// dates writes a label with two dates: "from … to …".
func (pg *packPage) dates(label string, from, to certification.Date, bold bool) {
	pg.next()
	pg.set(1, 0, label, pg.b.LabelStyle())
	style := pg.st.date
	if bold {
		style = pg.st.dateBold
	}
	pg.set(2, 0, from, style)
	pg.set(3, 0, "to", pg.b.ValueStyle())
	pg.set(4, 0, to, style)
	pg.set(5, pg.last(), nil, pg.b.ValueStyle())
}

// packCol is a column of a small table on a page: a title over sheet
// columns from..to.
type packCol struct {
	title    string
	from, to int
}

// table writes a small table: a header row and rows of values, each
// row in its tone (Plain for none).
func (pg *packPage) table(cols []packCol, rows [][]any, tones []Tone) {
	pg.next()
	h := 18.0
	for _, c := range cols {
		pg.set(c.from, c.to, c.title, pg.b.HeaderStyle())
		h = max(h, wrappedHeight(c.title, pg.span(c.from, c.to))+3)
	}
	pg.height(h)
	for i, r := range rows {
		pg.next()
		for j, c := range cols {
			var v any
			if j < len(r) {
				v = r[j]
			}
			style := pg.st.cell
			if tones != nil && tones[i] != Plain {
				style = pg.st.tone[tones[i]]
			}
			if _, ok := v.(certification.Date); ok {
				style = pg.st.date
			}
			pg.set(c.from, c.to, v, style)
		}
		pg.height(pg.rowHeight(cols, r))
	}
}

// note writes a paragraph in the note style over every column.
func (pg *packPage) note(text string) {
	pg.next()
	pg.set(1, pg.last(), text, pg.st.note)
	pg.height(wrappedHeight(text, pg.span(1, pg.last())))
}

// print sets up the printed page (see packPrint).
func (pg *packPage) print(footer string) error {
	pg.fit()
	if pg.err != nil {
		return pg.err
	}
	return packPrint(pg.landscape, footer).setUp(pg.f, pg.name)
}

// packPrint is how the audit documents print: A4, fitted to the page
// width, with a footer naming the document and the page.
func packPrint(landscape bool, footer string) printLayout {
	return printLayout{landscape: landscape, margins: margins{side: 0.5, top: 0.6, bottom: 0.6}, footer: footer}
}

// ---- the words of the documents ----

func packKindTitle(p *document.AuditPack) string {
	return p.Audit.Kind.Label()
}

// packNote is the line under the title of a streamed sheet.
func packNote(p *document.AuditPack) string {
	return fmt.Sprintf("%s · %s · audit %d, %s to %s", p.Client.LegalName, packStandards(p), p.Audit.ID, p.Audit.Start(), p.Audit.LastDay())
}

func packFooter(p *document.AuditPack, doc string) string {
	return fmt.Sprintf("%s — %s — %s, audit %d", p.Body, doc, p.Client.DisplayName(), p.Audit.ID)
}

func packStandards(p *document.AuditPack) string {
	var s []string
	for _, x := range p.Standards() {
		s = append(s, string(x))
	}
	return strings.Join(s, " + ")
}

func packClientName(c *certification.Client) string {
	if c.TradingName != "" && c.TradingName != c.LegalName {
		return c.LegalName + " (trading as " + c.TradingName + ")"
	}
	return c.LegalName
}

func packContact(c *certification.Client) string {
	if len(c.Contacts) == 0 {
		return ""
	}
	k := c.Contacts[0]
	parts := []string{k.Name}
	for _, s := range []string{k.Role, k.Email, k.Phone} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// The documents' words for the domain's values (see wording).
var (
	packAuditStatuses = map[certification.AuditStatus]string{
		certification.AuditPlanned:       "Planned (to be confirmed)",
		certification.AuditConfirmed:     "Confirmed",
		certification.AuditInProgress:    "In progress",
		certification.AuditReportDrafted: "Report drafted",
		certification.AuditClosed:        "Closed",
		certification.AuditCancelled:     "Cancelled",
	}
	packRoles = map[certification.TeamRole]string{
		certification.TeamLead:            "Lead auditor",
		certification.TeamAuditor:         "Auditor",
		certification.TeamTechnicalExpert: "Technical expert",
		certification.TeamTrainee:         "Trainee auditor",
		certification.TeamObserver:        "Observer",
	}
	packAIAreas = map[certification.AIArea]string{
		certification.AIRisk:       "AI risk assessment and treatment",
		certification.AIData:       "Data quality and provenance",
		certification.AILifecycle:  "AI life cycle and technology",
		certification.AIEthics:     "Ethics and impact assessment",
		certification.AIRegulation: "AI regulation and the sector's law",
	}
	packRecommendations = map[certification.Recommendation]string{
		certification.RecommendGrant:       "Grant certification",
		certification.RecommendRenew:       "Renew the certification (recertification)",
		certification.RecommendMaintain:    "Maintain the certification",
		certification.RecommendNotYet:      "Grant or renew only once the nonconformities are closed as required",
		certification.RecommendRefuse:      "Refuse certification",
		certification.RecommendSuspend:     "Suspend the certification",
		certification.RecommendScopeChange: "Change the scope of certification",
		"":                                 "Not yet given",
	}
	packFindingStatuses = map[certification.FindingStatus]string{
		certification.FindingAwaitingResponse: "Awaiting response",
		certification.FindingResponded:        "Response received",
		certification.FindingPlanRejected:     "Response rejected",
		certification.FindingPlanAccepted:     "Plan accepted",
		certification.FindingVerified:         "Verified",
		certification.FindingNoAction:         "No action needed",
	}
)

// Colours of a recommendation and of a checklist result (Plain where
// none is listed).
var (
	packRecommendationTones = map[certification.Recommendation]Tone{
		certification.RecommendGrant:       Done,
		certification.RecommendRenew:       Done,
		certification.RecommendMaintain:    Done,
		certification.RecommendNotYet:      DueSoon,
		certification.RecommendScopeChange: DueSoon,
		certification.RecommendRefuse:      Overdue,
		certification.RecommendSuspend:     Overdue,
	}
	packResultTones = map[certification.ChecklistResult]Tone{
		certification.ResultMajor:         Overdue,
		certification.ResultMinor:         DueSoon,
		certification.ResultConform:       Done,
		certification.ResultNotApplicable: Muted,
	}
)

// packFindingTone colours a finding: late red, open amber, closed green.
func packFindingTone(x *document.PackFinding) Tone {
	switch {
	case x.Late:
		return Overdue
	case x.Open():
		return DueSoon
	case x.Status == certification.FindingNoAction:
		return Plain
	}
	return Done
}

func packSiteLabel(s document.PackSite) string {
	l := s.Code
	if l == "" {
		l = s.Name
	}
	if s.Central && s.Code != "" {
		l += " (central function)"
	}
	return l
}

func packSiteAddress(s document.PackSite) string {
	if s.Unknown {
		return "(no longer on the client's record)"
	}
	a := s.Address
	if s.Scope != "" {
		a += "\nScope at the site: " + s.Scope
	}
	return a
}

func packCertificate(p *document.AuditPack) string {
	c := p.Certificate
	if c == nil {
		return "Not yet certified (initial certification)"
	}
	return fmt.Sprintf("%s, revision %d, issued %s, expires %s", c.Number, c.Revision, c.IssueDate, c.Expiry)
}

func packCycle(p *document.AuditPack) string {
	c := p.Cycle
	if c.Start.IsZero() {
		return fmt.Sprintf("Cycle %d (opens with the certification decision)", c.Number)
	}
	return fmt.Sprintf("Cycle %d: %s to %s", c.Number, c.Start, c.Expiry)
}

func packIntegrated(p *document.AuditPack) string {
	if len(p.Integrated) == 0 {
		return ""
	}
	var s []string
	for _, x := range p.Integrated {
		s = append(s, fmt.Sprintf("audit %d, %s (certification %d)", x.AuditID, x.Standard, x.CertificationID))
	}
	return "Integrated audit: one visit with " + strings.Join(s, "; ") + ". Shared clauses are answered once; each standard has its own report."
}

func packBullets(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("• " + l)
	}
	return b.String()
}

// packSampleStatement says how the sites were chosen.
func packSampleStatement(p *document.AuditPack) string {
	s := p.Audit.Sample
	if s == nil {
		if _, sampled := certification.SampleKindFor(p.Audit.Kind); sampled && len(p.Client.Sites) > 1 {
			return fmt.Sprintf("Sites visited: %d of the client's %d sites (no sample drawn under IAF MD 1 is recorded for this audit).", len(p.Sites), len(p.Client.Sites))
		}
		return ""
	}
	out := fmt.Sprintf("Multi-site sample (IAF MD 1, %s): %d of the %d sites besides the central function %s are visited", s.Kind, s.Size, s.Sites, s.Central)
	if len(s.Preferred) > 0 {
		out += fmt.Sprintf("; chosen first: %s", strings.Join(s.Preferred, ", "))
	}
	if len(s.Random) > 0 {
		out += fmt.Sprintf("; drawn at random: %s (seed %d, so the draw can be shown again)", strings.Join(s.Random, ", "), s.Seed)
	}
	out += "."
	if len(s.Reasons) > 0 {
		out += "\n" + packBullets(s.Reasons)
	}
	return out
}

func packLanguages(p *document.AuditPack) string {
	if len(p.Languages) == 0 {
		return "English, unless agreed otherwise with the client"
	}
	return strings.Join(p.Languages, ", ")
}

// ---- the audit plan ----

// The sections both covers have.

// clientSection writes the client: its name, address and first contact
// (labelled contact).
func (pg *packPage) clientSection(p *document.AuditPack, contact string) {
	pg.section("Client", 45)
	pg.field("Organisation", packClientName(&p.Client))
	pg.field("Address", p.Client.RegisteredAddress)
	if c := packContact(&p.Client); c != "" {
		pg.field(contact, c)
	}
}

// auditSection starts the audit's section: which audit it is, and the
// audits it is integrated with.
func (pg *packPage) auditSection(p *document.AuditPack) {
	a := &p.Audit
	pg.section("Audit", 45)
	pg.fieldStyled("Audit", fmt.Sprintf("%s (audit %d of certification %d)", a.Kind.Label(), a.ID, a.CertificationID), pg.st.strong)
	if s := packIntegrated(p); s != "" {
		pg.field("Integrated audit", s)
	}
}

// sitesSection lists the audit's sites in a small table.
func (pg *packPage) sitesSection(p *document.AuditPack, title string) {
	var rows [][]any
	for _, s := range p.Sites {
		rows = append(rows, []any{packSiteLabel(s), s.Name, packSiteAddress(s)})
	}
	pg.tableSection(title, []packCol{{"Site", 1, 1}, {"Name", 2, 3}, {"Address", 4, 5}}, rows, nil)
}

// teamSection lists the audit team in a small table.
func (pg *packPage) teamSection(p *document.AuditPack) {
	var rows [][]any
	for _, m := range p.Team {
		rows = append(rows, []any{wording(packRoles, m.Role), m.Name, m.Email})
	}
	pg.tableSection("Audit team", []packCol{{"Role", 1, 1}, {"Name", 2, 3}, {"Email", 4, 5}}, rows, nil)
}

func planCover(b *Book, st *packStyles, p *document.AuditPack) error {
	pg, err := newPackPage(b, st, PlanCoverSheet, []float64{22, 17, 17, 17, 29}, false)
	if err != nil {
		return err
	}
	a := &p.Audit
	state := map[certification.AuditStatus]string{
		certification.AuditPlanned:   "proposed plan",
		certification.AuditConfirmed: "confirmed plan",
		certification.AuditCancelled: "plan of a cancelled audit",
	}[a.Status]
	if state == "" {
		state = "plan of the audit as carried out"
	}
	pg.title("Audit plan — "+packKindTitle(p), fmt.Sprintf("%s · %s · issued %s", p.Body, state, p.AsOf))

	pg.clientSection(p, "Contact")

	pg.section("Certification", 45)
	pg.field("Standard", packStandards(p))
	scope := p.Certification.Scope
	for _, x := range p.Integrated {
		if x.Scope != p.Certification.Scope {
			scope += "\n" + string(x.Standard) + ": " + x.Scope
		}
	}
	pg.field("Scope", scope)
	pg.field("Certificate", packCertificate(p))
	pg.field("Cycle", packCycle(p))

	pg.auditSection(p)
	pg.dates("Dates", a.Start(), a.LastDay(), true)
	days := a.PlannedDays
	for _, x := range p.Integrated {
		days += x.PlannedDays
	}
	pg.field("Auditor-days", fmt.Sprintf("%g auditor-days of 8 hours", days))
	pg.field("Status", wording(packAuditStatuses, a.Status))
	pg.field("Objectives", packBullets(document.AuditObjectives(a.Kind, p.Standards())))
	pg.field("Criteria", packBullets(document.AuditCriteria(p.Standards())))
	pg.field("Language", packLanguages(p))

	pg.sitesSection(p, "Sites")
	if s := packSampleStatement(p); s != "" {
		pg.note(s)
	}
	pg.teamSection(p)
	pg.note("The timetable sheet proposes the sessions; the team sheet gives each member's qualifications. Tell us within five working days if you object to a member of the team.")

	if n := strings.TrimSpace(a.Notes); n != "" {
		pg.section("Notes", pg.fieldsHeight(n))
		pg.field("Notes", n)
	}

	pg.section("Please note", 90)
	confirm := a.Start().AddDays(-7)
	pg.note(fmt.Sprintf("Please confirm this plan, or tell us of any change (dates, sites, people available), by %s. We need a guide for the team, a room for the team's work, and access to the people, places and records the timetable names.", confirm))
	pg.note("An audit is based on samples of the information available; a nonconformity may therefore exist that the audit does not find.")
	pg.note(fmt.Sprintf("Confidential: %s keeps everything seen and heard during the audit confidential. This plan is for %s and the audit team only.", p.Body, p.Client.DisplayName()))
	return pg.print(packFooter(p, "Audit plan"))
}

func planTimetable(b *Book, st *packStyles, p *document.AuditPack) error {
	integrated := len(p.Integrated) > 0
	widths := []float64{12, 26, 28, 50, 24}
	if integrated {
		widths = []float64{12, 24, 26, 46, 12, 22}
	}
	pg, err := newPackPage(b, st, PlanTimetableSheet, widths, true)
	if err != nil {
		return err
	}
	pg.title("Proposed timetable — "+packKindTitle(p),
		fmt.Sprintf("%s · %s · %s", p.Client.LegalName, packStandards(p), "proposed plan, derived from the audit's days, sites and checklist: to be confirmed with the client"))
	head := []string{"Time", "Site", "Activity", "Clauses and controls", "Auditors"}
	if integrated {
		head = []string{"Time", "Site", "Activity", "Clauses and controls", "Standards", "Auditors"}
	}
	pg.next()
	pg.next()
	for i, h := range head {
		pg.set(i+1, 0, h, b.HeaderStyle())
	}
	pg.height(20)
	header := pg.row
	pg.repeat = 20
	sessions := p.ProposedTimetable()
	type line struct {
		vals []any
		h    float64
	}
	lines := make([]line, len(sessions))
	for i, s := range sessions {
		topics, stds := packTopics(s.Topics)
		if topics == "" {
			topics = s.Detail
		}
		site := ""
		if s.Site != (document.PackSite{}) {
			site = s.Site.Label()
		}
		l := line{vals: []any{s.Times(), site, s.Activity, topics, strings.Join(s.Auditors, ", ")}, h: 15}
		if integrated {
			l.vals = []any{s.Times(), site, s.Activity, topics, stds, strings.Join(s.Auditors, ", ")}
		}
		for k, v := range l.vals {
			l.h = max(l.h, wrappedHeight(v.(string), widths[k]))
		}
		lines[i] = l
	}
	day := 0
	for i, s := range sessions {
		h := lines[i].h
		if i == len(sessions)-2 {
			pg.keep(h + lines[i+1].h) // the team's review with the closing meeting
		}
		if s.Day != day {
			day = s.Day
			where := packDaySites(sessions, s.Day)
			dh := max(22, wrappedHeight(where, pg.span(4, pg.last()))+6)
			pg.keep(dh + h)
			pg.next()
			pg.set(1, 0, fmt.Sprintf("Day %d", s.Day), st.dayHead)
			pg.set(2, 3, s.Date, st.dayDate)
			pg.set(4, pg.last(), where, st.dayHead)
			pg.height(dh)
		}
		pg.next()
		style := st.cell
		switch s.Kind {
		case document.SessionMeeting:
			style = st.cellBold
		case document.SessionBreak:
			style = st.cellMuted
		}
		for k, v := range lines[i].vals {
			pg.set(k+1, 0, v, style)
		}
		pg.height(h)
	}
	pg.next()
	pg.note("Times are proposals: the lead auditor agrees the final times with the client at the opening meeting. Sessions may be taken on site or remotely as agreed.")
	pg.fit()
	if pg.err != nil {
		return pg.err
	}
	if err := pg.f.SetPanes(pg.name, &excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: packCell(1, header+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	layout := packPrint(true, packFooter(p, "Audit plan, proposed timetable"))
	layout.titleRow = header
	return layout.setUp(pg.f, pg.name)
}

// packDaySites names the sites of a day's sessions.
func packDaySites(sessions []document.PlanSession, day int) string {
	var out []string
	seen := map[string]bool{}
	for _, s := range sessions {
		if s.Day != day || s.Kind == document.SessionBreak {
			continue
		}
		l := s.Site.Label()
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return strings.Join(out, "; ")
}

// packTopics writes a session's topics one a line, and the standards they answer.
func packTopics(ts []document.PlanTopic) (string, string) {
	var lines, stds []string
	for _, t := range ts {
		if t.Ref != "" {
			lines = append(lines, t.Ref+"  "+t.Title)
		} else {
			lines = append(lines, t.Title)
		}
		if t.Standards != "" && (len(stds) == 0 || stds[len(stds)-1] != t.Standards) {
			stds = append(stds, t.Standards)
		}
	}
	return strings.Join(lines, "\n"), strings.Join(stds, "; ")
}

func planTeam(b *Book, st *packStyles, p *document.AuditPack) error {
	pg, err := newPackPage(b, st, PlanTeamSheet, []float64{16, 20, 34, 20, 10, 28, 20}, true)
	if err != nil {
		return err
	}
	pg.title("Audit team — "+packKindTitle(p), fmt.Sprintf("%s · %s · audit %d", p.Client.LegalName, packStandards(p), p.Audit.ID))
	pg.next()
	var rows [][]any
	for _, m := range p.Team {
		var stds, sectors, areas []string
		for _, s := range m.Standards {
			stds = append(stds, string(s))
		}
		for _, s := range m.Sectors {
			sectors = append(sectors, fmt.Sprint(s))
		}
		for _, a := range m.AIAreas {
			areas = append(areas, wording(packAIAreas, a))
		}
		rows = append(rows, []any{wording(packRoles, m.Role), m.Name, m.Email, strings.Join(stds, "\n"), strings.Join(sectors, ", "), strings.Join(areas, "\n"), strings.Join(m.Languages, ", ")})
	}
	cols := []packCol{{"Role", 1, 1}, {"Name", 2, 2}, {"Email", 3, 3}, {"Qualified for", 4, 4}, {"IAF sectors", 5, 5}, {"AI competence (ISO/IEC 42006)", 6, 6}, {"Languages", 7, 7}}
	pg.table(cols, rows, nil)
	pg.next()
	pg.note("Before the audit is confirmed the team is checked against the interests its members declared: nobody who consulted for, trained or was employed by the client in the last two years audits it. Technical experts, trainees and observers take part under the lead auditor's direction; they do not audit on their own.")
	return pg.print(packFooter(p, "Audit plan, team"))
}

// ---- the audit report ----

func reportCover(b *Book, st *packStyles, p *document.AuditPack) error {
	pg, err := newPackPage(b, st, ReportCoverSheet, []float64{24, 17, 17, 17, 29}, false)
	if err != nil {
		return err
	}
	a := &p.Audit
	dated := "draft, not yet closed"
	if !a.ReportDate.IsZero() {
		dated = "report of " + a.ReportDate.String()
	}
	pg.title("Audit report — "+packKindTitle(p), fmt.Sprintf("%s · %s · %s", p.Body, packStandards(p), dated))

	pg.clientSection(p, "Representative")

	pg.section("Certification", 45)
	pg.field("Standard", string(p.Certification.Standard))
	pg.field("Scope", p.Certification.Scope)
	pg.field("Certificate", packCertificate(p))
	pg.field("Cycle", packCycle(p))

	pg.auditSection(p)
	pg.dates("Planned", a.PlannedStart, a.PlannedEnd, false)
	if !a.ActualStart.IsZero() {
		pg.dates("Carried out", a.ActualStart, a.LastDay(), true)
	}
	days := fmt.Sprintf("%g planned", a.PlannedDays)
	if a.ActualDays > 0 {
		days += fmt.Sprintf(", %g used", a.ActualDays)
	}
	pg.field("Auditor-days", days)
	pg.field("Report date", a.ReportDate)
	pg.field("Status", wording(packAuditStatuses, a.Status))
	pg.field("Objectives", packBullets(document.AuditObjectives(a.Kind, []certification.Standard{p.Certification.Standard})))
	pg.field("Criteria", packBullets(document.AuditCriteria([]certification.Standard{p.Certification.Standard})))
	pg.field("Scope audited", p.Certification.Scope)

	pg.sitesSection(p, "Sites audited")
	pg.teamSection(p)

	counts := p.ResultCounts()
	var rows [][]any
	var tones []Tone
	for _, r := range []certification.ChecklistResult{certification.ResultConform, certification.ResultOFI, certification.ResultMinor,
		certification.ResultMajor, certification.ResultNotApplicable, certification.ResultNotAudited} {
		rows = append(rows, []any{r.Label(), counts[r]})
		tones = append(tones, map[bool]Tone{true: packResultTones[r], false: Plain}[counts[r] > 0])
	}
	ex := len(p.Excluded())
	rows = append(rows, []any{"Excluded by the SoA", ex})
	tones = append(tones, Muted)
	pg.tableSection("Summary of results", []packCol{{"Checklist result", 1, 1}, {"Lines", 2, 2}}, rows, tones)
	pg.note(fmt.Sprintf("The checklist sheet lists all %d lines of %s in catalogue order: the clauses, the Annex A controls the Statement of Applicability keeps and, with their justification, the %d it excludes.",
		len(p.Checklist), p.Certification.Standard, ex))

	all, open := p.GradeCounts()
	rows, tones = nil, nil
	for _, g := range certification.Grades {
		rows = append(rows, []any{g.Label(), all[g], open[g]})
		t := Plain
		if open[g] > 0 {
			t = map[certification.Grade]Tone{certification.Major: Overdue, certification.Minor: DueSoon}[g]
		}
		tones = append(tones, t)
	}
	pg.tableSection("Nonconformities and other findings", []packCol{{"Grade", 1, 1}, {"Raised", 2, 2}, {"Still open", 3, 3}}, rows, tones)
	if len(p.Findings) > 0 {
		pg.note("Each finding is on the findings sheet with the requirement, the objective evidence, its deadlines and the client's response.")
	}
	if len(p.Earlier) > 0 {
		rows, tones = nil, nil
		for i := range p.Earlier {
			x := &p.Earlier[i]
			rows = append(rows, []any{fmt.Sprintf("%s #%d (%s)", x.Grade.Label(), x.Number, x.Reference),
				fmt.Sprintf("%s audit of %s", x.AuditKind.Label(), x.AuditStart), wording(packFindingStatuses, x.Status) + packVerified(x)})
			tones = append(tones, packFindingTone(x))
		}
		pg.tableSection("Nonconformities of earlier audits followed up", []packCol{{"Finding", 1, 1}, {"Raised at", 2, 3}, {"State", 4, 5}}, rows, tones)
	}

	pg.section("Statements", 45)
	pg.field("Sampling", "The audit is based on samples of the information available: a nonconformity may exist that the audit did not find.")
	if s := packSampleStatement(p); s != "" {
		pg.field("Sites sampled", s)
	}
	if j := strings.TrimSpace(a.TeamJustification); j != "" {
		pg.field("Team competence", "The team was confirmed with a competence gap the body's policy lets a justification cover:\n"+j)
	}
	if j := strings.TrimSpace(a.GapJustification); j != "" {
		pg.field("Stage 1 still valid", j)
	}
	if n := strings.TrimSpace(a.Notes); n != "" {
		pg.field("Notes", n)
	}

	cond := p.Conditions()
	if len(cond) == 0 {
		cond = []string{"None: no nonconformity of this audit remains open."}
	}
	decision := "The certification decision is taken by the body's decision maker, who was not a member of any audit team for this client in the cycle, on the full file: this report, the findings and their status, the audit time used and the team's competence."
	signatures := 2 * (28 + 22 + 15.0)
	// The conclusion and the signatures on one page.
	pg.section("Recommendation of the audit team", 30+pg.fieldsHeight(packBullets(cond))+wrappedHeight(decision, pg.span(1, pg.last()))+35+signatures)
	if a.Kind == certification.Stage1 {
		out, tone := "Not yet recorded", Plain
		switch a.Stage1Outcome {
		case certification.Stage1Ready:
			out, tone = "Ready for stage 2", Done
		case certification.Stage1NotReady:
			out, tone = "Not ready for stage 2: the areas of concern must be addressed first", Overdue
		}
		pg.fieldStyled("Stage 1 outcome", out, st.tone[tone])
	} else {
		pg.fieldStyled("Recommendation", wording(packRecommendations, a.Recommendation), st.tone[packRecommendationTones[a.Recommendation]])
	}
	pg.field("Conditions", packBullets(cond))
	pg.note(decision)

	pg.section("Signatures", signatures)
	lead, _ := p.Lead()
	sign := func(who, name string) {
		pg.next()
		pg.set(1, 0, who, pg.b.LabelStyle())
		pg.set(2, 3, name, pg.b.ValueStyle())
		pg.set(4, 0, "Signature:", st.right)
		pg.set(5, 0, nil, st.sign)
		pg.height(28)
		pg.next()
		pg.set(4, 0, "Date:", st.right)
		pg.set(5, 0, nil, st.sign)
		pg.height(22)
		pg.next()
	}
	sign("Lead auditor", lead.Name)
	sign("Client representative", packFirstContact(&p.Client))
	return pg.print(packFooter(p, "Audit report"))
}

func packFirstContact(c *certification.Client) string {
	if len(c.Contacts) > 0 {
		return c.Contacts[0].Name
	}
	return ""
}

// packResponse is the client's response to a finding, as one text.
func packResponse(x *document.PackFinding) string {
	r := x.Response
	if r == nil {
		return ""
	}
	parts := []string{"Received " + r.Received.String() + "."}
	add := func(label, text string, by certification.Date) {
		if strings.TrimSpace(text) == "" {
			return
		}
		l := label + ": " + text
		if !by.IsZero() {
			l += " (by " + by.String() + ")"
		}
		parts = append(parts, l)
	}
	add("Root cause", r.RootCause, 0)
	add("Correction", r.Correction, r.CorrectionDate)
	add("Corrective action", r.CorrectiveAction, r.ActionDate)
	return strings.Join(parts, "\n")
}

// packReview is the body's review of the response and its verification.
func packReview(x *document.PackFinding) string {
	var parts []string
	if n := len(x.Rejected); n > 0 {
		parts = append(parts, fmt.Sprintf("%d earlier response(s) rejected.", n))
	}
	if rv := x.Review; rv != nil {
		l := map[bool]string{true: "Accepted", false: "Rejected"}[rv.Accepted] + " " + rv.On.String()
		if x.ReviewedByName != "" {
			l += " by " + x.ReviewedByName
		}
		if rv.Comment != "" {
			l += ": " + rv.Comment
		}
		parts = append(parts, l)
	}
	if v := x.Verification; v != nil {
		l := "Verified " + v.On.String() + " (" + v.Method + ")"
		if x.VerifiedByName != "" {
			l += " by " + x.VerifiedByName
		}
		if v.Notes != "" {
			l += ": " + v.Notes
		}
		parts = append(parts, l)
	}
	return strings.Join(parts, "\n")
}

func packVerified(x *document.PackFinding) string {
	if v := x.Verification; v != nil {
		return fmt.Sprintf(" on %s (%s)", v.On, v.Method)
	}
	if x.Late {
		return ", late"
	}
	return ""
}

func reportChecklist(b *Book, st *packStyles, p *document.AuditPack) error {
	integrated := len(p.Integrated) > 0
	cols := []Column{{"Ref", 9, Text}, {"Clause or control", 34, Wrap}, {"Group", 20, Wrap}, {"Result", 13, Text}, {"Notes", 64, Wrap}, {"Findings", 11, Wrap}}
	if integrated {
		cols = append(cols, Column{"Answered once for", 16, Wrap})
	}
	s, err := b.streamPrinted(ReportChecklist, cols, packPrint(true, packFooter(p, "Audit report, checklist")))
	if err != nil {
		return err
	}
	for _, l := range p.Checklist {
		result, notes, tone := l.Result.Label(), l.Notes, packResultTones[l.Result]
		switch {
		case l.Excluded:
			result, notes, tone = "Excluded (SoA)", "Excluded by the Statement of Applicability: "+l.Justification, Muted
		case l.Heading && !l.Recorded:
			result, tone = "", Plain
		}
		var nums []string
		for _, n := range l.Findings {
			nums = append(nums, fmt.Sprintf("#%d", n))
		}
		vals := []any{l.Ref, l.Title, l.Group, result, notes, strings.Join(nums, ", ")}
		if integrated {
			var with []string
			if len(l.SharedWith) > 0 {
				with = append(with, p.Certification.Standard.Short())
				for _, x := range l.SharedWith {
					with = append(with, x.Short())
				}
			}
			vals = append(vals, strings.Join(with, " · "))
		}
		if err := s.Row(tone, vals...); err != nil {
			return err
		}
	}
	return s.Close("AuditChecklist")
}

func reportFindings(b *Book, st *packStyles, p *document.AuditPack) error {
	// Few enough columns to print on A4 landscape at a readable size; the
	// clause titles are on the checklist sheet.
	cols := []Column{
		{"No.", 5, Int}, {"Grade", 11, Wrap}, {"Ref", 8, Text}, {"Requirement", 27, Wrap}, {"Objective evidence", 34, Wrap},
		{"Raised by", 13, Wrap}, {"Raised", 10.5, Date}, {"Response due", 10.5, Date}, {"Close due", 10.5, Date},
		{"Status", 12, Wrap}, {"Client response", 33, Wrap}, {"Review and verification", 23, Wrap},
	}
	s, err := b.streamPrinted(ReportFindings, cols, packPrint(true, packFooter(p, "Audit report, findings")))
	if err != nil {
		return err
	}
	for i := range p.Findings {
		x := &p.Findings[i]
		grade := gradeShort(x.Grade)
		if x.EscalatedFrom != "" {
			grade += " (escalated from " + x.EscalatedFrom.Label() + ")"
		}
		status := wording(packFindingStatuses, x.Status)
		if x.Late {
			status += " — late"
		}
		err := s.Row(packFindingTone(x), x.Number, grade, x.Reference, x.Requirement, x.Evidence, x.RaisedByName, x.Raised,
			x.ResponseDue, x.CloseDue, status, packResponse(x), packReview(x))
		if err != nil {
			return err
		}
	}
	return s.Close("AuditFindings")
}
