package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The Clients workspace: a searchable, sortable list of every client
// over a snapshot, and a client's page (which replaces the list, with a
// Back button). Ctrl+F focuses the search, Ctrl+N opens "New client".

// clientItem is one row of the list with what searching and sorting need.
type clientItem struct {
	view.ClientRow
	folded    string // legal name, folded: the default sort key
	standards string // "42001 · 9001"
	hay       string // everything search matches, folded
}

func newClientItem(r view.ClientRow) clientItem {
	it := clientItem{ClientRow: r, folded: certification.Fold(r.LegalName)}
	var shorts, full []string
	for _, s := range r.Standards {
		shorts = append(shorts, s.Short())
		full = append(full, string(s))
	}
	it.standards = strings.Join(shorts, " · ")
	it.hay = certification.Fold(strings.Join([]string{r.LegalName, r.TradingName, strings.Join(full, " "), "#" + r.ID.String()}, " "))
	return it
}

// clientSort is a column the list can be sorted by.
type clientSort int

const (
	csName clientSort = iota
	csTrading
	csStandards
	csPersonnel
	csSites
	csNextDue
	csOverdue
)

// clientColumns are the list's columns, in sort-key order.
var clientColumns = []column[clientItem]{
	{"Legal name", 300, func(c *clientItem) string { return c.LegalName }, nil},
	{"Trading name", 190, func(c *clientItem) string { return c.TradingName }, nil},
	{"Standards", 150, func(c *clientItem) string { return c.standards }, nil},
	{"Personnel", 95, func(c *clientItem) string { return strconv.FormatFloat(c.Personnel, 'f', -1, 64) }, nil},
	{"Sites", 70, func(c *clientItem) string { return strconv.Itoa(c.Sites) }, nil},
	{"Next due", 110, func(c *clientItem) string { return c.NextDue.String() }, func(c *clientItem) widget.Importance {
		if c.Overdue > 0 {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}},
	{"Overdue", 85, func(c *clientItem) string { return strconv.Itoa(c.Overdue) }, func(c *clientItem) widget.Importance {
		if c.Overdue > 0 {
			return widget.DangerImportance
		}
		return widget.LowImportance
	}},
}

// compareClients orders two rows by a column (ascending), then by name.
func compareClients(by clientSort, a, b *clientItem) int {
	c := 0
	switch by {
	case csTrading:
		c = strings.Compare(certification.Fold(a.TradingName), certification.Fold(b.TradingName))
		// Clients without a trading name go last.
		if (a.TradingName == "") != (b.TradingName == "") {
			c = clBool(a.TradingName == "", b.TradingName == "")
		}
	case csStandards:
		c = strings.Compare(a.standards, b.standards)
		if (a.standards == "") != (b.standards == "") {
			c = clBool(a.standards == "", b.standards == "")
		}
	case csPersonnel:
		c = clNum(a.Personnel, b.Personnel)
	case csSites:
		c = a.Sites - b.Sites
	case csNextDue:
		c = int(a.NextDue) - int(b.NextDue)
		// Nothing due sorts last.
		if (a.NextDue == 0) != (b.NextDue == 0) {
			c = clBool(a.NextDue == 0, b.NextDue == 0)
		}
	case csOverdue:
		c = a.Overdue - b.Overdue
	}
	if c != 0 {
		return c
	}
	if c = strings.Compare(a.folded, b.folded); c != 0 {
		return c
	}
	return int(a.ID) - int(b.ID)
}

func clBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func clNum(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// clients is the Clients workspace. All fields belong to the UI goroutine.
type clients struct {
	space
	u *ui

	// all is the snapshot in the current sort order; shown the rows that
	// match the search.
	all    []clientItem
	shown  []clientItem
	loaded bool
	gen    int
	sortBy clientSort
	desc   bool

	root        *fyne.Container // the list or a client's page
	list        fyne.CanvasObject
	search      *entry
	overdueOnly *widget.Check
	sortSelect  *widget.Select
	table       *widget.Table
	count       *widget.Label
	newButton   *widget.Button

	// page is the client shown, nil on the list.
	page *clientPage
}

func newClients(u *ui) workspace {
	c := &clients{space: space{title: "Clients", ic: theme.AccountIcon()}, u: u}
	c.build()
	return c
}

func (c *clients) content() fyne.CanvasObject { return c.root }

func (c *clients) create() bool {
	c.newClient()
	return true
}

func (c *clients) focusSearch() bool {
	c.showList()
	c.u.win.Canvas().Focus(c.search)
	return true
}

var clientSortNames = []string{"Legal name", "Trading name", "Standards", "Personnel", "Sites", "Next due", "Overdue"}

func (c *clients) build() {
	c.search = c.u.newEntry()
	c.search.SetPlaceHolder("Search by name, trading name, standard or #id  (Ctrl+F)")
	c.search.OnChanged = func(string) { c.filter(true) }
	// Enter opens the first client found.
	c.search.OnSubmitted = func(string) {
		if len(c.shown) > 0 {
			c.openClient(c.shown[0].ID)
		}
	}
	c.overdueOnly = widget.NewCheck("With overdue obligations only", func(bool) { c.filter(true) })
	c.sortSelect = widget.NewSelect(clientSortNames, func(s string) {
		if i := slices.Index(clientSortNames, s); i >= 0 && clientSort(i) != c.sortBy {
			c.sortBy, c.desc = clientSort(i), clientSort(i) == csOverdue
			c.resort(true)
		}
	})
	c.sortSelect.SetSelectedIndex(int(csName))
	c.count = widget.NewLabel("Loading…")
	c.count.Importance = widget.LowImportance
	c.newButton = widget.NewButtonWithIcon("New client", theme.ContentAddIcon(), c.newClient)
	c.newButton.Importance = widget.HighImportance

	c.table = newTable(clientColumns, func() []clientItem { return c.shown }, func(i int) {
		c.openClient(c.shown[i].ID)
	})
	// Column headers sort: tap once ascending, again descending.
	c.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	c.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(clientColumns) {
			b.SetText("")
			b.OnTapped = nil
			return
		}
		col := clientSort(id.Col)
		text := clientColumns[id.Col].title
		b.Icon = nil
		if col == c.sortBy {
			b.Icon = theme.MenuDropUpIcon()
			if c.desc {
				b.Icon = theme.MenuDropDownIcon()
			}
		}
		b.IconPlacement = widget.ButtonIconTrailingText
		b.OnTapped = func() { c.sortByColumn(col) }
		b.SetText(text)
	}

	bar := container.NewBorder(nil, nil, nil,
		container.NewHBox(c.overdueOnly, widget.NewLabel("Sort by"), c.sortSelect, c.newButton),
		c.search)
	top := container.NewVBox(bar, c.count)
	c.list = container.NewBorder(container.NewPadded(top), nil, nil, nil, fillColumn(c.table, columnWidths(clientColumns), int(csName)))
	c.root = container.NewStack(c.list)
}

// sortByColumn sorts by a column; the same column again reverses.
func (c *clients) sortByColumn(col clientSort) {
	if col == c.sortBy {
		c.desc = !c.desc
	} else {
		c.sortBy, c.desc = col, col == csOverdue
	}
	c.sortSelect.SetSelectedIndex(int(col))
	c.resort(true)
}

// resort sorts the snapshot and shows it filtered; top goes back to
// the first row.
func (c *clients) resort(top bool) {
	by, desc := c.sortBy, c.desc
	slices.SortStableFunc(c.all, func(a, b clientItem) int {
		r := compareClients(by, &a, &b)
		if desc {
			return -r
		}
		return r
	})
	c.filter(top)
}

// filter shows the rows of the snapshot that match the search, in the
// snapshot's order; top goes back to the first row. It never reads the
// store.
func (c *clients) filter(top bool) {
	terms := strings.Fields(certification.Fold(c.search.Text))
	overdue := c.overdueOnly.Checked
	shown := c.shown[:0:0]
	if len(terms) == 0 && !overdue {
		shown = c.all
	} else {
	next:
		for i := range c.all {
			it := &c.all[i]
			if overdue && it.Overdue == 0 {
				continue
			}
			for _, t := range terms {
				if !strings.Contains(it.hay, t) {
					continue next
				}
			}
			shown = append(shown, *it)
		}
	}
	c.shown = shown
	c.showCount()
	if top {
		c.table.ScrollToTop()
	}
	c.table.Refresh()
}

func (c *clients) showCount() {
	if !c.loaded {
		c.count.SetText("Loading…")
		return
	}
	switch {
	case len(c.all) == 0:
		c.count.SetText("No clients yet: add the first with New client (Ctrl+N).")
	case len(c.shown) == len(c.all):
		c.count.SetText(fmt.Sprintf("%s clients. Select a client to open it.", clDigits(len(c.all))))
	case len(c.shown) == 0:
		c.count.SetText(fmt.Sprintf("No client matches (of %s).", clDigits(len(c.all))))
	default:
		c.count.SetText(fmt.Sprintf("%s of %s clients match.", clDigits(len(c.shown)), clDigits(len(c.all))))
	}
}

// clDigits writes n with thousands separators: 10,000.
func clDigits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// reload loads a new snapshot of the list and, if a client is shown,
// the client again.
func (c *clients) reload() {
	c.gen++
	gen := c.gen
	asOf := c.u.today()
	query(c.u, "the clients", func(ctx context.Context, svc *certification.Service) ([]clientItem, error) {
		rows, err := view.ClientRows(ctx, svc, asOf)
		if err != nil {
			return nil, err
		}
		items := make([]clientItem, len(rows))
		for i, r := range rows {
			items[i] = newClientItem(r)
		}
		return items, nil
	}, func(items []clientItem) {
		if gen != c.gen {
			return
		}
		c.all, c.loaded = items, true
		c.resort(false)
	})
	if c.page != nil {
		c.loadPage(c.page.id)
	}
}

// showList goes back from a client's page to the list.
func (c *clients) showList() {
	if c.page == nil {
		return
	}
	c.page = nil
	c.root.Objects = []fyne.CanvasObject{c.list}
	c.root.Refresh()
}

// open shows a client (from the dashboard or another workspace).
func (c *clients) open(ref recordRef) {
	if ref.kind == certification.KindClient && ref.id != 0 {
		c.openClient(ref.id)
	}
}

// openClient shows a client's page, loaded off the UI goroutine.
func (c *clients) openClient(id certification.ID) {
	c.page = newClientPage(c, id)
	c.root.Objects = []fyne.CanvasObject{c.page.root}
	c.root.Refresh()
	c.loadPage(id)
}

// loadPage loads the client view of the page shown; a result for a
// client no longer shown is dropped.
func (c *clients) loadPage(id certification.ID) {
	p := c.page
	p.gen++
	gen := p.gen
	asOf := c.u.today()
	query(c.u, "the client", func(ctx context.Context, svc *certification.Service) (*view.ClientDetail, error) {
		return view.Client(ctx, svc, id, asOf)
	}, func(v *view.ClientDetail) {
		if c.page != p || p.gen != gen {
			return
		}
		p.show(v, asOf)
	})
}

// newClient opens the form for a new client; the new client's page
// opens once saved.
func (c *clients) newClient() {
	showClientForm(c.u, certification.Client{}, func(id certification.ID) { c.openClient(id) })
}

// editClient opens the form on a client.
func (c *clients) editClient(cl certification.Client) {
	showClientForm(c.u, cl, nil)
}
