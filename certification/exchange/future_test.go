package exchange_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/exchange"
)

// TestImportOnRefusesWhatHappensAfterToday: the walk-through's grant is
// dated 2025-03-05; imported on that day it loads, a day earlier it is
// refused by no-future-dates naming the decision's date, and nothing is
// written.
func TestImportOnRefusesWhatHappensAfterToday(t *testing.T) {
	doc := walkthrough(t, memory(t))
	grant := certification.NewDate(2025, 3, 5)

	dst := memory(t)
	_, err := exchange.ImportOn(ctx, dst, bytes.NewReader(doc), actor, grant.AddDays(-1))
	var xe *exchange.Error
	if !errors.As(err, &xe) {
		t.Fatalf("imported the day before the grant: %v", err)
	}
	found := false
	for _, p := range xe.Problems {
		if p.Rule != certification.RuleFutureDate {
			t.Errorf("problem %s is not by %s", p, certification.RuleFutureDate)
		}
		if strings.HasPrefix(p.Record, "decisions[0]") && p.Field == "date" && strings.Contains(p.Msg, "2025-03-05 is after today (2025-03-04)") {
			found = true
		}
	}
	if !found || len(xe.Problems) != 2 { // the decision and the certificate it issued
		t.Errorf("problems %v, want the decision's date and the certificate's issue date", xe.Problems)
	}
	if empty, err := exchange.IsEmpty(ctx, dst); err != nil || !empty {
		t.Fatalf("a refused import wrote records (empty %v, %v)", empty, err)
	}
	if _, err := exchange.ImportOn(ctx, dst, bytes.NewReader(doc), actor, grant); err != nil {
		t.Fatalf("imported on the day of the grant: %v", err)
	}
}
