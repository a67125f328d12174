package exchange

import (
	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// checkStandards checks the standards the body added, each with its
// catalogue, and makes every sound one known (catalogue.Add) so that the
// certifications, people and audits after them can name it and cite its
// lines. A standard CertDesk ships, or one named twice, is refused.
func (x *idx) checkStandards() {
	ids(x, "standards", x.b.Standards, func(r *certification.BodyStandard) certification.ID { return r.ID })
	seen := map[certification.Standard]string{}
	for i := range x.b.Standards {
		s := &x.b.Standards[i]
		rec := recName("standards", i, s.ID)
		if other, dup := seen[s.Name]; dup {
			x.bad(rec, "name", "%s is also defined by %s: define a standard once", s.Name, other)
			continue
		}
		seen[s.Name] = rec
		c, err := s.Catalogue()
		if err != nil {
			x.ps.add(problemOf(rec, err))
			continue
		}
		if err := catalogue.Add(c); err != nil {
			x.bad(rec, "name", "%v", err)
		}
	}
}
