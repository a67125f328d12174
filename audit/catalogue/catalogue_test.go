package catalogue

import "testing"

func TestISO42001Catalogue(t *testing.T) {
	c, err := For("ISO/IEC 42001:2023")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Controls()); n != 38 {
		t.Errorf("%d Annex A controls, want 38", n)
	}
	for _, ref := range []string{"4.1", "4.4", "5.2", "6.1.2", "6.1.4", "7.5", "8.4", "9.3", "10.2"} {
		if _, ok := c.Lookup(ref); !ok {
			t.Errorf("clause %s missing", ref)
		}
	}
	it, ok := c.Lookup("a.6.2.4")
	if !ok || it.Title != "AI system verification and validation" || it.Group != "A.6 AI system life cycle" {
		t.Errorf("A.6.2.4 = %+v, %v", it, ok)
	}
}

func TestCheckRef(t *testing.T) {
	for _, tc := range []struct {
		std, ref, want string
		ok             bool
	}{
		{"ISO/IEC 42001:2023", "8.2", "8.2", true},
		{"ISO/IEC 42001:2023", " A.7.4", "A.7.4", true},
		{"ISO/IEC 42001:2023", "Clause 6.1.3", "6.1.3", true},
		{"ISO/IEC 42001:2023", "A.11.1", "", false},
		{"ISO/IEC 42001:2023", "8.7", "", false},
		{"ISO 9001:2015", "8.7", "8.7", true},
		{"ISO 9001:2015", "A.6.2.4", "", false},
		{"ISO/IEC 27001:2022", "A.8.34", "A.8.34", true},
		{"ISO/IEC 27001:2022", "A.8.35", "", false},
		{"ISO/IEC 27001:2022", "A.5.7", "A.5.7", true},
	} {
		c, err := For(tc.std)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.CheckRef(tc.ref)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%s CheckRef(%q) = %q, %v; want %q ok=%v", tc.std, tc.ref, got, err, tc.want, tc.ok)
		}
	}
	if _, err := For("ISO 14001:2015"); err == nil {
		t.Error("an unknown standard has a catalogue")
	}
}
