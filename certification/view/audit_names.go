package view

import (
	"errors"
	"maps"
	"slices"

	"certdesk/certification"
)

// The names a list of audits shows beside each audit, read once per id
// and only the fields shown: a client's names, a certification's
// standard, a person's name. The store decodes a record's stored JSON
// into any type of its kind, so these small types skip the rest (a
// client's sites, a certification's cycles).

type clientNames struct {
	LegalName   string `json:"legal_name"`
	TradingName string `json:"trading_name"`
}

func (*clientNames) RecordKind() certification.Kind { return certification.KindClient }
func (*clientNames) RecordID() certification.ID     { return 0 }

type certStandard struct {
	Standard certification.Standard `json:"standard"`
}

func (*certStandard) RecordKind() certification.Kind { return certification.KindCertification }
func (*certStandard) RecordID() certification.ID     { return 0 }

type personName struct {
	Name string `json:"name"`
}

func (*personName) RecordKind() certification.Kind { return certification.KindPerson }
func (*personName) RecordID() certification.ID     { return 0 }

// auditNames fills in the rows' client names, standards and lead
// auditors' names. A client or certification that is not there is an
// error; a lead who is not in the register is shown as none.
func auditNames(tx certification.Tx, rows []AuditRow) error {
	clients := map[certification.ID]*clientNames{}
	certs := map[certification.ID]*certStandard{}
	people := map[certification.ID]*personName{}
	for i := range rows {
		r := &rows[i]
		want(clients, r.ClientID)
		want(certs, r.CertificationID)
		if lead := r.Lead(); lead != 0 {
			want(people, lead)
		}
	}
	if err := readCovered(tx, clients, certification.IndexClientRow, func(c *clientNames, id certification.ID, v []byte) error {
		f, err := clientRowOf(tx, id, v)
		c.LegalName, c.TradingName = f.LegalName, f.TradingName
		return err
	}); err != nil {
		return err
	}
	if err := readCovered(tx, certs, certification.IndexClientStandard, func(c *certStandard, _ certification.ID, v []byte) error {
		_, c.Standard, _ = certification.ClientStandardOf(v)
		return nil
	}); err != nil {
		return err
	}
	if err := readSome(tx, people, false); err != nil {
		return err
	}
	names := make(map[certification.ID]string, len(clients))
	for id, c := range clients {
		names[id] = (&certification.Client{LegalName: c.LegalName, TradingName: c.TradingName}).DisplayName()
	}
	for i := range rows {
		r := &rows[i]
		r.ClientName, r.Standard = names[r.ClientID], certs[r.CertificationID].Standard
		if lead := r.Lead(); lead != 0 {
			r.LeadName = people[lead].Name
		}
	}
	return nil
}

func want[T any](m map[certification.ID]*T, id certification.ID) {
	if _, ok := m[id]; !ok {
		m[id] = new(T)
	}
}

// bulkFrom is how many records of a kind readSome reads one by one at
// most: from there on one walk over every record of the kind is cheaper.
// On the 10,000-client body a lookup costs about three steps of a walk
// (9 µs against 3 µs), so the walk pays from about a third of the
// clients. A variable only so that tests can take both ways.
var bulkFrom = 3000

// readSome reads the records of want's ids into want's values. A record
// that is not there is an error when mustExist, else left empty.
func readSome[T any, P interface {
	*T
	certification.Record
}](tx certification.Tx, want map[certification.ID]*T, mustExist bool) error {
	if len(want) >= bulkFrom {
		found := 0
		err := tx.Each(P(new(T)).RecordKind(), func(id certification.ID, decode func(certification.Record) error) error {
			dst, ok := want[id]
			if !ok {
				return nil
			}
			found++
			return decode(P(dst))
		})
		if err != nil || found == len(want) || !mustExist {
			return err
		}
		// One is missing: look them up one by one for the error that names it.
	}
	for _, id := range slices.Sorted(maps.Keys(want)) {
		err := tx.Get(id, P(want[id]))
		if err != nil && (mustExist || !errors.Is(err, certification.ErrNotFound)) {
			return err
		}
	}
	return nil
}

// readCovered is readSome (mustExist) of a kind whose shown fields are
// also in the covering keys of index (the clients list's read model):
// from bulkFrom ids on, one key-only range of index reads them.
func readCovered[T any, P interface {
	*T
	certification.Record
}](tx certification.Tx, want map[certification.ID]*T, index string, read func(P, certification.ID, []byte) error) error {
	if len(want) >= bulkFrom {
		found := 0
		err := tx.Range(index, nil, nil, func(v []byte, id certification.ID) error {
			dst, ok := want[id]
			if !ok {
				return nil
			}
			found++
			return read(P(dst), id, v)
		})
		if err != nil || found == len(want) {
			return err
		}
	}
	return readSome[T, P](tx, want, true)
}
