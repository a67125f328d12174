package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The Certificates workspace: the register of current certificates with
// their status as of today, the selected certificate's revisions and
// sites, and the decisions that change a certificate (through the
// Decisions workspace, where every gate is checked).

const allCertStatuses = "All statuses"

var certFilterStatuses = []certification.CertificateStatus{
	certification.CertActive, certification.CertSuspended, certification.CertWithdrawn, certification.CertExpired,
}

var certColumns = []column[*view.CertificateRow]{
	{title: "Number", width: 170, text: func(p **view.CertificateRow) string { return (*p).Number }},
	{title: "Rev", width: 36, text: func(p **view.CertificateRow) string { return fmt.Sprint((*p).Revision) }},
	{title: "Client", width: 158, text: func(p **view.CertificateRow) string { return (*p).ClientName }},
	{title: "Standard", width: 112, text: func(p **view.CertificateRow) string { return stdName((*p).Standard) }},
	{title: "Scope", width: 128, text: func(p **view.CertificateRow) string { return (*p).Scope }},
	{title: "Sites", width: 42, text: func(p **view.CertificateRow) string { return fmt.Sprint((*p).Sites) }},
	{title: "Original", width: 92, text: func(p **view.CertificateRow) string { return (*p).OriginalDate.String() }},
	{title: "Issued", width: 92, text: func(p **view.CertificateRow) string { return (*p).IssueDate.String() }},
	{title: "Expiry", width: 92, text: func(p **view.CertificateRow) string { return (*p).Expiry.String() }},
	{title: "Status", width: 100, text: func(p **view.CertificateRow) string { return (*p).Status.Label() },
		importance: func(p **view.CertificateRow) widget.Importance {
			c := *p
			return certStatusImportance(c.Status)
		}},
}

// revisionRow is one revision of the selected certificate.
type revisionRow struct {
	certification.Certificate
	events string
}

var revisionColumns = []column[revisionRow]{
	{title: "Rev", width: 38, text: func(r *revisionRow) string { return fmt.Sprint(r.Revision) }},
	{title: "Issued", width: 92, text: func(r *revisionRow) string { return r.IssueDate.String() }},
	{title: "Expiry", width: 92, text: func(r *revisionRow) string { return r.Expiry.String() }},
	{title: "Superseded", width: 96, text: func(r *revisionRow) string { return r.SupersededOn.String() }},
	{title: "Scope", width: 140, text: func(r *revisionRow) string { return r.Scope }},
	{title: "Events", width: 200, text: func(r *revisionRow) string { return r.events }},
}

type certificatesSpace struct {
	space
	noCreate
	u    *ui
	body fyne.CanvasObject

	all    []view.CertificateRow
	folded []string
	rows   []*view.CertificateRow

	search *entry
	status *widget.Select
	count  *widget.Label
	table  *widget.Table

	// The selected certificate (its certification id) and its file.
	selCert   certification.ID
	sel       *view.CertificateRow
	file      *certification.File
	revs      []revisionRow
	revTable  *widget.Table
	sites     *widget.Label
	detail    *fyne.Container
	emptyNote fyne.CanvasObject
	detBody   fyne.CanvasObject
	detTitle  *widget.Label
	detStatus *widget.Label
	suspend   *widget.Button
	restore   *widget.Button
	withdraw  *widget.Button
	scope     *widget.Button
	toClient  *widget.Button
	print     *widget.Button // Print certificate… (certificate_print.go)

	loads              chain
	needRows, needFile bool
}

func newCertificates(u *ui) workspace {
	c := &certificatesSpace{space: space{title: "Certificates", ic: theme.DocumentIcon()}, u: u}
	c.build()
	return c
}

func (c *certificatesSpace) content() fyne.CanvasObject { return c.body }
func (c *certificatesSpace) focusSearch() bool {
	c.u.win.Canvas().Focus(c.search)
	return true
}

func (c *certificatesSpace) build() {
	c.search = c.u.newEntry()
	c.search.SetPlaceHolder("Search number, client or scope…")
	c.search.OnChanged = func(string) { c.applyFilter() }
	opts := []string{allCertStatuses}
	for _, s := range certFilterStatuses {
		opts = append(opts, s.Label())
	}
	c.status = widget.NewSelect(opts, func(string) { c.applyFilter() })
	c.status.SetSelected(allCertStatuses)
	c.count = widget.NewLabel("")
	c.count.Importance = widget.LowImportance
	c.table = newTable(certColumns, func() []*view.CertificateRow { return c.rows }, nil)
	c.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(c.rows) && c.rows[id.Row].CertificationID != c.selCert {
			c.selectCert(c.rows[id.Row].CertificationID)
		}
	}
	searchBox := container.NewGridWrap(fyne.NewSize(260, c.search.MinSize().Height), c.search)
	// The register as a whole: File › Publish register… and File › Check
	// a document… too (register_publish.go, document_check.go).
	publish := widget.NewButtonWithIcon("Publish register…", theme.UploadIcon(), c.u.publishMenu)
	check := widget.NewButtonWithIcon("Check a document…", theme.SearchIcon(), c.u.checkDocumentMenu)
	// The count gives way (truncated) before the window grows.
	c.count.Truncation = fyne.TextTruncateEllipsis
	c.count.Alignment = fyne.TextAlignTrailing
	top := container.NewPadded(container.NewBorder(nil, nil, container.NewHBox(searchBox, c.status), container.NewHBox(check, publish), c.count))

	c.detTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.detTitle.Truncation = fyne.TextTruncateEllipsis
	c.detStatus = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	c.suspend = widget.NewButtonWithIcon("Suspend…", theme.MediaPauseIcon(), func() { c.decide(certification.Suspend) })
	c.restore = widget.NewButtonWithIcon("Restore…", theme.MediaReplayIcon(), func() { c.decide(certification.Restore) })
	c.withdraw = widget.NewButtonWithIcon("Withdraw…", theme.DeleteIcon(), func() { c.decide(certification.Withdraw) })
	c.scope = widget.NewButtonWithIcon("Change scope…", theme.DocumentCreateIcon(), func() {
		k := certification.ExtendScope
		if c.sel != nil && c.sel.Status == certification.CertSuspended {
			k = certification.ReduceScope
		}
		c.decide(k)
	})
	c.toClient = widget.NewButtonWithIcon("Open client", theme.AccountIcon(), func() {
		if c.sel != nil {
			c.u.goTo("Clients", recordRef{certification.KindClient, c.sel.ClientID})
		}
	})
	c.print = widget.NewButtonWithIcon("Print certificate…", theme.DocumentPrintIcon(), c.printCertificate)
	c.print.Importance = widget.HighImportance
	c.revTable = newTable(revisionColumns, func() []revisionRow { return c.revs }, nil)
	c.sites = widget.NewLabel("")
	c.sites.Wrapping = fyne.TextWrapWord
	actions := container.NewHBox(c.suspend, c.restore, c.withdraw, c.scope, layout.NewSpacer(), c.print, c.toClient)
	head := container.NewBorder(nil, nil, nil, c.detStatus, c.detTitle)
	cols := container.NewHSplit(section("Revisions", c.revTable), section("Sites and scope", container.NewVScroll(c.sites)))
	cols.Offset = 0.66
	c.detBody = container.NewBorder(container.NewVBox(head, actions, widget.NewSeparator()), nil, nil, nil, cols)
	note := widget.NewLabel("Select a certificate to see its revisions and sites, to print it, and to suspend, restore, withdraw it or change its scope.")
	note.Wrapping = fyne.TextWrapWord
	note.Alignment = fyne.TextAlignCenter
	note.Importance = widget.LowImportance
	c.emptyNote = container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 80), note))
	c.detail = container.NewStack(c.emptyNote)

	split := container.NewVSplit(c.table, c.detail)
	split.Offset = 0.6
	c.body = container.NewBorder(top, nil, nil, nil, split)
}

// reload loads the register with the status of each certificate today.
func (c *certificatesSpace) reload() {
	c.needRows, c.needFile = true, c.selCert != 0
	c.loads.start(c.load)
}

// load reads the register and the selected certificate's file.
func (c *certificatesSpace) load(done func()) {
	today := c.u.today()
	sel, rows, file := c.selCert, c.needRows, c.needFile && c.selCert != 0
	c.needRows, c.needFile = false, false
	if !rows && !file {
		done()
		return
	}
	type result struct {
		rows   []view.CertificateRow
		folded []string
		file   *certification.File
	}
	queryThen(c.u, func(ctx context.Context, svc *certification.Service) (result, error) {
		var r result
		var err error
		if rows {
			if r.rows, err = view.CertificateRows(ctx, svc, today); err != nil {
				return r, err
			}
			r.rows, r.folded = sortCertRows(r.rows)
		}
		if file {
			r.file, err = svc.File(ctx, sel)
		}
		return r, err
	}, func(r result, err error) {
		defer done()
		if err != nil {
			c.u.showError("load the certificates", err)
			return
		}
		if rows {
			c.all, c.folded = r.rows, r.folded
		}
		if file && c.selCert == sel {
			c.file = r.file
		}
		c.applyFilter()
		c.showDetail()
	})
}

func (c *certificatesSpace) applyFilter() {
	if c.table == nil {
		return
	}
	q := certification.Fold(c.search.Text)
	var want certification.CertificateStatus
	for _, s := range certFilterStatuses {
		if s.Label() == c.status.Selected {
			want = s
		}
	}
	rows := make([]*view.CertificateRow, 0, len(c.all))
	counts := map[certification.CertificateStatus]int{}
	for i := range c.all {
		x := &c.all[i]
		if want != "" && x.Status != want || q != "" && !strings.Contains(c.folded[i], q) {
			continue
		}
		counts[x.Status]++
		rows = append(rows, x)
	}
	c.rows = rows
	c.count.SetText(fmt.Sprintf("%d certificates: %d active, %d suspended, %d withdrawn, %d expired",
		len(rows), counts[certification.CertActive], counts[certification.CertSuspended], counts[certification.CertWithdrawn], counts[certification.CertExpired]))
	c.table.Refresh()
	c.sel = rowOf(c.all, c.isSelected)
	selectRowOf(c.table, c.rows, c.isSelected)
}

// isSelected reports whether s is the selected certificate.
func (c *certificatesSpace) isSelected(s *view.CertificateRow) bool {
	return c.selCert != 0 && s.CertificationID == c.selCert
}

// open shows the certificate of a certification.
func (c *certificatesSpace) open(ref recordRef) {
	if ref.kind == certification.KindCertification {
		c.selectCert(ref.id)
	}
}

func (c *certificatesSpace) selectCert(certID certification.ID) {
	c.selCert = certID
	c.sel = rowOf(c.all, c.isSelected)
	c.file = nil
	c.needFile = true
	if !c.loads.busy {
		c.showDetail() // else the load in flight shows it
	}
	c.loads.start(c.load)
}

// showDetail shows the selected certificate's revisions and sites and
// enables the decisions its status allows.
func (c *certificatesSpace) showDetail() {
	s := c.sel
	if s == nil {
		c.detail.Objects = []fyne.CanvasObject{c.emptyNote}
		c.detail.Refresh()
		return
	}
	c.detTitle.SetText(fmt.Sprintf("%s revision %d · %s · %s", s.Number, s.Revision, s.ClientName, s.Standard))
	status := s.Status.Label() + " on " + s.AsOf.String()
	if since, ok := s.SuspendedSince(s.AsOf); ok && s.Status == certification.CertSuspended {
		status = fmt.Sprintf("Suspended since %s", since)
	}
	c.detStatus.Importance = certStatusImportance(s.Status)
	c.detStatus.SetText(status)
	closed := c.file != nil && !c.file.Certification.Closed.IsZero()
	setEnabled(c.suspend, s.Status == certification.CertActive && !closed)
	setEnabled(c.restore, (s.Status == certification.CertSuspended || s.Status == certification.CertExpired) && !closed)
	setEnabled(c.withdraw, (s.Status == certification.CertActive || s.Status == certification.CertSuspended) && !closed)
	setEnabled(c.scope, (s.Status == certification.CertActive || s.Status == certification.CertSuspended) && !closed)

	c.revs = nil
	// The row holds the number of sites only: they are read with the
	// file, which holds the revision's record.
	var sites []string
	for _, st := range c.revisionSites(s.ID) {
		name := st.Code
		if name == "" {
			name = "Registered address"
		}
		line := fmt.Sprintf("%s: %s", name, st.Address)
		if st.Scope != "" && st.Scope != s.Scope {
			line += "\n    Scope: " + st.Scope
		}
		sites = append(sites, line)
	}
	c.sites.SetText("Scope: " + s.Scope + "\n\n" + strings.Join(sites, "\n"))
	if f := c.file; f != nil {
		for _, cert := range f.Certificates {
			var evs []string
			for _, e := range cert.Events {
				evs = append(evs, fmt.Sprintf("%s %s", certEventWords(e.Status), e.Date))
			}
			c.revs = append(c.revs, revisionRow{Certificate: cert, events: orDash(strings.Join(evs, " · "))})
		}
		slices.SortFunc(c.revs, func(a, b revisionRow) int { return b.Revision - a.Revision })
	}
	c.revTable.Refresh()
	c.detail.Objects = []fyne.CanvasObject{c.detBody}
	c.detail.Refresh()
}

// revisionSites are the sites of revision id as the loaded file holds
// them (none while it loads).
func (c *certificatesSpace) revisionSites(id certification.ID) []certification.CertificateSite {
	if c.file != nil {
		for i := range c.file.Certificates {
			if c.file.Certificates[i].ID == id {
				return c.file.Certificates[i].Sites
			}
		}
	}
	return nil
}

// sortCertRows puts the register in order of client and number and folds
// each row's search text, off the UI goroutine: each name is folded once
// (not at every comparison), ties kept in id order.
func sortCertRows(rows []view.CertificateRow) ([]view.CertificateRow, []string) {
	type keyed struct {
		name string
		i    int
	}
	keys := make([]keyed, len(rows))
	for i := range rows {
		keys[i] = keyed{certification.Fold(rows[i].ClientName), i}
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		if x := strings.Compare(a.name, b.name); x != 0 {
			return x
		}
		if x := strings.Compare(rows[a.i].Number, rows[b.i].Number); x != 0 {
			return x
		}
		return a.i - b.i
	})
	out, folded := make([]view.CertificateRow, len(rows)), make([]string, len(rows))
	for j, k := range keys {
		out[j] = rows[k.i]
		folded[j] = certification.Fold(out[j].Number + " " + out[j].ClientName + " " + out[j].Scope)
	}
	return out, folded
}

func certEventWords(s certification.CertificateStatus) string {
	switch s {
	case certification.CertActive:
		return "restored"
	case certification.CertSuspended:
		return "suspended"
	case certification.CertWithdrawn:
		return "withdrawn"
	}
	return string(s)
}

// decide opens the Decisions workspace on the selected certification
// with the kind preselected; the committee completes it there.
func (c *certificatesSpace) decide(kind certification.DecisionKind) {
	if c.sel == nil {
		return
	}
	for _, ws := range c.u.spaces {
		if d, ok := ws.(*decisionsSpace); ok {
			d.decide(c.sel.CertificationID, kind)
			return
		}
	}
}
