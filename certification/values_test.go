package certification

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestCheckValues(t *testing.T) {
	for _, tc := range []struct {
		name   string
		record Record
		field  string // "" when accepted
	}{
		{"a sound client", &Client{LegalName: "Acme AI GmbH", EffectivePersonnel: 40}, ""},
		{"NaN personnel", &Client{LegalName: "Acme", EffectivePersonnel: math.NaN()}, "effective_personnel"},
		{"infinite personnel", &Client{LegalName: "Acme", EffectivePersonnel: math.Inf(1)}, "effective_personnel"},
		{"a name that is not UTF-8", &Client{LegalName: "Acme \xff GmbH", EffectivePersonnel: 1}, "legal_name"},
		{"a site name that is not UTF-8", &Client{LegalName: "Acme", EffectivePersonnel: 1, Sites: []Site{{Code: "HQ"}, {Code: "B", Name: "Lager \xfe"}}}, "sites[1].name"},
		{"negative infinity in planned days", &Audit{PlannedDays: math.Inf(-1)}, "planned_days"},
		{"a finding's evidence that is not UTF-8", &Finding{Evidence: "\xc3"}, "evidence"},
		{"a person's name that is not UTF-8", &Person{Name: "Ann \x80"}, "name"},
		{"a qualification's evidence behind a pointer", &Person{Name: "Ann", Competence: &PersonCompetence{Qualifications: []Qualification{{}, {Evidence: "cert \xff"}}}}, "competence.qualifications[1].evidence"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckValues(tc.record)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != tc.field || ve.Record != string(tc.record.RecordKind()) {
				t.Fatalf("got %v, want a refusal of %s.%s", err, tc.record.RecordKind(), tc.field)
			}
			if !strings.Contains(ve.Msg, "not UTF-8") && !strings.Contains(ve.Msg, "must be a number") {
				t.Errorf("the message %q does not say what is wrong", ve.Msg)
			}
		})
	}
}

// checkValues looks without paths first and names with them only what it
// found: what it refuses and accepts is what the walk with paths gives,
// for map keys and values and for fields JSON leaves out.
func TestCheckValuesNamesWhatTheWalkFinds(t *testing.T) {
	type withHidden struct {
		Shown  string            `json:"shown"`
		Hidden string            `json:"-"`
		Labels map[string]string `json:"labels"`
	}
	for _, tc := range []struct {
		name  string
		value withHidden
		field string // "" when accepted
	}{
		{"sound", withHidden{Shown: "a", Labels: map[string]string{"k": "v"}}, ""},
		{"bad bytes in a field JSON leaves out", withHidden{Hidden: "\xff"}, ""},
		{"a map value", withHidden{Labels: map[string]string{"k": "v\xff"}}, "labels.k"},
		{"a map key", withHidden{Labels: map[string]string{"k\xff": "v"}}, "labels key"},
		{"a field", withHidden{Shown: "\xfe"}, "shown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkValues("test", tc.value)
			var ve *ValidationError
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.field != "" && (!errors.As(err, &ve) || ve.Field != tc.field):
				t.Fatalf("got %v, want a refusal of %s", err, tc.field)
			}
		})
	}
}
