package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// scheduleSource loads the obligations to show. It runs off the UI goroutine.
type scheduleSource func(ctx context.Context) ([]certification.Obligation, error)

// serviceSchedule is the production source: what falls due within
// scheduleHorizonDays of today, and everything overdue.
func serviceSchedule(svc *certification.Service, clk certification.Clock) scheduleSource {
	return func(ctx context.Context) ([]certification.Obligation, error) {
		return svc.Schedule(ctx, certification.DateOf(clk.Now()), scheduleHorizonDays)
	}
}

// scheduleColumn is one column of the schedule table.
type scheduleColumn struct {
	title string
	width float32
	text  func(o *certification.Obligation) string
}

var scheduleColumns = []scheduleColumn{
	{"State", 110, func(o *certification.Obligation) string { return stateText(o.State) }},
	{"Due", 110, func(o *certification.Obligation) string { return o.Due.String() }},
	{"Window from", 120, func(o *certification.Obligation) string { return o.WindowStart.String() }},
	{"Client", 330, func(o *certification.Obligation) string { return o.ClientName }},
	{"Standard", 170, func(o *certification.Obligation) string { return string(o.Standard) }},
	{"Obligation", 320, func(o *certification.Obligation) string { return o.Label }},
}

// scheduleView is the window's content: counts, a refresh button and a
// virtualised table (only the visible cells exist). All its fields belong
// to the UI goroutine.
type scheduleView struct {
	content fyne.CanvasObject
	table   *widget.Table
	counts  *widget.Label
	status  *widget.Label
	refresh *widget.Button

	bg      *worker
	source  scheduleSource
	loading bool
	rows    []certification.Obligation
}

func newScheduleView(bg *worker) *scheduleView {
	v := &scheduleView{bg: bg}
	v.counts = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.status = widget.NewLabel("")
	v.status.Importance = widget.LowImportance
	v.refresh = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), v.reload)
	v.refresh.Disable()

	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.rows), len(scheduleColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { v.updateCell(id, o.(*widget.Label)) },
	)
	v.table.ShowHeaderColumn = false
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.TextStyle.Bold = true
		l.Alignment = fyne.TextAlignLeading
		if id.Col >= 0 && id.Col < len(scheduleColumns) {
			l.SetText(scheduleColumns[id.Col].title)
		} else {
			l.SetText("")
		}
	}
	for i, c := range scheduleColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.showCounts()

	top := container.NewHBox(v.counts, layout.NewSpacer(), v.status, v.refresh)
	v.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, v.table)
	return v
}

func (v *scheduleView) updateCell(id widget.TableCellID, l *widget.Label) {
	if id.Row < 0 || id.Row >= len(v.rows) || id.Col < 0 || id.Col >= len(scheduleColumns) {
		l.SetText("")
		return
	}
	o := &v.rows[id.Row]
	l.Importance = widget.MediumImportance
	l.TextStyle.Bold = false
	if id.Col == 0 {
		l.Importance = stateImportance(o.State)
		l.TextStyle.Bold = o.State == certification.StateOverdue
	}
	l.Text = scheduleColumns[id.Col].text(o)
	l.Refresh()
}

// setSource sets where reload gets its data and enables the refresh button.
func (v *scheduleView) setSource(src scheduleSource) {
	v.source = src
	v.refresh.Enable()
}

// reload loads the schedule off the UI goroutine and swaps it in.
func (v *scheduleView) reload() {
	if v.source == nil || v.loading {
		return
	}
	v.loading = true
	v.refresh.Disable()
	v.setStatus("Loading…")
	src := v.source
	v.bg.Go(func(ctx context.Context) func() {
		rows, err := src(ctx)
		if err == nil {
			// The order the CLI prints too: overdue first, then by due date.
			certification.SortObligations(rows)
		}
		return func() {
			v.loading = false
			v.refresh.Enable()
			if err != nil {
				v.setStatus("Could not load the schedule: " + err.Error())
				return
			}
			v.setRows(rows)
		}
	})
}

// setRows shows rows, which must already be sorted.
func (v *scheduleView) setRows(rows []certification.Obligation) {
	v.rows = rows
	v.showCounts()
	if len(rows) == 0 {
		v.setStatus(fmt.Sprintf("Nothing due in the next %d days.", scheduleHorizonDays))
	} else {
		v.setStatus(fmt.Sprintf("%d obligations", len(rows)))
	}
	v.table.ScrollToTop()
	v.table.Refresh()
}

func (v *scheduleView) setStatus(s string) { v.status.SetText(s) }

func (v *scheduleView) showCounts() {
	var overdue, soon, upcoming int
	for i := range v.rows {
		switch v.rows[i].State {
		case certification.StateOverdue:
			overdue++
		case certification.StateDueSoon:
			soon++
		case certification.StateUpcoming:
			upcoming++
		}
	}
	v.counts.SetText(fmt.Sprintf("Overdue: %d    Due soon: %d    Upcoming: %d", overdue, soon, upcoming))
}

func stateText(s certification.ObligationState) string {
	switch s {
	case certification.StateOverdue:
		return "Overdue"
	case certification.StateDueSoon:
		return "Due soon"
	case certification.StateUpcoming:
		return "Upcoming"
	case certification.StateDone:
		return "Done"
	case certification.StateLapsed:
		return "Lapsed"
	case certification.StateNotOpen:
		return "Not open"
	default:
		return string(s)
	}
}

func stateImportance(s certification.ObligationState) widget.Importance {
	switch s {
	case certification.StateOverdue:
		return widget.DangerImportance
	case certification.StateDueSoon:
		return widget.WarningImportance
	case certification.StateDone:
		return widget.SuccessImportance
	case certification.StateLapsed, certification.StateNotOpen:
		return widget.LowImportance
	default:
		return widget.MediumImportance
	}
}
