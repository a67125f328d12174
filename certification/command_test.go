package certification

import (
	"encoding/json"
	"reflect"
	"testing"

	"certdesk/audit/sampling"
)

// An AuditChange reads back from a command's arguments meaning what it
// meant: "clear the team, the sites, the sample" stays apart from "leave
// them".
func TestAuditChangeKeepsItsMeaningInJSON(t *testing.T) {
	var noSample *sampling.Sample
	var noTeam []TeamMember
	var noSites []string
	for _, ch := range []AuditChange{
		{},
		{Team: &noTeam, Sites: &noSites, Sample: &noSample},
		{Team: &[]TeamMember{{PersonID: 3, Role: TeamLead}}, Sample: func() **sampling.Sample { s := &sampling.Sample{Sites: 4}; return &s }()},
	} {
		data, err := json.Marshal(ch)
		if err != nil {
			t.Fatal(err)
		}
		var back AuditChange
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			name      string
			was, is   bool
			wasV, isV any
		}{
			{"team", ch.Team != nil, back.Team != nil, deref(ch.Team), deref(back.Team)},
			{"sites", ch.Sites != nil, back.Sites != nil, deref(ch.Sites), deref(back.Sites)},
			{"sample", ch.Sample != nil, back.Sample != nil, ch.Sample != nil && *ch.Sample != nil, back.Sample != nil && *back.Sample != nil},
		} {
			if f.was != f.is || (f.name != "sample" && reflect.ValueOf(f.wasV).Len() != reflect.ValueOf(f.isV).Len()) {
				t.Errorf("%s: given %v before JSON (%s), %v after", f.name, f.was, data, f.is)
			}
			if f.name == "sample" && f.wasV != f.isV {
				t.Errorf("sample: present %v before JSON (%s), %v after", f.wasV, data, f.isV)
			}
		}
	}
}

func deref[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}

// Every command names a method that takes a context first and returns
// an error last: Replay can call it.
func TestCommandsAreReplayable(t *testing.T) {
	ctxType := reflect.TypeFor[interface{ Done() <-chan struct{} }]()
	for name, m := range commands {
		ty := reflect.TypeOf(m)
		if ty.Kind() != reflect.Func || ty.NumIn() < 2 || ty.In(0) != reflect.TypeFor[*Service]() || !ty.In(1).Implements(ctxType) {
			t.Errorf("%s: %v does not take (*Service, context.Context, …)", name, ty)
			continue
		}
		if ty.NumOut() == 0 || ty.Out(ty.NumOut()-1) != reflect.TypeFor[error]() {
			t.Errorf("%s: %v does not return an error last", name, ty)
		}
	}
}
