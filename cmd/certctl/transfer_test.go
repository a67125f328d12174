package main

import (
	"strings"
	"testing"
)

// certctl certification transfer records the pre-transfer review; a
// suspended certificate's transfer is refused by its rule, the reviewer
// may not decide, and a valid one is taken over with its cycle: the
// schedule continues from the previous body's anniversaries and the
// decision says where the certificate came from.
func TestCertificationTransfer(t *testing.T) {
	cleanEnv(t)
	withKeys(t)
	dir := t.TempDir()
	ok(t, dir, "person", "add", "--name", "Rita Reviewer", "--roles", "scheme-manager,lead-auditor,decision-maker")
	rita := []string{"--as", "Rita Reviewer", "--today", "2026-01-20"}
	ok(t, dir, append(rita, "person", "add", "--name", "Dora Decider", "--roles", "decision-maker")...)
	ok(t, dir, append(rita, "client", "add", "--name", "Transfer Tooling GmbH", "--address", "Ring 1, 28195 Bremen", "--personnel", "30", "--sector", "17")...)
	ok(t, dir, append(rita, "certification", "add", "--client", "1", "--standard", "9001", "--scope", "Machining of tools")...)
	review := func(status string) []string {
		return append(rita, "certification", "transfer", "1", "--previous-body", "Nordcert GmbH", "--number", "NC-117", "--accreditation-body", "DAkkS",
			"--accredited", "--status", status, "--cycle-start", "2025-03-01", "--expiry", "2028-02-28", "--reviewer", "Rita Reviewer",
			"--documents", "Stage 2 report 2025, NC list", "--conclusion", "As found")
	}
	decide := func(maker string) []string {
		return []string{"--as", maker, "--today", "2026-01-20", "decide", "--certification", "1", "--kind", "accept-transfer", "--maker", maker, "--reasons", "Review complete"}
	}
	if out := ok(t, dir, review("suspended")...); !strings.Contains(out, "cannot be transferred while it is suspended") {
		t.Errorf("the review of a suspended certificate says:\n%s", out)
	}
	fails(t, dir, exitRule, "transfer-only-valid-accredited-certificate", decide("Dora Decider")...)
	fails(t, dir, exitInput, "not a certificate status", review("lapsed")...)
	ok(t, dir, review("valid")...)
	fails(t, dir, exitRule, "transfer-decided-by-reviewer", decide("Rita Reviewer")...)
	if out := ok(t, dir, decide("Dora Decider")...); !strings.Contains(out, "expires 2028-02-28") || !strings.Contains(out, "Transferred from Nordcert GmbH, certificate NC-117.") {
		t.Errorf("the decision says:\n%s", out)
	}
	out := ok(t, dir, "--today", "2026-01-20", "schedule", "--within", "1200")
	for _, want := range []string{"2026-03-01  Transfer Tooling GmbH  9001      Surveillance 1", "2027-03-01", "2028-02-28"} {
		if !strings.Contains(out, want) {
			t.Errorf("the schedule lacks %q:\n%s", want, out)
		}
	}
	fails(t, dir, exitRule, "certified by this body already", review("valid")...)
}
