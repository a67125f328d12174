package exchange_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/storage"
)

// The catalogue of malformed and hostile import documents: each is
// refused with a problem naming the record and field, and the store it
// was imported into stays empty, journal included.

const (
	legalMark = `"@@LEGAL@@"`
	addrMark  = `"@@ADDR@@"`
	dateMark  = `"2020-01-02"`
	fteMark   = `123.25`
	idMark    = `777`
)

// hostileBase is a small valid document: one person and one client (id
// 777) whose legal name, site address, created date and personnel are
// placeholders for raw JSON.
func hostileBase(t testing.TB) string {
	t.Helper()
	b := &exchange.Bundle{Format: exchange.Format, Version: exchange.Version,
		People: []certification.Person{{ID: 1, Name: "Ana Auditor", Roles: []certification.Role{certification.RoleAuditor}}},
		Clients: []certification.Client{{ID: 777, LegalName: "@@LEGAL@@", RegisteredAddress: "1 Main Street",
			Sites:              []certification.Site{{Code: "HQ", Address: "@@ADDR@@", Central: true}},
			EffectivePersonnel: 123.25, Created: certification.NewDate(2020, 1, 2)}},
	}
	data, err := exchange.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, m := range []string{legalMark, addrMark, dateMark, fteMark, `"id": ` + idMark} {
		if strings.Count(s, m) != 1 {
			t.Fatalf("the base document holds %q %d times", m, strings.Count(s, m))
		}
	}
	return strings.Replace(s, legalMark, `"Acme GmbH"`, 1)
}

func with(base, mark, raw string) string {
	if mark == legalMark {
		// the base already carries a real legal name
		return strings.Replace(base, `"Acme GmbH"`, raw, 1)
	}
	return strings.Replace(base, mark, raw, 1)
}

func demoDoc(t testing.TB) *exchange.Bundle {
	t.Helper()
	src, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if _, err := demo.Generate(ctx, src, demo.Options{Clients: 1, Seed: 3, AsOf: certification.NewDate(2026, 5, 1)}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.Export(ctx, src, &buf); err != nil {
		t.Fatal(err)
	}
	b, err := exchange.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func marshal(t testing.TB, b *exchange.Bundle) string {
	t.Helper()
	data, err := exchange.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func nested(depth int) string {
	return strings.Repeat("[", depth) + strings.Repeat("]", depth)
}

// unchanged checks that st holds no record and no journal entry.
func unchanged(t *testing.T, st *storage.DB) {
	t.Helper()
	empty(t, st)
	n := 0
	if err := st.Journal(ctx, 0, func(certification.JournalEntry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("the refused import left %d journal entries", n)
	}
}

func TestImportHostile(t *testing.T) {
	base := hostileBase(t)
	// The base is valid: every refusal below comes from its one change.
	if _, err := exchange.Import(ctx, memory(t), strings.NewReader(base), actor); err != nil {
		t.Fatalf("the base document is refused: %v", err)
	}
	hugeLen := 50 << 20
	if raceEnabled {
		hugeLen = 8 << 20 // race_test.go
	}
	huge := `"` + strings.Repeat("A", hugeLen) + `"`
	d := demoDoc(t)

	missingClient := *d
	missingClient.Clients = nil
	dupClient := *d
	dupClient.Clients = append(append([]certification.Client(nil), d.Clients...), d.Clients[0])
	missingCert := *d
	missingCert.Findings = append([]certification.Finding(nil), d.Findings...)
	missingCert.Findings[0].CertificationID = 999
	missingAudit := *d
	missingAudit.Findings = append([]certification.Finding(nil), d.Findings...)
	missingAudit.Findings[0].AuditID = 999
	dupPerson := *d
	dupPerson.People = append(append([]certification.Person(nil), d.People...), d.People[0])

	cases := []struct {
		name   string
		doc    string
		record string // the problem's record contains this
		field  string // its field contains this ("" = any)
		msg    string // its message contains this
	}{
		// Huge strings.
		{"50 MB legal name (8 MB under -race)", with(base, legalMark, huge), "clients[0] (id 777)", "legal_name", "no text in an import may exceed"},
		{"2 MB site address", with(base, addrMark, `"`+strings.Repeat("x", 2<<20)+`"`), "clients[0]", "sites[0].address", "no text in an import may exceed"},
		{"legal name over the domain limit", with(base, legalMark, `"`+strings.Repeat("n", 301)+`"`), "clients[0] (id 777)", "legal_name", "longer than 300"},
		{"empty legal name", with(base, legalMark, `"  "`), "clients[0]", "legal_name", "required"},

		// Invalid UTF-8.
		{"invalid UTF-8 in legal name", with(base, legalMark, "\"Acme \xff GmbH\""), "clients[0] (id 777)", "legal_name", "not UTF-8"},
		{"overlong UTF-8 in a site address", with(base, addrMark, "\"Rue \xc0\xaf 1\""), "clients[0]", "sites[0].address", "not UTF-8"},
		{"UTF-16 surrogate bytes", with(base, legalMark, "\"Acme \xed\xa0\x80\""), "clients[0]", "legal_name", "not UTF-8"},
		{"invalid UTF-8 outside the records", strings.Replace(base, `"version": 1,`, "\"version\": 1, \"exported\": \"\xfe\",", 1), "file", "", "not UTF-8"},
		{"invalid UTF-8 in a key", with(base, addrMark, "\"x\", \"bad\xff\": 1"), "clients[0] (id 777)", "", "not UTF-8"},

		// Dates out of range.
		{"year 0", with(base, dateMark, `"0000-01-01"`), "clients[0]", "created", "not a date"},
		{"year 99999", with(base, dateMark, `"99999-01-01"`), "clients[0]", "created", "not a date"},
		{"30 February", with(base, dateMark, `"2025-02-30"`), "clients[0]", "created", "not a date"},
		{"month 13", with(base, dateMark, `"2025-13-01"`), "clients[0]", "created", "not a date"},
		{"date as a number", with(base, dateMark, `20250101`), "clients[0]", "created", ""},
		{"date with a time", with(base, dateMark, `"2025-01-01T00:00:00Z"`), "clients[0]", "created", "not a date"},

		// Ids.
		{"duplicate client ids", marshal(t, &dupClient), "clients[1]", "id", "used by two"},
		{"duplicate person ids", marshal(t, &dupPerson), "people[", "id", "used by two"},
		{"negative id", with(base, idMark, `-1`), "clients[0]", "id", "whole number from 0"},
		{"id overflowing uint64", with(base, idMark, `99999999999999999999999`), "clients[0]", "id", "whole number from 0"},
		{"id overflowing int64, within uint64", with(base, idMark, `18446744073709551615`), "clients[0] (id 18446744073709551615)", "id", "far above"},
		{"fractional id", with(base, idMark, `1.5`), "clients[0]", "id", "whole number"},
		{"id zero", with(base, idMark, `0`), "clients[0]", "id", "from 1 up"},
		{"id as text", with(base, idMark, `"777"`), "clients[0]", "id", "not the text"},

		// References to missing records.
		{"certification of a missing client", marshal(t, &missingClient), "certifications[0]", "client_id", ""},
		{"finding of a missing certification", marshal(t, &missingCert), "findings[0]", "certification_id", ""},
		{"finding of a missing audit", marshal(t, &missingAudit), "findings[0]", "audit_id", ""},

		// Numbers.
		{"personnel 1e999", with(base, fteMark, `1e999`), "clients[0]", "effective_personnel", ""},
		{"personnel NaN as text", with(base, fteMark, `"NaN"`), "clients[0]", "effective_personnel", "must be a number"},
		{"personnel bare NaN", with(base, fteMark, `NaN`), "file", "", "malformed JSON"},
		{"personnel Infinity", with(base, fteMark, `Infinity`), "file", "", "malformed JSON"},
		{"personnel negative", with(base, fteMark, `-5`), "clients[0]", "effective_personnel", "above 0"},
		{"personnel absurd", with(base, fteMark, `1e300`), "clients[0]", "effective_personnel", "above 0"},
		{"sector overflowing int64", strings.Replace(base, `"effective_personnel"`, `"sectors": [1e30], "effective_personnel"`, 1), "clients[0]", "sectors", ""},

		// Structure.
		{"deeply nested value", with(base, legalMark, nested(100000)), "file", "", "exceeded max depth"},
		{"nested lists for a text", with(base, legalMark, nested(50)), "clients[0] (id 777)", "legal_name", "must be text"},
		{"an object for a text", with(base, legalMark, `{"$ne": null}`), "clients[0] (id 777)", "legal_name", "must be text"},
		{"deeply nested document", nested(200000), "file", "", ""},
		{"deeply nested object", strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000), "file", "", ""},
		{"empty file", "", "file", "", "ends too early"},
		{"null", "null", "file", "", "null"},
		{"a list", "[]", "file", "", "not a CertDesk interchange document"},
		{"truncated", base[:len(base)/2], "file", "", ""},
		{"trailing data", base + "{}", "file", "", "more data after"},
		{"unknown top-level field", strings.Replace(base, `"version": 1,`, `"version": 1, "drop_tables": true,`, 1), "file", "drop_tables", "unknown field"},
		{"unknown record field", with(base, addrMark, `"x", "admin": true`), "clients[0]", "admin", "unknown field"},
		{"wrong format", strings.Replace(base, `"certdesk"`, `"other"`, 1), "file", "format", "not a CertDesk"},
		{"future version", strings.Replace(base, `"version": 1`, `"version": 99`, 1), "file", "version", "newer CertDesk"},
		{"version overflowing int", strings.Replace(base, `"version": 1`, `"version": 1e40`, 1), "file", "version", ""},
		{"records not a list", strings.Replace(base, `"clients": [`, `"clients": {"x": [`, 1) + "]}", "file", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := memory(t)
			_, err := exchange.Import(ctx, st, strings.NewReader(c.doc), actor)
			if err == nil {
				t.Fatal("the document was imported")
			}
			var xe *exchange.Error
			if !errors.As(err, &xe) {
				t.Fatalf("error %T, not a list of problems: %v", err, err)
			}
			found := false
			for _, p := range xe.Problems {
				if strings.Contains(p.Record, c.record) && strings.Contains(p.Field, c.field) && strings.Contains(p.Msg, c.msg) {
					found = true
				}
				if p.Msg == "" || p.Record == "" {
					t.Errorf("a problem without record or message: %+v", p)
				}
			}
			msg := err.Error()
			if len(msg) > 10000 {
				t.Errorf("the error is %d bytes long: it must not echo the hostile input", len(msg))
				msg = msg[:300] + "…"
			}
			if !found {
				t.Errorf("no problem in record %q, field %q, saying %q:\n%s", c.record, c.field, c.msg, msg)
			}
			if !strings.HasPrefix(msg, "import refused, nothing was written") {
				t.Errorf("the message does not say nothing was written: %s", msg)
			}
			unchanged(t, st)
		})
	}
}

// TestImportSizeLimit: a file larger than MaxImportBytes is refused after
// reading one byte more than the limit, not read to the end.
func TestImportSizeLimit(t *testing.T) {
	base := hostileBase(t)
	old := exchange.MaxImportBytes
	exchange.MaxImportBytes = int64(len(base)) + 10
	defer func() { exchange.MaxImportBytes = old }()

	if _, err := exchange.Import(ctx, memory(t), strings.NewReader(base), actor); err != nil {
		t.Fatalf("a file under the limit is refused: %v", err)
	}
	st := memory(t)
	r := &endless{}
	_, err := exchange.Import(ctx, st, r, actor)
	var xe *exchange.Error
	if !errors.As(err, &xe) || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("an endless file: %v", err)
	}
	if r.n > exchange.MaxImportBytes+1 {
		t.Errorf("read %d bytes of an endless file, limit %d", r.n, exchange.MaxImportBytes)
	}
	unchanged(t, st)
}

// endless is an import file that never ends: {"format": "certdesk", "exported": "AAAA…
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	head := []byte(`{"format": "certdesk", "exported": "`)
	for i := range p {
		if e.n < int64(len(head)) {
			p[i] = head[e.n]
		} else {
			p[i] = 'A'
		}
		e.n++
	}
	return len(p), nil
}

// TestImportHostileMessagesAreShort: a problem never quotes a huge value
// back (the message of a refused 50 MB name is short).
func TestImportHostileJSONProblem(t *testing.T) {
	base := hostileBase(t)
	_, err := exchange.Import(ctx, memory(t), strings.NewReader(with(base, legalMark, `"`+strings.Repeat("é", 1<<20)+`"`)), actor)
	var xe *exchange.Error
	if !errors.As(err, &xe) {
		t.Fatalf("%v", err)
	}
	out, _ := json.Marshal(xe.Problems)
	if len(out) > 2000 {
		t.Errorf("the problems are %d bytes of JSON", len(out))
	}
}
