package certification

import (
	"context"
	"strings"
)

// What the team picker and the team suggestion read from the store.

// suggestContext reads what BuildTeamPool needs: the file, the whole
// register, the client's audits, every audit starting from a month
// before a to its last day (no audit lasts a month), and the standards
// of the audits a is integrated with (its own IntegratedWith, or parts
// for an integrated audit being planned).
func suggestContext(ctx context.Context, tx Tx, a *Audit, parts []IntegratedPart) (*File, []Person, TeamContext, error) {
	if a.ID != 0 && a.CertificationID == 0 {
		if err := tx.Get(a.ID, a); err != nil {
			return nil, nil, TeamContext{}, err
		}
	}
	f, p, err := loadFileAndPolicy(tx, a.CertificationID)
	if err != nil {
		return nil, nil, TeamContext{}, err
	}
	a.ClientID = f.Certification.ClientID
	tc := TeamContext{Policy: p}
	if tc.AlsoStandards, err = integratedStandards(tx, a, parts); err != nil {
		return nil, nil, tc, err
	}
	if tc.ClientAudits, err = lookupAll[Audit](tx, IndexAuditByClient, U64(uint64(a.ClientID))); err != nil {
		return nil, nil, tc, err
	}
	lo, hi := U64(uint64(int(a.Start().AddMonths(-1))/100)), U64(uint64(int(a.LastDay())/100+1))
	if err := rangeAudits(tx, IndexAuditByMonth, lo, hi, nil, &tc.Others); err != nil {
		return nil, nil, tc, err
	}
	var reg []Person
	err = EachRecord(ctx, tx, KindPerson, func(p *Person) { reg = append(reg, *p) })
	return f, reg, tc, err
}

// integratedStandards are the standards of the certifications audit a is
// audited with: its integrated audits', or the parts' of a plan.
func integratedStandards(tx Tx, a *Audit, parts []IntegratedPart) ([]Standard, error) {
	certs := make([]ID, 0, len(parts)+len(a.IntegratedWith))
	for _, pt := range parts {
		certs = append(certs, pt.CertificationID)
	}
	for _, id := range a.IntegratedWith {
		var o Audit
		if err := tx.Get(id, &o); err != nil {
			return nil, err
		}
		certs = append(certs, o.CertificationID)
	}
	var out []Standard
	for _, id := range certs {
		var c Certification
		if err := tx.Get(id, &c); err != nil {
			return nil, err
		}
		out = append(out, c.Standard)
	}
	return out, nil
}

// rangeAudits appends to out the audits an index files between lo and
// hi, each once when seen is given.
func rangeAudits(tx Tx, index string, lo, hi []byte, seen map[ID]bool, out *[]Audit) error {
	return tx.Range(index, lo, hi, func(_ []byte, id ID) error {
		if seen != nil {
			if seen[id] {
				return nil
			}
			seen[id] = true
		}
		var o Audit
		if err := tx.Get(id, &o); err != nil {
			return err
		}
		*out = append(*out, o)
		return nil
	})
}

// standardList is "ISO 9001 and ISO/IEC 42001".
func standardList(stds []Standard) string {
	s := make([]string, len(stds))
	for i, x := range stds {
		s[i] = string(x)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// TeamPool reads the register and the audits around a's dates and
// builds the team picker's candidates for audit a (a draft: its
// certification, kind and dates; a saved audit also by its id alone).
// parts are the other certifications of an integrated audit being
// planned (a saved one names them itself).
func (s *Service) TeamPool(ctx context.Context, a Audit, parts ...IntegratedPart) (TeamPool, error) {
	var out TeamPool
	err := s.store.View(ctx, func(tx Tx) error {
		f, reg, tc, err := suggestContext(ctx, tx, &a, parts)
		if err != nil {
			return err
		}
		out = BuildTeamPool(f, &a, reg, tc)
		return nil
	})
	return out, err
}

// SuggestTeam proposes a team for audit a (see the function SuggestTeam);
// a and parts as for TeamPool.
func (s *Service) SuggestTeam(ctx context.Context, a Audit, parts ...IntegratedPart) (TeamSuggestion, error) {
	var out TeamSuggestion
	err := s.store.View(ctx, func(tx Tx) error {
		f, reg, tc, err := suggestContext(ctx, tx, &a, parts)
		if err != nil {
			return err
		}
		out = SuggestTeam(f, &a, reg, tc)
		return nil
	})
	return out, err
}
