package xlsx

import (
	"bytes"
	"context"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/document"
	"certdesk/storage"
)

// The complaints and appeals register read back with excelize: a row per
// case, newest received first, the missed acknowledgement red and marked
// late, a closed complaint's status green, dates as dates.
func TestCasesRegisterWorkbook(t *testing.T) {
	ctx := context.Background()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Seed 3: a demo body of three clients whose history has no
	// complaint of its own, so the register holds the three below.
	if sum, err := demo.Generate(ctx, db, demo.Options{Clients: 3, Seed: 3, AsOf: regAsOf}); err != nil {
		t.Fatal(err)
	} else if sum.Cases != 0 {
		t.Fatalf("the demo body has %d complaints of its own: choose a seed without", sum.Cases)
	}
	svc := certification.NewService(db, certification.FixedClock(regAsOf.Time())).As(certification.Actor{PersonID: 1, Name: "demo"})
	receive := func(c certification.Case) certification.ID {
		t.Helper()
		c.From.Name, c.Subject = "Paul Public", "a subject of "+string(c.Kind)
		id, err := svc.ReceiveCase(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	closed := receive(certification.Case{Kind: certification.CaseComplaint, ClientID: 1, Received: regAsOf.AddDays(-40)})
	for _, err := range []error{
		svc.AcknowledgeCase(ctx, closed, certification.CaseStep{Date: regAsOf.AddDays(-39)}),
		svc.InvestigateCase(ctx, closed, certification.CaseStep{Date: regAsOf.AddDays(-30), Text: "looked into it"}),
		svc.DecideCase(ctx, closed, certification.CaseStep{Date: regAsOf.AddDays(-20), Text: "not upheld"}, false),
		svc.CloseCase(ctx, closed, certification.CaseStep{Date: regAsOf.AddDays(-19)}, 0),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	receive(certification.Case{Kind: certification.CaseComplaint, ClientID: 2, Received: regAsOf.AddDays(-30)})
	receive(certification.Case{Kind: certification.CaseAppeal, DecisionID: 1, Received: regAsOf.AddDays(-2)})

	reg, err := document.NewCasesRegister(ctx, svc, regAsOf)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := (Workbooks{}).CasesRegister(ctx, &buf, reg, nil); err != nil {
		t.Fatal(err)
	}
	f := regReadBack(t, &buf, "Cases", "Complaints and appeals", regCaseCols, 3)
	const sheet = "Cases"
	for i, want := range []struct {
		kind, status, late string
		ackTone            Tone
	}{{"Appeal", "received", "", DueSoon}, {"Complaint", "received", "Yes", Overdue}, {"Complaint", "closed", "", Done}} {
		if v, _ := f.GetCellValue(sheet, regCellAt(1, i)); v != want.kind {
			t.Errorf("row %d kind %q, want %q", i, v, want.kind)
		}
		if v, _ := f.GetCellValue(sheet, regCellAt(regCsStatus, i)); v != want.status {
			t.Errorf("row %d status %q, want %q", i, v, want.status)
		}
		if v, _ := f.GetCellValue(sheet, regCellAt(regCsLate, i)); v != want.late {
			t.Errorf("row %d late %q, want %q", i, v, want.late)
		}
		if got := regFillOf(t, f, sheet, regCellAt(regCsAckBy, i)); got != palette[want.ackTone].fill {
			t.Errorf("row %d acknowledge-by filled %q, want %q", i, got, palette[want.ackTone].fill)
		}
	}
	regCheckDate(t, f, sheet, regCellAt(2, 1), regAsOf.AddDays(-30))
	regCheckDate(t, f, sheet, regCellAt(regCsAckBy, 1), regAsOf.AddDays(-23))
	regCheckDate(t, f, sheet, regCellAt(18, 2), regAsOf.AddDays(-20))
	if v, _ := f.GetCellValue(sheet, regCellAt(20, 2)); v != "not upheld" {
		t.Errorf("the closed complaint's decision %q", v)
	}
	if v, _ := f.GetCellValue(sheet, regCellAt(9, 0)); v != "1" {
		t.Errorf("the appeal's decision %q, want 1", v)
	}
	if got := regFillOf(t, f, sheet, regCellAt(regCsStatus, 2)); got != palette[Done].fill {
		t.Errorf("the closed complaint's status filled %q, want green", got)
	}
}
