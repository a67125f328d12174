package certification

import (
	"reflect"
	"strings"
	"testing"
)

// A revision's IndexCertRow value reads back as its Row; a damaged
// (cut) value is refused, never read as another row.
func TestCertRowReadsBack(t *testing.T) {
	d := NewDate
	for _, c := range []Certificate{
		{ID: 1, CertificationID: 2, ClientID: 3, Number: "CD-1", Revision: 1, Standard: ISO9001, Scope: "Widgets",
			OriginalDate: d(2024, 1, 10), IssueDate: d(2024, 1, 10), Expiry: d(2027, 1, 9)},
		{ID: 1 << 40, CertificationID: 1 << 50, ClientID: 1<<63 + 5, Number: "Ünï-2", Revision: 12, Standard: ISO42001, Scope: "",
			Sites:        []CertificateSite{{Code: "HQ"}, {Code: "S2"}},
			OriginalDate: d(2020, 2, 29), IssueDate: d(2025, 6, 1), Expiry: d(2028, 5, 31), SupersededOn: d(2026, 1, 1), SupersededBy: 9,
			Events: []CertificateEvent{{Date: d(2025, 7, 1), Status: CertSuspended, DecisionID: 4}, {Date: d(2025, 8, 1), Status: CertWithdrawn, DecisionID: 5}}},
	} {
		term := c.rowTerm()
		got, err := DecodeCertRow(term.Value, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := c.Row(); !reflect.DeepEqual(got, want) {
			t.Errorf("read back %+v, want %+v", got, want)
		}
		for n := range len(term.Value) {
			if _, err := DecodeCertRow(term.Value[:n], c.ID); err == nil {
				t.Errorf("a value cut to %d of %d bytes was read", n, len(term.Value))
			}
		}
	}
	long := Certificate{ID: 1, Number: "CD-9", Scope: strings.Repeat("s", certRowScopeMax+1), IssueDate: d(2025, 1, 1)}
	v := long.rowTerm().Value
	if r, err := DecodeCertRow(v, 1); err != nil || !r.Partial || r.Scope != "" || len(v) > 200 {
		t.Errorf("a scope too long for a key: partial %v, %d bytes, %v", r.Partial, len(v), err)
	}
}
