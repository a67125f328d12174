package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/storage"
)

// shellHarness is the app as Run builds it: the shell that opens a data
// folder on disk, asks for the passphrase of an encrypted one and opens
// folders again, with the real storage and Fyne's test driver.
type shellHarness struct {
	t   *testing.T
	sh  *shell
	clk *testClock
	ctx context.Context
}

func newShellHarness(t *testing.T, dir string, configure ...func(*Config)) *shellHarness {
	t.Helper()
	a := test.NewTempApp(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	clk := &testClock{t: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
	ctx, cancel := context.WithCancel(context.Background())
	bg := newWorker(ctx)
	bg.hold = true // see newHarness
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 820))
	cfg := Config{
		Dir: dir,
		Open: func(d string, p []byte) (Store, error) {
			return storage.OpenWith(d, storage.Options{Passphrase: p, ReadOnlyIfFull: true}) // as main.go
		},
		OpenBulk: func(d string, p []byte) (Store, error) {
			return storage.OpenWith(d, storage.Options{Passphrase: p, Bulk: true})
		},
		InUse:      func(err error) bool { return errors.Is(err, storage.ErrInUse) },
		Clock:      clk,
		Backups:    storage.Backups{},
		Encryption: storage.Encryption{},
		Identities: storage.Identities{},
	}
	for _, c := range configure {
		c(&cfg)
	}
	sh := newShell(a, w, cfg, bg)
	t.Cleanup(func() {
		if sh.cur != nil {
			sh.cur.closeOffice()
		}
		cancel()
		bg.wait()
		if sh.st != nil {
			sh.st.Close()
		}
	})
	s := &shellHarness{t: t, sh: sh, clk: clk, ctx: ctx}
	sh.open(dir, nil, nil)
	s.settle()
	return s
}

func (s *shellHarness) settle() { s.sh.bg.drain() }

// h is the harness of the interface open now.
func (s *shellHarness) h() *harness {
	s.t.Helper()
	if s.sh.cur == nil {
		s.t.Fatal("no data folder is open")
	}
	return &harness{t: s.t, u: s.sh.cur, w: s.sh.w, st: s.sh.st.(*storage.DB), clk: s.clk, ctx: s.ctx}
}

// capture is harness.capture for whatever the window shows.
func (s *shellHarness) capture(name string) {
	(&harness{t: s.t, w: s.sh.w}).capture(name)
}

// menuItem finds a File menu item by its label (nil if absent).
func (s *shellHarness) menuItem(label string) *fyne.MenuItem {
	m := s.sh.w.MainMenu()
	if m == nil {
		return nil
	}
	for _, it := range m.Items[0].Items {
		if it.Label == label {
			return it
		}
	}
	return nil
}

const (
	encPass  = "correct horse battery staple"
	encPass2 = "purple walrus eats quiet toast"
)

// encFolder makes a data folder with a small demo certification body,
// encrypted under pass unless pass is "".
func encFolder(t *testing.T, pass string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(context.Background(), db, demo.Options{Clients: 12, Seed: 1, AsOf: certification.Date(20261124)}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if pass != "" {
		if _, err := storage.Encrypt(context.Background(), dir, []byte(pass), nil); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// submit presses Enter in a field.
func submit(e *entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// typeIn replaces a field's text as typing does.
func typeIn(e *entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// clientNames lists the clients the Clients workspace shows.
func clientNames(h *harness) []string {
	c := h.showSpace("Clients").(*clients)
	var names []string
	for _, it := range c.shown {
		names = append(names, it.LegalName)
	}
	return names
}

func TestUnlockAsksAgainAfterAWrongPassphrase(t *testing.T) {
	dir := encFolder(t, encPass)
	s := newShellHarness(t, dir)
	ud := s.sh.unlock
	if ud == nil || s.sh.cur != nil || s.sh.st != nil {
		t.Fatalf("an encrypted folder did not ask for its passphrase (dialog %v, ui %v)", ud, s.sh.cur)
	}
	if ud.confirm.Disabled() != true {
		t.Error("Unlock is enabled with no passphrase typed")
	}
	test.Type(ud.pass, "correct horse battery stapler")
	s.capture("unlock")
	test.Tap(ud.confirm)
	if !ud.working || !ud.pass.Disabled() {
		t.Error("no Unlocking… state while the passphrase is checked")
	}
	s.capture("unlocking")
	s.settle()
	if s.sh.cur != nil || s.sh.st != nil {
		t.Fatal("a wrong passphrase opened the folder")
	}
	if s.sh.unlock != ud || ud.closed {
		t.Fatal("the dialog did not stay to ask again")
	}
	if ud.problem.Hidden || !strings.Contains(ud.problem.Text, "Wrong passphrase") || !strings.Contains(ud.problem.Text, "nothing was opened or changed") {
		t.Errorf("the wrong passphrase is not explained: %q (hidden %v)", ud.problem.Text, ud.problem.Hidden)
	}
	if ud.pass.Text != "" || s.sh.w.Canvas().Focused() != ud.pass {
		t.Errorf("the field was not emptied and focused: %q, focus %v", ud.pass.Text, s.sh.w.Canvas().Focused())
	}
	s.capture("unlock-wrong")
	if err := storage.CheckPassphrase(dir, []byte(encPass)); err != nil {
		t.Fatalf("the folder changed: %v", err)
	}

	// The right one, with Enter.
	test.Type(ud.pass, encPass)
	submit(ud.pass)
	s.settle()
	if s.sh.cur == nil || s.sh.unlock != nil || !ud.closed {
		t.Fatal("the right passphrase did not open the folder")
	}
	h := s.h()
	if got := s.sh.w.Title(); got != "CertDesk — "+dir+" (encrypted)" {
		t.Errorf("title %q", got)
	}
	if !h.u.enc.encrypted || string(h.u.enc.pass) != encPass {
		t.Errorf("the session did not keep the passphrase: %v %q", h.u.enc.encrypted, h.u.enc.pass)
	}
	if names := clientNames(h); len(names) != 12 {
		t.Errorf("clients listed after unlocking: %v", names)
	}
	if s.menuItem("Change passphrase…") == nil || s.menuItem("Encrypt data folder…") != nil {
		t.Error("an encrypted folder's File menu should offer Change passphrase… and not Encrypt data folder…")
	}
	s.capture("unlocked")
}

func TestEncryptFromTheMenuConvertsTheFolder(t *testing.T) {
	ctx := context.Background()
	dir := encFolder(t, "")
	s := newShellHarness(t, dir)
	h := s.h()
	before := clientNames(h)
	if len(before) != 12 || h.u.enc.encrypted || s.sh.w.Title() != "CertDesk — "+dir {
		t.Fatalf("plain folder: clients %v, encrypted %v, title %q", before, h.u.enc.encrypted, s.sh.w.Title())
	}
	if s.menuItem("Change passphrase…") != nil {
		t.Error("Change passphrase… offered for a folder that is not encrypted")
	}
	// Opening the folder wrote an unencrypted automatic backup, which
	// encrypting deletes.
	set, err := storage.RollingBackups(storage.RollingBackupDir(dir))
	if err != nil || len(set) != 1 {
		t.Fatalf("the automatic backups after opening: %v, %v", set, err)
	}
	plain := set[0]

	item := s.menuItem("Encrypt data folder…")
	if item == nil {
		t.Fatal("no File › Encrypt data folder…")
	}
	item.Action()
	p := passDialogShown(h)
	if p == nil || len(p.fields) != 2 {
		t.Fatal("no encrypt dialog")
	}
	pass, again := p.fields[0], p.fields[1]
	s.capture("encrypt-dialog")
	// Live validation: too short, then not the same twice.
	test.Type(pass, "too short")
	if err := pass.Validate(); err == nil || !strings.Contains(err.Error(), "too short") || !p.confirm.Disabled() {
		t.Errorf("a short passphrase: %v, Encrypt disabled %v", err, p.confirm.Disabled())
	}
	typeIn(pass, encPass)
	test.Type(again, "correct horse battery")
	if err := again.Validate(); err == nil || !p.confirm.Disabled() {
		t.Errorf("different passphrases: %v, Encrypt disabled %v", err, p.confirm.Disabled())
	}
	s.capture("encrypt-dialog-typed")
	test.Type(again, " staple")
	if p.confirm.Disabled() {
		t.Fatalf("Encrypt disabled for a good passphrase typed twice: %v %v", pass.Validate(), again.Validate())
	}
	test.Tap(p.confirm)
	s.settle()

	if enc, err := storage.IsEncrypted(dir); err != nil || !enc {
		t.Fatalf("the folder is not encrypted: %v, %v", enc, err)
	}
	// The reopened folder writes its own automatic backup, which may
	// take the deleted one's name (names are stamped to the second): it
	// must be an encrypted one.
	if b, err := os.ReadFile(plain); err == nil {
		if bytes.Contains(b[:min(len(b), 4096)], []byte(`"encryption":{"method":"none"`)) {
			t.Errorf("the unencrypted automatic backup is still there")
		}
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if s.sh.cur == h.u {
		t.Fatal("the folder was not opened again")
	}
	h = s.h()
	if !h.u.enc.encrypted || string(h.u.enc.pass) != encPass || !strings.HasSuffix(s.sh.w.Title(), "(encrypted)") {
		t.Errorf("after encrypting: encrypted %v, title %q", h.u.enc.encrypted, s.sh.w.Title())
	}
	if !strings.Contains(messageShown(h), "is now encrypted") || !strings.Contains(messageShown(h), "automatic backup was deleted") {
		t.Errorf("summary: %q", messageShown(h))
	}
	s.capture("encrypt-done")
	if after := clientNames(h); strings.Join(after, "|") != strings.Join(before, "|") {
		t.Errorf("clients after encrypting:\n%v\nbefore:\n%v", after, before)
	}
	if storage.CheckPassphrase(dir, []byte(encPass)) != nil {
		t.Error("the passphrase does not open the folder")
	}
	// Opening the encrypted folder backed it up again, encrypted.
	set, _ = storage.RollingBackups(storage.RollingBackupDir(dir))
	if len(set) != 1 {
		t.Fatalf("the automatic backups after encrypting: %v", set)
	}
	if info, err := storage.BackupHeader(set[0]); err != nil || !info.Encrypted() {
		t.Errorf("the automatic backup of the encrypted folder: encrypted %v, %v", info.Encrypted(), err)
	}
	if _, err := storage.CheckBackupFile(ctx, set[0], []byte(encPass)); err != nil {
		t.Error(err)
	}
	if s.menuItem("Change passphrase…") == nil || s.menuItem("Encrypt data folder…") != nil {
		t.Error("the File menu did not switch to Change passphrase…")
	}
}

func TestProtectAnEmptyFolderFromTheWelcomeDialog(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	s := newShellHarness(t, dir)
	h := s.h()
	tapDialogButton(t, h, "Protect this folder with a passphrase…")
	p := passDialogShown(h)
	if p == nil {
		t.Fatal("no encrypt dialog")
	}
	// Cancel goes back to the welcome dialog.
	test.Tap(p.others[0])
	if findButton(s.sh.w.Canvas().Overlays().Top(), "Load demo data") == nil {
		t.Fatal("Cancel did not go back to the welcome dialog")
	}
	tapDialogButton(t, h, "Protect this folder with a passphrase…")
	p = passDialogShown(h)
	test.Type(p.fields[0], encPass)
	test.Type(p.fields[1], encPass)
	test.Tap(p.confirm)
	s.settle()
	if enc, _ := storage.IsEncrypted(dir); !enc {
		t.Fatal("the empty folder was not encrypted")
	}
	h = s.h()
	if !h.u.enc.encrypted || !strings.Contains(messageShown(h), "encrypted") {
		t.Errorf("after protecting: %v, %q", h.u.enc.encrypted, messageShown(h))
	}
	// The summary on top; under it the welcome dialog again, without the
	// Protect button now.
	top := s.sh.w.Canvas().Overlays().Top()
	tapDialogButton(t, h, "OK")
	top2 := s.sh.w.Canvas().Overlays().Top()
	if top2 == top || findButton(top2, "Load demo data") == nil || findButton(top2, "Protect this folder with a passphrase…") != nil {
		t.Error("the welcome dialog did not come back (without its Protect button)")
	}
}

func TestChangePassphrase(t *testing.T) {
	dir := encFolder(t, encPass)
	s := newShellHarness(t, dir)
	ud := s.sh.unlock
	test.Type(ud.pass, encPass)
	submit(ud.pass)
	s.settle()
	h := s.h()

	s.menuItem("Change passphrase…").Action()
	p := passDialogShown(h)
	if p == nil || len(p.fields) != 3 {
		t.Fatal("no change dialog")
	}
	cur, pass, again := p.fields[0], p.fields[1], p.fields[2]
	// The new one must differ from the current one.
	test.Type(cur, encPass)
	test.Type(pass, encPass)
	if err := pass.Validate(); err == nil || !strings.Contains(err.Error(), "current passphrase") {
		t.Errorf("new = current: %v", err)
	}
	// A wrong current passphrase is said in the dialog.
	typeIn(cur, "not the passphrase at all")
	typeIn(pass, encPass2)
	test.Type(again, encPass2)
	s.capture("change-dialog")
	if p.confirm.Disabled() {
		t.Fatalf("Change disabled: %v %v %v", cur.Validate(), pass.Validate(), again.Validate())
	}
	test.Tap(p.confirm)
	s.settle()
	if p.closed() || p.problem.Hidden || !strings.Contains(p.problem.Text, "current passphrase does not open") || cur.Text != "" {
		t.Fatalf("wrong current passphrase: closed %v, %q, field %q", p.closed(), p.problem.Text, cur.Text)
	}
	s.capture("change-wrong")
	if storage.CheckPassphrase(dir, []byte(encPass)) != nil {
		t.Fatal("a refused change changed the key")
	}
	test.Type(cur, encPass)
	submit(cur)
	s.settle()
	if !p.closed() {
		t.Fatalf("the dialog stayed: %q", p.problem.Text)
	}
	if err := storage.CheckPassphrase(dir, []byte(encPass)); !errors.Is(err, storage.ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens the folder: %v", err)
	}
	if err := storage.CheckPassphrase(dir, []byte(encPass2)); err != nil {
		t.Errorf("the new passphrase does not: %v", err)
	}
	if string(h.u.enc.pass) != encPass2 || !strings.Contains(messageShown(h), "Backups kept elsewhere keep the passphrase of their day") {
		t.Errorf("session passphrase %q, message %q", h.u.enc.pass, messageShown(h))
	}
	s.capture("change-done")
}

func TestRestoreAnEncryptedBackupAsksForThePassphrase(t *testing.T) {
	dir := encFolder(t, encPass)
	s := newShellHarness(t, dir)
	test.Type(s.sh.unlock.pass, encPass)
	submit(s.sh.unlock.pass)
	s.settle()
	h := s.h()
	path := filepath.Join(t.TempDir(), "enc"+storage.BackupExt)
	h.u.backupTo(path)
	h.settle()
	if !strings.Contains(h.u.bk.lastMsg, "It is encrypted with the passphrase this folder has now") {
		t.Errorf("Back up now does not say the backup is encrypted: %q", h.u.bk.lastMsg)
	}
	h.w.Canvas().Overlays().Top().Hide()
	// Since the backup the folder's passphrase changed: the backup keeps
	// the old one.
	if _, err := storage.ChangePassphrase(dir, []byte(encPass), []byte(encPass2)); err != nil {
		t.Fatal(err)
	}

	h.u.restoreFrom(path, nil)
	h.settle()
	p := passDialogShown(h)
	if p == nil || p.closed() || restoreTarget(t, h) != nil {
		t.Fatal("an encrypted backup did not ask for its passphrase")
	}
	s.capture("restore-passphrase")
	test.Type(p.fields[0], encPass2)
	submit(p.fields[0])
	h.settle()
	again := passDialogShown(h)
	if again.top == p.top || again == nil || again.problem.Hidden || !strings.Contains(again.problem.Text, "does not open this backup") {
		t.Fatalf("a wrong passphrase was not said: %+v", again)
	}
	if restoreTarget(t, h) != nil {
		t.Fatal("a wrong passphrase got as far as the restore form")
	}
	s.capture("restore-passphrase-wrong")
	test.Type(again.fields[0], encPass)
	test.Tap(again.confirm)
	h.settle()
	if restoreTarget(t, h) == nil {
		t.Fatal("the right passphrase did not lead to the restore form")
	}
	target := filepath.Join(t.TempDir(), "restored")
	restoreTarget(t, h).SetText(target)
	tapDialogButton(t, h, "Restore")
	if h.u.bk.lastMsg != "Restored into "+target {
		t.Fatalf("after Restore: %q", h.u.bk.lastMsg)
	}
	if err := storage.CheckPassphrase(target, []byte(encPass)); err != nil {
		t.Errorf("the restored folder does not open with the backup's passphrase: %v", err)
	}
	tapDialogButton(t, h, "Open it")
	if s.sh.unlock != nil {
		t.Fatal("opening the restored folder asked for the passphrase again")
	}
	h = s.h()
	if h.u.dataDir != target || !h.u.enc.encrypted || string(h.u.enc.pass) != encPass {
		t.Errorf("opened %q, encrypted %v, passphrase %q", h.u.dataDir, h.u.enc.encrypted, h.u.enc.pass)
	}
	if names := clientNames(h); len(names) != 12 {
		t.Errorf("clients in the restored folder: %d", len(names))
	}
}

// TestEncryptFailureReopensTheFolderAsItWas: the folder holds a file of
// the user's, so storage refuses to encrypt it (it would replace the
// folder whole); the app opens the unchanged folder again and says why.
func TestEncryptFailureReopensTheFolderAsItWas(t *testing.T) {
	dir := encFolder(t, "")
	mine := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := newShellHarness(t, dir)
	h := s.h()
	before := clientNames(h)
	s.menuItem("Encrypt data folder…").Action()
	p := passDialogShown(h)
	if p == nil || len(p.fields) != 2 {
		t.Fatal("no encrypt dialog")
	}
	typeIn(p.fields[0], encPass)
	typeIn(p.fields[1], encPass)
	test.Tap(p.confirm)
	s.settle()

	if enc, _ := storage.IsEncrypted(dir); enc {
		t.Fatal("the folder was encrypted despite the user's file")
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "mine" {
		t.Fatalf("the user's file: %q, %v", b, err)
	}
	if s.sh.cur == h.u || s.sh.cur == nil {
		t.Fatal("the folder was not opened again")
	}
	h = s.h()
	if h.u.enc.encrypted || h.u.enc.storeClosed || strings.HasSuffix(s.sh.w.Title(), "(encrypted)") {
		t.Errorf("after the failure: encrypted %v, closed %v, title %q", h.u.enc.encrypted, h.u.enc.storeClosed, s.sh.w.Title())
	}
	top := s.sh.w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(fxTexts(top), "\n"), "notes.txt") {
		t.Fatalf("no error naming the file: %v", top)
	}
	s.capture("encrypt-failed")
	if after := clientNames(h); strings.Join(after, "|") != strings.Join(before, "|") {
		t.Errorf("clients after the failure: %v", after)
	}
}

// passShown is the passphrase dialog on top of the window, read from the
// canvas: its fields in order, its buttons (confirm the last, the others
// before it) and the line that says what is wrong.
type passShown struct {
	h       *harness
	top     fyne.CanvasObject
	fields  []*entry
	confirm *widget.Button
	others  []*widget.Button
	problem *widget.Label
}

// passDialogShown reads the dialog on top as a passphrase dialog; nil
// when no dialog is open.
func passDialogShown(h *harness) *passShown {
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	p := &passShown{h: h, top: top, fields: findAll[*entry](top, nil)}
	// The fields' own buttons (the eye) have no text.
	buttons := findAll(top, func(b *widget.Button) bool { return b.Text != "" })
	if n := len(buttons); n > 0 {
		p.confirm, p.others = buttons[n-1], buttons[:n-1]
	}
	if ls := findAll(top, func(l *widget.Label) bool { return l.Importance == widget.DangerImportance }); len(ls) > 0 {
		p.problem = ls[0]
	}
	return p
}

// closed reports whether the dialog has left the window.
func (p *passShown) closed() bool {
	for _, o := range p.h.w.Canvas().Overlays().List() {
		if o == p.top {
			return false
		}
	}
	return true
}

// messageShown is the text of the dialog on top (the message shown last).
func messageShown(h *harness) string {
	return strings.Join(fxTexts(h.w.Canvas().Overlays().Top()), "\n")
}
