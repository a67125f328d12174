package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
	"certdesk/storage/office"
)

// joinForTest is main.go's joinOffice: the store as a desk of the body.
func joinForTest(ctx context.Context, st Store, o Office) (Desk, error) {
	d, err := desk.Open(ctx, st.(*storage.DB), o.URL, bodylog.Config{CAFile: o.CA, CredsFile: o.Creds})
	if err != nil {
		return nil, err
	}
	return testDesk{d}, nil
}

// testDesk is main.go's appDesk: the review list in the app's terms.
type testDesk struct{ *desk.Desk }

func (d testDesk) Reviews(ctx context.Context) ([]ReviewItem, error) {
	list, err := d.Desk.Reviews(ctx)
	out := make([]ReviewItem, len(list))
	for i, r := range list {
		out[i] = ReviewItem{N: r.N, Entry: r.Entry, Rule: r.Rule, Reason: r.Reason, Refused: r.Refused}
	}
	return out, err
}

// fixtureBody is an office on 127.0.0.1 and a desk of its body, without
// a window, that built the audit fixture there (desk A); all closed when
// the test ends.
func fixtureBody(t *testing.T, ctx context.Context) (*office.Office, *desk.Desk, *storage.DB, *auditfixture.Fixture) {
	t.Helper()
	o, err := office.Start(office.Options{Dir: t.TempDir(), Host: "127.0.0.1", Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(o.Close)
	dbA, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dbA.Close() })
	deskA, err := desk.Open(ctx, dbA, o.URL(), bodylog.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(deskA.Close)
	fx, err := auditfixture.Build(ctx, deskA.Store())
	if err != nil {
		t.Fatal(err)
	}
	return o, deskA, dbA, fx
}

// A window on a desk of a body: it catches up when it joins, and a
// finding recorded on another desk shows on its Findings screen by
// itself, without a reload, within a second or so; the status line
// says the desk is online. A command from the window goes through the
// body too.
func TestDeskShowsAnotherDesksFinding(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	o, deskA, dbA, fx := fixtureBody(t, ctx)

	// Desk B is the window.
	h := newHarness(t, fx.AsOf.String())
	joined := false
	h.u.joinOffice(joinForTest, Office{URL: o.URL()}, func(err error) {
		if err != nil {
			t.Errorf("joining: %v", err)
		}
		joined = true
	})
	h.settle()
	t.Cleanup(h.u.closeOffice)
	if !joined || h.u.office.desk == nil {
		t.Fatal("the window did not join the office")
	}
	fs := h.showSpace("Findings").(*findingsSpace)
	before := len(fs.all)
	if before == 0 {
		t.Fatal("desk B shows no findings after catching up with the body")
	}

	svcA := certification.NewService(deskA.Store(), fx.Clock).As(certification.Actor{Name: "Sam Scheme"})
	id, err := svcA.RecordFinding(ctx, certification.Finding{AuditID: fx.Integrated42001, Grade: certification.Minor, Reference: "6.1", Requirement: "AI risk criteria", Evidence: "recorded on desk A"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	shown := false
	for range 500 { // bounded: 10 s
		h.settle()
		for _, r := range fs.all {
			shown = shown || r.ID == id
		}
		if shown {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !shown {
		t.Fatalf("finding %d from desk A did not show on desk B's Findings screen within 10 s (%d findings shown)", id, len(fs.all))
	}
	t.Logf("finding %d showed on desk B after %s", id, time.Since(start).Round(time.Millisecond))
	if s := h.u.office.status.Text; !strings.Contains(s, "Online") {
		t.Fatalf("status line: %q", s)
	}
	h.capture("office-desk-findings")

	// A command from the window goes through the body: desk A gets it.
	if _, err := h.u.svc().RecordFinding(ctx, certification.Finding{AuditID: fx.Integrated42001, Grade: certification.OFI, Reference: "7.2", Evidence: "recorded on desk B"}); err != nil {
		t.Fatal(err)
	}
	if _, err := deskA.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	ha, _ := dbA.Head(ctx)
	hb, _ := h.st.Head(ctx)
	if ha != hb {
		t.Fatalf("desk A's head %+v, desk B's %+v", ha, hb)
	}
}
