package certification

import (
	"strings"
	"testing"
)

// A gate refusing a decision dated before something recorded later names
// both dates, so the committee knows which date to change.
func TestGateMessagesNameBothDates(t *testing.T) {
	for _, tc := range []struct {
		name, date string
		file       func() *File
		rule, want string
	}{
		{"major verified after the decision", "2025-05-05", func() *File {
			f := stage2File(Major)
			verified("2025-05-07")(&f.Findings[0])
			return f
		}, RuleUnverifiedMajor, "was verified on 2025-05-07, after the decision date 2025-05-05"},
		{"major verified on the decision date", "2025-05-07", func() *File {
			f := stage2File(Major)
			verified("2025-05-07")(&f.Findings[0])
			return f
		}, "", ""},
		{"major never verified", "2025-05-05", func() *File { return stage2File(Major) }, RuleUnverifiedMajor, "is not verified as corrected"},
		{"minor's plan accepted after the decision", "2025-04-21", func() *File {
			f := stage2File(Minor)
			accepted(&f.Findings[0])
			f.Findings[0].Response.Received = d("2025-04-03")
			return f
		}, RuleMinorWithoutPlan, "was accepted on 2025-04-22, after the decision date 2025-04-21"},
		{"stage 2 report after the decision", "2025-04-01", func() *File { return stage2File("") }, RuleNeedsClosedReport,
			"the stage 2 report (audit 2) is dated 2025-04-02, after the decision date 2025-04-01"},
		{"stage 2 report on the decision date", "2025-04-02", func() *File { return stage2File("") }, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.file()
			dec := &Decision{CertificationID: 10, Kind: Grant, Date: d(tc.date), Makers: []ID{decider.ID}, Reasons: "file complete"}
			_, err := CheckDecision(f, dec, DecisionContext{Makers: []*Person{decider}, ClientAudits: f.Audits, Policy: DefaultPolicy()})
			if got := ruleOf(err); got != tc.rule {
				t.Fatalf("got rule %q (%v), want %q", got, err, tc.rule)
			}
			if tc.want != "" && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message %q does not say %q", err, tc.want)
			}
		})
	}
}
