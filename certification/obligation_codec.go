package certification

import (
	"encoding/binary"
	"errors"
)

// The obligation a covering key holds (IndexObligationItem,
// IndexDecisionReady) in a compact binary form: the schedule and the
// decision queue read thousands of them, and decoding JSON was most of
// their time. The form starts with its version; the strings are
// length-prefixed, the ids, numbers and dates varints.

const obligationCodecVersion = 1

var (
	obligationKindNames  = namesOf(obligationKinds)
	standardNames        = namesOf(Standards)
	obligationStateNames = []string{"", string(StateUpcoming), string(StateDueSoon), string(StateOverdue), string(StateDone), string(StateLapsed), string(StateNotOpen)}
	obligationKinds      = []ObligationKind{ObStage2Gap, ObInitialDecision, ObMajorVerifyInitial, ObSurveillance, ObRecertAudit,
		ObRecertDecision, ObRestoration, ObSuspensionLimit, ObDecisionPending, ObCoverage, ObClientResponse, ObMajorClose, ObTransferDecision}
)

const (
	obligationDone = 1 << iota
	obligationContingent
)

// appendObligation appends o's compact form to b.
func appendObligation(b []byte, o *Obligation) []byte {
	b = append(b, obligationCodecVersion)
	b = appendText(b, string(o.Kind))
	b = appendText(b, o.Label)
	b = binary.AppendUvarint(b, uint64(o.CertificationID))
	b = binary.AppendUvarint(b, uint64(o.ClientID))
	b = appendText(b, o.ClientName)
	b = appendText(b, string(o.Standard))
	b = binary.AppendUvarint(b, uint64(o.Cycle))
	b = binary.AppendUvarint(b, uint64(o.AuditID))
	b = binary.AppendUvarint(b, uint64(o.FindingID))
	for _, d := range []Date{o.WindowStart, o.Due, o.DoneOn, o.LapsesAfter} {
		b = appendDate(b, d)
	}
	var flags byte
	if o.Done {
		flags |= obligationDone
	}
	if o.Contingent {
		flags |= obligationContingent
	}
	b = append(b, flags)
	return appendText(b, string(o.State))
}

var errObligationKey = errors.New("an obligation's index entry is damaged: certctl verify names it; certctl reindex files it again")

// decodeObligation reads the compact form appendObligation wrote, all of v.
func decodeObligation(v []byte) (Obligation, error) {
	var o Obligation
	if len(v) == 0 || v[0] != obligationCodecVersion {
		return o, errObligationKey
	}
	r := rowReader{b: v[1:]}
	o.Kind = ObligationKind(r.known(obligationKindNames))
	o.Label = string(r.text())
	o.CertificationID = ID(r.uvarint())
	o.ClientID = ID(r.uvarint())
	o.ClientName = string(r.text())
	o.Standard = Standard(r.known(standardNames))
	o.Cycle = int(r.uvarint())
	o.AuditID = ID(r.uvarint())
	o.FindingID = ID(r.uvarint())
	o.WindowStart, o.Due, o.DoneOn, o.LapsesAfter = r.date(), r.date(), r.date(), r.date()
	if len(r.b) < 1 {
		return Obligation{}, errObligationKey
	}
	flags := r.b[0]
	r.b = r.b[1:]
	o.Done, o.Contingent = flags&obligationDone != 0, flags&obligationContingent != 0
	o.State = ObligationState(r.known(obligationStateNames))
	if r.bad || len(r.b) != 0 {
		return Obligation{}, errObligationKey
	}
	return o, nil
}
