package certification

import (
	"context"
	"errors"
	"slices"
)

// File is everything the body holds about one certification: what a
// decision maker reviews and what the schedule is computed from.
type File struct {
	Client        Client
	Certification Certification
	Audits        []Audit       // by start date
	Findings      []Finding     // by id
	Decisions     []Decision    // by date, then id
	Certificates  []Certificate // every revision, oldest first

	// whole and asOf are set on a file as it stood before a decision
	// (FileBefore): the file with everything recorded since, and the
	// decision's date, so that a gate can name what came after it.
	whole *File
	asOf  Date
}

// LoadFile reads a certification's file in tx.
func LoadFile(tx Tx, certificationID ID) (*File, error) {
	if k := keeperOf(tx); k != nil {
		if f, ok := k.TakeFile(certificationID); ok {
			return f, nil
		}
	}
	f := &File{}
	if err := tx.Get(certificationID, &f.Certification); err != nil {
		return nil, err
	}
	if err := tx.Get(f.Certification.ClientID, &f.Client); err != nil {
		return nil, err
	}
	key := U64(uint64(certificationID))
	var err error
	if f.Audits, err = lookupAll[Audit](tx, IndexAuditByCert, key); err != nil {
		return nil, err
	}
	if f.Findings, err = lookupAll[Finding](tx, IndexFindingByCert, key); err != nil {
		return nil, err
	}
	if f.Decisions, err = lookupAll[Decision](tx, IndexDecisionByCert, key); err != nil {
		return nil, err
	}
	if f.Certificates, err = lookupAll[Certificate](tx, IndexCertificateBy, key); err != nil {
		return nil, err
	}
	slices.SortStableFunc(f.Audits, func(a, b Audit) int { return int(a.Start()) - int(b.Start()) })
	slices.SortStableFunc(f.Decisions, func(a, b Decision) int { return int(a.Date) - int(b.Date) })
	return f, nil
}

// loadFileAndPolicy reads a certification's file and the policy in
// force, which most commands on a certification need together.
func loadFileAndPolicy(tx Tx, certificationID ID) (*File, Policy, error) {
	f, err := LoadFile(tx, certificationID)
	if err != nil {
		return nil, Policy{}, err
	}
	p, err := LoadPolicy(tx)
	if err != nil {
		return nil, Policy{}, err
	}
	return f, p, nil
}

// recordPtr constrains T so that *T is a Record.
type recordPtr[T any] interface {
	*T
	Record
}

// LookupAll reads every record filed under exactly value in an index,
// in id order.
func LookupAll[T any, P recordPtr[T]](tx Tx, index string, value []byte) ([]T, error) {
	return lookupAll[T, P](tx, index, value)
}

func lookupAll[T any, P recordPtr[T]](tx Tx, index string, value []byte) ([]T, error) {
	ids, err := tx.Lookup(index, value)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(ids))
	for i, id := range ids {
		if err := tx.Get(id, P(&out[i])); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EachRecord decodes every record of a kind in id order, checking ctx
// every thousand records.
func EachRecord[T any, P recordPtr[T]](ctx context.Context, tx Tx, kind Kind, fn func(P)) error {
	n := 0
	return tx.Each(kind, func(id ID, decode func(Record) error) error {
		if n++; n%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		r := P(new(T))
		if err := decode(r); err != nil {
			return err
		}
		fn(r)
		return nil
	})
}

// CachedGet reads record id, once: cache keeps the records read.
func CachedGet[T any, P recordPtr[T]](tx Tx, cache map[ID]P, id ID) (P, error) {
	return cachedGet[T, P](tx, cache, id)
}

// cachedGet reads record id, once: cache keeps the records read.
func cachedGet[T any, P recordPtr[T]](tx Tx, cache map[ID]P, id ID) (P, error) {
	if r, ok := cache[id]; ok {
		return r, nil
	}
	r := P(new(T))
	if err := tx.Get(id, r); err != nil {
		return nil, err
	}
	cache[id] = r
	return r, nil
}

// Cycle returns the cycle with the given number.
func (f *File) Cycle(n int) (Cycle, bool) {
	for _, c := range f.Certification.Cycles {
		if c.Number == n {
			return c, true
		}
	}
	return Cycle{}, false
}

// Certificate returns the current certificate revision, if any.
func (f *File) Certificate() (*Certificate, bool) {
	id := f.Certification.CertificateID
	for i := range f.Certificates {
		if f.Certificates[i].ID == id {
			return &f.Certificates[i], true
		}
	}
	return nil, false
}

// Audit returns the audit with the given id.
func (f *File) Audit(id ID) (*Audit, bool) {
	for i := range f.Audits {
		if f.Audits[i].ID == id {
			return &f.Audits[i], true
		}
	}
	return nil, false
}

// AuditsIn returns the audits of a cycle that are not cancelled, by start date.
func (f *File) AuditsIn(cycle int, kinds ...AuditKind) []*Audit {
	var out []*Audit
	for i := range f.Audits {
		a := &f.Audits[i]
		if a.Cycle != cycle || a.Status == AuditCancelled {
			continue
		}
		if len(kinds) > 0 && !oneOf(a.Kind, kinds) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// lastDone returns the latest audit of the given kinds in a cycle whose
// report is drafted or closed (closedOnly: closed).
func (f *File) lastDone(cycle int, closedOnly bool, kinds ...AuditKind) *Audit {
	var last *Audit
	for _, a := range f.AuditsIn(cycle, kinds...) {
		if closedOnly && a.Status != AuditClosed || !a.Done() {
			continue
		}
		if last == nil || a.LastDay() >= last.LastDay() {
			last = a
		}
	}
	return last
}

// FindingsOf returns the findings of the given audits.
func (f *File) FindingsOf(audits []*Audit) []*Finding {
	ids := map[ID]bool{}
	for _, a := range audits {
		ids[a.ID] = true
	}
	var out []*Finding
	for i := range f.Findings {
		if ids[f.Findings[i].AuditID] {
			out = append(out, &f.Findings[i])
		}
	}
	return out
}

// Live reports whether the certification has a cycle that is still
// running or can still be restored on date d: granted, not withdrawn, and
// not past the restoration window after expiry.
func (f *File) Live(d Date) bool {
	cur, ok := f.Certification.Current()
	if !ok || !f.Certification.Closed.IsZero() {
		return false
	}
	if c, ok := f.Certificate(); ok && c.StatusOn(d) == CertWithdrawn {
		return false
	}
	return d <= cur.Expiry.AddMonths(RestorationMonths)
}

// PendingCycle is the cycle number an initial certification (stage 1 and
// stage 2, then grant) would open: one after the last cycle.
func (f *File) PendingCycle() int { return len(f.Certification.Cycles) + 1 }

// Snapshot captures the file's audits and findings as they stand.
func (f *File) Snapshot(cycle int) Snapshot {
	s := Snapshot{Cycle: cycle, Audits: []AuditSnapshot{}, Findings: []FindingSnapshot{}}
	for _, a := range f.Audits {
		s.Audits = append(s.Audits, AuditSnapshot{
			ID: a.ID, Kind: a.Kind, Cycle: a.Cycle, Status: a.Status, Start: a.Start(), End: a.ActualEnd,
			Team: slices.Clone(a.Team), Days: a.ActualDays, Recommendation: a.Recommendation,
		})
	}
	for _, x := range f.Findings {
		s.Findings = append(s.Findings, FindingSnapshot{ID: x.ID, AuditID: x.AuditID, Grade: x.Grade, Reference: x.Reference, Status: x.Status()})
	}
	return s
}

// existing reads the records named by ids, in the order of ids, leaving
// out an id with no record (a reference the caller may ignore).
func existing[T any, P recordPtr[T]](tx Tx, ids []ID) ([]T, error) {
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		var r T
		if err := tx.Get(id, P(&r)); err != nil {
			if errors.Is(err, ErrNotFound) {
				continue
			}
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
