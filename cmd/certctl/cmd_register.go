package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// personCmd is the register of people.
type personCmd struct {
	Add        personAddCmd        `cmd:"" help:"add a person to the register"`
	List       personListCmd       `cmd:"" help:"list the register"`
	Key        personKeyCmd        `cmd:"" help:"set a new identity key for a person (yours, or anyone's as an administrator)"`
	Passphrase personPassphraseCmd `cmd:"" help:"change the passphrase of your identity key on this desk"`
	Interest   personInterestCmd   `cmd:"" help:"a person's declared interests in clients (consultancy, training, employment)"`
}

type personAddCmd struct {
	Name           string             `required:"" placeholder:"NAME" help:"full name"`
	Roles          csv                `required:"" placeholder:"ROLE" help:"roles, comma-separated or repeated"`
	Email          string             `placeholder:"ADDRESS" help:"e-mail address"`
	Standards      csv                `placeholder:"STD" help:"standards qualified for in each auditing role held (42001, 9001, 27001); repeat or comma-separate"`
	Sectors        csv                `placeholder:"CODE" help:"IAF sector codes (1–39) the person is competent for; repeat or comma-separate"`
	AIAreas        csv                `name:"ai-areas" placeholder:"AREA" help:"AI competence areas: ${ai_areas}; repeat or comma-separate"`
	Languages      csv                `placeholder:"LANG" help:"languages audited in; repeat or comma-separate"`
	Evidence       string             `help:"what the qualifications rest on (course, witnessed audit, approval record)"`
	QualifiedUntil certification.Date `help:"last day the qualifications hold (default: no end)"`
}

func (personAddCmd) Help() string {
	return `Adds a person to the register. Roles: scheme-manager, lead-auditor,
auditor, technical-expert, decision-maker (comma-separated or repeated).
The first person may be added without --as (recorded as "system"): they
are the body's administrator, and their identity key is made at once.
In a body with an administrator, the person added gets an identity key
too, sealed with a passphrase you give them ($CERTDESK_NEW_PASSPHRASE, or
asked twice). Since you know that one, they then make a key only they
know: 'certctl person key NAME --as NAME'.
Competence: --standards qualifies the person for each standard in each
auditing role they hold (with --evidence and --qualified-until);
--sectors takes IAF codes, --ai-areas one or more of
` + joinValues(certification.AIAreas) + `.
Audits are confirmed only with a team whose competence covers the client
(see team-check); 'certctl person interest' declares a person's links
with clients.`
}

func (c *personAddCmd) Run(e *env) error {
	if strings.TrimSpace(c.Name) == "" {
		return inputf("--name is required")
	}
	if len(c.Roles) == 0 {
		return inputf("--roles is required: give one or more of %v", certification.Roles)
	}
	if err := e.open(); err != nil { // first: the body's added standards are known once it is open
		return err
	}
	comp, err := competenceFlags(c.Roles, c.Standards, c.Sectors, c.AIAreas, c.Languages, c.Evidence, c.QualifiedUntil)
	if err != nil {
		return err
	}
	// Bootstrap: the first person of a new register is added by "system"
	// and is the body's administrator (certification/access.go); after
	// that the register is the administrator's.
	populated, err := view.HasPeople(e.ctx, e.svc)
	if err != nil {
		return err
	}
	svc := e.svc
	if populated {
		var err error
		if svc, err = e.service(false); err != nil {
			return err
		}
	}
	p := certification.Person{Name: strings.TrimSpace(c.Name), Email: c.Email, Competence: comp}
	for _, r := range c.Roles {
		p.Roles = append(p.Roles, certification.Role(r))
	}
	if !populated {
		p = certification.FirstPerson(p)
	}
	// A person of a body with an administrator gets a key: its passphrase
	// is asked before anything is written.
	admins, err := e.svc.Administrators(e.ctx)
	if err != nil {
		return err
	}
	var pass []byte
	if len(admins) > 0 || !populated {
		if pass, err = e.newPassphraseFor(p.Name + "'s identity key"); err != nil {
			return err
		}
	}
	id, err := svc.AddPerson(e.ctx, p)
	if err != nil {
		return err
	}
	p.ID = id
	if pass != nil {
		if !populated {
			svc = svc.As(certification.Actor{PersonID: id, Name: p.Name})
		}
		if _, err := e.setNewKey(svc, p, pass); err != nil {
			return fmt.Errorf("%s was added (person %d) but has no identity key yet: %w; set one with 'certctl person key %d'", p.Name, id, err, id)
		}
	}
	if e.json {
		return e.writeJSON(map[string]any{"person": p})
	}
	e.printf("Added person %d: %s (%s)\n", id, p.Name, joinValues(p.Roles))
	return nil
}

// sectorCodes reads IAF sector codes given as 33 or "IAF 33".
func sectorCodes(flag string, vals []string) ([]int, error) {
	var out []int
	for _, v := range vals {
		n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(v)), "IAF "))
		if err != nil {
			return nil, inputf("--%s: %q is not an IAF sector code (a number from 1 to 39)", flag, v)
		}
		out = append(out, n)
	}
	return out, nil
}

// competenceFlags reads person add's competence flags: each standard is
// a qualification in each auditing role the person holds.
func competenceFlags(roles, stds, sectors, areas, langs []string, evidence string, validUntil certification.Date) (*certification.PersonCompetence, error) {
	if len(stds)+len(sectors)+len(areas)+len(langs) == 0 && evidence == "" && validUntil.IsZero() {
		return nil, nil
	}
	c := &certification.PersonCompetence{Languages: langs}
	for _, v := range stds {
		std, err := standardFlag("--standards", v)
		if err != nil {
			return nil, err
		}
		c.Standards = append(c.Standards, std)
		for _, r := range roles {
			switch certification.Role(r) {
			case certification.RoleLeadAuditor, certification.RoleAuditor, certification.RoleTechnicalExpert, certification.RoleDecisionMaker:
				c.Qualifications = append(c.Qualifications, certification.Qualification{Standard: std, Role: certification.Role(r), Evidence: evidence, ValidUntil: validUntil})
			}
		}
	}
	var err error
	if c.Sectors, err = sectorCodes("sectors", sectors); err != nil {
		return nil, err
	}
	for _, v := range areas {
		c.AIAreas = append(c.AIAreas, certification.AIArea(v))
	}
	return c, nil
}

// joinValues lists values as "a, b, c".
func joinValues[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

type personListCmd struct{}

func (personListCmd) Run(e *env) error {
	svc, err := e.reader()
	if err != nil {
		return err
	}
	people, err := view.People(e.ctx, svc)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"people": jsonList(people)})
	}
	t := e.table("ID", "NAME", "ROLES", "EMAIL")
	for _, p := range people {
		name := p.Name
		if p.Inactive {
			name += " (inactive)"
		}
		t.row(p.ID, name, joinValues(p.Roles), p.Email)
	}
	t.flush()
	return nil
}

// clientCmd adds, lists and shows clients.
type clientCmd struct {
	Add  clientAddCmd  `cmd:"" help:"add a client"`
	List clientListCmd `cmd:"" help:"list clients (with --search: by name prefix)"`
	Show clientShowCmd `cmd:"" help:"a client with its certifications, audits, findings, decisions and obligations"`
	Lang clientLangCmd `cmd:"" name:"language" help:"the language a client's certificate is printed in: en, fr or el"`
}

type clientAddCmd struct {
	Name        string  `placeholder:"NAME" help:"legal name"`
	TradingName string  `placeholder:"NAME" help:"trading name"`
	Address     string  `placeholder:"ADDRESS" help:"registered address"`
	Personnel   float64 `help:"effective personnel (full-time equivalents in scope)"`
	Sector      csv     `placeholder:"CODE" help:"IAF sector code (1–39); repeat or comma-separate"`
	AIRole      csv     `name:"ai-role" placeholder:"ROLE" help:"AI role: producer, provider, developer, user, partner; repeat or comma-separate"`
	Site        multi   `placeholder:"CODE:ADDRESS[:central][:PERSONNEL]" help:"a site; repeat for several"`
	DocLanguage string  `name:"doc-language" placeholder:"LANG" help:"the language its certificate is printed in: en (default), fr or el"`
}

func (clientAddCmd) Help() string {
	return `Adds a client. --sector takes IAF codes (1–39), --ai-role one of producer,
provider, developer, user, partner; both may be repeated or comma-separated.
--site CODE:ADDRESS[:central][:PERSONNEL] adds a site (repeat for several;
a client with several sites needs exactly one central site).`
}

func (f *clientAddCmd) Run(e *env) error {
	c := certification.Client{LegalName: strings.TrimSpace(f.Name), TradingName: strings.TrimSpace(f.TradingName), RegisteredAddress: strings.TrimSpace(f.Address), EffectivePersonnel: f.Personnel, DocLanguage: f.DocLanguage}
	var err error
	if c.Sectors, err = sectorCodes("sector", f.Sector); err != nil {
		return err
	}
	for _, r := range f.AIRole {
		c.AIRoles = append(c.AIRoles, certification.AIRole(r))
	}
	for _, s := range f.Site {
		site, err := parseSite(s)
		if err != nil {
			return err
		}
		c.Sites = append(c.Sites, site)
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	id, err := svc.AddClient(e.ctx, c)
	if err != nil {
		return err
	}
	if e.json {
		return e.showClientRecord(svc, id)
	}
	e.printf("Added client %d: %s\n", id, c.LegalName)
	return nil
}

func (e *env) showClientRecord(svc *certification.Service, id certification.ID) error {
	c, err := svc.Client(e.ctx, id)
	if err != nil {
		return err
	}
	return e.writeJSON(map[string]any{"client": c})
}

// parseSite reads CODE:ADDRESS[:central][:PERSONNEL]. The address may
// itself contain colons: only a trailing "central" and a trailing number
// are taken off.
func parseSite(s string) (certification.Site, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 {
		return certification.Site{}, inputf("--site: write CODE:ADDRESS[:central][:PERSONNEL], got %q", s)
	}
	site := certification.Site{Code: strings.TrimSpace(parts[0])}
	rest := parts[1:]
	for len(rest) > 1 {
		last := strings.TrimSpace(rest[len(rest)-1])
		if n, err := strconv.Atoi(last); err == nil && site.Personnel == 0 && !site.Central {
			site.Personnel = n
		} else if strings.EqualFold(last, "central") && !site.Central {
			site.Central = true
		} else {
			break
		}
		rest = rest[:len(rest)-1]
	}
	site.Address = strings.TrimSpace(strings.Join(rest, ":"))
	return site, nil
}

type clientListCmd struct {
	Search string             `help:"only clients whose legal name starts with TEXT"`
	AsOf   certification.Date `help:"date for what falls due (default today)"`
}

func (clientListCmd) Help() string {
	return `Lists clients in name order with their open standards and what falls due. --search lists the clients whose legal name starts with TEXT (case and spacing ignored).`
}

func (c *clientListCmd) Run(e *env) error {
	asOf := e.orToday(c.AsOf)
	svc, err := e.reader()
	if err != nil {
		return err
	}
	rows, err := view.ClientRows(e.ctx, svc, asOf)
	if err != nil {
		return err
	}
	if q := certification.Fold(c.Search); q != "" {
		ids, err := view.ClientsStartingWith(e.ctx, svc, q)
		if err != nil {
			return err
		}
		match := map[certification.ID]bool{}
		for _, id := range ids {
			match[id] = true
		}
		rows = slices.DeleteFunc(rows, func(r view.ClientRow) bool { return !match[r.ID] })
	}
	if e.json {
		return e.writeJSON(map[string]any{"as_of": asOf, "clients": jsonList(rows)})
	}
	t := e.table("ID", "NAME", "PERSONNEL", "SITES", "SECTORS", "STANDARDS", "NEXT DUE", "OVERDUE")
	for _, r := range rows {
		var stds []string
		for _, s := range r.Standards {
			stds = append(stds, s.Short())
		}
		var secs []string
		for _, s := range r.Sectors {
			secs = append(secs, strconv.Itoa(s))
		}
		t.row(r.ID, r.Name(), strconv.FormatFloat(r.Personnel, 'f', -1, 64), r.Sites, strings.Join(secs, ","), strings.Join(stds, ","), r.NextDue, r.Overdue)
	}
	t.flush()
	e.printf("%d client(s)\n", len(rows))
	return nil
}

// standard reads --standard: a standard in full or short form, one
// CertDesk ships or one the body added (known once the data folder is
// open).
func standard(s string) (certification.Standard, error) { return standardFlag("--standard", s) }

// standardFlag is standard for the flag named flag.
func standardFlag(flag, s string) (certification.Standard, error) {
	t := strings.TrimSpace(s)
	all := certification.AllStandards()
	short := make([]string, len(all))
	var by []certification.Standard // by its number: 27001 may name two editions
	for i, std := range all {
		if strings.EqualFold(t, string(std)) {
			return std, nil
		}
		if t == std.Short() || strings.EqualFold(t, "ISO "+std.Short()) || strings.EqualFold(t, "ISO/IEC "+std.Short()) {
			by = append(by, std)
		}
		short[i] = std.Short()
	}
	switch len(by) {
	case 1:
		return by[0], nil
	case 0:
	default:
		return "", inputf("%s: %q names %s: write the full name", flag, s, joinQuoted(by))
	}
	return "", inputf("%s: %q is not a standard the body certifies: use %s (or the full name, e.g. %q), or add it first (certctl standard add)", flag, s, strings.Join(short, ", "), certification.ISO42001)
}

// certificationCmd opens certifications.
type certificationCmd struct {
	Add       certificationAddCmd       `cmd:"" help:"open a client's application for a standard"`
	AuditTime certificationAuditTimeCmd `cmd:"" name:"audit-time" help:"record the contract's audit-time adjustments (cmd_audit_time.go)"`
	Transfer  certificationTransferCmd  `cmd:"" help:"record the pre-transfer review of another body's certificate (IAF MD 2; cmd_transfer.go)"`
}

type certificationAddCmd struct {
	Client   certification.ID   `required:"" help:"client id"`
	Standard string             `required:"" placeholder:"STANDARD" help:"ISO/IEC 42001:2023, ISO 9001:2015, ISO/IEC 27001:2022 or 42001, 9001, 27001"`
	Scope    string             `help:"scope of certification"`
	Applied  certification.Date `help:"date of the application (default today)"`
}

func (certificationAddCmd) Help() string {
	return `Opens an application. STANDARD is "ISO/IEC 42001:2023", "ISO 9001:2015", "ISO/IEC 27001:2022" or the short forms 42001, 9001, 27001, or a standard the body added (certctl standard list), by its name or number.`
}

func (c *certificationAddCmd) Run(e *env) error {
	cid, on := c.Client, c.Applied
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	s, err := standard(c.Standard)
	if err != nil {
		return err
	}
	id, err := svc.AddCertification(e.ctx, certification.Certification{ClientID: cid, Standard: s, Scope: strings.TrimSpace(c.Scope), Applied: on})
	if err != nil {
		return err
	}
	file, err := svc.File(e.ctx, id)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"certification": file.Certification})
	}
	e.printf("Added certification %d: %s for %s (client %d), applied %s\n", id, s, file.Client.LegalName, cid, file.Certification.Applied)
	return nil
}

// joinQuoted lists standards, each in quotes: "A", "B" and "C".
func joinQuoted(stds []certification.Standard) string {
	q := make([]string, len(stds))
	for i, s := range stds {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
