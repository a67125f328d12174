package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

func TestVerifyTheDataFromTheMenu(t *testing.T) {
	h := bkHarness(t) // a real store with two people, their journal entries chained
	h.u.verifyMenu()
	h.settle()
	if !strings.Contains(h.u.bk.lastMsg, "2 journal entries and 2 records checked") || !strings.Contains(h.u.bk.lastMsg, "Everything matches the journal") {
		t.Fatalf("verify said:\n%s", h.u.bk.lastMsg)
	}
	top := h.w.Canvas().Overlays().Top()
	if top == nil || !hasVText(top, "Last journal entry: no. 2") {
		t.Fatal("no result dialog naming the last entry")
	}
	h.capture("verify-ok")

	// A report that does not match (storage's tests produce such reports
	// from tampered folders) is shown as a warning.
	h.u.showVerifyResult(false, []string{"5 journal entries and 2 records checked.", "The first journal entry that does not match is no. 2: its hash does not match its content.",
		"1 record does not match the journal:", "  client 1: changed outside CertDesk after journal entry 3"})
	top = h.w.Canvas().Overlays().Top()
	if top == nil || !hasVText(top, "Do not rely on the records named below") {
		t.Fatal("no warning for a folder that does not match")
	}
	h.capture("verify-broken")
}

// hasVText reports whether a text under o holds s.
func hasVText(o fyne.CanvasObject, s string) bool {
	return strings.Contains(strings.Join(fxTexts(o), "\n"), s)
}
