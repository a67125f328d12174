package certification_test

import (
	"testing"

	. "certdesk/certification"
)

func TestFindingStatusAnswerable(t *testing.T) {
	for _, tc := range []struct {
		st   FindingStatus
		want bool
	}{
		{FindingAwaitingResponse, true},
		{FindingResponded, true},
		{FindingPlanRejected, true},
		{FindingPlanAccepted, false},
		{FindingVerified, false},
		{FindingNoAction, false},
	} {
		if got := tc.st.Answerable(); got != tc.want {
			t.Errorf("%s: Answerable() = %v, want %v", tc.st, got, tc.want)
		}
	}
}

func TestFindingStampChangesWithTheRecord(t *testing.T) {
	x := Finding{ID: 3, Grade: Minor, Reference: "7.5"}
	a := x.Stamp()
	if a != x.Stamp() {
		t.Error("the same finding stamps differently")
	}
	x.Response = &Response{RootCause: "why"}
	if x.Stamp() == a {
		t.Error("a changed finding keeps its stamp")
	}
}

// RecordResponses writes all of a batch or nothing: a finding read before
// it changed refuses the whole batch; a batch that changes nothing
// writes nothing.
func TestRecordResponsesAllOrNothing(t *testing.T) {
	w := newRespWorld(t)
	before := findingsJSON(t, w.svc)
	var major, minor Finding
	w.must(w.svc.View(w.ctx, func(tx Tx) error {
		if err := tx.Get(w.major, &major); err != nil {
			return err
		}
		return tx.Get(w.minor, &minor)
	}))
	resp := &Response{RootCause: "cause", Correction: "fixed", CorrectionDate: day("2025-02-18"), CorrectiveAction: "prevented",
		ActionDate: day("2025-04-30"), Received: day("2025-02-19")}
	batch := func(minorStamp string) ResponseBatch {
		return ResponseBatch{ClientID: w.client, FormDate: day("2025-02-13"), Today: day("2025-02-20"),
			Updates: []ResponseUpdate{{FindingID: w.major, Stamp: major.Stamp(), Response: resp}, {FindingID: w.minor, Stamp: minorStamp}}}
	}
	w.refused(w.svc.RecordResponses(w.ctx, batch("stale")), RuleResponseForm)
	if after := findingsJSON(t, w.svc); after != before {
		t.Error("a refused batch wrote")
	}
	w.must(w.svc.RecordResponses(w.ctx, ResponseBatch{ClientID: w.client, Updates: []ResponseUpdate{{FindingID: w.minor, Stamp: "stale"}}}))
	if after := findingsJSON(t, w.svc); after != before {
		t.Error("a batch without responses wrote")
	}
	w.must(w.svc.RecordResponses(w.ctx, batch(minor.Stamp())))
	f, err := w.svc.File(w.ctx, w.cert)
	w.must(err)
	for _, x := range f.Findings {
		if x.ID == w.major && (x.Status() != FindingResponded || x.Response.RootCause != "cause") {
			t.Errorf("major: %s %+v", x.Status(), x.Response)
		}
	}
}
