package xlsx

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

func TestDecisionRecordWorkbookReadsBack(t *testing.T) {
	ctx := context.Background()
	svc := certification.NewService(demoDB(t), certification.FixedClock(demoAsOf.Time()))
	// A grant with findings to show.
	var pick certification.ID
	err := svc.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindDecision, func(id certification.ID, decode func(certification.Record) error) error {
			var d certification.Decision
			if err := decode(&d); err != nil {
				return err
			}
			if pick == 0 && d.Kind == certification.Grant && len(d.Snapshot.Findings) >= 3 {
				pick = id
			}
			return nil
		})
	})
	if err != nil || pick == 0 {
		t.Fatalf("no grant with findings in the demo (%v)", err)
	}
	r, err := document.NewDecisionRecord(ctx, svc, pick)
	if err != nil {
		t.Fatal(err)
	}
	f, rows, at := readPage(t, DecisionSheetName, func(w io.Writer) error { return Workbooks{}.WriteDecisionRecord(ctx, w, r) })
	if at(1, 1) != "Certification decision record" || !strings.Contains(at(2, 1), "decision "+pick.String()) {
		t.Errorf("title %q / %q", at(1, 1), at(2, 1))
	}
	if row := atFind(t, rows, 0, "Decision"); at(row+1, 2) != "Grant" {
		t.Errorf("kind %q", at(row+1, 2))
	}
	// The decision date is a date cell: a serial, shown yyyy-mm-dd.
	row := atFind(t, rows, 0, "Date")
	cell, _ := excelize.CoordinatesToCellName(2, row)
	raw, _ := f.GetCellValue(DecisionSheetName, cell, excelize.Options{RawCellValue: true})
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil || at(row, 2) != r.Decision.Date.String() {
		t.Errorf("date %s raw %q shown %q, want the serial of %s", cell, raw, at(row, 2), r.Decision.Date)
	}
	if tm, err := excelize.ExcelDateToTime(serial, false); err != nil || certification.DateOf(tm) != r.Decision.Date {
		t.Errorf("date serial %v is %v", serial, tm)
	}
	if row := atFind(t, rows, 0, "Decided by"); !strings.Contains(at(row, 2), r.Makers[0].Name) {
		t.Errorf("makers %q", at(row, 2))
	}
	if row := atFind(t, rows, 0, "Reasons"); at(row, 2) != r.Decision.Reasons {
		t.Errorf("reasons %q", at(row, 2))
	}
	if row := atFind(t, rows, 0, "Effect"); at(row, 2) != r.Effect || !strings.Contains(r.Effect, "issued") {
		t.Errorf("effect %q (%q)", at(row, 2), r.Effect)
	}

	// Every gate with its outcome.
	g := atFind(t, rows, 0, "Gates checked") + 1
	if got := []string{at(g, 1), at(g, 3), at(g, 4), at(g, 7)}; !slices.Equal(got, []string{"Gate", "Outcome", "Rule", "Detail"}) {
		t.Errorf("gates header %q", got)
	}
	for i, gate := range r.Gates {
		if at(g+1+i, 1) != gate.Title || at(g+1+i, 3) != "Passed" || at(g+1+i, 4) != gate.Rule {
			t.Errorf("gate row %d %q, want %s passed", g+1+i, rows[g+i], gate.Title)
		}
	}
	// The audits and findings it rests on.
	a := atFind(t, rows, 0, "Audits it rests on (cycle "+strconv.Itoa(r.Cycle)+")") + 1
	for i, x := range r.Audits {
		if want := x.Kind.Label() + " (audit " + x.ID.String() + ")"; at(a+1+i, 1) != want || at(a+1+i, 2) != x.Start.String() {
			t.Errorf("audit row %q, want %s from %s", rows[a+i], want, x.Start)
		}
	}
	fr := atFind(t, rows, 0, "Findings of those audits") + 1
	if len(r.Findings) < 3 {
		t.Fatalf("%d findings", len(r.Findings))
	}
	for i, x := range r.Findings {
		if !strings.HasPrefix(at(fr+1+i, 1), x.Grade.Label()) || at(fr+1+i, 2) != x.Reference {
			t.Errorf("finding row %q, want %s %s", rows[fr+i], x.Grade.Label(), x.Reference)
		}
	}
	pl, err := f.GetPageLayout(DecisionSheetName)
	if err != nil || *pl.Orientation != "portrait" || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v %v", pl, err)
	}
}
