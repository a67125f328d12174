package certification_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/document"
	"certdesk/certification/view"
	"certdesk/storage"
)

// A demo body: every certificate in force on the date is published with
// its status then, and the data passes CertSearch's checks.
func TestCertSearchFromDemo(t *testing.T) {
	ctx := context.Background()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	asOf := NewDate(2026, 11, 25)
	if _, err := demo.Generate(ctx, db, demo.Options{Clients: 40, Seed: 1, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	svc := NewService(db, FixedClock(asOf.Time()))
	data, err := document.NewCertSearch(ctx, svc, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if err := data.Validate(); err != nil {
		t.Fatalf("demo data refused: %v", err)
	}
	sts, err := view.Certificates(ctx, svc, asOf)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, s := range sts {
		want[s.Number] = map[CertificateStatus]string{CertActive: "Active", CertSuspended: "Suspended", CertWithdrawn: "Withdrawn", CertExpired: "Expired"}[s.Status]
	}
	if len(data.Certificates) != len(want) || len(data.Certificates) < 20 {
		t.Fatalf("%d certificates published, %d in force on %s", len(data.Certificates), len(want), asOf)
	}
	statuses := map[string]int{}
	entities := map[string]bool{}
	for _, e := range data.Entities {
		entities[e.UniqueID] = true
		if !strings.HasPrefix(e.UniqueID, "client-") || e.Name == "" || e.Address.Full == "" || e.Address.Country == "" {
			t.Errorf("entity %+v", e)
		}
	}
	for i, c := range data.Certificates {
		if c.Status != want[c.Number] {
			t.Errorf("certificate %s: status %q, want %q", c.Number, c.Status, want[c.Number])
		}
		statuses[c.Status]++
		if !entities[c.EntityID] {
			t.Errorf("certificate %s names entity %s, not in the upload", c.Number, c.EntityID)
		}
		if c.Scheme != document.CertSearchScheme(Standard(c.Standard)) || c.Scheme == "" || c.Accreditation != "Accredited" || c.Type != "Management System" {
			t.Errorf("certificate %s: scheme %q standard %q accreditation %q type %q", c.Number, c.Scheme, c.Standard, c.Accreditation, c.Type)
		}
		if c.Issue > asOf || c.Expiry < c.Issue || c.OriginalIssue > c.Issue || len(c.Sites) == 0 {
			t.Errorf("certificate %s: dates %s %s %s, %d sites", c.Number, c.OriginalIssue, c.Issue, c.Expiry, len(c.Sites))
		}
		for _, s := range c.Sectors {
			if title, _ := document.IAFSectorTitle(s.Code); s.Name != title || title == "" {
				t.Errorf("certificate %s: sector %d named %q", c.Number, s.Code, s.Name)
			}
		}
		if i > 0 && data.Certificates[i-1].Number > c.Number {
			t.Errorf("certificates not in number order at %s", c.Number)
		}
	}
	if statuses["Active"] == 0 || len(statuses) < 2 {
		t.Errorf("statuses %v: the demo should publish active and other certificates", statuses)
	}
	if title, ok := document.IAFSectorTitle(33); !ok || title != "Information technology" {
		t.Errorf("IAF 33 = %q", title)
	}
}

// The revision in force on the date is published, with the status then;
// nothing before the grant.
func TestCertSearchAsOf(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		cl, err := view.Client(w.ctx, w.svc, w.client, day("2025-01-06"))
		w.must(err)
		c := cl.Client
		c.RegisteredAddress = "Hauptstraße 1, 10115 Berlin, Germany"
		c.TradingName = "Acme"
		w.must(w.svc.UpdateClient(w.ctx, c))
		w.certify()
		w.runAudit(Surveillance, "2026-02-02", "2026-02-03", "", RecommendMaintain)
		// Sectors come from the client record as it is now.
		c.Sectors = []int{33, 35}
		w.must(w.svc.UpdateClient(w.ctx, c))
		w.must1(w.decide(Suspend, "2026-06-01"))
		w.clk.reach(day("2026-06-10"))
		_, err = w.svc.Decide(w.ctx, Decision{CertificationID: w.cert, Kind: ReduceScope, Date: day("2026-06-10"), Makers: []ID{w.decider}, Reasons: "r", NewScope: "Operation of AI credit scoring"})
		w.must(err)

		for _, tc := range []struct {
			asOf     string
			n        int
			status   string
			scope    string
			issue    string
			revision int
		}{
			{"2025-03-19", 0, "", "", "", 0},
			{"2025-03-20", 1, "Active", "Development of AI credit scoring", "2025-03-20", 1},
			{"2026-06-05", 1, "Suspended", "Development of AI credit scoring", "2025-03-20", 1},
			{"2026-06-10", 1, "Suspended", "Operation of AI credit scoring", "2026-06-10", 2},
			{"2028-04-01", 1, "Expired", "Operation of AI credit scoring", "2026-06-10", 2},
		} {
			data, err := document.NewCertSearch(w.ctx, w.svc, day(tc.asOf))
			w.must(err)
			if len(data.Certificates) != tc.n {
				t.Fatalf("as of %s: %d certificates, want %d", tc.asOf, len(data.Certificates), tc.n)
			}
			if tc.n == 0 {
				if len(data.Entities) != 0 {
					t.Errorf("as of %s: entities %+v without certificates", tc.asOf, data.Entities)
				}
				continue
			}
			x := data.Certificates[0]
			if x.Status != tc.status || x.Scope != tc.scope || x.Issue != day(tc.issue) || x.Revision != tc.revision ||
				x.OriginalIssue != day("2025-03-20") || x.Number != "CD-42001-2025-00001" {
				t.Errorf("as of %s: %+v", tc.asOf, x)
			}
			if x.IdentityNumber != "certification-"+w.cert.String() || x.EntityID != "client-"+w.client.String() || x.Standard != "ISO/IEC 42001:2023" ||
				x.Scheme != "Artificial Intelligence Management Systems" {
				t.Errorf("as of %s: ids and scheme %+v", tc.asOf, x)
			}
			if len(x.Sectors) != 2 || x.Sectors[1] != (document.CertSearchSector{Code: 35, Name: "Other services"}) {
				t.Errorf("sectors %+v", x.Sectors)
			}
			if len(x.Sites) != 1 || x.Sites[0].Address.Country != "Germany" || x.Sites[0].Scope != tc.scope {
				t.Errorf("sites %+v", x.Sites)
			}
			e := data.Entities[0]
			if len(data.Entities) != 1 || e.Name != "Acme Analytics GmbH" || e.TradingName != "Acme" || e.Address.Full != "Hauptstraße 1, 10115 Berlin, Germany" {
				t.Errorf("entities %+v", data.Entities)
			}
			w.must(data.Validate())
		}
	})
}

// An address whose country cannot be read is refused, naming the
// certificate and the site.
func TestCertSearchSiteCountryRequired(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st) // registered address "Hauptstr. 1, Berlin": no country
		w.certify()
		data, err := document.NewCertSearch(w.ctx, w.svc, day("2025-04-01"))
		w.must(err)
		err = data.Validate()
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Record != "certificate CD-42001-2025-00001" || ve.Field != "sites[0].country" || !strings.Contains(ve.Msg, "street, postcode city, country") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestCertSearchAddress(t *testing.T) {
	for _, tc := range []struct{ in, country string }{
		{"Hauptstraße 1, 10115 Berlin, Germany", "Germany"},
		{"12 High Street, London AB1 2CD, United Kingdom", "United Kingdom"},
		{"Hauptstr. 1, Berlin", ""},
		{"Hafenstraße 1, 20457 Hamburg", ""},
		{"1 Main St, Springfield, 12345", ""},
		{"Line one\nLine two, 1000 Town,  Austria ", "Austria"},
	} {
		a := document.CertSearchAddressOf(tc.in)
		if a.Country != tc.country || strings.ContainsAny(a.Full, "\n") {
			t.Errorf("%q: %+v, want country %q", tc.in, a, tc.country)
		}
	}
}

// certSearchData builds n valid certificates of n/2 entities.
func certSearchData(n int) *document.CertSearchData {
	d := &document.CertSearchData{AsOf: NewDate(2026, 11, 25), Body: "Test body"}
	for i := 1; i <= (n+1)/2; i++ {
		d.Entities = append(d.Entities, document.CertSearchEntity{UniqueID: fmt.Sprintf("client-%d", i), Name: fmt.Sprintf("Client %d GmbH", i),
			Address: document.CertSearchAddressOf(fmt.Sprintf("Straße %d, 10115 Berlin, Germany", i)), ClientID: ID(i)})
	}
	for i := 1; i <= n; i++ {
		d.Certificates = append(d.Certificates, document.CertSearchCert{
			IdentityNumber: fmt.Sprintf("certification-%d", i), EntityID: fmt.Sprintf("client-%d", (i+1)/2),
			Number: fmt.Sprintf("CD-9001-2025-%05d", i), Status: "Active", Accreditation: document.CertSearchAccredited, Type: document.CertSearchType,
			Scope: "Design of things", OriginalIssue: NewDate(2025, 1, 10), Issue: NewDate(2025, 1, 10), Expiry: NewDate(2028, 1, 9),
			Sites:  []document.CertSearchSite{{Code: "HQ", Address: document.CertSearchAddressOf("Straße 1, 10115 Berlin, Germany"), Scope: "Design"}},
			Scheme: document.CertSearchScheme(ISO9001), Standard: string(ISO9001),
			Sectors: []document.CertSearchSector{{Code: 33, Name: "Information technology"}},
		})
	}
	return d
}

func TestCertSearchValidate(t *testing.T) {
	for _, tc := range []struct {
		name          string
		edit          func(d *document.CertSearchData)
		record, field string
	}{
		{"status", func(d *document.CertSearchData) { d.Certificates[1].Status = "Draft" }, "certificate CD-9001-2025-00002", "status"},
		{"accreditation", func(d *document.CertSearchData) { d.Certificates[0].Accreditation = "" }, "certificate CD-9001-2025-00001", "accreditation status"},
		{"identity too long", func(d *document.CertSearchData) { d.Certificates[2].IdentityNumber = strings.Repeat("x", 61) }, "certificate CD-9001-2025-00003", "identity number"},
		{"identity twice", func(d *document.CertSearchData) { d.Certificates[2].IdentityNumber = "certification-1" }, "certificate CD-9001-2025-00003", "identity number"},
		{"no number", func(d *document.CertSearchData) { d.Certificates[0].Number, d.Certificates[0].CertificateID = "", 7 }, "certificate revision 7", "number"},
		{"no expiry", func(d *document.CertSearchData) { d.Certificates[1].Expiry = 0 }, "certificate CD-9001-2025-00002", "expiry date"},
		{"expiry before issue", func(d *document.CertSearchData) { d.Certificates[1].Expiry = NewDate(2024, 1, 1) }, "certificate CD-9001-2025-00002", "expiry date"},
		{"no scheme", func(d *document.CertSearchData) { d.Certificates[0].Scheme = "" }, "certificate CD-9001-2025-00001", "scheme name"},
		{"entity missing", func(d *document.CertSearchData) { d.Certificates[3].EntityID = "client-99" }, "certificate CD-9001-2025-00004", "certified entity"},
		{"site country", func(d *document.CertSearchData) { d.Certificates[3].Sites[0].Address.Country = "" }, "certificate CD-9001-2025-00004", "sites[0].country"},
		{"sector", func(d *document.CertSearchData) { d.Certificates[0].Sectors[0].Code = 40 }, "certificate CD-9001-2025-00001", "sectors[0]"},
		{"entity id too long", func(d *document.CertSearchData) {
			d.Entities[0].UniqueID = strings.Repeat("e", 46)
			d.Certificates[0].EntityID, d.Certificates[1].EntityID = d.Entities[0].UniqueID, d.Entities[0].UniqueID
		}, "certified entity " + strings.Repeat("e", 46), "unique id"},
		{"entity name too long", func(d *document.CertSearchData) { d.Entities[1].Name = strings.Repeat("n", 301) }, "certified entity client-2", "name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := certSearchData(6)
			if err := d.Validate(); err != nil {
				t.Fatalf("valid data refused: %v", err)
			}
			tc.edit(d)
			err := d.Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Record != tc.record || ve.Field != tc.field {
				t.Fatalf("got %v, want %s: %s", err, tc.record, tc.field)
			}
		})
	}
	// Many problems: the first twenty, then a count.
	d := certSearchData(30)
	for i := range d.Certificates {
		d.Certificates[i].Status = ""
	}
	err := d.Validate()
	if err == nil || strings.Count(err.Error(), "\n") != 20 || !strings.Contains(err.Error(), "and 10 more problems") {
		t.Fatalf("got %v", err)
	}
}

func TestCertSearchSplit(t *testing.T) {
	d := certSearchData(document.CertSearchFileLimit + 3)
	parts := d.Split(document.CertSearchFileLimit)
	if len(parts) != 2 || len(parts[0].Certificates) != document.CertSearchFileLimit || len(parts[1].Certificates) != 3 {
		t.Fatalf("parts of %d and %d", len(parts[0].Certificates), len(parts[len(parts)-1].Certificates))
	}
	for i, p := range parts {
		names := map[string]bool{}
		for _, c := range p.Certificates {
			names[c.EntityID] = true
		}
		var ids []string
		for _, e := range p.Entities {
			ids = append(ids, e.UniqueID)
		}
		if len(ids) != len(names) {
			t.Errorf("part %d: %d entities for certificates of %d", i+1, len(ids), len(names))
		}
		for _, id := range ids {
			if !names[id] {
				t.Errorf("part %d: entity %s has no certificate in the part", i+1, id)
			}
		}
		if err := p.Validate(); err != nil {
			t.Errorf("part %d: %v", i+1, err)
		}
	}
	// Certificate 10,001 shares client-5001 with 10,000: both parts hold it.
	if !slices.ContainsFunc(parts[1].Entities, func(e document.CertSearchEntity) bool { return e.UniqueID == "client-5001" }) {
		t.Errorf("part 2 entities %v", parts[1].Entities)
	}
	if p := (&document.CertSearchData{}).Split(10); len(p) != 1 || len(p[0].Certificates) != 0 {
		t.Errorf("an empty upload splits into %d parts", len(p))
	}
	if document.CertSearchFileName(2) != "cb_certs_2.xlsx" {
		t.Error(document.CertSearchFileName(2))
	}
}
