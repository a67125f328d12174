package app

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"certdesk/certification"
)

// A file attached to a checklist item comes back out with its row's
// "Save a copy…": the bytes written are the ones attached. A photo gets
// a preview; a file whose stored content no longer matches its hash is
// refused with the domain's reason and nothing is written.
func TestEvidenceSaveACopy(t *testing.T) {
	h, aw, _ := lvOpenVireo(t)
	selectRef(t, h, aw, "4.1")
	content := make([]byte, 3000)
	for i := range content {
		content[i] = byte(i * 7)
	}
	attachBytes(t, h, aw.cl.ev, "minutes.pdf", content)
	attachBytes(t, h, aw.cl.ev, "site.png", pngBytes(t))
	if n := len(aw.cl.ev.files.Objects); n != 2 {
		t.Fatalf("%d rows for two files: %q", n, labelText(aw.cl.ev.files))
	}
	if imgs := findAll[*canvas.Image](evidenceRow(t, aw.cl.ev, "site.png"), nil); len(imgs) != 1 || imgs[0].Size().Height > 161 {
		t.Errorf("the photo's previews: %d, want one at most 160 high", len(imgs))
	}
	if imgs := findAll[*canvas.Image](evidenceRow(t, aw.cl.ev, "minutes.pdf"), nil); len(imgs) != 0 {
		t.Errorf("a PDF got %d previews", len(imgs))
	}

	path := saveEvidenceCopy(t, h, aw.cl.ev, "minutes.pdf")
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, content) {
		t.Fatalf("the copy: %d bytes (%v), want the %d attached", len(got), err, len(content))
	}
	if txt := labelText(topOverlay(t, h)); !strings.Contains(txt, "minutes.pdf (2.9 KB) was written to the folder") {
		t.Errorf("after saving: %q", txt)
	}
	tapDialogButton(t, h, "OK")

	// The stored content damaged: the domain refuses it, the app says so.
	h.u.store = alteredBlobs{h.u.store}
	path = saveEvidenceCopy(t, h, aw.cl.ev, "minutes.pdf")
	if txt := labelText(topOverlay(t, h)); !strings.Contains(txt, "no longer matches its SHA-256") {
		t.Errorf("saving a damaged file: %q", txt)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a damaged file was written: %v", err)
	}
}

// attachBytes attaches content as name with b's Attach….
func attachBytes(t *testing.T, h *harness, b *evidenceBox, name string, content []byte) {
	t.Helper()
	h.u.xl.openFile = func(_ string, then func(io.ReadCloser, string)) {
		then(io.NopCloser(bytes.NewReader(content)), name)
	}
	test.Tap(b.attach)
	h.settle()
}

// evidenceRow is the row of b's list that names the file name.
func evidenceRow(t *testing.T, b *evidenceBox, name string) fyne.CanvasObject {
	t.Helper()
	for _, row := range b.files.Objects {
		if strings.HasPrefix(labelText(row), name+" · ") {
			return row
		}
	}
	t.Fatalf("no row for %s in %q", name, labelText(b.files))
	return nil
}

// saveEvidenceCopy taps Save a copy… in name's row, chooses a new path
// in a temporary folder, waits for the write and returns the path.
func saveEvidenceCopy(t *testing.T, h *harness, b *evidenceBox, name string) string {
	t.Helper()
	save := findButton(evidenceRow(t, b, name), "Save a copy…")
	if save == nil {
		t.Fatalf("no Save a copy… in the row of %s", name)
	}
	path := filepath.Join(t.TempDir(), "copy-"+name)
	var offered string
	h.u.xl.saveAs = func(_, fileName string, then func(string)) {
		offered = fileName
		then(path)
	}
	test.Tap(save)
	h.settle()
	if offered != name {
		t.Errorf("the save dialog offered the name %q, want %q", offered, name)
	}
	return path
}

// pngBytes is a small PNG image.
func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(1, 1, color.Black)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// alteredBlobs is the store with every stored file's content read back
// with its first byte changed, as a damaged data folder would give it.
type alteredBlobs struct{ Store }

func (s alteredBlobs) View(ctx context.Context, fn func(certification.Tx) error) error {
	return s.Store.View(ctx, func(tx certification.Tx) error { return fn(alteredTx{tx}) })
}

type alteredTx struct{ certification.Tx }

func (tx alteredTx) Blob(hash string) ([]byte, error) {
	b, err := tx.Tx.Blob(hash)
	if len(b) > 0 {
		b = append([]byte{b[0] ^ 0xff}, b[1:]...)
	}
	return b, err
}
