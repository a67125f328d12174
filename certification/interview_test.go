package certification_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	. "certdesk/certification"
)

// TestChecklistInterviews: interviews are recorded with their item, each
// naming whom, dated on a day of the audit that has come.
func TestChecklistInterviews(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		a := w.planAudit(Stage1, "2025-03-10", "2025-03-12", 0)
		w.must(w.svc.ChangeAudit(w.ctx, a, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-03-11")) // today; the audit began yesterday
		w.must(w.svc.ChangeAudit(w.ctx, a, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))

		ok := Interview{Whom: "Carla CISO", Role: "Chief information security officer", On: day("2025-03-11"), Notes: "AI policy approved by the board"}
		with := func(f func(*Interview)) []Interview { iv := ok; f(&iv); return []Interview{iv} }
		many := func(n int) []Interview {
			out := make([]Interview, n)
			for i := range out {
				out[i] = ok
			}
			return out
		}
		for _, tc := range []struct {
			name  string
			ivs   []Interview
			rule  string // refused by this rule, or
			field string // refused on this field, or accepted
		}{
			{name: "today", ivs: with(func(iv *Interview) {})},
			{name: "tomorrow", ivs: with(func(iv *Interview) { iv.On = day("2025-03-12") }), rule: RuleFutureDate},
			{name: "on the audit's actual start", ivs: with(func(iv *Interview) { iv.On = day("2025-03-10") })},
			{name: "the day before the audit's actual start", ivs: with(func(iv *Interview) { iv.On = day("2025-03-09") }), rule: RuleDatesBackwards},
			{name: "no date", ivs: with(func(iv *Interview) { iv.On = 0 }), field: "interviews[0].on"},
			{name: "empty whom", ivs: with(func(iv *Interview) { iv.Whom = "" }), field: "interviews[0].whom"},
			{name: "blank whom", ivs: with(func(iv *Interview) { iv.Whom = " \t" }), field: "interviews[0].whom"},
			{name: "the third names nobody", ivs: append(many(2), Interview{On: ok.On}), field: "interviews[2].whom"},
			{name: "no role", ivs: with(func(iv *Interview) { iv.Role = "" })},
			{name: "name at the limit", ivs: with(func(iv *Interview) { iv.Whom = strings.Repeat("n", MaxInterviewName) })},
			{name: "name over the limit", ivs: with(func(iv *Interview) { iv.Whom = strings.Repeat("n", MaxInterviewName+1) }), field: "interviews[0].whom"},
			{name: "role over the limit", ivs: with(func(iv *Interview) { iv.Role = strings.Repeat("r", MaxInterviewName+1) }), field: "interviews[0].role"},
			{name: "notes at the limit", ivs: with(func(iv *Interview) { iv.Notes = strings.Repeat("x", MaxInterviewNotes) })},
			{name: "notes over the limit", ivs: with(func(iv *Interview) { iv.Notes = strings.Repeat("x", MaxInterviewNotes+1) }), field: "interviews[0].notes"},
			{name: "as many as allowed", ivs: many(MaxInterviews)},
			{name: "one too many", ivs: many(MaxInterviews + 1), field: "interviews"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				err := w.svc.RecordChecklist(w.ctx, a, ChecklistEntry{Ref: "S1.1", Result: ResultConform, Interviews: tc.ivs})
				switch {
				case tc.rule != "":
					w.refused(err, tc.rule)
				case tc.field != "":
					w.refusedInput(err, tc.field)
				default:
					w.must(err)
					e := w.entry(a, "S1.1")
					if !reflect.DeepEqual(e.Interviews, tc.ivs) {
						t.Fatalf("read back %d interviews, recorded %d: %+v", len(e.Interviews), len(tc.ivs), e.Interviews)
					}
				}
			})
		}

		// Text is trimmed; a refused entry in a list is named and leaves
		// nothing behind.
		w.must(w.svc.RecordChecklist(w.ctx, a, ChecklistEntry{Ref: "S1.2", Result: ResultOFI, Interviews: []Interview{{Whom: "  Ole Owner ", Role: " Product owner ", On: day("2025-03-10"), Notes: "Scope\n"}}}))
		if got := w.entry(a, "S1.2").Interviews; len(got) != 1 || got[0] != (Interview{Whom: "Ole Owner", Role: "Product owner", On: day("2025-03-10"), Notes: "Scope"}) {
			t.Fatalf("trimmed = %+v", got)
		}
		err := w.svc.RecordChecklists(w.ctx, a, []ChecklistEntry{{Ref: "S1.3", Result: ResultConform}, {Ref: "S1.4", Result: ResultConform, Interviews: []Interview{{Whom: "Tom", On: day("2025-03-12")}}}})
		var ee *EntryError
		if !errors.As(err, &ee) || ee.Index != 1 || !strings.Contains(err.Error(), "the interview with Tom (interviews[0].on) 2025-03-12 is after today") {
			t.Fatalf("bulk with a future interview: %v", err)
		}
		if _, ok := w.audit1(a).Entry("S1.3"); ok {
			t.Fatal("a refused list left S1.3")
		}
		// Removing an interview is recording the item without it.
		w.must(w.svc.RecordChecklist(w.ctx, a, ChecklistEntry{Ref: "S1.2", Result: ResultOFI}))
		if got := w.entry(a, "S1.2").Interviews; got != nil {
			t.Fatalf("removed interview still there: %+v", got)
		}
	})
}

// TestChecklistEntryWithoutInterviews: an entry kept before interviews
// reads as one without any, and writes back as it was.
func TestChecklistEntryWithoutInterviews(t *testing.T) {
	old := `{"ref":"4.1","result":"conform","notes":"Context"}`
	var e ChecklistEntry
	if err := json.Unmarshal([]byte(old), &e); err != nil {
		t.Fatal(err)
	}
	if e.Interviews != nil || e.Ref != "4.1" {
		t.Fatalf("old entry = %+v", e)
	}
	b, err := json.Marshal(e)
	if err != nil || string(b) != old {
		t.Fatalf("written back as %s (%v)", b, err)
	}
	e.Interviews = []Interview{{Whom: "Ann", Role: "CEO", On: day("2025-03-10")}}
	b, _ = json.Marshal(e)
	if want := `{"ref":"4.1","result":"conform","notes":"Context","interviews":[{"whom":"Ann","role":"CEO","on":"2025-03-10"}]}`; string(b) != want {
		t.Fatalf("with an interview: %s, want %s", b, want)
	}
	if s := fmt.Sprint(e.Interviews[0]); s != "Ann (CEO), 2025-03-10" {
		t.Fatalf("String = %q", s)
	}
}

func (w *world) audit1(id ID) *Audit {
	w.t.Helper()
	f, err := w.svc.File(w.ctx, w.cert)
	w.must(err)
	a, _ := f.Audit(id)
	if a == nil {
		w.t.Fatalf("no audit %d", id)
	}
	return a
}

func (w *world) entry(id ID, ref string) ChecklistEntry {
	w.t.Helper()
	e, ok := w.audit1(id).Entry(ref)
	if !ok {
		w.t.Fatalf("audit %d has no entry %s", id, ref)
	}
	return e
}

// TestInterviewDefault: a form offers today, or the audit's last day if
// earlier, never a day before the audit's actual start.
func TestInterviewDefault(t *testing.T) {
	for _, tc := range []struct {
		name                        string
		start, plannedEnd, end, now string
		want                        string
	}{
		{"during the audit", "2025-03-10", "2025-03-12", "", "2025-03-11", "2025-03-11"},
		{"on its planned last day", "2025-03-10", "2025-03-12", "", "2025-03-12", "2025-03-12"},
		{"after its planned last day", "2025-03-10", "2025-03-12", "", "2025-03-13", "2025-03-12"},
		{"after its actual last day", "2025-03-10", "2025-03-12", "2025-03-11", "2025-03-20", "2025-03-11"},
		{"started after the planned last day", "2025-03-14", "2025-03-12", "", "2025-03-15", "2025-03-14"},
	} {
		a := Audit{ActualStart: day(tc.start), PlannedEnd: day(tc.plannedEnd)}
		if tc.end != "" {
			a.ActualEnd = day(tc.end)
		}
		if got := a.InterviewDefault(day(tc.now)); got != day(tc.want) {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
