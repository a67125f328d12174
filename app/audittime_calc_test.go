package app

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/audit/audittime"
	"certdesk/audit/catalogue"
	"certdesk/audit/scheme"
	"certdesk/certification"
	"certdesk/storage/catalogfile"
)

// TestAudittimeCalculator opens the calculator from a client's page:
// prefilled from the client, it shows its working; reductions over 30 %
// and an integration over 20 % are refused next to their fields; the
// justification is copied.
func TestAudittimeCalculator(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newTmWorld(t, h)
	p := tmOpenClient(t, h, w.clients["Nordlicht Analytics GmbH"])
	test.Tap(p.auditTime)
	h.settle()
	c := partOnTop[*audittimeCalc](t, h, "audit time calculator")
	if c == nil {
		t.Fatal("the calculator did not open")
	}
	if !c.standards[scheme.ISO42001].Checked || c.standards[scheme.ISO9001].Checked || c.personnel.Text != "160" ||
		!c.aiRoles["developer"].Checked || !c.aiRoles["provider"].Checked || c.aiRoles["user"].Checked {
		t.Fatal("the calculator is not prefilled from the client")
	}
	if refusal(c) != nil || c.res == nil {
		t.Fatalf("no result for the client as it is: %v", refusal(c))
	}
	if !strings.Contains(c.suggestions.Text, "high-risk AI systems") {
		t.Errorf("suggestions %q", c.suggestions.Text)
	}
	// The user states the AI personnel and accepts the suggestions.
	test.Type(c.aiPersonnel, "24")
	c.suggest.SetChecked(true)
	if refusal(c) != nil {
		t.Fatalf("refused: %v", refusal(c))
	}
	want, err := audittime.Calculate(audittime.Input{Standards: []string{scheme.ISO42001}, EffectivePersonnel: 160, AIPersonnel: 24,
		AIRoles: []string{"provider", "developer"}, AcceptSuggestions: true, AISystems: []audittime.AISystemInput{
			{RiskClass: "high", Autonomy: "human-in-the-loop", PersonalData: true}, {RiskClass: "minimal", Autonomy: "assistive"}},
		Sites: []audittime.SiteInput{{Code: "HQ", Central: true, Personnel: 120}, {Code: "S2", Personnel: 40}}})
	if err != nil {
		t.Fatal(err)
	}
	if c.res.Initial != want.Initial || c.res.Surveillance != want.Surveillance || len(c.res.Sites) != 2 {
		t.Errorf("initial %v surveillance %v sites %d; want %v %v 2", c.res.Initial, c.res.Surveillance, len(c.res.Sites), want.Initial, want.Surveillance)
	}
	if !strings.Contains(c.justify.Text, "AI roles developer, provider") && !strings.Contains(c.justify.Text, "AI roles provider, developer") {
		t.Errorf("the justification does not show its working:\n%s", c.justify.Text)
	}
	if !strings.HasPrefix(c.headline.Text, "Initial audit: ") {
		t.Errorf("headline %q", c.headline.Text)
	}

	// Reductions over 30 % are refused next to the adjustments.
	fxTap(h, fxButton(t, h.w, "Add adjustment"))
	fxTap(h, fxButton(t, h.w, "Add adjustment"))
	test.Type(c.adjs[0].percent, "-20")
	test.Type(c.adjs[0].reason, "Mature management system, low process complexity")
	test.Type(c.adjs[1].percent, "−15")
	test.Type(c.adjs[1].reason, "Highly automated processes")
	if refusal(c) == nil || !c.adjError.Visible() || !strings.Contains(c.adjError.Text, "more than the 30 %") || !c.copyBtn.Disabled() {
		t.Fatalf("35 %% reduction: err %v, shown %v %q", refusal(c), c.adjError.Visible(), c.adjError.Text)
	}
	c.leftScroll.ScrollToBottom()
	fxCapture(h, "i4-audittime-refused")
	c.adjs[1].percent.SetText("+10")
	if refusal(c) != nil || c.adjError.Visible() {
		t.Fatalf("refused after correcting: %v", refusal(c))
	}

	// An integrated audit with 9001: at most 20 % less.
	c.standards[scheme.ISO9001].SetChecked(true)
	c.integrated.SetChecked(true)
	test.Type(c.reduction, "25")
	if refusal(c) == nil || !c.intError.Visible() || !strings.Contains(c.intError.Text, "at most 20 %") {
		t.Fatalf("25 %% integration: err %v, shown %q", refusal(c), c.intError.Text)
	}
	c.reduction.SetText("15")
	if refusal(c) != nil || len(c.res.Standards) != 2 || !c.res.Integrated {
		t.Fatalf("integrated audit: %v %+v", refusal(c), c.res)
	}
	if !strings.Contains(c.justify.Text, "Integrated audit of 2 standards") {
		t.Errorf("justification:\n%s", c.justify.Text)
	}
	c.leftScroll.ScrollToTop()
	fxCapture(h, "i4-audittime")
	fxTap(h, c.copyBtn)
	if got := h.u.app.Clipboard().Content(); got != c.res.Text() || !strings.Contains(got, "IAF MD 5") {
		t.Errorf("clipboard %q", got)
	}
}

// refusal is the error the calculator's headline states (nil when it
// shows a result).
func refusal(c *audittimeCalc) error {
	if rest, ok := strings.CutPrefix(c.headline.Text, "No result until the input is put right: "); ok {
		return errors.New(rest)
	}
	return nil
}

// A client certified to a standard the body added is calculated for it
// too, from the IAF MD 5 table.
func TestAudittimeCalculatorAddedStandard(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newTmWorld(t, h)
	b, err := catalogfile.Read(filepath.Join("..", "assets", "examples", "iso14001-2015.tsv"), "ISO 14001:2015", catalogue.TableQMS)
	if err != nil {
		t.Fatal(err)
	}
	svc := h.svc()
	if _, err := svc.DefineStandard(h.ctx, b); err != nil {
		t.Fatal(err)
	}
	id := w.clients["Nordlicht Analytics GmbH"]
	if _, err := svc.AddCertification(h.ctx, certification.Certification{ClientID: id, Standard: b.Name, Scope: "Environmental management of the Hamburg offices"}); err != nil {
		t.Fatal(err)
	}
	p := tmOpenClient(t, h, id)
	test.Tap(p.auditTime)
	h.settle()
	c := partOnTop[*audittimeCalc](t, h, "audit time calculator")
	if ch := c.standards["ISO 14001:2015"]; ch == nil || !ch.Checked {
		t.Fatal("the calculator does not offer, or does not check, the client's added standard")
	}
	if refusal(c) != nil || c.res == nil {
		t.Fatalf("no result: %v", refusal(c))
	}
	var found bool
	for _, st := range c.res.Standards {
		if st.Standard == "ISO 14001:2015" && strings.Contains(st.Table, "MD 5") && st.Base > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("the result has no 14001 line from the MD 5 table: %+v", c.res.Standards)
	}
}
