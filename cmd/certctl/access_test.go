package main

import (
	"strings"
	"testing"
)

// The attack of issue 13: a lead auditor of a client adds a decision
// maker of their own and grants in that person's name. Each step that
// lacks the right is refused: the register is the administrator's (the
// first person of the body), and "system" makes no change once it has one.
func TestRegisterAndPolicyNeedTheAdministrator(t *testing.T) {
	cleanEnv(t)
	dir := walkedFolder(t, walkThrough)
	if out := ok(t, dir, "person", "list"); !strings.Contains(out, "administrator") {
		t.Fatalf("the first person of the body is not its administrator:\n%s", out)
	}
	ok(t, dir, "--as", "Lena Lead", "person", "add", "--name", "Leo Lead", "--roles", "lead-auditor")

	add := []string{"person", "add", "--name", "Mallory Maker", "--roles", "decision-maker"}
	fails(t, dir, exitRule, "refused by rule change-needs-a-person-of-the-register", add...)
	fails(t, dir, exitRule, "refused by rule register-and-policy-need-administrator: Leo Lead is not an administrator", append([]string{"--as", "Leo Lead"}, add...)...)
	fails(t, dir, exitRule, "refused by rule register-and-policy-need-administrator", "--as", "Leo Lead", "policy", "set", "response_days=60")
	if out := ok(t, dir, "person", "list"); strings.Contains(out, "Mallory") {
		t.Errorf("the refused person is in the register:\n%s", out)
	}
	// The administrator may.
	ok(t, dir, append([]string{"--as", "Lena Lead"}, add...)...)
	ok(t, dir, "--as", "Lena Lead", "policy", "set", "response_days=60")
}
