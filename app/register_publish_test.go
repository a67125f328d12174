package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/certification/view"
)

// Publish register… on the Certificates workspace writes the register
// into the folder chosen and says what it listed; publishing again from
// the File menu goes to the same folder after one confirmation.
func TestPublishRegister(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	b.decide(b.helixCert, certification.Withdraw, "2026-11-20", b.priya) // withdrawn 4 days ago: listed as withdrawn
	w := xlSeams(h)
	asked := 0
	h.u.xl.chooseFolder = func(title string, then func(string)) { asked++; then(w.dir) }
	fxShow(h, "Certificates")
	number := map[certification.ID]string{}
	states, err := view.Certificates(h.ctx, h.svc(), h.u.today())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		number[s.CertificationID] = s.Number
	}

	btn := findButton(h.w.Canvas().Content(), "Publish register…")
	if btn == nil {
		t.Fatal("no Publish register… button on the Certificates workspace")
	}
	test.Tap(btn)
	fxSettle(h)
	if asked != 1 {
		t.Fatalf("first publication: the folder was asked for %d times", asked)
	}
	var reg view.Register
	content, err := os.ReadFile(filepath.Join(w.dir, "register.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(content, &reg); err != nil {
		t.Fatal(err)
	}
	status := map[string]certification.CertificateStatus{}
	for _, e := range reg.Certificates {
		status[e.Number] = e.Status
	}
	for cert, want := range map[certification.ID]certification.CertificateStatus{
		b.helixCert: certification.CertWithdrawn, b.brCert: certification.CertSuspended, b.nordCert: certification.CertActive,
	} {
		if got := status[number[cert]]; got != want {
			t.Errorf("register.json: %s is %q, want %q", number[cert], got, want)
		}
	}
	if _, listed := status[number[b.orionCert]]; listed {
		t.Errorf("register.json lists %s, withdrawn on 2025-01-20, more than a year before", number[b.orionCert])
	}
	index, err := os.ReadFile(filepath.Join(w.dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if i := strings.Index(string(index), number[b.helixCert]); i < 0 || !strings.Contains(string(index[i:]), "Withdrawn") {
		t.Errorf("index.html does not list %s as withdrawn", number[b.helixCert])
	}
	if _, err := os.Stat(filepath.Join(w.dir, "cert", number[b.helixCert]+".html")); err != nil {
		t.Errorf("no page of %s: %v", number[b.helixCert], err)
	}
	got := topTexts(h)
	for _, want := range []string{
		fmt.Sprintf("lists %d certificates", len(reg.Certificates)), "1 suspended", "1 withdrawn", w.dir,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("done dialog does not say %q: %q", want, got)
		}
	}
	if findButton(h.w.Canvas().Overlays().Top(), "Open index.html") == nil {
		t.Error("done dialog has no Open index.html button")
	}
	h.u.escape()

	// Again, from the File menu: the folder of last time, after one
	// confirmation; register.json is written anew.
	if err := os.Remove(filepath.Join(w.dir, "register.json")); err != nil {
		t.Fatal(err)
	}
	xlMenuItem(t, h, "File", "Publish register…").Action()
	fxSettle(h)
	if got := topTexts(h); !strings.Contains(got, w.dir) {
		t.Fatalf("publishing again does not name the folder of last time: %q", got)
	}
	tapDialogButton(t, h, "Publish")
	if asked != 1 {
		t.Errorf("publishing again asked for the folder")
	}
	if _, err := os.Stat(filepath.Join(w.dir, "register.json")); err != nil {
		t.Errorf("publishing again: %v", err)
	}
	if got := topTexts(h); !strings.Contains(got, "lists") {
		t.Errorf("publishing again: %q", got)
	}
}
