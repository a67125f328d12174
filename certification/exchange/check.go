package exchange

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"slices"

	"certdesk/certification"
)

// MaxIDGap bounds how far a kind's largest id may exceed its number of
// records. CertDesk never deletes records, so exported ids have no gaps;
// the bound keeps a hand-edited id of 10^12 from costing 10^12 counter steps.
const MaxIDGap = 1000

// Check validates a decoded bundle completely, without a store: every
// record's own rules (Validate), unique ids, every reference, the audit
// workflow, and then the gates: each audit that has started (and was not
// cancelled) through certification.CheckPlanAudit on the file as it stood
// the day it started, and each decision through certification.CheckDecision on the
// file as it stood just before it (certification.FileBefore). It returns
// an *Error listing up to MaxProblems problems, or nil.
func Check(b *Bundle) error {
	var ps problems
	check(b, &ps)
	return ps.err()
}

type idx struct {
	b      *Bundle
	ps     *problems
	policy certification.Policy

	people       map[certification.ID]*certification.Person
	clients      map[certification.ID]*certification.Client
	certs        map[certification.ID]*certification.Certification
	audits       map[certification.ID]*certification.Audit
	findings     map[certification.ID]*certification.Finding
	certificates map[certification.ID]*certification.Certificate
	decisions    map[certification.ID]*certification.Decision

	// names of records for messages: "findings[3] (id 17)"
	auditName, decisionName map[certification.ID]string
}

func recName(list string, i int, id certification.ID) string {
	return fmt.Sprintf("%s[%d] (id %d)", list, i, id)
}

// problemOf turns a domain error into a problem of record rec.
func problemOf(rec string, err error) Problem {
	var ve *certification.ValidationError
	if errors.As(err, &ve) {
		return Problem{Record: rec, Field: ve.Field, Msg: ve.Msg}
	}
	var re *certification.RuleError
	if errors.As(err, &re) {
		return Problem{Record: rec, Rule: re.Rule, Msg: "refused by rule " + re.Rule + ": " + re.Msg}
	}
	return Problem{Record: rec, Msg: err.Error()}
}

// ids indexes one list by id, reporting missing, duplicate and far-out ids.
func ids[T any](x *idx, list string, recs []T, id func(*T) certification.ID) map[certification.ID]*T {
	out := make(map[certification.ID]*T, len(recs))
	limit := certification.ID(len(recs) + MaxIDGap)
	for i := range recs {
		r := &recs[i]
		v := id(r)
		name := recName(list, i, v)
		switch {
		case v == 0:
			x.ps.add(Problem{Record: name, Field: "id", Msg: "every record needs an id from 1 up"})
			continue
		case out[v] != nil:
			x.ps.add(Problem{Record: name, Field: "id", Msg: fmt.Sprintf("id %d is used by two %s", v, list)})
			continue
		case v > limit:
			x.ps.add(Problem{Record: name, Field: "id", Msg: fmt.Sprintf("id %d is far above the %d %s in the file (at most %d more than the count)", v, len(recs), list, MaxIDGap)})
		}
		out[v] = r
	}
	return out
}

func check(b *Bundle, ps *problems) {
	x := &idx{b: b, ps: ps, policy: certification.DefaultPolicy(),
		auditName: map[certification.ID]string{}, decisionName: map[certification.ID]string{}}
	if b.Policy != nil {
		x.policy = *b.Policy
		if err := b.Policy.Validate(); err != nil {
			ps.add(problemOf("policy", err))
		}
		for _, w := range certification.PolicyImages {
			if h := b.Policy.ImageSHA256(w); h != "" {
				x.bad("policy", string(w)+"_sha256", "the interchange file does not carry the %s's image: leave it empty and set the image after the import (certctl policy %s FILE)", w.Label(), w.Verb())
			}
		}
	}
	x.checkStandards() // standards.go
	x.people = ids(x, "people", b.People, func(r *certification.Person) certification.ID { return r.ID })
	x.clients = ids(x, "clients", b.Clients, func(r *certification.Client) certification.ID { return r.ID })
	x.certs = ids(x, "certifications", b.Certifications, func(r *certification.Certification) certification.ID { return r.ID })
	x.audits = ids(x, "audits", b.Audits, func(r *certification.Audit) certification.ID { return r.ID })
	x.findings = ids(x, "findings", b.Findings, func(r *certification.Finding) certification.ID { return r.ID })
	x.certificates = ids(x, "certificates", b.Certificates, func(r *certification.Certificate) certification.ID { return r.ID })
	x.decisions = ids(x, "decisions", b.Decisions, func(r *certification.Decision) certification.ID { return r.ID })
	for i, a := range b.Audits {
		x.auditName[a.ID] = recName("audits", i, a.ID)
	}
	for i, d := range b.Decisions {
		x.decisionName[d.ID] = recName("decisions", i, d.ID)
	}

	for i := range b.People {
		rec := recName("people", i, b.People[i].ID)
		x.valid(rec, &b.People[i])
		for j, in := range b.People[i].Interests {
			if _, ok := x.clients[in.ClientID]; !ok && in.ClientID != 0 {
				x.bad(rec, fmt.Sprintf("interests[%d].client_id", j), "there is no client %d", in.ClientID)
			}
		}
	}
	for i := range b.Clients {
		x.valid(recName("clients", i, b.Clients[i].ID), &b.Clients[i])
	}
	x.checkCertifications()
	x.checkAudits()
	x.checkIntegrated() // integrated.go
	x.checkFindings()
	x.checkCertificates()
	x.checkDecisions()
	x.checkCases()    // check_cases.go
	x.checkEvidence() // evidence.go
	if len(ps.list) > 0 {
		// The gates read whole files: on a file with broken references
		// they would only repeat the problems above.
		return
	}
	x.checkGates()
}

func (x *idx) bad(rec, field, format string, args ...any) {
	x.ps.add(Problem{Record: rec, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// valid reports whether record rec passes its own validation; when it
// does not, its error is a problem of rec.
func (x *idx) valid(rec string, r interface{ Validate() error }) bool {
	if err := r.Validate(); err != nil {
		x.ps.add(problemOf(rec, err))
		return false
	}
	return true
}

// validRecords yields each record of a list of the bundle that passes
// its own validation, with its name for problems; the others are
// reported as problems and left out.
func validRecords[T any, P interface {
	*T
	certification.Record
	Validate() error
}](x *idx, list string, records []T) iter.Seq2[string, P] {
	return func(yield func(string, P) bool) {
		for i := range records {
			r := P(&records[i])
			rec := recName(list, i, r.RecordID())
			if x.valid(rec, r) && !yield(rec, r) {
				return
			}
		}
	}
}

// certificationOf finds the certification record rec belongs to and
// checks that rec's client is that certification's client. When the
// file has no such certification it reports so and returns false.
func (x *idx) certificationOf(rec string, certificationID, clientID certification.ID) (*certification.Certification, bool) {
	c, ok := x.certs[certificationID]
	if !ok {
		x.bad(rec, "certification_id", "there is no certification %d in the file", certificationID)
		return nil, false
	}
	if clientID != c.ClientID {
		x.bad(rec, "client_id", "is %d but certification %d belongs to client %d", clientID, c.ID, c.ClientID)
	}
	return c, true
}

// byID returns the records in id order.
func byID[T any](m map[certification.ID]*T, id func(*T) certification.ID) []*T {
	out := make([]*T, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

// sortedIDs returns a map's keys in order, for problems in a stable order.
func sortedIDs[T any](m map[certification.ID]T) []certification.ID {
	ids := make([]certification.ID, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
