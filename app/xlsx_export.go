package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The Excel exports (issue 5): the Export menu and its chooser (Ctrl+E),
// the registers, the IAF CertSearch upload, an audit's plan and report,
// a decision record, an audit time justification and a client's response
// form. The domain reads the data; Workbooks (storage/xlsx, handed in by
// main.go) writes it.
//
// Every export runs in the background behind the progress dialog of
// interchange.go, with a bar that fills as the writer reports rows and a
// Cancel that cancels the work's context. A workbook is written to a
// temporary file beside the one chosen and renamed to it once complete:
// a cancelled or failed export leaves no file behind.
//
// The file and folder dialogs only choose where to write: their
// callbacks call exportFile and exportCertSearch, which tests call
// directly (or through u.xl.saveAs, u.xl.chooseFolder and u.xl.openFile,
// which tests replace).

// Workbooks writes and reads the Excel workbooks. storage/xlsx implements
// it (xlsx.Workbooks); app never imports excelize.
type Workbooks interface {
	certification.RegisterWriter
	certification.CertSearchWriter
	certification.AuditTimeWriter
	certification.DecisionRecordWriter
	certification.AuditPackWriter
	certification.ResponseWorkbook
}

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

	// For tests: the last chooser, the last finished export's message and
	// the last response preview shown.
	chooser *xlsxChooser
	done    *widget.Label
	preview *responsePreview
}

// xlsxKind is a workbook of the Export menu.
type xlsxKind int

const (
	xkProgramme xlsxKind = iota
	xkFindings
	xkCertificates
	xkCertSearch
	xkAuditPlan
	xkAuditReport
)

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
		item(xkCertificates, "Certificate register…"), item(xkCertSearch, "IAF CertSearch upload…"),
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
	d     dialog.Dialog
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
			title += " — " + awShortLabel(aw)
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
	c.d = u.formDialog("Export to Excel", "Choose where to save…", items, func() {
		k, ok := c.chosen()
		if !ok {
			return
		}
		u.startExport(k, date(c.asOf))
	}, fyne.NewSize(720, 500))
	u.xl.chooser = c
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
	if xlsxKinds[k].asOf {
		c.asOf.Enable()
	} else {
		c.asOf.Disable()
	}
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

// awShortLabel names the open audit: "Nordlicht AG · ISO/IEC 42001 surveillance 2026-11-10".
func awShortLabel(w *auditWS) string {
	a := w.audit
	return fmt.Sprintf("%s · %s %s %s", w.file.Client.DisplayName(), stdName(w.file.Certification.Standard), strings.ToLower(a.Kind.Label()), a.Start())
}

// startExport asks where to write a workbook of the Export menu, then
// writes it.
func (u *ui) startExport(k xlsxKind, asOf certification.Date) {
	switch k {
	case xkCertSearch:
		u.chooseFolder("Folder for the IAF CertSearch upload", func(dir string) { u.exportCertSearch(dir, asOf) })
	case xkAuditPlan, xkAuditReport:
		aw := u.openAudit()
		if aw == nil {
			u.showInfo("No audit open", "Open the audit in the Audit workspace first: its plan and report are exported from there, or from the Export menu while it is open.")
			return
		}
		job := auditPackJob(k == xkAuditReport, aw.audit, aw.file)
		u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
	default:
		job := registerJob(k, asOf)
		u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
	}
}

// xlsxJob is one workbook to write.
type xlsxJob struct {
	title string // "Findings register": the dialogs' titles
	file  string // the file name offered
	unit  string // what the writer's progress counts ("rows"); "" when it reports none
	// write reads the data and writes the workbook to w, off the UI
	// goroutine; it stops when ctx is cancelled.
	write func(ctx context.Context, x *xlsxWork, w io.Writer) error
}

// xlsxWork is what a job's write works with.
type xlsxWork struct {
	svc   *certification.Service
	books Workbooks
	// step says what is being done now; progress how far the writing is.
	step     func(text string)
	progress func(done, total int)
}

// registerJob is a register as of a date.
func registerJob(k xlsxKind, asOf certification.Date) xlsxJob {
	day := asOf.String()
	switch k {
	case xkProgramme:
		return xlsxJob{title: "Audit programme register", file: "audit-programme-" + day + ".xlsx", unit: "rows",
			write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
				x.step("Reading the audit programme as of " + day + " …")
				reg, err := x.svc.ProgrammeRegister(ctx, asOf)
				if err != nil {
					return err
				}
				x.step(fmt.Sprintf("Writing %s rows (audits planned or done, audits still to plan) …", xlGroup(len(reg.Rows))))
				return x.books.ProgrammeRegister(ctx, w, reg, x.progress)
			}}
	case xkFindings:
		return xlsxJob{title: "Findings register", file: "findings-register-" + day + ".xlsx", unit: "findings",
			write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
				x.step("Reading every finding as of " + day + " …")
				reg, err := x.svc.FindingsRegister(ctx, asOf)
				if err != nil {
					return err
				}
				x.step(fmt.Sprintf("Writing %s findings …", xlGroup(len(reg.Rows))))
				return x.books.FindingsRegister(ctx, w, reg, x.progress)
			}}
	}
	return xlsxJob{title: "Certificate register", file: "certificate-register-" + day + ".xlsx", unit: "certificates",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			x.step("Reading the certificates as of " + day + " …")
			reg, err := x.svc.CertificateRegister(ctx, asOf)
			if err != nil {
				return err
			}
			x.step(fmt.Sprintf("Writing %s certificates …", xlGroup(len(reg.Rows))))
			return x.books.CertificateRegister(ctx, w, reg, x.progress)
		}}
}

// auditPackJob is the plan or the report of an audit.
func auditPackJob(report bool, a *certification.Audit, f *certification.File) xlsxJob {
	title, stem, writeIt := "Audit plan", "audit-plan", Workbooks.AuditPlan
	if report {
		title, stem, writeIt = "Audit report", "audit-report", Workbooks.AuditReport
	}
	id := a.ID
	return xlsxJob{title: title, file: fileStem(stem, f.Client.DisplayName(), stdName(f.Certification.Standard), a.Start().String()) + ".xlsx",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			x.step("Reading the audit, its team, checklist and findings …")
			p, err := x.svc.AuditPack(ctx, id)
			if err != nil {
				return err
			}
			x.step("Writing the " + strings.ToLower(title) + " …")
			return writeIt(x.books, ctx, w, p)
		}}
}

// decisionJob is the record of a decision.
func decisionJob(d *certification.Decision, client string) xlsxJob {
	id := d.ID
	return xlsxJob{title: "Decision record", file: fileStem("decision", d.Kind.Label(), client, d.Date.String()) + ".xlsx",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			x.step("Reading the decision, its gates and the audits it rests on …")
			r, err := x.svc.DecisionRecord(ctx, id)
			if err != nil {
				return err
			}
			x.step("Writing the decision record …")
			return x.books.WriteDecisionRecord(ctx, w, r)
		}}
}

// auditTimeJob is an audit time justification; the body's name is read
// from the policy.
func auditTimeJob(sheet certification.AuditTimeSheet) xlsxJob {
	name := sheet.Client.DisplayName()
	if sheet.Client.ID == 0 {
		name = "calculation"
	}
	return xlsxJob{title: "Audit time justification", file: fileStem("audit-time", name, sheet.Prepared.String()) + ".xlsx",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			p, err := x.svc.Policy(ctx)
			if err != nil {
				return err
			}
			sheet.Body = p.BodyName
			x.step("Writing the audit time justification …")
			return x.books.WriteAuditTime(ctx, w, &sheet)
		}}
}

// responseFormJob writes a response form already read.
func responseFormJob(form *certification.ResponseForm) xlsxJob {
	return xlsxJob{title: "Response form", file: fileStem("responses", form.ClientName, form.AsOf.String()) + ".xlsx",
		write: func(ctx context.Context, x *xlsxWork, w io.Writer) error {
			x.step(fmt.Sprintf("Writing the response form (%d findings) …", len(form.Rows)))
			return x.books.WriteResponseForm(ctx, w, form)
		}}
}

// exportDecision asks where to write a decision's record, then writes it.
func (u *ui) exportDecision(d *certification.Decision, client string) {
	job := decisionJob(d, client)
	u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
}

// exportResponseForm reads a client's response form (of one audit, or
// of every open finding with auditID 0) and asks where to write it; a
// client with nothing to answer is told so before any file is chosen.
func (u *ui) exportResponseForm(clientID, auditID certification.ID) {
	today := u.today()
	query(u, "the response form", func(ctx context.Context, svc *certification.Service) (*certification.ResponseForm, error) {
		return svc.ResponseForm(ctx, clientID, auditID, today)
	}, func(form *certification.ResponseForm) {
		job := responseFormJob(form)
		u.saveAs("Response form for "+form.ClientName, job.file, func(path string) { u.exportFile(job, path) })
	})
}

// fileStem makes a file name of its parts: "audit-plan-nordlicht-ag-iso-iec-42001-2026-11-10".
func fileStem(parts ...string) string {
	var out []string
	for _, p := range parts {
		var b strings.Builder
		dash := false
		for _, r := range strings.ToLower(p) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				b.WriteRune(r)
				dash = false
			} else {
				dash = true
			}
		}
		s := b.String()
		if r := []rune(s); len(r) > 32 {
			s = strings.TrimRight(string(r[:32]), "-")
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "-")
}

var xlsxFilter = fynestorage.NewExtensionFileFilter([]string{".xlsx"})

// prefExportDir remembers the folder of the last export.
const prefExportDir = "export.dir"

// saveAs asks for the file to write (Fyne's save dialog, or the test's
// choice) and calls then with its path.
func (u *ui) saveAs(title, fileName string, then func(path string)) {
	if u.xl.saveAs != nil {
		u.xl.saveAs(title, fileName, then)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError("open the file", err)
			return
		}
		if w == nil {
			return // the user cancelled
		}
		uri := w.URI()
		// The dialog has created (or emptied) the file: the export writes
		// beside it and renames, so the empty file goes now.
		w.Close()
		if uri.Scheme() != "file" {
			fynestorage.Delete(uri)
			u.showError("save the workbook", fmt.Errorf("%s is not a file on this computer: choose a folder on a disk", uri))
			return
		}
		path := uri.Path()
		if st, err := os.Stat(path); err == nil && st.Size() == 0 {
			os.Remove(path)
		}
		if filepath.Ext(path) == "" {
			path += ".xlsx" // a name typed without its extension
		}
		u.app.Preferences().SetString(prefExportDir, filepath.Dir(path))
		then(path)
	}, u.win)
	d.SetTitleText("Save " + strings.ToLower(title[:1]) + title[1:])
	d.SetConfirmText("Save")
	d.SetFileName(fileName)
	d.SetFilter(xlsxFilter)
	u.startIn(d)
	d.Resize(fyne.NewSize(860, 600))
	d.Show()
}

// chooseFolder asks for a folder (Fyne's folder dialog, or the test's
// choice) and calls then with its path.
func (u *ui) chooseFolder(title string, then func(dir string)) {
	if u.xl.chooseFolder != nil {
		u.xl.chooseFolder(title, then)
		return
	}
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError("open the folder", err)
			return
		}
		if l == nil {
			return
		}
		if l.Scheme() != "file" {
			u.showError("save the upload", fmt.Errorf("%s is not a folder on this computer: choose a folder on a disk", l))
			return
		}
		u.app.Preferences().SetString(prefExportDir, l.Path())
		then(l.Path())
	}, u.win)
	d.SetTitleText(title)
	d.SetConfirmText("Write the upload here")
	u.startIn(d)
	d.Resize(fyne.NewSize(860, 600))
	d.Show()
}

// startIn opens a file dialog in the folder of the last export.
func (u *ui) startIn(d *dialog.FileDialog) {
	dir := u.app.Preferences().String(prefExportDir)
	if dir == "" {
		return
	}
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// setProgress shows how far the work is: done of total units.
func (x *transfer) setProgress(done, total int, unit string) {
	if total <= 0 {
		return
	}
	if x.bar.Hidden {
		x.busy.Stop()
		x.busy.Hide()
		x.bar.Show()
	}
	done = min(done, total)
	x.bar.Max = float64(total)
	x.bar.TextFormatter = func() string {
		return fmt.Sprintf("%s of %s %s", xlGroup(done), xlGroup(total), unit)
	}
	x.bar.SetValue(float64(done))
}

// xlsxWork is the work of an export behind its progress dialog; where
// says where it writes, under what it is doing.
func (u *ui) xlsxWork(x *transfer, unit, where string) *xlsxWork {
	return &xlsxWork{
		svc: u.svc(), books: u.books,
		step: func(text string) {
			u.bg.ui(func() {
				if x.ctx.Err() == nil {
					x.note.SetText(text + "\n" + where)
				}
			})
		},
		progress: func(done, total int) {
			if unit == "" {
				return
			}
			u.bg.ui(func() { x.setProgress(done, total, unit) })
		},
	}
}

// noWorkbooks reports that this build cannot write workbooks.
func (u *ui) noWorkbooks() bool {
	if u.books != nil {
		return false
	}
	u.showInfo("Excel export not available", "This CertDesk was started without its Excel writer. Use certctl export xlsx on the command line.")
	return true
}

// exportFile writes a workbook to path in the background behind the
// progress dialog. It writes a temporary file beside path and renames it
// to path when complete, so that Cancel or a failure leaves path as it
// was (the file dialog has already removed the empty file it made).
func (u *ui) exportFile(job xlsxJob, path string) {
	if u.noWorkbooks() {
		return
	}
	name := filepath.Base(path)
	where := "Saving as " + name + " in " + filepath.Dir(path)
	x := u.startTransfer("Exporting: "+job.title, "Preparing …\n"+where, "Cancelling: the unfinished file will be removed …")
	work := u.xlsxWork(x, job.unit, where)
	u.bg.Go(func(ctx context.Context) func() {
		defer context.AfterFunc(ctx, x.cancel)()
		size, err := writeReplacing(path, func(w io.Writer) error { return job.write(x.ctx, work, w) })
		cancelled := err != nil && x.ctx.Err() != nil
		return func() {
			u.finishTransfer(x)
			switch {
			case cancelled:
				u.showInfo("Export cancelled", "The export was cancelled: "+name+" was not written.")
			case err != nil:
				u.showError("write "+name, err)
			default:
				u.exportDone(job.title+" written",
					fmt.Sprintf("%s (%s) was written to the folder %s.", name, byteSize(size), filepath.Dir(path)), path)
			}
		}
	})
}

// exportDone reports a finished export, offering to open the workbook.
func (u *ui) exportDone(title, text, open string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	u.xl.done = msg
	var d *dialog.CustomDialog
	ok := widget.NewButton("OK", func() { d.Hide() })
	ok.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{ok}
	if open != "" {
		openBtn := widget.NewButtonWithIcon("Open", theme.FolderOpenIcon(), func() {
			d.Hide()
			u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(open)})
		})
		buttons = []fyne.CanvasObject{openBtn, ok}
	}
	d = dialog.NewCustomWithoutButtons(title, container.NewPadded(msg), u.win)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(600, 220))
	u.showDialog(d)
}

// writeReplacing writes a file through a temporary file in its folder,
// renamed to path once written and synced; on failure the temporary file
// is removed and path is left as it was. It returns the size written.
func writeReplacing(path string, write func(io.Writer) error) (int64, error) {
	tmp, err := writeTemp(path, write)
	if err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.name, path); err != nil {
		os.Remove(tmp.name)
		return 0, err
	}
	return tmp.size, nil
}

// tempFile is a file written beside its target, not yet renamed.
type tempFile struct {
	name, target string
	size         int64
}

// writeTemp writes a temporary file beside path (hidden, ending .tmp);
// on failure it is removed.
func writeTemp(path string, write func(io.Writer) error) (tempFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return tempFile{}, err
	}
	c := &counter{w: f}
	bw := bufio.NewWriterSize(c, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return tempFile{}, err
	}
	return tempFile{name: f.Name(), target: path, size: c.n.Load()}, nil
}

// exportCertSearch writes the IAF CertSearch upload as of a date into a
// folder: cb_certs_1.xlsx, … Every file is written to a temporary file
// first and all are renamed at the end, so that a cancelled or failed
// export changes nothing in the folder; upload files left there by an
// earlier, larger export are then removed, so that the folder holds
// exactly this upload.
func (u *ui) exportCertSearch(dir string, asOf certification.Date) {
	if u.noWorkbooks() {
		return
	}
	where := "Saving into the folder " + dir
	x := u.startTransfer("Exporting: IAF CertSearch upload", "Reading the certificates as of "+asOf.String()+" …\n"+where,
		"Cancelling: no upload file will be left in the folder …")
	work := u.xlsxWork(x, "rows", where)
	u.bg.Go(func(ctx context.Context) func() {
		defer context.AfterFunc(ctx, x.cancel)()
		names, stale, certs, err := writeCertSearch(x.ctx, work, dir, asOf)
		cancelled := err != nil && x.ctx.Err() != nil
		return func() {
			u.finishTransfer(x)
			var ve *certification.ValidationError
			switch {
			case cancelled:
				u.showInfo("Export cancelled", "The export was cancelled: nothing was written to "+dir+".")
			case err != nil && errors.As(err, &ve):
				u.showInfo("The upload was not written",
					"CertSearch requires what these records lack; nothing was written. Correct them (on the client or certificate named) and export again:\n\n"+err.Error())
			case err != nil:
				u.showError("write the CertSearch upload", err)
			default:
				text := fmt.Sprintf("%d certificates as of %s, in %s, were written to the folder %s.", certs, asOf, strings.Join(names, ", "), dir)
				if len(stale) > 0 {
					text += " Removed " + strings.Join(stale, ", ") + ", left from an earlier, larger export."
				}
				text += " Upload the files in order at the IAF CertSearch portal."
				u.exportDone("IAF CertSearch upload written", text, "")
			}
		}
	})
}

// writeCertSearch writes the upload files into dir and returns their
// names, the stale ones removed and the number of certificates.
func writeCertSearch(ctx context.Context, x *xlsxWork, dir string, asOf certification.Date) (names, stale []string, certs int, err error) {
	data, err := x.svc.CertSearch(ctx, asOf)
	if err != nil {
		return nil, nil, 0, err
	}
	if err := data.Validate(); err != nil {
		return nil, nil, 0, err
	}
	x.step(fmt.Sprintf("Writing %s certificates of %s certified entities …", xlGroup(len(data.Certificates)), xlGroup(len(data.Entities))))
	var temps []tempFile
	names, err = x.books.WriteCertSearchFiles(ctx, data, func(name string, write func(io.Writer) error) error {
		t, err := writeTemp(filepath.Join(dir, name), write)
		if err == nil {
			temps = append(temps, t)
		}
		return err
	}, x.progress)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		for _, t := range temps {
			os.Remove(t.name)
		}
		return nil, nil, 0, err
	}
	for i, t := range temps {
		if err := os.Rename(t.name, t.target); err != nil {
			for _, t := range temps[i:] {
				os.Remove(t.name)
			}
			return nil, nil, 0, err
		}
	}
	for n := len(names) + 1; ; n++ {
		name := certification.CertSearchFileName(n)
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				break
			}
			return names, stale, len(data.Certificates), fmt.Errorf("the upload was written, but %s, left from an earlier export, could not be removed: %w", name, err)
		}
		stale = append(stale, name)
	}
	return names, stale, len(data.Certificates), nil
}

// xlGroup writes a count with thousands separators: 12,345.
func xlGroup(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// exportExcel writes the calculator's result as the audit time
// justification workbook.
func (c *audittimeCalc) exportExcel() {
	if c.res == nil {
		return
	}
	in, _, err := c.input()
	if err != nil {
		return
	}
	job := auditTimeJob(certification.AuditTimeSheet{Prepared: c.u.today(), Client: c.view.Client, Input: in, Result: c.res})
	c.u.saveAs(job.title, job.file, func(path string) { c.u.exportFile(job, path) })
}

// auditExportButton is the audit workspace's Export button: the audit's
// plan, its report, and the client's response form for its findings.
func (u *ui) auditExportButton(w *auditWS) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("Export…", theme.DownloadIcon(), func() {
		if w.audit == nil || w.file == nil {
			return
		}
		a, f := w.audit, w.file
		items := []*fyne.MenuItem{
			fyne.NewMenuItem("Audit plan (Excel)…", func() {
				job := auditPackJob(false, a, f)
				u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
			}),
			fyne.NewMenuItem("Audit report (Excel)…", func() {
				job := auditPackJob(true, a, f)
				u.saveAs(job.title, job.file, func(path string) { u.exportFile(job, path) })
			}),
		}
		if awAnswerable(w.findings, a.ID) {
			items = append(items, fyne.NewMenuItemSeparator(),
				fyne.NewMenuItem("Response form for the client (Excel)…", func() { u.exportResponseForm(a.ClientID, a.ID) }))
		}
		widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), u.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
	})
	return b
}

// awAnswerable reports whether an audit has a nonconformity the client
// can still answer (what a response form carries).
func awAnswerable(xs []certification.Finding, auditID certification.ID) bool {
	for i := range xs {
		x := &xs[i]
		if x.AuditID != auditID || !x.Grade.IsNC() {
			continue
		}
		switch x.Status() {
		case certification.FindingAwaitingResponse, certification.FindingPlanRejected, certification.FindingResponded:
			return true
		}
	}
	return false
}
