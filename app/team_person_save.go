package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// person reads the form; an error names the first thing to put right.
func (f *personForm) person() (certification.Person, error) {
	p := certification.Person{Name: strings.TrimSpace(f.name.Text), Email: strings.TrimSpace(f.email.Text), Roles: f.roles.roles()}
	if f.orig != nil {
		p.ID = f.orig.ID
		p.Inactive = f.inactive.Checked
	}
	if p.Name == "" {
		return p, errors.New("Give the person's name.")
	}
	if err := f.email.Validate(); err != nil {
		return p, errors.New("Email: " + err.Error() + ".")
	}
	if len(p.Roles) == 0 {
		return p, errors.New("Tick at least one role.")
	}
	c := &certification.PersonCompetence{}
	stds := map[certification.Standard]bool{}
	for i, r := range f.quals {
		q := certification.Qualification{Evidence: strings.TrimSpace(r.evidence.Text)}
		if j := r.standard.SelectedIndex(); j >= 0 {
			q.Standard = f.stds[j]
		} else {
			return p, fmt.Errorf("Qualification %d: choose the standard, or remove the row.", i+1)
		}
		if j := r.role.SelectedIndex(); j >= 0 {
			q.Role = pfQualRoles[j]
		} else {
			return p, fmt.Errorf("Qualification %d: choose the role.", i+1)
		}
		if err := r.validUntil.Validate(); err != nil {
			return p, fmt.Errorf("Qualification %d: valid until: %v.", i+1, err)
		}
		q.ValidUntil = date(r.validUntil)
		stds[q.Standard] = true
		c.Qualifications = append(c.Qualifications, q)
	}
	for _, std := range f.stds {
		if f.standards[std].Checked || stds[std] {
			c.Standards = append(c.Standards, std)
		}
	}
	c.Sectors = f.sectors.chosen()
	for _, a := range certification.AIAreas {
		if f.areas[a].Checked {
			c.AIAreas = append(c.AIAreas, a)
		}
	}
	for _, l := range strings.Split(f.languages.Text, ",") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(c.Languages, l) {
			c.Languages = append(c.Languages, l)
		}
	}
	if len(c.Standards) > 0 || len(c.Qualifications) > 0 || len(c.Sectors) > 0 || len(c.AIAreas) > 0 || len(c.Languages) > 0 {
		p.Competence = c
	}
	for i, r := range f.interests {
		in := certification.Interest{ClientID: r.clientID, Notes: strings.TrimSpace(r.notes.Text)}
		if in.ClientID == 0 {
			return p, fmt.Errorf("Interest %d: choose the client from the list, or remove the row.", i+1)
		}
		if j := r.kind.SelectedIndex(); j >= 0 {
			in.Kind = certification.InterestKinds[j]
		} else {
			return p, fmt.Errorf("Interest %d: choose the kind of link.", i+1)
		}
		if err := r.from.Validate(); err != nil {
			return p, fmt.Errorf("Interest %d: from: %v.", i+1, err)
		}
		if err := r.to.Validate(); err != nil {
			return p, fmt.Errorf("Interest %d: to: %v.", i+1, err)
		}
		in.From, in.To = date(r.from), date(r.to)
		p.Interests = append(p.Interests, in)
	}
	// The domain is the authority on what a valid person is.
	if err := p.Validate(); err != nil {
		var ve *certification.ValidationError
		var re *certification.RuleError
		switch {
		case errors.As(err, &ve):
			return p, errors.New(pfFieldText(ve.Field) + sentence(ve.Msg))
		case errors.As(err, &re):
			return p, errors.New(sentence(re.Msg) + " (rule " + re.Rule + ")")
		}
		return p, err
	}
	return p, nil
}

// pfFieldText names a field of the person record the way the form does:
// "interests[1].from" → "Interest 2: ".
func pfFieldText(field string) string {
	for prefix, name := range map[string]string{"interests[": "Interest", "competence.qualifications[": "Qualification"} {
		if rest, ok := strings.CutPrefix(field, prefix); ok {
			if n, _, ok := strings.Cut(rest, "]"); ok {
				if i, err := strconv.Atoi(n); err == nil {
					return fmt.Sprintf("%s %d: ", name, i+1)
				}
			}
		}
	}
	return ""
}

// competenceText sums up a person's competence for the register:
// "42001 lead auditor to 2027-06-30, 9001 auditor · sectors 33, 35 · AI risk, AI life cycle".
func competenceText(p *certification.Person) string {
	c := p.Competence
	if c == nil {
		return "—"
	}
	var parts []string
	var quals []string
	if len(c.Qualifications) > 0 {
		for _, q := range c.Qualifications {
			s := stdNumber(q.Standard) + " " + strings.ToLower(roleText(q.Role))
			if !q.ValidUntil.IsZero() {
				s += " to " + q.ValidUntil.String()
			}
			quals = append(quals, s)
		}
	} else {
		for _, s := range c.Standards {
			quals = append(quals, stdNumber(s))
		}
	}
	if len(quals) > 0 {
		parts = append(parts, strings.Join(quals, ", "))
	}
	if len(c.Sectors) > 0 {
		var codes []string
		for _, s := range c.Sectors {
			codes = append(codes, strconv.Itoa(s))
		}
		parts = append(parts, "sectors "+strings.Join(codes, ", "))
	}
	if len(c.AIAreas) > 0 {
		var as []string
		for _, a := range c.AIAreas {
			as = append(as, a.ShortLabel())
		}
		parts = append(parts, strings.Join(as, ", "))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " · ")
}

// submit saves the person off the UI goroutine; a refusal keeps the form
// open with what was typed. A person added to a body with an
// administrator gets an identity key next (identity.go): the first
// person of a body, who is its administrator, is the one working then.
func (f *personForm) submit() {
	u := f.u
	f.recordForm.submit(u, func(p certification.Person) command {
		what := "add the person"
		if p.ID != 0 {
			what = "save the person"
		}
		added, first, keyed := p.ID == 0, false, false
		return command{what: what, run: func(ctx context.Context, svc *certification.Service) error {
			if !added {
				return svc.UpdatePerson(ctx, p)
			}
			// The first person of a new body is its administrator
			// (certification/access.go), as with certctl.
			populated, err := view.HasPeople(ctx, svc)
			if err != nil {
				return err
			}
			if first = !populated; first {
				p = certification.FirstPerson(p)
			}
			if p.ID, err = svc.AddPerson(ctx, p); err != nil {
				return err
			}
			admins, err := svc.Administrators(ctx)
			keyed = len(admins) > 0
			return err
		}, before: func() {
			f.dlg.Hide()
			if first || !added && p.ID == u.actor.PersonID {
				u.setActor(p) // the header shows the new name
			}
		}, done: func() {
			if added && keyed {
				u.askNewKey(p, nil)
			}
		}}
	})
}
