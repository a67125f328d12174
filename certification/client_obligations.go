package certification

import "encoding/binary"

// clientTerm is a set's entry in IndexClientObligations: its client and
// certification, the last day one of its obligations was done, then for
// each open obligation its due date, the day after which it lapses and
// the day its window opens (0 when it has none), enough for StateOn.
func (s *ObligationSet) clientTerm() IndexTerm {
	var lastDone Date
	k := concat(U64(uint64(s.ClientID)), U64(uint64(s.CertificationID)), make([]byte, 8))
	for i := range s.Items {
		o := &s.Items[i]
		if o.Done {
			lastDone = max(lastDone, o.DoneOn)
			continue
		}
		var window Date
		if o.Contingent {
			window = o.WindowStart
		}
		k = append(k, DateKey(o.Due)...)
		k = append(k, DateKey(o.LapsesAfter)...)
		k = append(k, DateKey(window)...)
	}
	binary.BigEndian.PutUint64(k[16:], uint64(lastDone))
	return IndexTerm{IndexClientObligations, k}
}

// ClientDue is what the clients list shows of a client's obligations on
// asOf: the earliest due date of those open (overdue, due soon or
// upcoming) and how many are overdue.
func ClientDue(items []Obligation, asOf Date, dueSoonDays int) (next Date, overdue int) {
	for i := range items {
		o := &items[i]
		switch o.StateOn(asOf, dueSoonDays) {
		case StateOverdue:
			overdue++
			fallthrough
		case StateDueSoon, StateUpcoming:
			if next == 0 || o.Due < next {
				next = o.Due
			}
		}
	}
	return next, overdue
}

// ClientObligationsOn reads an IndexClientObligations entry: its client
// and certification and, through ClientDue, the set's next due date and
// overdue count on asOf. known is false when asOf is before the last day
// one of the set's obligations was done, which the entry does not hold:
// then read the set itself.
func ClientObligationsOn(v []byte, asOf Date, dueSoonDays int) (client, cert ID, next Date, overdue int, known bool, err error) {
	if len(v) < 24 || (len(v)-24)%24 != 0 {
		return 0, 0, 0, 0, false, errMalformedKey
	}
	client, cert = ID(binary.BigEndian.Uint64(v)), ID(binary.BigEndian.Uint64(v[8:]))
	if asOf < Date(binary.BigEndian.Uint64(v[16:])) {
		return client, cert, 0, 0, false, nil
	}
	var buf [8]Obligation
	open := buf[:0]
	for p := v[24:]; len(p) >= 24; p = p[24:] {
		o := Obligation{Due: Date(binary.BigEndian.Uint64(p)), LapsesAfter: Date(binary.BigEndian.Uint64(p[8:]))}
		if w := Date(binary.BigEndian.Uint64(p[16:])); w != 0 {
			o.Contingent, o.WindowStart = true, w
		}
		open = append(open, o)
	}
	next, overdue = ClientDue(open, asOf, dueSoonDays)
	return client, cert, next, overdue, true, nil
}
