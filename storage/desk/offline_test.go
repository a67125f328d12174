package desk_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
	"certdesk/storage/desk"
)

// siteAndHQ is a body of two desks: a lead auditor's on a site, whose
// network the cable cuts, and the office's own, which built the fixture.
type siteAndHQ struct {
	site, hq     *desk.Desk
	siteDB, hqDB *storage.DB
	fx           *auditfixture.Fixture
	cab          *cable
	onSite, atHQ *certification.Service
	hqURL        string // the office's own address
}

func newSiteAndHQ(t *testing.T, ctx context.Context) siteAndHQ {
	t.Helper()
	o := startOffice(t)
	b := siteAndHQ{hqURL: o.URL()}
	b.cab = newCable(t, o.URL())
	b.site, b.siteDB = joinDesk(t, ctx, b.cab.URL())
	b.hq, b.hqDB = joinDesk(t, ctx, o.URL())
	var err error
	if b.fx, err = auditfixture.Build(ctx, b.hq.Store()); err != nil {
		t.Fatal(err)
	}
	if _, err := b.site.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	b.onSite = certification.NewService(b.site.Store(), b.fx.Clock).As(certification.Actor{PersonID: b.fx.Lead, Name: "Lena Lindqvist"})
	b.atHQ = certification.NewService(b.hq.Store(), b.fx.Clock).As(certification.Actor{Name: "Sam Scheme"})
	return b
}

// A lead auditor's desk loses its network, answers checklist items,
// records five findings and attaches evidence to one of them; meanwhile
// the office's desk plans and records on other clients. When the
// network is back, the desk rejoins: every desk ends on the same head
// hash, the five findings are in the body with the ids they had
// offline, the evidence names its finding, and both desks verify.
func TestOfflineDeskRejoins(t *testing.T) {
	ctx := testCtx(t)
	b := newSiteAndHQ(t, ctx)
	site, siteDB, hq, hqDB, fx, cab, onSite, atHQ := b.site, b.siteDB, b.hq, b.hqDB, b.fx, b.cab, b.onSite, b.atHQ
	audit := fx.Integrated42001

	cab.cut()
	waitFor(t, "the site desk to notice it is cut off", func() bool { return !site.Connected() })
	if err := onSite.RecordChecklist(ctx, audit, certification.ChecklistEntry{Ref: "4.1", Result: certification.ResultConform, Notes: "context reviewed on site"}); err != nil {
		t.Fatalf("a checklist answer offline: %v", err)
	}
	var offline []certification.ID
	for k := range 5 {
		id, err := onSite.RecordFinding(ctx, certification.Finding{AuditID: audit, Grade: certification.OFI, Reference: "6.1", Evidence: fmt.Sprintf("offline finding %d: risk register not reviewed", k+1)})
		if err != nil {
			t.Fatalf("finding %d offline: %v", k+1, err)
		}
		offline = append(offline, id)
	}
	ev, err := onSite.AttachEvidence(ctx, certification.Evidence{AuditID: audit, FindingID: offline[0], FileName: "register.txt", MediaType: "text/plain"}, []byte("risk register, last reviewed 2024"))
	if err != nil {
		t.Fatalf("evidence offline: %v", err)
	}
	if n := site.Waiting(); n != 7 {
		t.Fatalf("%d changes wait on the site desk, want 7", n)
	}
	// The office's desk works on meanwhile: it plans and starts audits of
	// other clients and records findings.
	spreadAudits(t, ctx, atHQ, fx, 3)
	for k := range 3 {
		if _, err := atHQ.RecordFinding(ctx, certification.Finding{AuditID: fx.Integrated9001, Grade: certification.OFI, Reference: "7.5", Evidence: fmt.Sprintf("office finding %d", k+1)}); err != nil {
			t.Fatal(err)
		}
	}
	if got := findings(t, ctx, siteDB, audit); len(got) < 5 {
		t.Fatalf("the site desk shows %d findings of its own work", len(got))
	}

	if rep, err := siteDB.Verify(ctx, storage.VerifyOptions{Indexes: true}); err != nil || !rep.OK() || rep.Waiting != 7 {
		t.Fatalf("the site desk with 7 changes waiting does not verify: %v %v", err, rep.Lines(5))
	}
	t.Logf("offline ids %v, evidence %d; %d waiting", offline, ev, site.Waiting())
	cab.mend()
	waitFor(t, "the site desk to reconnect", site.Connected)
	if _, err := site.Sync(ctx); err != nil {
		t.Fatalf("rejoining: %v", err)
	}
	if n := site.Waiting(); n != 0 {
		t.Fatalf("%d changes still wait after rejoining", n)
	}
	sameHead(t, ctx, []*desk.Desk{site, hq}, []*storage.DB{siteDB, hqDB})
	onBody := findings(t, ctx, hqDB, audit)
	for _, id := range offline {
		if !slices.ContainsFunc(onBody, func(s string) bool { return strings.HasPrefix(s, fmt.Sprint(id)+" ") }) {
			t.Fatalf("offline finding %d is not in the body with its id: %v", id, onBody)
		}
	}
	var e certification.Evidence
	if err := hqDB.View(ctx, func(tx certification.Tx) error { return tx.Get(ev, &e) }); err != nil {
		t.Fatalf("the offline evidence %d in the body: %v", ev, err)
	}
	if e.FindingID != offline[0] {
		t.Fatalf("the evidence names finding %d, want %d", e.FindingID, offline[0])
	}
	for i, db := range []*storage.DB{siteDB, hqDB} {
		if rep, err := db.Verify(ctx, storage.VerifyOptions{Indexes: true}); err != nil || !rep.OK() {
			t.Fatalf("desk %d does not verify: %v %v", i+1, err, rep.Lines(5))
		}
	}
}

// A desk records a finding offline on an audit that the office cancels
// meanwhile. On rejoining, the body refuses it by the domain's rule; it
// goes to the review list with the rule and its text, and the changes
// after it still join the body. The person re-does it, with the same
// values, on the audit still open, and discards a second one, which the
// journal records.
func TestRefusedOfflineChangeGoesToReview(t *testing.T) {
	ctx := testCtx(t)
	b := newSiteAndHQ(t, ctx)
	site, siteDB, hq, hqDB, fx, cab, onSite, atHQ := b.site, b.siteDB, b.hq, b.hqDB, b.fx, b.cab, b.onSite, b.atHQ
	open := spreadAudits(t, ctx, atHQ, fx, 1)[2] // an ISO 9001 stage 1 in progress
	if _, err := site.Sync(ctx); err != nil {
		t.Fatal(err)
	}

	cab.cut()
	waitFor(t, "the site desk to notice it is cut off", func() bool { return !site.Connected() })
	const text = "Ελληνικά: the impact assessment of the chatbot is missing"
	for _, x := range []certification.Finding{
		{AuditID: fx.Integrated9001, Grade: certification.Minor, Reference: "7.5", Requirement: "7.5.1 documented information", Evidence: text},
		{AuditID: fx.Integrated9001, Grade: certification.OFI, Reference: "7.5", Evidence: "second, to discard"},
		{AuditID: open, Grade: certification.OFI, Reference: "8.1", Evidence: "on the open audit"},
	} {
		if _, err := onSite.RecordFinding(ctx, x); err != nil {
			t.Fatalf("offline: %v", err)
		}
	}
	cancelled := certification.AuditCancelled
	if err := atHQ.ChangeAudit(ctx, fx.Integrated9001, certification.AuditChange{Status: &cancelled}); err != nil {
		t.Fatal(err)
	}

	cab.mend()
	waitFor(t, "the site desk to reconnect", site.Connected)
	if _, err := site.Sync(ctx); err != nil {
		t.Fatalf("rejoining: %v", err)
	}
	head := sameHead(t, ctx, []*desk.Desk{site, hq}, []*storage.DB{siteDB, hqDB})
	list, err := site.Reviews(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || site.Waiting() != 0 {
		t.Fatalf("%d on the review list (want 2), %d waiting (want 0): %+v", len(list), site.Waiting(), list)
	}
	first := list[0]
	if first.Rule != certification.RuleAuditNotOpen || !strings.Contains(string(first.Entry.Args), text) {
		t.Fatalf("the review item says rule %q, args %s; want %s and the finding's text", first.Rule, first.Entry.Args, certification.RuleAuditNotOpen)
	}
	if got := findings(t, ctx, hqDB, open); len(got) != 1 {
		t.Fatalf("the change after the refused ones did not join the body: %v", got)
	}

	// Re-done on the open audit with its values; the second discarded.
	var args []certification.Finding
	if err := json.Unmarshal(first.Entry.Args, &args); err != nil || len(args) != 1 {
		t.Fatalf("the review item's values do not read as a finding: %v %s", err, first.Entry.Args)
	}
	redo := args[0]
	redo.AuditID = open
	if _, err := onSite.RecordFinding(ctx, redo); err != nil {
		t.Fatalf("re-doing: %v", err)
	}
	if err := site.Done(ctx, first.N); err != nil {
		t.Fatal(err)
	}
	if err := site.Discard(ctx, onSite, list[1].N); err != nil {
		t.Fatal(err)
	}
	if left, _ := site.Reviews(ctx); len(left) != 0 {
		t.Fatalf("%d left on the review list", len(left))
	}
	end := sameHead(t, ctx, []*desk.Desk{site, hq}, []*storage.DB{siteDB, hqDB})
	var last certification.JournalEntry
	if err := hqDB.Journal(ctx, end.Seq, func(e certification.JournalEntry) error { last = e; return nil }); err != nil {
		t.Fatal(err)
	}
	if end.Seq != head.Seq+2 || last.Command != "discard-change" || !strings.Contains(string(last.Args), "second, to discard") {
		t.Fatalf("the body's last entry is %d %s %s; want the discard at %d", end.Seq, last.Command, last.Args, head.Seq+2)
	}
	if got := findings(t, ctx, hqDB, open); len(got) != 2 {
		t.Fatalf("the re-done finding is not in the body: %v", got)
	}
}
