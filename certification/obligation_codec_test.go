package certification

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// Every obligation reads back from its compact form as it was written,
// whatever its fields hold (kinds and states known or not, dates before
// and after the epoch, extreme ids), and a form cut short, run on or of
// another version is refused.
func TestObligationCodecRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 42))
	text := func() string {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	}
	date := func() Date {
		switch r.IntN(4) {
		case 0:
			return 0
		case 1:
			return Date(math.MinInt32 + r.IntN(10))
		case 2:
			return Date(math.MaxInt32 - r.IntN(10))
		}
		return NewDate(1990+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	states := []ObligationState{"", StateUpcoming, StateDueSoon, StateOverdue, StateDone, StateLapsed, StateNotOpen, "something-else"}
	for i := range 2000 {
		kind := obligationKinds[r.IntN(len(obligationKinds))]
		if i%50 == 0 {
			kind = ObligationKind(text())
		}
		o := Obligation{Kind: kind, Label: text(), CertificationID: ID(r.Uint64()), ClientID: ID(r.Uint64N(1 << 20)),
			ClientName: text(), Standard: Standard(text()), Cycle: r.IntN(1 << 20), AuditID: ID(r.Uint64()), FindingID: ID(r.Uint64N(99)),
			WindowStart: date(), Due: date(), Done: r.IntN(2) == 0, DoneOn: date(), LapsesAfter: date(), Contingent: r.IntN(2) == 0,
			State: states[r.IntN(len(states))]}
		b := appendObligation(nil, &o)
		got, err := decodeObligation(b)
		if err != nil || !reflect.DeepEqual(got, o) {
			t.Fatalf("obligation %d: read back %+v, %v\nwant %+v", i, got, err, o)
		}
		for cut := range len(b) {
			if _, err := decodeObligation(b[:cut]); err == nil {
				t.Fatalf("obligation %d cut to %d of %d bytes was read", i, cut, len(b))
			}
		}
		if _, err := decodeObligation(append(b, 0)); err == nil {
			t.Fatalf("obligation %d with a byte more was read", i)
		}
	}
	b := appendObligation(nil, &Obligation{Kind: ObSurveillance, Due: NewDate(2026, 1, 1)})
	b[0] = obligationCodecVersion + 1
	if _, err := decodeObligation(b); err == nil {
		t.Error("a form of another version was read")
	}
}
