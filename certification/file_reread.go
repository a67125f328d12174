package certification

import (
	"cmp"
	"fmt"
	"slices"
)

// reread brings f, loaded before a command wrote, up to date with the
// audits and findings the command wrote since: each is read back as
// stored and put where LoadFile would put it, so that f is the file
// LoadFile would read now, without reading the whole file again (a
// command's second LoadFile was most of its time on a desk catching
// up). A record that is no longer of f's certification leaves f. The
// records written may be f's own (pointers into f.Audits or f.Findings).
func (f *File) reread(tx Tx, written ...Record) error {
	type ref struct {
		kind Kind
		id   ID
	}
	refs := make([]ref, len(written)) // before f's slices move
	for i, r := range written {
		refs[i] = ref{r.RecordKind(), r.RecordID()}
	}
	for _, r := range refs {
		switch r.kind {
		case KindAudit:
			var a Audit
			if err := tx.Get(r.id, &a); err != nil {
				return err
			}
			f.Audits = slices.DeleteFunc(f.Audits, func(x Audit) bool { return x.ID == a.ID })
			if a.CertificationID == f.Certification.ID {
				// LoadFile's order: by id, then stably by start date.
				i, _ := slices.BinarySearchFunc(f.Audits, a, func(x, y Audit) int {
					return cmp.Or(cmp.Compare(x.Start(), y.Start()), cmp.Compare(x.ID, y.ID))
				})
				f.Audits = slices.Insert(f.Audits, i, a)
			}
		case KindFinding:
			var x Finding
			if err := tx.Get(r.id, &x); err != nil {
				return err
			}
			f.Findings = slices.DeleteFunc(f.Findings, func(y Finding) bool { return y.ID == x.ID })
			if x.CertificationID == f.Certification.ID {
				i, _ := slices.BinarySearchFunc(f.Findings, x.ID, func(y Finding, id ID) int { return cmp.Compare(y.ID, id) })
				f.Findings = slices.Insert(f.Findings, i, x)
			}
		default:
			return fmt.Errorf("certification: a file rereads audits and findings, not %s records", r.kind)
		}
	}
	keepFile(tx, f)
	return nil
}
