package certification

import (
	"encoding/binary"
	"errors"
	"slices"
)

// IndexObligationItem files each open (not done) obligation of a
// certification's set as a covering key: its due date first (so that a
// schedule reads only the keys due by its horizon: about one in seven on
// the 10,000-client demo body for 90 days), the certification id and the
// obligation's place in the set (so that, on one day, a certification's
// obligations come in the set's order), the dates that rule it out of a
// schedule — done (never: it is not done), lapse (never when it never
// lapses) — and the obligation itself (obligation_codec.go). The schedule reads the
// open obligations from these keys alone, without decoding a whole set;
// a done obligation is read from the set, and only for a schedule as of
// a day before it was done.
const IndexObligationItem = "obligation.item"

// obligationItemTerms are a set's entries in IndexObligationItem and,
// sharing each obligation's encoding, in IndexDecisionReady.
func (s *ObligationSet) obligationItemTerms() []IndexTerm {
	t := make([]IndexTerm, 0, len(s.Items))
	var ready map[ObligationKind]bool // DecisionReady, read once a decision is open
	for i := range s.Items {
		o := &s.Items[i]
		if o.Done {
			continue
		}
		lapse := never
		if !o.LapsesAfter.IsZero() {
			lapse = DateKey(o.LapsesAfter)
		}
		j := appendObligation(nil, o)
		// done is never: only open obligations are filed.
		t = append(t, IndexTerm{IndexObligationItem, concat(DateKey(o.Due), U64(uint64(s.CertificationID)), U64(uint64(i)), never, lapse, j)})
		if slices.Contains(DecisionObligations, o.Kind) {
			if ready == nil {
				ready = DecisionReady(s.Items)
			}
			if ready[o.Kind] {
				t = append(t, IndexTerm{IndexDecisionReady, concat(U64(uint64(s.CertificationID)), U64(uint64(i)), j)})
			}
		}
	}
	return t
}

// obligationItemHead is the length of an IndexObligationItem value
// before the obligation's encoding.
const obligationItemHead = 5 * 8

// ObligationItemOf reads the certification of an IndexObligationItem
// value (0 for a malformed one).
func ObligationItemOf(value []byte) ID {
	if len(value) < 16 {
		return 0
	}
	return ID(binary.BigEndian.Uint64(value[8:]))
}

// ObligationItemsDueBy is the end (exclusive) of the IndexObligationItem
// range of the obligations due by horizon: Range(IndexObligationItem,
// nil, ObligationItemsDueBy(horizon), …).
func ObligationItemsDueBy(horizon Date) []byte { return DateKey(horizon.AddDays(1)) }

// ObligationMayShow reports, from an IndexObligationItem value alone,
// whether its obligation may be in a schedule as of asOf up to horizon:
// due by the horizon, not done by asOf and not lapsed on it. The state
// on asOf (StateOn) decides.
func ObligationMayShow(value []byte, asOf, horizon Date) bool {
	if len(value) < obligationItemHead {
		return true
	}
	if due, _ := keyDate(value, 0); due > horizon {
		return false
	}
	if done, ok := keyDate(value, 3); ok && done <= asOf {
		return false
	}
	lapse, ok := keyDate(value, 4)
	return !ok || asOf <= lapse
}

// DecodeObligationItem reads the obligation of an IndexObligationItem
// value.
func DecodeObligationItem(value []byte) (Obligation, error) {
	var o Obligation
	if len(value) < obligationItemHead {
		return o, errors.New("an obligation index entry is too short to hold an obligation: certctl verify names the damaged index")
	}
	return decodeObligation(value[obligationItemHead:])
}

// IndexDecisionReady files each open obligation that asks the committee
// for a decision and is ready for one (DecisionReady) as a covering key,
// written with its IndexObligationItem entry (obligationItemTerms):
// the certification id, the obligation's place in its set and the
// obligation (obligation_codec.go). The decision queue reads these keys alone (about
// 1,100 on the 10,000-client demo body) instead of every obligation set.
const IndexDecisionReady = "obligation.decision"

// DecisionObligations are the kinds of obligation that ask the committee
// for a decision.
var DecisionObligations = []ObligationKind{ObInitialDecision, ObRecertDecision, ObDecisionPending, ObRestoration, ObTransferDecision}

// DecisionReady reports which of a set's open decision obligations are
// ready for the committee: a recertification or restoration decision
// once the recertification audit has been carried out, the others as
// soon as they exist.
func DecisionReady(items []Obligation) map[ObligationKind]bool {
	ready := map[ObligationKind]bool{ObInitialDecision: true, ObDecisionPending: true, ObTransferDecision: true}
	for _, o := range items {
		if o.Kind == ObRecertAudit && o.Done {
			ready[ObRecertDecision], ready[ObRestoration] = true, true
		}
	}
	return ready
}

// DecodeDecisionItem reads the obligation of an IndexDecisionReady value.
func DecodeDecisionItem(value []byte) (Obligation, error) {
	var o Obligation
	if len(value) < 16 {
		return o, errors.New("a decision queue index entry is too short to hold an obligation: certctl verify names the damaged index")
	}
	return decodeObligation(value[16:])
}
