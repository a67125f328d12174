package view_test

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

// SortObligations gives what a stable sort by its order gives (overdue
// first, then due date, client, kind and certification, ties kept in
// place), on lists full of ties, of every length up to a few hundred.
func TestSortObligationsIsTheStableSort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	states := []ObligationState{StateOverdue, StateDueSoon, StateUpcoming}
	kinds := []ObligationKind{ObSurveillance, ObRecertAudit, ObDecisionPending}
	rank := func(s ObligationState) int {
		if s == StateOverdue {
			return 0
		}
		return 1
	}
	for n := range 300 {
		in := make([]Obligation, n)
		for i := range in {
			in[i] = Obligation{State: states[r.IntN(3)], Due: Date(20261120 + r.IntN(4)),
				ClientName: []string{"Alpha", "Beta", "Gamma"}[r.IntN(3)], Kind: kinds[r.IntN(3)],
				CertificationID: ID(r.IntN(3) + 1), FindingID: ID(i)} // FindingID tells ties apart
		}
		want := slices.Clone(in)
		slices.SortStableFunc(want, func(a, b Obligation) int {
			if c := rank(a.State) - rank(b.State); c != 0 {
				return c
			}
			if a.Due != b.Due {
				return cmp.Compare(a.Due, b.Due)
			}
			if c := strings.Compare(a.ClientName, b.ClientName); c != 0 {
				return c
			}
			if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
				return c
			}
			return cmp.Compare(a.CertificationID, b.CertificationID)
		})
		got := slices.Clone(in)
		view.SortObligations(got)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%d obligations: the order differs from the stable sort's", n)
		}
	}
}
