package app

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// xlsxState is the Excel exports' part of the window (UI goroutine only).
type xlsxState struct {
	// saveAs, chooseFolder and openFile choose where to write or what to
	// read; nil: Fyne's file dialogs. Tests set them.
	saveAs       func(title, fileName string, then func(path string))
	chooseFolder func(title string, then func(dir string))
	openFile     func(title string, then func(r io.ReadCloser, name string))

	// auditItems are the Export menu's items that need an open audit;
	// auditOpen is whether they were last enabled.
	auditItems []*fyne.MenuItem
	auditOpen  bool
}

// xlsxKind is a workbook of the Export menu.
type xlsxKind int

// xlsxKinds name the Export menu's workbooks, in menu order.
var xlsxKinds = []struct {
	title string // in the menu and the chooser
	help  string // in the chooser
	asOf  bool   // the as-of date applies
}{
	xkProgramme: {"Audit programme register", "Every certification with its cycle dates, each audit planned or done, what falls due next and its state.", true},
	xkFindings:  {"Findings register", "Every finding with its grade, clause, deadlines, response and verification, late ones in red.", true},
	xkCertificates: {"Certificate register", "Every certificate: number, revision, client, sites, scope, standard, dates and its status on the as-of date.",
		true},
	xkCases:      {"Complaints and appeals register", "Every complaint and appeal with its course, who acknowledged, investigated and decided it, its deadlines and whether one was missed.", true},
	xkCertSearch: {"IAF CertSearch upload", "The certificate data for the IAF CertSearch database (IAF MD 28), written as cb_certs_1.xlsx, cb_certs_2.xlsx, … (10,000 certificates each) into a folder you choose.", true},
	xkAuditPlan:  {"Audit plan", "The plan of the audit open in the Audit workspace, for the client: team, dates, sites and the proposed timetable.", false},
	xkAuditReport: {"Audit report", "The report of the audit open in the Audit workspace: the contents the rules require, the checklist with results, the findings and the team's recommendation.",
		false},
}

// xlsxMenu is the main menu's Export menu.
func (u *ui) xlsxMenu() *fyne.Menu {
	choose := fyne.NewMenuItem("Export to Excel…", u.showXLSXChooser)
	choose.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	item := func(k xlsxKind, label string) *fyne.MenuItem {
		return fyne.NewMenuItem(label, func() { u.startExport(k, u.today()) })
	}
	plan := item(xkAuditPlan, "Audit plan of the open audit…")
	report := item(xkAuditReport, "Audit report of the open audit…")
	u.xl.auditItems = []*fyne.MenuItem{plan, report}
	u.xl.auditOpen = u.openAudit() != nil
	for _, it := range u.xl.auditItems {
		it.Disabled = !u.xl.auditOpen
	}
	return fyne.NewMenu("Export", choose, fyne.NewMenuItemSeparator(),
		item(xkProgramme, "Audit programme register…"), item(xkFindings, "Findings register…"),
		item(xkCertificates, "Certificate register…"), item(xkCases, "Complaints and appeals register…"), item(xkCertSearch, "IAF CertSearch upload…"),
		fyne.NewMenuItemSeparator(), plan, report)
}

// refreshXLSXMenu enables the open audit's plan and report in the Export
// menu when an audit is open (the audit workspace calls it).
func (u *ui) refreshXLSXMenu() {
	open := u.openAudit() != nil
	if open == u.xl.auditOpen {
		return
	}
	u.xl.auditOpen = open
	for _, it := range u.xl.auditItems {
		it.Disabled = !open
	}
	if m := u.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// openAudit is the audit workspace when it has an audit open, else nil.
func (u *ui) openAudit() *auditWS {
	for _, ws := range u.spaces {
		if w, ok := ws.(*auditWS); ok && w.audit != nil && w.file != nil {
			return w
		}
	}
	return nil
}

// xlsxChooser is the Export to Excel dialog (Ctrl+E).
type xlsxChooser struct {
	kind  *widget.RadioGroup
	kinds []xlsxKind // the kinds offered, in kind.Options order
	help  *widget.Label
	asOf  *entry
	note  *widget.Label
}

// showXLSXChooser opens the Export to Excel dialog: which workbook, as
// of which date.
func (u *ui) showXLSXChooser() {
	c := &xlsxChooser{}
	var opts []string
	aw := u.openAudit()
	for k := range xlsxKinds {
		title := xlsxKinds[k].title
		if k == int(xkAuditPlan) || k == int(xkAuditReport) {
			if aw == nil {
				continue
			}
			title += " — " + auditShortLabel(aw)
		}
		c.kinds = append(c.kinds, xlsxKind(k))
		opts = append(opts, title)
	}
	c.help = widget.NewLabel("")
	c.help.Wrapping = fyne.TextWrapWord
	c.asOf = u.newDateEntry(true)
	c.asOf.SetText(u.today().String())
	c.note = widget.NewLabel("")
	c.note.Wrapping = fyne.TextWrapWord
	c.note.Importance = widget.LowImportance
	c.kind = widget.NewRadioGroup(opts, func(string) { c.selected() })
	c.kind.Required = true
	c.kind.SetSelected(opts[0])
	items := []*widget.FormItem{
		{Text: "Workbook", Widget: c.kind},
		{Text: "", Widget: c.help},
		{Text: "As of", Widget: c.asOf, HintText: "the registers and the upload show the records as they stand on this date"},
	}
	if aw == nil {
		c.note.SetText("To export an audit's plan or report, open the audit in the Audit workspace first (or use the Export button there).")
		items = append(items, &widget.FormItem{Text: "", Widget: c.note})
	}
	u.formDialog("Export to Excel", "Choose where to save…", items, func() {
		k, ok := c.chosen()
		if !ok {
			return
		}
		u.startExport(k, date(c.asOf))
	}, fyne.NewSize(720, 500))
}

// selected shows the help of the chosen workbook and enables the date
// where it applies.
func (c *xlsxChooser) selected() {
	k, ok := c.chosen()
	if !ok {
		c.help.SetText("")
		return
	}
	c.help.SetText(xlsxKinds[k].help)
	setEnabled(c.asOf, xlsxKinds[k].asOf)
}

// chosen is the workbook selected in the chooser.
func (c *xlsxChooser) chosen() (xlsxKind, bool) {
	for i, o := range c.kind.Options {
		if o == c.kind.Selected {
			return c.kinds[i], true
		}
	}
	return 0, false
}

// auditShortLabel names the open audit: "Nordlicht AG · ISO/IEC 42001 surveillance 2026-11-10".
func auditShortLabel(w *auditWS) string {
	a := w.audit
	return fmt.Sprintf("%s · %s %s %s", w.file.Client.DisplayName(), stdName(w.file.Certification.Standard), strings.ToLower(a.Kind.Label()), a.Start())
}
