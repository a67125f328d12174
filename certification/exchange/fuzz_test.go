package exchange_test

import (
	"bytes"
	"strings"
	"testing"

	"certdesk/certification/exchange"
	"certdesk/storage"
)

// FuzzImport feeds arbitrary bytes to Import. Property: Import either
// refuses the document and the store stays empty, or imports it, and then
// export → import → export gives the same bytes. Seeds: testdata/fuzz/
// FuzzImport (committed) and the documents below. Plain `go test` runs the
// seeds; docs/testing.md says how to fuzz longer.
func FuzzImport(f *testing.F) {
	base := hostileBase(f)
	f.Add([]byte(base))
	f.Add([]byte(with(base, legalMark, "\"Acme \xff\"")))
	f.Add([]byte(with(base, dateMark, `"2025-02-30"`)))
	f.Add([]byte(with(base, idMark, `18446744073709551615`)))
	f.Add([]byte(strings.Replace(base, `"people": [`, `"people": [{"id": 1, "name": "Twin", "roles": ["auditor"]},`, 1)))
	f.Add([]byte(`{"format":"certdesk","version":1}`))

	var st *storage.DB // reused while imports are refused: a refused import leaves it empty
	f.Cleanup(func() {
		if st != nil {
			st.Close()
		}
	})
	fresh := func(t *testing.T) *storage.DB {
		db, err := storage.OpenMemory()
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		if st == nil {
			st = fresh(t)
		}
		_, err := exchange.Import(ctx, st, bytes.NewReader(doc), actor)
		if err != nil {
			ok, eerr := exchange.IsEmpty(ctx, st)
			if eerr != nil {
				t.Fatal(eerr)
			}
			if !ok {
				t.Fatalf("a refused import left records behind: %v", err)
			}
			if err.Error() == "" {
				t.Fatal("an empty error message")
			}
			return
		}
		// Imported: the round trip must be stable.
		db := st
		st = nil
		defer db.Close()
		var first bytes.Buffer
		if err := exchange.Export(ctx, db, &first); err != nil {
			t.Fatalf("export of an imported document: %v", err)
		}
		again := fresh(t)
		defer again.Close()
		if _, err := exchange.Import(ctx, again, bytes.NewReader(first.Bytes()), actor); err != nil {
			t.Fatalf("the export of an imported document is refused: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := exchange.Export(ctx, again, &second); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("export → import → export differs:\n%s\n---\n%s", first.Bytes(), second.Bytes())
		}
	})
}
