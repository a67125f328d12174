package app

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/storage/xlsx"
)

// Export → Audit report writes the audit's evidence files into the
// folder "<report> evidence" beside the workbook, as certctl does; the
// surveillance's report shows its SV items.
func TestXLSXAuditReportWritesItsEvidence(t *testing.T) {
	h, aw, id := lvOpenVireo(t)
	w := xlSeams(h)
	contents := map[string][]byte{"minutes.pdf": []byte("%PDF management review minutes"), "photo.jpg": []byte("a photo of the notice board")}
	var ids []certification.ID
	for _, name := range []string{"minutes.pdf", "photo.jpg"} {
		eid, err := h.svc().AttachEvidence(h.ctx, certification.Evidence{AuditID: id, Ref: "9.3", FileName: name}, contents[name])
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, eid)
	}
	if aw.audit == nil || aw.audit.ID != id {
		t.Fatalf("audit %d is not open", id)
	}
	xlMenuItem(t, h, "Export", "Audit report of the open audit…").Action()
	h.settle()
	name := w.lastAsked()
	f := w.open(name)
	rows, _ := f.GetRows(xlsx.ReportChecklist)
	if !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 4 && r[0] == "SV.1" && r[4] != "" }) {
		t.Error("the surveillance's report has no SV.1 row with its Due")
	}
	dir := filepath.Join(w.dir, strings.TrimSuffix(name, ".xlsx")+" evidence")
	es, err := os.ReadDir(dir)
	if err != nil || len(es) != 2 {
		t.Fatalf("evidence folder %s: %v, %d files", dir, err, len(es))
	}
	for i, n := range []string{"minutes.pdf", "photo.jpg"} {
		got, err := os.ReadFile(filepath.Join(dir, ids[i].String()+" "+n))
		if err != nil || !bytes.Equal(got, contents[n]) || certification.ContentHash(got) != certification.ContentHash(contents[n]) {
			t.Errorf("%s: %q (%v)", n, got, err)
		}
	}
}
