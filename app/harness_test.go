package app

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"certdesk/certification"
	"certdesk/storage"
	"certdesk/storage/pdf"
	"certdesk/storage/xlsx"
)

// testClock is a fixed, settable clock.
type testClock struct{ t time.Time }

func (c *testClock) Now() time.Time { return c.t }

// harness is the real UI on a real (in-memory) Badger store, driven with
// Fyne's test driver: no display needed.
type harness struct {
	t   *testing.T
	u   *ui
	w   fyne.Window
	st  *storage.DB
	clk *testClock
	ctx context.Context
}

func newHarness(t *testing.T, today string) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	st, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d, err := certification.ParseDate(today)
	if err != nil {
		t.Fatal(err)
	}
	clk := &testClock{t: d.Time().Add(10 * time.Hour)}
	ctx, cancel := context.WithCancel(context.Background())
	bg := newWorker(ctx)
	// Fyne's test driver runs fyne.Do's function at once on the worker's
	// goroutine; hold the results and run them on the test goroutine in
	// settle, which then plays the UI goroutine (race-free).
	bg.hold = true
	t.Cleanup(func() { cancel(); bg.wait() })
	w := test.NewTempWindow(t, nil)
	u := newUI(a, w, st, clk, bg)
	u.books = xlsx.Workbooks{} // the real workbooks (storage/xlsx)
	u.pdf = pdf.Writer{}       // the real PDF writer (storage/pdf)
	w.SetContent(u.build())
	w.Resize(fyne.NewSize(1280, 820))
	if os.Getenv("CERTDESK_SCREENS") != "" {
		// Screenshots show what a 1366×768 laptop shows.
		w.Resize(fyne.NewSize(1366, 768))
	}
	u.start()
	h := &harness{t: t, u: u, w: w, st: st, clk: clk, ctx: ctx}
	h.settle()
	return h
}

// settle waits until every background load or command and its UI update
// have finished.
func (h *harness) settle() { h.u.bg.drain() }

// svc is a service on the same store, for setting up data.
func (h *harness) svc() *certification.Service {
	return certification.NewService(h.st, h.clk).As(certification.Actor{Name: "test set-up"})
}

// showSpace switches to the named workspace and waits for it to load.
func (h *harness) showSpace(name string) workspace {
	h.t.Helper()
	for i, ws := range h.u.spaces {
		if ws.name() == name {
			h.u.show(i)
			h.settle()
			return ws
		}
	}
	h.t.Fatalf("no workspace %q", name)
	return nil
}

// capture writes the window to testdata/screens/NAME.png when
// CERTDESK_SCREENS is set (make screenshots), so that a person can look
// at every screen.
func (h *harness) capture(name string) {
	dir := os.Getenv("CERTDESK_SCREENS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		h.t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		h.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.w.Canvas().Capture()); err != nil {
		h.t.Fatal(err)
	}
}

func TestEveryWorkspaceOpens(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	for _, ws := range h.u.spaces {
		h.showSpace(ws.name())
		if h.u.title.Text != ws.name() {
			t.Errorf("title %q after showing %q", h.u.title.Text, ws.name())
		}
	}
}

// fixtureCompetence makes a person with an auditing role competent for
// every client the app's fixtures create (the three standards, the IAF
// sectors they use, every AI area), so the team gate lets the fixtures'
// audits go ahead; tests of the gate itself declare their own competence.
func fixtureCompetence(roles ...certification.Role) *certification.PersonCompetence {
	for _, r := range roles {
		if r == certification.RoleLeadAuditor || r == certification.RoleAuditor || r == certification.RoleTechnicalExpert {
			return &certification.PersonCompetence{Standards: certification.Standards, Sectors: []int{19, 29, 31, 32, 33, 35, 38},
				AIAreas: certification.AIAreas}
		}
	}
	return nil
}
