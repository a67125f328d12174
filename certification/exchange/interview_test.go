package exchange_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/exchange"
)

// TestImportChecksInterviews: an interview in a file names whom, is not
// dated before its audit's actual start, and (ImportOn) not after the
// day of the import; a file with a good one loads it.
func TestImportChecksInterviews(t *testing.T) {
	doc := walkthrough(t, memory(t))
	grant := certification.NewDate(2025, 3, 5)
	with := func(iv certification.Interview) []byte {
		var b exchange.Bundle
		if err := json.Unmarshal(doc, &b); err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(b.Audits, func(a certification.Audit) bool { return a.Kind == certification.Stage2 })
		b.Audits[i].Checklist[0].Interviews = []certification.Interview{iv}
		out, err := json.Marshal(&b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		iv    certification.Interview
		today certification.Date
		field string // "" = imported
	}{
		{"on the audit's start", certification.Interview{Whom: "Ann", Role: "CTO", On: certification.NewDate(2025, 2, 10)}, grant, ""},
		{"the day before its start", certification.Interview{Whom: "Ann", On: certification.NewDate(2025, 2, 9)}, grant, "checklist[0].interviews"},
		{"nobody named", certification.Interview{On: certification.NewDate(2025, 2, 10)}, grant, "checklist[0].interviews[0].whom"},
		{"on the day of the import", certification.Interview{Whom: "Ann", On: grant}, grant, ""},
		{"after the day of the import", certification.Interview{Whom: "Ann", On: grant.AddDays(1)}, grant, "checklist[0].interviews[0].on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := memory(t)
			_, err := exchange.ImportOn(ctx, dst, bytes.NewReader(with(tc.iv)), actor, tc.today)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var xe *exchange.Error
			if !errors.As(err, &xe) || !slices.ContainsFunc(xe.Problems, func(p exchange.Problem) bool {
				return strings.HasPrefix(p.Record, "audits[1]") && p.Field == tc.field
			}) {
				t.Fatalf("want a problem on audits[1] %s, got %v", tc.field, err)
			}
		})
	}
}
