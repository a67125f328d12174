package catalogue

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

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
		{"ISO/IEC 27001:2022", "a.8.24", "A.8.24", true},
		{"ISO/IEC 27001:2022", "A.8", "A.8", true}, // a group line: answers recorded on it before
		{"ISO/IEC 27001:2022", "A.5.38", "", false},
		{"ISO/IEC 27001:2022", "A.6.9", "", false},
		{"ISO/IEC 27001:2022", "A.7.15", "", false},
		{"ISO/IEC 27001:2022", "A.9", "", false},
		{"ISO/IEC 27001:2022", "9.3.3", "9.3.3", true},
		{"ISO/IEC 27001:2022", "9.3.4", "", false},
		{"ISO/IEC 27001:2022", "6.1", "6.1", true}, // a clause that has sub-clauses now
		{"ISO 9001:2015", "8.5.1", "8.5.1", true},
		{"ISO 9001:2015", "clause 7.1.5.2", "7.1.5.2", true},
		{"ISO 9001:2015", "8.5", "8.5", true},
		{"ISO 9001:2015", "8.5.9", "", false},
		{"ISO 9001:2015", "10.4", "", false},
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

func TestISO27001Catalogue(t *testing.T) {
	c, err := For("ISO/IEC 27001:2022")
	if err != nil {
		t.Fatal(err)
	}
	// Annex A of 27001:2022: 37 organizational, 8 people, 14 physical and
	// 34 technological controls, each listed once under its group.
	want := map[string]int{}
	for g, n := range map[string]int{"5": 37, "6": 8, "7": 14, "8": 34} {
		for i := 1; i <= n; i++ {
			want[fmt.Sprintf("A.%s.%d", g, i)] = 0
		}
	}
	ctl := c.Controls()
	if len(ctl) != 93 || len(want) != 93 {
		t.Errorf("%d Annex A controls, want 93", len(ctl))
	}
	for _, it := range ctl {
		n, ok := want[it.Ref]
		if !ok {
			t.Errorf("%s is not an Annex A control of 27001:2022", it.Ref)
		}
		want[it.Ref] = n + 1
	}
	for ref, n := range want {
		if n != 1 {
			t.Errorf("%s listed %d times, want once", ref, n)
		}
	}
	for _, tc := range []struct{ ref, group, title string }{
		{"A.5.1", "A.5 Organizational controls", "Policies for information security"},
		{"A.5.15", "A.5 Organizational controls", "Access control"},
		{"A.5.37", "A.5 Organizational controls", "Documented operating procedures"},
		{"A.6.1", "A.6 People controls", "Screening"},
		{"A.6.8", "A.6 People controls", "Information security event reporting"},
		{"A.7.4", "A.7 Physical controls", "Physical security monitoring"},
		{"A.7.14", "A.7 Physical controls", "Secure disposal or re-use of equipment"},
		{"A.8.1", "A.8 Technological controls", "User end point devices"},
		{"A.8.24", "A.8 Technological controls", "Use of cryptography"},
		{"A.8.34", "A.8 Technological controls", "Protection of information systems during audit testing"},
		{"6.1.3", "6 Planning", "Information security risk treatment"},
		{"7.5.3", "7 Support", "Control of documented information"},
		{"9.2.2", "9 Performance evaluation", "Internal audit programme"},
		{"9.3.3", "9 Performance evaluation", "Management review results"},
		{"10.2", "10 Improvement", "Nonconformity and corrective action"},
	} {
		it, ok := c.Lookup(tc.ref)
		if !ok || it.Group != tc.group || it.Title != tc.title {
			t.Errorf("%s = %+v, %v; want %q in %q", tc.ref, it, ok, tc.title, tc.group)
		}
	}
	// The group lines stay, as headings: findings and checklist entries
	// recorded on them before the controls were listed still resolve.
	for _, ref := range []string{"A.5", "A.6", "A.7", "A.8"} {
		if it, ok := c.Lookup(ref); !ok || it.Kind != Group {
			t.Errorf("group line %s = %+v, %v", ref, it, ok)
		}
	}
	if n := len(c.Clauses()); n != 41 {
		t.Errorf("%d clauses, want 41 (4–10 with 6.1.1–6.1.3, 7.5.1–7.5.3, 9.2.1–9.2.2 and 9.3.1–9.3.3)", n)
	}
}

func TestISO9001Catalogue(t *testing.T) {
	c, err := For("ISO 9001:2015")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Controls()); n != 0 {
		t.Errorf("%d controls in 9001, which has no Annex A", n)
	}
	if n := len(c.Clauses()); n != 91 {
		t.Errorf("%d clauses, want 91 (4–10 down to 7.1.5.2, 7.5.3.2 and 8.2.3.2)", n)
	}
	for _, tc := range []struct{ ref, title string }{
		{"4.4", "Quality management system and its processes"},
		{"5.1.2", "Customer focus"},
		{"7.1.5.2", "Measurement traceability"},
		{"7.1.6", "Organizational knowledge"},
		{"8.2.4", "Changes to requirements for products and services"},
		{"8.3.6", "Design and development changes"},
		{"8.4.3", "Information for external providers"},
		{"8.5.1", "Control of production and service provision"},
		{"8.5.6", "Control of changes"},
		{"8.6", "Release of products and services"},
		{"9.1.2", "Customer satisfaction"},
		{"9.3.3", "Management review outputs"},
		{"10.1", "General"},
		{"10.3", "Continual improvement"},
	} {
		if it, ok := c.Lookup(tc.ref); !ok || it.Title != tc.title {
			t.Errorf("%s = %+v, %v; want %q", tc.ref, it, ok, tc.title)
		}
	}
	// Untitled sub-clauses carry their clause's title and their topic.
	for _, ref := range []string{"4.4.1", "6.1.2", "7.5.3.1", "8.2.3.2", "8.7.2", "9.2.1", "10.2.2"} {
		it, ok := c.Lookup(ref)
		parent, _ := c.Lookup(ref[:strings.LastIndex(ref, ".")])
		if !ok || !strings.HasPrefix(it.Title, parent.Title+" — ") {
			t.Errorf("%s = %+v, want %q and its topic", ref, it, parent.Title)
		}
	}
}

// Every catalogue: each reference once, under the group its number says,
// below a line that exists (8.5.1 under 8.5, A.8.24 under the group of A.8).
func TestCatalogueStructure(t *testing.T) {
	for _, std := range []string{"ISO 9001:2015", "ISO/IEC 27001:2022", "ISO/IEC 42001:2023"} {
		c, err := For(std)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, it := range c.Items {
			if seen[it.Ref] {
				t.Errorf("%s: %s listed twice", std, it.Ref)
			}
			seen[it.Ref] = true
			if it.Title == "" || strings.TrimSpace(it.Title) != it.Title {
				t.Errorf("%s: %s has the title %q", std, it.Ref, it.Title)
			}
			parts := strings.Split(it.Ref, ".")
			head := parts[0]
			switch it.Kind {
			case Clause:
				if _, err := strconv.Atoi(head); err != nil {
					t.Errorf("%s: clause %s is not numbered", std, it.Ref)
				}
			case Control, Group:
				if head != "A" || len(parts) < 2 || (it.Kind == Group && len(parts) != 2) {
					t.Errorf("%s: %s %s is not numbered as Annex A", std, it.Kind, it.Ref)
				}
				head += "." + parts[1]
			default:
				t.Errorf("%s: %s has the kind %q", std, it.Ref, it.Kind)
			}
			if !strings.HasPrefix(it.Group, head+" ") {
				t.Errorf("%s: %s is in the group %q, want the group of %s", std, it.Ref, it.Group, head)
			}
			if it.Kind == Clause && len(parts) > 1 && !seen[strings.Join(parts[:len(parts)-1], ".")] {
				t.Errorf("%s: %s is listed before (or without) its clause", std, it.Ref)
			}
		}
	}
}

func TestUnknownRefSaysWhatToWrite(t *testing.T) {
	for _, tc := range []struct{ std, ref, want string }{
		{"ISO 9001:2015", "8.5.9", `"8.5.9" is not a clause of ISO 9001:2015: 8.5 Production and service provision has the sub-clauses 8.5.1 to 8.5.6; write one of them`},
		{"ISO 9001:2015", "8.7.3", `"8.7.3" is not a clause of ISO 9001:2015: 8.7 Control of nonconforming outputs has the sub-clauses 8.7.1 and 8.7.2; write one of them`},
		{"ISO 9001:2015", "8.5.1.1", `"8.5.1.1" is not a clause of ISO 9001:2015: 8.5.1 Control of production and service provision has no sub-clauses; write 8.5.1`},
		{"ISO 9001:2015", "A.6.2.4", `"A.6.2.4" is not a clause of ISO 9001:2015, which has no Annex A controls: write a clause, such as 8.2.3.1`},
		{"ISO 9001:2015", "11", `"11" is not a clause of ISO 9001:2015, which has no Annex A controls: write a clause, such as 8.2.3.1`},
		{"ISO/IEC 27001:2022", "A.8.35", `"A.8.35" is not a clause or Annex A control of ISO/IEC 27001:2022: A.8 Technological controls has the controls A.8.1 to A.8.34; write one of them`},
		{"ISO/IEC 27001:2022", "a.9.1", `"a.9.1" is not a clause or Annex A control of ISO/IEC 27001:2022: write a clause, such as 7.4, or a control, such as A.7.2`},
		{"ISO/IEC 42001:2023", "A.11.1", `"A.11.1" is not a clause or Annex A control of ISO/IEC 42001:2023: write a clause, such as 7.1, or a control, such as A.6.2.5`},
		{"ISO/IEC 42001:2023", "8.7", `"8.7" is not a clause or Annex A control of ISO/IEC 42001:2023: 8 Operation has the sub-clauses 8.1 to 8.4; write one of them`},
	} {
		c, err := For(tc.std)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.CheckRef(tc.ref); err == nil || err.Error() != tc.want {
			t.Errorf("%s CheckRef(%q) = %v\nwant %s", tc.std, tc.ref, err, tc.want)
		}
	}
}
