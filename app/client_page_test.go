package app

import (
	"certdesk/certification/demo"
	"certdesk/certification/view"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

func TestClientPageTimeline(t *testing.T) {
	h, _, ids := cdBody(t)
	c := h.showSpace("Clients").(*clients)
	c.open(recordRef{certification.KindClient, ids.bluefin})
	h.settle()
	p := c.page
	if p == nil || p.title.Text != "Bluefin Logistics Ltd" {
		t.Fatal("Bluefin's page is not shown")
	}
	sec := certSection(p, ids.bluefinCert)
	if sec == nil {
		t.Fatal("no certification section")
	}
	texts := cdTexts(p.root)
	cdHas(t, texts, "ISO 9001:2015", "Active", "Warehousing and road freight forwarding",
		"CD-9001-2024-", "expires 2027-01-19", "1 (initial certification): 2024-01-20 to 2027-01-19",
		"Stage 1 · 2023-10-09 to 2023-10-10", "ready for stage 2", "lead Ingrid Solberg",
		"Grant: opens cycle 1, valid to 2027-01-19", "Maintain", "Surveillance · 2025-12-01 to 2025-12-02",
		"Today, 2026-11-24", "Recertification audit (before expiry)", "Recertification decision (before expiry)")
	// History in date order, then what comes next.
	for i := 1; i < len(sec.tl.Past); i++ {
		if sec.tl.Past[i].Date < sec.tl.Past[i-1].Date {
			t.Errorf("history out of order: %v after %v", sec.tl.Past[i].Date, sec.tl.Past[i-1].Date)
		}
	}
	if len(sec.tl.Next) == 0 || sec.tl.Next[0].Status != "Upcoming" && sec.tl.Next[0].Status != "Due soon" {
		t.Errorf("next = %+v", sec.tl.Next)
	}
	// Each audit opens in the audit workspace; Plan audit opens the programme.
	if open := openButtons(sec); len(open) != 4 {
		t.Errorf("%d audit rows with Open, want 4", len(open))
	}
	h.capture("client-page")
	p.scroll.ScrollToOffset(fyne.NewPos(0, p.body.Objects[1].Position().Y))
	h.capture("client-page-timeline")
	p.scroll.ScrollToTop()

	test.Tap(sec.planAudit)
	h.settle()
	if name := h.u.spaces[h.u.current].name(); name != "Audit programme" {
		t.Errorf("Plan audit shows %q", name)
	}
	c = h.showSpace("Clients").(*clients)
	if c.page == nil || c.page.id != ids.bluefin {
		t.Fatal("the client page was not kept")
	}
	for _, b := range openButtons(certSection(c.page, ids.bluefinCert)) {
		test.Tap(b)
		break
	}
	h.settle()
	if name := h.u.spaces[h.u.current].name(); name != "Audit workspace" {
		t.Errorf("Open audit shows %q", name)
	}

	// The suspended certificate shows as such.
	c = h.showSpace("Clients").(*clients)
	c.open(recordRef{certification.KindClient, ids.delta})
	h.settle()
	cdHas(t, cdTexts(c.page.root), "Suspended", "suspended since 2026-06-10", "Suspend: certificate suspended")
}

// TestDemoScreens captures the dashboard, the clients list, a client's
// page and the client form on demo data (run with CERTDESK_SCREENS set).
func TestDemoScreens(t *testing.T) {
	if os.Getenv("CERTDESK_SCREENS") == "" {
		t.Skip("screenshots only: set CERTDESK_SCREENS=dir")
	}
	h := newHarness(t, "2026-11-24")
	if _, err := demo.Generate(h.ctx, h.st, demo.Options{Clients: 150, Seed: 1, AsOf: h.u.today()}); err != nil {
		t.Fatal(err)
	}
	d := h.showSpace("Dashboard").(*dashboard)
	d.reload()
	h.settle()
	h.capture("demo-dashboard")
	for _, l := range []view.List{view.ListDueSoon, view.ListExpiring, view.ListSuspensions, view.ListLate} {
		test.Tap(d.tiles[l])
		h.capture("demo-dashboard-" + strings.ReplaceAll(strings.ToLower(dashboardLists[l].caption), " ", "-"))
	}

	c := h.showSpace("Clients").(*clients)
	h.capture("demo-clients")
	c.sortByColumn(csOverdue)
	h.capture("demo-clients-by-overdue")

	// The client with the longest history.
	var best certification.ID
	most := 0
	for _, r := range c.all {
		v, err := view.Client(h.ctx, h.svc(), r.ID, h.u.today())
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range v.Files {
			n += len(f.Audits) + len(f.Decisions)
		}
		if n > most {
			best, most = r.ID, n
		}
	}
	c.open(recordRef{certification.KindClient, best})
	h.settle()
	h.capture("demo-client-page")
	p := c.page
	p.scroll.ScrollToOffset(fyne.NewPos(0, p.body.Objects[1].Position().Y))
	h.capture("demo-client-timeline")
	for id, sec := range certSections(p) {
		if sec.showEarly != nil {
			test.Tap(sec.showEarly)
			h.settle()
			c.page.scroll.ScrollToOffset(fyne.NewPos(0, c.page.body.Objects[1].Position().Y))
			h.capture("demo-client-history")
			_ = id
			break
		}
	}
	test.Tap(c.page.edit)
	h.capture("demo-client-form")
}

// certSections are the certification sections the client page shows,
// by certification.
func certSections(p *clientPage) map[certification.ID]*clientCertSection {
	m := map[certification.ID]*clientCertSection{}
	for _, s := range findAll[*clientCertSection](p.root, nil) {
		m[s.id] = s
	}
	return m
}

// certSection is the section of certification id on the client page,
// nil when the page does not show it.
func certSection(p *clientPage, id certification.ID) *clientCertSection {
	return certSections(p)[id]
}

// openButtons are the Open buttons of the audit rows of a certification
// section.
func openButtons(sec *clientCertSection) []*widget.Button {
	return findAll(sec, func(b *widget.Button) bool { return b.Text == "Open" })
}
