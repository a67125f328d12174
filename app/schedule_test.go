package app

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/storage"
)

// today is the date the tests run on.
var today = certification.NewDate(2025, 12, 1)

func testObligations() []certification.ObligationSet {
	d := certification.NewDate
	return []certification.ObligationSet{
		{CertificationID: 1, ClientID: 1, Items: []certification.Obligation{
			{Kind: certification.ObSurveillance, Label: "Surveillance audit 1", CertificationID: 1, ClientID: 1,
				ClientName: "Beta Ltd", Standard: certification.ISO9001, WindowStart: d(2026, 1, 1), Due: d(2026, 6, 1)},
			// Done: the schedule leaves it out.
			{Kind: certification.ObInitialDecision, Label: "Initial certification decision", CertificationID: 1, ClientID: 1,
				ClientName: "Beta Ltd", Standard: certification.ISO9001, Due: d(2025, 6, 1), Done: true, DoneOn: d(2025, 5, 20)},
		}},
		{CertificationID: 2, ClientID: 2, Items: []certification.Obligation{
			{Kind: certification.ObSurveillance, Label: "Surveillance audit 2", CertificationID: 2, ClientID: 2,
				ClientName: "Acme GmbH", Standard: certification.ISO27001, WindowStart: d(2025, 7, 1), Due: d(2025, 10, 1)},
		}},
		{CertificationID: 3, ClientID: 3, Items: []certification.Obligation{
			{Kind: certification.ObRecertAudit, Label: "Recertification audit", CertificationID: 3, ClientID: 3,
				ClientName: "Gamma AI", Standard: certification.ISO42001, WindowStart: d(2025, 11, 1), Due: d(2025, 12, 10)},
		}},
	}
}

// newStore returns an in-memory store holding testObligations.
func newStore(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	entry := certification.JournalEntry{Actor: certification.Actor{Name: "test"}, Command: "test-fixture"}
	err = db.Update(context.Background(), entry, func(tx certification.Tx) error {
		for _, set := range testObligations() {
			if err := tx.Put(&set); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// newTestView builds the schedule view in a test window the size of the
// real one.
func newTestView(t *testing.T) (*scheduleView, *worker) {
	t.Helper()
	test.NewTempApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	bg := newWorker(ctx)
	v := newScheduleView(bg)
	w := test.NewTempWindow(t, v.content)
	w.Resize(fyne.NewSize(1200, 800))
	return v, bg
}

func cellText(v *scheduleView, row, col int) string {
	l := widget.NewLabel("")
	v.updateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

func TestScheduleViewFromStore(t *testing.T) {
	v, bg := newTestView(t)
	if !v.refresh.Disabled() {
		t.Error("refresh is enabled before there is anything to load")
	}

	clk := certification.FixedClock(today.Time().Add(9 * time.Hour))
	v.setSource(serviceSchedule(certification.NewService(newStore(t), clk), clk))
	v.reload()
	bg.wait() // the test driver runs fyne.Do's function on the worker goroutine

	var got []string
	for r := range v.rows {
		got = append(got, cellText(v, r, 3))
	}
	want := []string{"Acme GmbH", "Gamma AI", "Beta Ltd"}
	if !slices.Equal(got, want) {
		t.Errorf("client order = %v, want %v (overdue first, then by due date; done left out)", got, want)
	}

	first := make([]string, len(scheduleColumns))
	for c := range scheduleColumns {
		first[c] = cellText(v, 0, c)
	}
	wantFirst := []string{"Overdue", "2025-10-01", "2025-07-01", "Acme GmbH", "ISO/IEC 27001:2022", "Surveillance audit 2"}
	if !slices.Equal(first, wantFirst) {
		t.Errorf("first row = %q, want %q", first, wantFirst)
	}

	if got, want := v.counts.Text, "Overdue: 1    Due soon: 1    Upcoming: 1"; got != want {
		t.Errorf("counts = %q, want %q", got, want)
	}
	if got, want := v.status.Text, "3 obligations"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if v.refresh.Disabled() {
		t.Error("refresh stays disabled after loading")
	}
	if r, c := v.table.Length(); r != 3 || c != len(scheduleColumns) {
		t.Errorf("table length = %d×%d, want 3×%d", r, c, len(scheduleColumns))
	}
}

func TestScheduleViewShowsLoadError(t *testing.T) {
	v, bg := newTestView(t)
	v.setSource(func(context.Context) ([]certification.Obligation, error) {
		return nil, errors.New("disk on fire")
	})
	v.reload()
	bg.wait()

	if got, want := v.status.Text, "Could not load the schedule: disk on fire"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if len(v.rows) != 0 {
		t.Errorf("rows = %d after a failed load, want 0", len(v.rows))
	}
	if v.refresh.Disabled() {
		t.Error("refresh stays disabled after a failed load")
	}
}
