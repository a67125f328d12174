package main

import (
	"testing"
)

func TestFindingEscalateFollowsPolicy(t *testing.T) {
	dir := walkedFolder(t, walkThrough)
	as := []string{"--as", "Lena Lead"}
	// The walk-through's finding 1 is a major: with the policy off the
	// rule refuses any escalation; with it on, a major is refused too.
	fails(t, dir, 1, "minor-escalation", append(as, "finding", "escalate", "1", "--date", "2025-04-20")...)
	ok(t, dir, append(as, "policy", "set", "escalate_overdue_minor=true")...)
	fails(t, dir, 1, "only a minor nonconformity can be escalated", append(as, "finding", "escalate", "1", "--date", "2025-04-20")...)
	fails(t, dir, 2, "usage", append(as, "finding", "escalate")...)
}
